package provider

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// patchBodies returns the JSON bodies of the PATCH requests in the mock's log.
func patchBodies(t *testing.T, m *mockgithub.Mock) []map[string]json.RawMessage {
	t.Helper()
	var out []map[string]json.RawMessage
	for _, r := range m.Requests() {
		if r.Method != http.MethodPatch {
			continue
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("PATCH %s body %q: %v", r.Path, r.Body, err)
		}
		out = append(out, body)
	}
	return out
}

// TestAccHostedRunner_unpinAndNoOpUpdates: removing a custom image's version sends
// "image_version": null (the schema's way to ask for the latest) and the runner follows the
// latest version; a change of timeouts alone sends no request at all.
func TestAccHostedRunner_unpinAndNoOpUpdates(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		pinned := "  image = { id = \"1\", source = \"custom\", version = \"1.0.0\" }\n  size = \"4-core\"\n  maximum_runners = 3\n"
		latest := "  image = { id = \"1\", source = \"custom\" }\n  size = \"4-core\"\n  maximum_runners = 3\n"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{Config: runnerConfig(e, sc, "pinned", pinned)},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    runnerConfig(e, sc, "pinned", latest),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image").AtMapKey("version"), knownvalue.Null()),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check: resource.ComposeTestCheckFunc(
						func(*terraform.State) error {
							bodies := patchBodies(t, e.Mock)
							if len(bodies) != 1 || string(bodies[0]["image_version"]) != "null" {
								t.Errorf("unpinning sent PATCH bodies %v, want one with \"image_version\": null", bodies)
							}
							return nil
						},
						checkMockRunner(e, sc, func(r mockgithub.Runner) error {
							if r.ImageVersion != "" {
								t.Errorf("the mock runner is still pinned to %q", r.ImageVersion)
							}
							return nil
						}),
					),
				},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    runnerConfig(e, sc, "pinned", latest+"  timeouts = { update = \"45m\" }\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate),
					}},
					Check: checkNoWrites(e, "a change of timeouts alone"),
				},
			},
		})
	})
}

// TestAccDataSources_platformFilterChecked: a platform filter that names no platform of the
// scope is an error that lists the valid platforms, not an empty result.
func TestAccDataSources_platformFilterChecked(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		for _, ds := range []string{"githubactions_runner_images", "githubactions_runner_image", "githubactions_hosted_runners"} {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{
					{
						Config: e.providerConfig() + `
data "` + ds + `" "test" {
  ` + sc.attr + ` = "` + sc.owner + `"
  platform = "linux-x65"
}
`,
						ExpectError: wordsIn("Unknown Platform", `no platform "linux-x65"`, `Valid platforms: "linux-x64", "linux-arm64", "win-x64"`),
					},
					{
						Config: e.providerConfig() + `
data "githubactions_runner_images" "test" {
  ` + sc.attr + ` = "` + sc.owner + `"
  platform = "linux-arm64"
}
`,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.githubactions_runner_images.test", tfjsonpath.New("images"), knownvalue.ListSizeExact(1)),
						},
					},
				},
			})
		}
	})
}
