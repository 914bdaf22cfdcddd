package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

const policyAddr = "githubactions_self_hosted_runner_policy.test"

// policyConfig renders the policy of sc with body as its settings.
func policyConfig(e *testEnv, sc scopeCase, body string) string {
	return e.providerConfig() + resourceBlock("githubactions_self_hosted_runner_policy", "test", sc, body)
}

// checkPolicy asserts the mock's policy of scope.
func checkPolicy(e *testEnv, scope string, want mockgithub.SelfHostedRunnerPolicy) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := e.Mock.SelfHostedRunnerPolicy(scope)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("the mock's policy of %s is %+v, want %+v", scope, got, want)
		}
		return nil
	}
}

// TestAccSelfHostedRunnerPolicy_organization sets an organization's policy to selected
// repositories, changes the list with the fewest requests, imports it, and on destroy puts
// GitHub's default back.
func TestAccSelfHostedRunnerPolicy_organization(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	ids := memberIDs(t, e, sc)
	list := "^/orgs/acme/actions/permissions/self-hosted-runners/repositories$"
	one := "^/orgs/acme/actions/permissions/self-hosted-runners/repositories/[0-9]+$"
	policy := "^/orgs/acme/actions/permissions/self-hosted-runners$"
	selected := func(ids ...int64) string {
		return fmt.Sprintf("  enabled_repositories = \"selected\"\n  selected_repository_ids = %s", idList(ids...))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "all", SelectedRepositoryIDs: []int64{ids[2]}}),
		Steps: []resource.TestStep{
			{
				PreConfig: e.Mock.ResetRequests,
				Config:    policyConfig(e, sc, selected(ids[0], ids[1])),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[:2]}),
					checkWrites(e, map[string]int{"PUT " + policy: 1, "PUT " + list: 1, "PUT ": 2}),
					resource.TestCheckResourceAttr(policyAddr, "id", "orgs/acme"),
				),
			},
			{
				PreConfig: e.Mock.ResetRequests,
				Config:    policyConfig(e, sc, selected(ids[0], ids[1], ids[2])),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[:3]}),
					checkWrites(e, map[string]int{"PUT " + one: 1, "PUT ": 1, "DELETE ": 0}),
				),
			},
			{
				PreConfig: e.Mock.ResetRequests,
				Config:    policyConfig(e, sc, selected(ids[2])),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[2:3]}),
					checkWrites(e, map[string]int{"PUT " + list: 1, "PUT ": 1, "DELETE ": 0}),
				),
			},
			{ResourceName: policyAddr, ImportState: true, ImportStateVerify: true, ImportStateId: "orgs/acme"},
			{
				// A repository added outside Terraform shows as a change back.
				PreConfig: func() {
					e.Mock.SetSelfHostedRunnerPolicy(sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[1:3]})
				},
				Config: policyConfig(e, sc, selected(ids[2])),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate)},
				},
				Check: checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[2:3]}),
			},
			{
				PreConfig: e.Mock.ResetRequests,
				Config:    policyConfig(e, sc, `  enabled_repositories = "none"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "none", SelectedRepositoryIDs: ids[2:3]}),
					checkWrites(e, map[string]int{"PUT " + policy: 1, "PUT ": 1}),
					resource.TestCheckNoResourceAttr(policyAddr, "selected_repository_ids"),
				),
			},
		},
	})
}

// TestAccSelfHostedRunnerPolicy_enterprise disables repository-level runners in an
// enterprise, imports the setting, turns it off again, and on destroy leaves GitHub's default.
func TestAccSelfHostedRunnerPolicy_enterprise(t *testing.T) {
	t.Parallel()
	sc := scopeCases[1]
	e := newTestEnv(t, mockgithub.Config{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{}),
		Steps: []resource.TestStep{
			{
				Config: policyConfig(e, sc, "  disable_self_hosted_runners_for_all_orgs = true"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{DisableForAllOrgs: true}),
					resource.TestCheckResourceAttr(policyAddr, "id", "enterprises/acme-corp"),
					resource.TestCheckNoResourceAttr(policyAddr, "enabled_repositories"),
				),
			},
			{ResourceName: policyAddr, ImportState: true, ImportStateVerify: true, ImportStateId: "enterprises/acme-corp"},
			{
				Config: policyConfig(e, sc, "  disable_self_hosted_runners_for_all_orgs = false"),
				Check:  checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{}),
			},
			{
				// Destroying puts the default back even after a change outside Terraform.
				PreConfig: func() {
					e.Mock.SetSelfHostedRunnerPolicy(sc.path, mockgithub.SelfHostedRunnerPolicy{DisableForAllOrgs: true})
				},
				Config:  policyConfig(e, sc, "  disable_self_hosted_runners_for_all_orgs = true"),
				Destroy: true,
			},
		},
	})
}

// TestAccSelfHostedRunnerPolicy_enterpriseForbids is fault-matrix row 33: when the enterprise
// disables self-hosted runners for all organizations, GitHub answers 409 to the organization's
// change; the error names the enterprise setting and state and GitHub keep the old policy.
func TestAccSelfHostedRunnerPolicy_enterpriseForbids(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	ids := memberIDs(t, e, sc)
	before := fmt.Sprintf("  enabled_repositories = \"selected\"\n  selected_repository_ids = %s", idList(ids[0]))
	forbid := func(on bool) func() {
		return func() {
			e.Mock.SetSelfHostedRunnerPolicy("enterprises/acme-corp", mockgithub.SelfHostedRunnerPolicy{DisableForAllOrgs: on})
		}
	}
	kept := checkPolicy(e, sc.path, mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: ids[:1]})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: policyConfig(e, sc, before), Check: kept},
			{
				PreConfig:   forbid(true),
				Config:      policyConfig(e, sc, `  enabled_repositories = "none"`),
				ExpectError: regexp.MustCompile(`(?s)409 Conflict.*disable_self_hosted_runners_for_all_orgs\s+=\s+true.*Nothing\s+was\s+changed`),
			},
			{
				// The single-repository add is refused the same way.
				Config:      policyConfig(e, sc, fmt.Sprintf("  enabled_repositories = \"selected\"\n  selected_repository_ids = %s", idList(ids[0], ids[1]))),
				ExpectError: regexp.MustCompile(`(?s)Unable to Update Self-Hosted Runner Policy.*disable_self_hosted_runners_for_all_orgs`),
			},
			{
				// State still holds the old policy: with the enterprise's lock lifted, nothing changes.
				PreConfig: forbid(false),
				Config:    policyConfig(e, sc, before),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: kept,
			},
		},
	})
}

// TestAccSelfHostedRunnerPolicy_badConfig refuses settings of the wrong scope at plan, with no request.
func TestAccSelfHostedRunnerPolicy_badConfig(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	org, ent := scopeCases[0], scopeCases[1]
	var steps []resource.TestStep
	for _, c := range []struct {
		sc        scopeCase
		body, err string
	}{
		{org, "", "Missing Enabled Repositories"},
		{org, `  enabled_repositories = "all"` + "\n  disable_self_hosted_runners_for_all_orgs = true", "Setting Needs an Enterprise"},
		{org, `  enabled_repositories = "all"` + "\n  selected_repository_ids = [1]", "Selection Needs Selected Repositories"},
		{org, `  enabled_repositories = "some"`, "value must be one of"},
		{org, `  enabled_repositories = "selected"` + "\n  selected_repository_ids = [0, 2.5]", "(must be at least 1|whole number)"},
		{ent, "", "Missing Enterprise Setting"},
		{ent, `  enabled_repositories = "all"` + "\n  disable_self_hosted_runners_for_all_orgs = true", "Setting Needs an Organization"},
	} {
		steps = append(steps, resource.TestStep{Config: policyConfig(e, c.sc, c.body), PlanOnly: true, ExpectError: regexp.MustCompile(c.err)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
	if n := len(e.Mock.Requests()); n != 0 {
		t.Errorf("refused configurations sent %d requests, want none", n)
	}
}

// TestAccSelfHostedRunnerPolicy_destroyWarns plans a destroy with the Terraform CLI and checks
// the warning that GitHub's default comes back, then destroys and checks the default in the mock.
func TestAccSelfHostedRunnerPolicy_destroyWarns(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	e := newWallClockEnv(t, mockgithub.Config{})
	work := t.TempDir()
	cfg := envProviderHead + `
resource "githubactions_self_hosted_runner_policy" "org" {
  organization         = "acme"
  enabled_repositories = "none"
}

resource "githubactions_self_hosted_runner_policy" "enterprise" {
  enterprise                               = "acme-corp"
  disable_self_hosted_runners_for_all_orgs = false
}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"GITHUB_BASE_URL=" + e.URL, "GITHUB_TOKEN=" + e.Token}
	c.mustRun(work, env, "init", "-input=false", "-no-color")
	c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
	if p := e.Mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "none" {
		t.Fatalf("after apply the organization's policy is %+v", p)
	}
	e.Mock.ResetRequests()
	out := c.mustRun(work, env, "plan", "-destroy", "-input=false", "-no-color")
	for _, want := range []string{
		`Destroying Restores GitHub's Default Self-Hosted Runner Policy`,
		`enabled_repositories = "all"`,
		`disable_self_hosted_runners_for_all_orgs = false`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the destroy plan does not say %q:\n%s", want, out)
		}
	}
	if n := len(e.Mock.Requests()) - e.Mock.Count(http.MethodGet, ""); n != 0 {
		t.Errorf("the destroy plan wrote %d times", n)
	}
	c.mustRun(work, env, "destroy", "-input=false", "-no-color", "-auto-approve")
	if p := e.Mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "all" {
		t.Errorf("after destroy the organization's policy is %+v, want all", p)
	}
	if p := e.Mock.SelfHostedRunnerPolicy("enterprises/acme-corp"); p.DisableForAllOrgs {
		t.Errorf("after destroy the enterprise's policy is %+v, want false", p)
	}
}
