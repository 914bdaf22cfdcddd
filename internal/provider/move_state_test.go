package provider

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// integrationsGitHubVersion is the release of integrations/terraform-provider-github the move
// tests run; the GNUmakefile builds it into bin/.
const integrationsGitHubVersion = "6.13.0"

// integrationsGitHubBin is where the GNUmakefile builds it.
const integrationsGitHubBin = "../../bin/terraform-provider-github_v" + integrationsGitHubVersion

// movedBlocksSince is the first Terraform with `moved` blocks across resource types of
// different providers (OpenTofu has them in every release this provider supports).
var movedBlocksSince = tfversion.Version1_8_0

// integrationsGitHubEnv is a test env that integrations/github can reach too (the test env
// serves the mock under /api/v3, the path a non-github.com base_url gets): it installs the source
// provider from bin/ through a filesystem mirror, and sets GITHUB_OWNER, the organization a
// move reads. It sets environment variables, so its tests cannot run in parallel.
type integrationsGitHubEnv struct {
	*testEnv
	sourceURL string
}

func newIntegrationsGitHubEnv(t *testing.T, org string) *integrationsGitHubEnv {
	t.Helper()
	bin := integrationsGitHubPath(t)
	mirror := t.TempDir()
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		mirrorProvider(t, mirror, host+"/integrations/github", integrationsGitHubVersion, bin)
	}
	rc := filepath.Join(mirror, "terraformrc")
	cfg := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/integrations/github", "registry.opentofu.org/integrations/github"]
  }
}
`, mirror)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
	t.Setenv("GITHUB_OWNER", org)

	e := newTestEnv(t, mockgithub.Config{Orgs: []string{org}})
	return &integrationsGitHubEnv{testEnv: e, sourceURL: e.URL + "/"}
}

// integrationsGitHubPath returns the absolute path of integrations/github in bin/, failing
// the test, saying how to build it, when it is missing.
func integrationsGitHubPath(t *testing.T) string {
	t.Helper()
	bin, err := filepath.Abs(integrationsGitHubBin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("this test needs integrations/github v%s in bin/: run `make %s` (%v)",
			integrationsGitHubVersion, strings.TrimPrefix(integrationsGitHubBin, "../../"), err)
	}
	return bin
}

// sourceProviderConfig renders integrations/github's provider block for the mock.
func (e *integrationsGitHubEnv) sourceProviderConfig(org string) string {
	return fmt.Sprintf(`
provider "github" {
  owner    = %q
  base_url = %q
  token    = %q
}
`, org, e.sourceURL, e.Token)
}

// sourceProviders is integrations/github from the mirror, next to this provider in-process.
func (e *integrationsGitHubEnv) sourceProviders() map[string]resource.ExternalProvider {
	return map[string]resource.ExternalProvider{
		"github": {Source: "integrations/github", VersionConstraint: integrationsGitHubVersion},
	}
}

// writes counts the mock's POST, PATCH, PUT and DELETE requests so far.
func writes(m *mockgithub.Mock) int {
	return m.Count("POST", "") + m.Count("PATCH", "") + m.Count("PUT", "") + m.Count("DELETE", "")
}

// TestAccMovedFromIntegrationsGitHub_count has integrations/github create two runners (count:
// the plugin-testing state shim cannot read for_each keys), then moves both with one moved
// block, in a configuration without the github provider, and checks that the ids are kept,
// that the move sent no write and that the next plan is empty.
func TestAccMovedFromIntegrationsGitHub_count(t *testing.T) { // not parallel: sets TF_CLI_CONFIG_FILE and GITHUB_OWNER
	const org = "acme"
	e := newIntegrationsGitHubEnv(t, org)
	source := `
resource "github_actions_hosted_runner" "linux" {
  count           = 2
  name            = "linux-${count.index}"
  size            = "4-core"
  runner_group_id = 1
  maximum_runners = 5
  image {
    id     = "ubuntu-latest"
    source = "github"
  }
}
`
	target := fmt.Sprintf(`
moved {
  from = github_actions_hosted_runner.linux
  to   = githubactions_hosted_runner.linux
}

resource "githubactions_hosted_runner" "linux" {
  count           = 2
  organization    = %q
  name            = "linux-${count.index}"
  size            = "4-core"
  maximum_runners = 5
  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}
