package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

func TestAccRunnerImageDataSources(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		const list, one = "data.githubactions_runner_images.test", "data.githubactions_runner_image.test"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config: dataConfig(e, sc, "githubactions_runner_images", "") +
						dataConfig(e, sc, "githubactions_runner_image", `
  platform           = "linux-x64"
  display_name_regex = "^Ubuntu 22"
`)[len(e.providerConfig()):] + `
data "githubactions_runner_images" "partner_arm" {
  ` + sc.attr + ` = "` + sc.owner + `"
  source   = "partner"
  platform = "linux-arm64"
}
data "githubactions_runner_image" "by_id" {
  ` + sc.attr + ` = "` + sc.owner + `"
  id = "windows-2022"
}
data "githubactions_runner_image" "by_name" {
  ` + sc.attr + ` = "` + sc.owner + `"
  source       = "partner"
  platform     = "linux-x64"
  display_name = "NVIDIA GPU Ubuntu 22.04"
}
`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(list, tfjsonpath.New("source"), knownvalue.StringExact("github")),
						statecheck.ExpectKnownValue(list, tfjsonpath.New("images"), knownvalue.ListSizeExact(6)),
						statecheck.ExpectKnownValue(list, tfjsonpath.New("images").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("ubuntu-latest"), "platform": knownvalue.StringExact("linux-x64"),
							"size_gb": knownvalue.Int64Exact(86), "display_name": knownvalue.StringExact("Ubuntu Latest (24.04)"),
							"source": knownvalue.StringExact("github"),
						})),
						statecheck.ExpectKnownValue("data.githubactions_runner_images.partner_arm", tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("partner-docker-ubuntu-22.04-arm"), "source": knownvalue.StringExact("partner")}),
						})),
						statecheck.ExpectKnownValue(one, tfjsonpath.New("id"), knownvalue.StringExact("ubuntu-22.04")),
						statecheck.ExpectKnownValue(one, tfjsonpath.New("display_name"), knownvalue.StringExact("Ubuntu 22.04")),
						statecheck.ExpectKnownValue("data.githubactions_runner_image.by_id", tfjsonpath.New("platform"), knownvalue.StringExact("win-x64")),
						statecheck.ExpectKnownValue("data.githubactions_runner_image.by_id", tfjsonpath.New("display_name"), knownvalue.StringExact("Windows Server 2022")),
						statecheck.ExpectKnownValue("data.githubactions_runner_image.by_name", tfjsonpath.New("id"), knownvalue.StringExact("partner-nvidia-ubuntu-22.04")),
						statecheck.ExpectKnownValue("data.githubactions_runner_image.by_name", tfjsonpath.New("size_gb"), knownvalue.Int64Exact(120)),
					},
				},
				{
					Config:      dataConfig(e, sc, "githubactions_runner_image", `display_name = "Ubuntu 24.04"`),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*\[id,platform\]`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_runner_images", `source = "custom"`),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Invalid Attribute Value Match`),
				},
				{
					// A tie: three GitHub-owned linux-x64 images start with "Ubuntu"; the error lists them.
					Config: dataConfig(e, sc, "githubactions_runner_image", `
  platform           = "linux-x64"
  display_name_regex = "^Ubuntu"
`),
					ExpectError: regexp.MustCompile(`(?s)Several Runner Images Match.*3 runner images match.*ubuntu-22.04.*ubuntu-24.04.*ubuntu-latest`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_runner_image", `id = "macos-latest"`),
					ExpectError: regexp.MustCompile(`(?s)Runner Image Not Found.*No runner image matches id "macos-latest" among the 6 github images`),
				},
			},
		})
	})
}
