package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// migrationGuideGroupExample is the runner group part of the guide "Moving from integrations/github".
const migrationGuideGroupExample = "../../examples/guides/migrating-from-integrations-github/runner_group.tf"

// TestAccRunnerGroup_migrationGuide adopts, with the guide's own configuration, the group that
// github_actions_runner_group made (ID 4 in my-org), and checks that nothing is written.
func TestAccRunnerGroup_migrationGuide(t *testing.T) {
	t.Parallel()
	const scope = "orgs/my-org"
	e := newTestEnv(t, mockgithub.Config{Orgs: []string{"my-org"}})
	e.Mock.AddRepository(scope, mockgithub.Repository{ID: 123456789, Name: "deploy-target", Private: true})
	e.Mock.AddRunnerGroup(scope, mockgithub.RunnerGroup{
		ID: 4, Name: "deploy", Visibility: "selected", SelectedIDs: []int64{123456789}, RestrictedToWorkflows: true,
		SelectedWorkflows: []string{"my-org/infra/.github/workflows/deploy.yml@refs/heads/main"},
	})
	const addr = "githubactions_runner_group.deploy"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: guideResources(t, migrationGuideGroupExample) + e.providerConfig(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("4")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("selected_repository_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.Int64Exact(123456789)})),
			},
			Check: func(*terraform.State) error {
				if n := len(e.Mock.Requests()) - e.Mock.Count("GET", ""); n != 0 {
					return fmt.Errorf("the migration sent %d writes; it must only read: %s", n, writeLog(e))
				}
				return nil
			},
		}},
		// Destroying the adopted group afterwards is an ordinary destroy: the group is gone.
		CheckDestroy: func(*terraform.State) error {
			if _, ok := e.Mock.GetRunnerGroup(scope, 4); ok {
				return fmt.Errorf("group 4 survived the destroy")
			}
			return nil
		},
	})
}