`, org)
	ids := map[string]string{}
	var before int
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(movedBlocksSince)},
		Steps: []resource.TestStep{
			{
				ExternalProviders: e.sourceProviders(),
				Config:            e.sourceProviderConfig(org) + source,
				ConfigStateChecks: []statecheck.StateCheck{runnerIDs{ids: ids, prefix: "github_actions_hosted_runner.linux", n: 2}},
			},
			{
				// The github provider is gone from the configuration: the move does not need it.
				// It did not wait for its runners, and runs out of process, off the fake clock:
				// let the mock's time pass between the two runs, so that they are Ready.
				PreConfig: func() {
					e.clock.Advance(time.Minute)
					before = writes(e.Mock)
				},
				ProtoV6ProviderFactories: e.factories(),
				Config:                   e.providerConfig() + target,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("githubactions_hosted_runner.linux[0]", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("githubactions_hosted_runner.linux[1]", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					runnerIDs{ids: ids, prefix: "githubactions_hosted_runner.linux", want: true},
					noWritesSince{mock: e.Mock, before: &before},
					statecheck.ExpectKnownValue("githubactions_hosted_runner.linux[0]", tfjsonpath.New("organization"), knownvalue.StringExact(org)),
					statecheck.ExpectKnownValue("githubactions_hosted_runner.linux[0]", tfjsonpath.New("runner_group_id"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("githubactions_hosted_runner.linux[0]", tfjsonpath.New("status"), knownvalue.StringExact(mockgithub.StatusReady)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := writes(e.Mock) - before; n != 2 {
				return fmt.Errorf("want the 2 DELETEs of destroy after the move, the mock logged %d writes", n)
			}
			return checkNoRunners(e.testEnv, scopeCase{path: "orgs/" + org})(nil)
		},
	})
}

// runnerIDs records (want false) or checks (want true) the ids of the instances of the
// resource prefix in state, keyed by count index ("<nil>" without count); recording expects n.
type runnerIDs struct {
	ids    map[string]string
	prefix string
	n      int
	want   bool
}

// CheckState implements statecheck.StateCheck.
func (c runnerIDs) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	got := map[string]string{}
	if req.State != nil && req.State.Values != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			if key := fmt.Sprint(r.Index); r.Address == c.prefix || r.Address == c.prefix+"["+key+"]" {
				got[key], _ = r.AttributeValues["id"].(string)
			}
		}
	}
	if !c.want {
		maps.Copy(c.ids, got)
		if len(got) != c.n || slices.Contains(slices.Collect(maps.Values(got)), "") {
			resp.Error = fmt.Errorf("want the ids of %d runners in %s, state holds %v", c.n, c.prefix, got)
		}
		return
	}
	if !maps.Equal(got, c.ids) {
		resp.Error = fmt.Errorf("want the ids %v kept by the move, %s holds %v", c.ids, c.prefix, got)
	}
}

// noWritesSince checks that the mock logged no POST, PATCH, PUT or DELETE after *before writes.
type noWritesSince struct {
	mock   *mockgithub.Mock
	before *int
}

// CheckState implements statecheck.StateCheck.
func (c noWritesSince) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if n := writes(c.mock) - *c.before; n != 0 {
		resp.Error = fmt.Errorf("the move sent %d POST, PATCH, PUT or DELETE request(s); it must only read", n)
	}
}

// TestAccMovedFromIntegrationsGitHub_runnerGroups has integrations/github create an
// organization group (selected repositories, restricted to a workflow) and an enterprise
// group, then moves both to githubactions_runner_group with moved blocks: the same ids, no
// write, an empty plan.
func TestAccMovedFromIntegrationsGitHub_runnerGroups(t *testing.T) { // not parallel: sets TF_CLI_CONFIG_FILE and GITHUB_OWNER
	const org, ent = "acme", "acme-corp"
	const workflow = "acme/infra/.github/workflows/deploy.yml@refs/heads/main"
	e := newIntegrationsGitHubEnv(t, org)
	orgIDs, entIDs := map[string]string{}, map[string]string{}
	var before int
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(movedBlocksSince)},
		Steps: []resource.TestStep{
			{
				ExternalProviders: e.sourceProviders(),
				Config: e.sourceProviderConfig(org) +
					hclBlock(`resource "github_actions_runner_group" "deploy"`,
						`name                    = "deploy"`,
						`visibility              = "selected"`,
						`selected_repository_ids = [100001, 100002]`,
						`restricted_to_workflows = true`,
						fmt.Sprintf("selected_workflows      = [%q]", workflow)) +
					hclBlock(`resource "github_enterprise_actions_runner_group" "shared"`,
						fmt.Sprintf("enterprise_slug           = %q", ent),
						`name                      = "shared"`,
						`visibility                = "selected"`,
						`selected_organization_ids = [1001]`),
				ConfigStateChecks: []statecheck.StateCheck{
					runnerIDs{ids: orgIDs, prefix: "github_actions_runner_group.deploy", n: 1},
					runnerIDs{ids: entIDs, prefix: "github_enterprise_actions_runner_group.shared", n: 1},
				},
			},
			{
				PreConfig:                func() { before = writes(e.Mock) },
				ProtoV6ProviderFactories: e.factories(),
				Config: e.providerConfig() +
					movedBlock("github_actions_runner_group.deploy", "githubactions_runner_group.deploy") +
					movedBlock("github_enterprise_actions_runner_group.shared", "githubactions_runner_group.shared") +
					hclBlock(`resource "githubactions_runner_group" "deploy"`,
						fmt.Sprintf("organization            = %q", org),
						`name                    = "deploy"`,
						`visibility              = "selected"`,
						`selected_repository_ids = [100001, 100002]`,
						`restricted_to_workflows = true`,
						fmt.Sprintf("selected_workflows      = [%q]", workflow)) +
					hclBlock(`resource "githubactions_runner_group" "shared"`,
						fmt.Sprintf("enterprise                = %q", ent),
						`name                      = "shared"`,
						`visibility                = "selected"`,
						`selected_organization_ids = [1001]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("githubactions_runner_group.deploy", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("githubactions_runner_group.shared", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					runnerIDs{ids: orgIDs, prefix: "githubactions_runner_group.deploy", want: true},
					runnerIDs{ids: entIDs, prefix: "githubactions_runner_group.shared", want: true},
					noWritesSince{mock: e.Mock, before: &before},
					statecheck.ExpectKnownValue("githubactions_runner_group.deploy", tfjsonpath.New("organization"), knownvalue.StringExact(org)),
					statecheck.ExpectKnownValue("githubactions_runner_group.shared", tfjsonpath.New("enterprise"), knownvalue.StringExact(ent)),
					statecheck.ExpectKnownValue("githubactions_runner_group.deploy", tfjsonpath.New("selected_repository_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.Int64Exact(100001), knownvalue.Int64Exact(100002)})),
				},
			},
		},
	})
}
