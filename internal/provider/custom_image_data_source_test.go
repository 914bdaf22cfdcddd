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

func TestAccCustomImageDataSources(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		// 1.10.0 is above 1.9.0 numerically (not as text); 2.0.0 is the highest but not Ready.
		e.Mock.AddCustomImageVersion(sc.path, 1, mockgithub.CustomImageVersion{Version: "1.9.0", SizeGB: 33})
		e.Mock.AddCustomImageVersion(sc.path, 1, mockgithub.CustomImageVersion{Version: "1.10.0", SizeGB: 34, CreatedOn: "2026-01-02T03:04:05Z"})
		e.Mock.AddCustomImageVersion(sc.path, 1, mockgithub.CustomImageVersion{Version: "2.0.0", State: "Generating"})
		e.Mock.AddCustomImage(sc.path, mockgithub.CustomImage{ID: 7, Name: "dup", Platform: "linux-x64"})
		e.Mock.AddCustomImage(sc.path, mockgithub.CustomImage{ID: 8, Name: "dup", Platform: "linux-x64"})
		scoped := sc.attr + " = \"" + sc.owner + "\"\n"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config: e.providerConfig() + `
data "githubactions_custom_images" "all" {
  ` + scoped + `
}
data "githubactions_custom_image" "by_name" {
  ` + scoped + `
  name = "win-build"
}
data "githubactions_custom_image" "by_id" {
  ` + scoped + `
  id = 1
}
data "githubactions_custom_image_versions" "all" {
  ` + scoped + `
  image_definition_id = 1
}
data "githubactions_custom_image_version" "latest" {
  ` + scoped + `
  image_definition_id = data.githubactions_custom_image.by_id.id
  latest              = true
}
data "githubactions_custom_image_version" "failed" {
  ` + scoped + `
  image_definition_id = 1
  version             = "1.2.0"
}
`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.githubactions_custom_images.all", tfjsonpath.New("images"), knownvalue.ListSizeExact(4)),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_name", tfjsonpath.New("id"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_name", tfjsonpath.New("platform"), knownvalue.StringExact("win-x64")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_id", tfjsonpath.New("name"), knownvalue.StringExact("ci-base")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_id", tfjsonpath.New("versions_count"), knownvalue.Int64Exact(6)),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_id", tfjsonpath.New("latest_version"), knownvalue.StringExact("1.10.0")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image.by_id", tfjsonpath.New("source"), knownvalue.StringExact("custom")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_versions.all", tfjsonpath.New("versions"), knownvalue.ListSizeExact(6)),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_version.latest", tfjsonpath.New("version"), knownvalue.StringExact("1.10.0")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_version.latest", tfjsonpath.New("size_gb"), knownvalue.Int64Exact(34)),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_version.latest", tfjsonpath.New("created_on"), knownvalue.StringExact("2026-01-02T03:04:05Z")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_version.failed", tfjsonpath.New("state"), knownvalue.StringExact("Failed")),
						statecheck.ExpectKnownValue("data.githubactions_custom_image_version.failed", tfjsonpath.New("state_details"),
							knownvalue.StringRegexp(regexp.MustCompile("exited with code 1"))),
					},
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image_version", "image_definition_id = 1\nlatest = false"),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*latest Value must be "true"`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image", `name = "dup"`),
					ExpectError: regexp.MustCompile(`(?s)Several Custom Images Match.*dup \(ID 7\), dup \(ID 8\)`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image", `name = "golden"`),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Not Found.*the\s+name\s+"golden".*Those\s+that\s+exist:.*dup\s+\(ID\s+7\),\s+dup\s+\(ID\s+8\)`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image", `id = 99`),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Not Found.*no custom image definition with ID 99`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image_versions", `image_definition_id = 99`),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Not Found.*ID 99`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_custom_image_version", "image_definition_id = 2\nversion = \"9.9.9\""),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Version Not Found.*no version "9.9.9" of custom image 2`),
				},
			},
		})
	})
}

func TestAccCustomImageVersionDataSource_noReadyVersion(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		e.Mock.AddCustomImage(sc.path, mockgithub.CustomImage{ID: 5, Name: "broken", Platform: "linux-x64"})
		e.Mock.AddCustomImageVersion(sc.path, 5, mockgithub.CustomImageVersion{Version: "1.0.0", State: "Failed"})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      dataConfig(e, sc, "githubactions_custom_image_version", "image_definition_id = 5\nlatest = true"),
				ExpectError: regexp.MustCompile(`(?s)Custom Image Version Not Found.*no\s+version\s+in\s+state\s+Ready\s+\(it\s+has\s+1\s+versions`),
			}},
		})
	})
}
