package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// upperScope is sc with its name spelled in upper case.
func upperScope(sc scopeCase) scopeCase {
	sc.owner = strings.ToUpper(sc.owner)
	return sc
}

// checkNoWrites fails when the mock logged any request but a GET since its log was reset.
func checkNoWrites(e *testEnv, what string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if w := writesTo(e.Mock); len(w) != 0 {
			return fmt.Errorf("%s wrote to GitHub: %v", what, w)
		}
		return nil
	}
}

// TestAccScope_caseOnlyChange: GitHub treats organization and enterprise names
// case-insensitively, so changing only their letter case is no change at all: the plan of the
// runner, the custom image and its version, the runner group and the network configuration is
// empty, nothing is written, the state keeps its spelling, and a data source reads the same scope.
func TestAccScope_caseOnlyChange(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		settings := settingsIDs(t, e, sc)[0]
		config := func(sc scopeCase) string {
			return runnerConfig(e, sc, "cased", basicRunnerBody) +
				resourceBlock("githubactions_network_configuration", "test", sc,
					`name                = "cased-net"`,
					`compute_service     = "actions"`,
					fmt.Sprintf("network_settings_id = %q", settings)) +
				resourceBlock("githubactions_runner_group", "test", sc,
					`name  = "cased-group"`,
					`network_configuration_id = githubactions_network_configuration.test.id`) +
				resourceBlock("githubactions_custom_image", "test", sc, `image_definition_id = 2`) +
				resourceBlock("githubactions_custom_image_version", "test", sc,
					`image_definition_id = 1`,
					`version             = "1.0.0"`) +
				dataBlock("githubactions_hosted_runners", "all", sc, `depends_on = [githubactions_hosted_runner.test]`)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{Config: config(sc)},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    config(upperScope(sc)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(imageAddr, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(versionAddr, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction("githubactions_runner_group.test", plancheck.ResourceActionNoop),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New(sc.attr), knownvalue.StringExact(sc.owner)),
						statecheck.ExpectKnownValue("data.githubactions_hosted_runners.all", tfjsonpath.New("runners"), knownvalue.ListSizeExact(1)),
					},
					Check: resource.ComposeTestCheckFunc(
						checkNoWrites(e, "a change of letter case"),
						checkMockRunner(e, sc, func(r mockgithub.Runner) error { return nil }),
					),
				},
			},
		})
	})
}

// TestAccScope_importWithOtherCase: importing orgs/ACME/<id> into a configuration that says
// acme, with an import block or the classic command, plans only the import ("1 to import, 0 to
// change") and writes nothing; the plans after it are empty.
func TestAccScope_importWithOtherCase(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		r := e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "cased", ImageID: "ubuntu-latest", Size: "4-core", MaximumRunners: 3})
		upperID := fmt.Sprintf("%s/%s/%d", strings.Split(sc.path, "/")[0], upperScope(sc).owner, r.ID)
		config := runnerConfig(e, sc, "cased", basicRunnerBody)
		importOnly := resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprint(r.ID))),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config:           config + fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", runnerAddr, upperID),
					ConfigPlanChecks: importOnly,
					Check:            checkNoWrites(e, "importing with another spelling"),
				},
				{
					Config:       config,
					ResourceName: runnerAddr,
					ImportState:  true,
					// The classic command, into a state that holds the runner already: the
					// import ID's spelling must verify against the configuration's.
					ImportStateId:           upperID,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{sc.attr, "timeouts"},
				},
				{
					Config:           config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check:            checkNoWrites(e, "a plan after importing with another spelling"),
				},
			},
		})
	})
}

// TestStaticIPClaimsOneScopeAcrossSpellings: the static IP claims of one organization or
// enterprise written in two letter cases are counted together, apart from another scope's.
func TestStaticIPClaimsOneScopeAcrossSpellings(t *testing.T) {
	var claims staticIPClaims
	claims.claim(client.Organization("acme"), types.StringValue("lower"))
	claims.claim(client.Organization("other"), types.StringValue("elsewhere"))
	got := claims.claim(client.Organization("ACME"), types.StringValue("upper"))
	if want := []string{`"lower"`, `"upper"`}; !slices.Equal(got, want) {
		t.Errorf("claims of acme and ACME = %v, want %v", got, want)
	}
	if got := claims.claim(client.Enterprise("Acme"), types.StringValue("ent")); len(got) != 1 {
		t.Errorf("the enterprise Acme shares the organization's claims: %v", got)
	}
}
