package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// migrationGuideExample is the configuration the guide "Moving from integrations/github"
// tells users to write once the old resource is out of the old provider's state.
const migrationGuideExample = "../../examples/guides/migrating-from-integrations-github/main.tf"

// TestAccMigrationGuide follows the migration guide end to end: a runner that the
// integrations/github provider made (id 42 in the organization my-org, as in the guide) is
// adopted by the guide's own configuration through its import {} block, and is never
// re-created.
func TestAccMigrationGuide(t *testing.T) {
	t.Parallel()
	const scope = "orgs/my-org"
	e := newTestEnv(t, mockgithub.Config{Orgs: []string{"my-org"}})
	// What github_actions_hosted_runner creates: a github-owned image, the default group,
	// no static IP.
	existing := e.Mock.AddRunner(scope, mockgithub.Runner{
		ID:             42,
		Name:           "ubuntu-4core",
		RunnerGroupID:  1,
		ImageID:        "ubuntu-latest",
		ImageSource:    "github",
		Size:           "4-core",
		MaximumRunners: 10,
	})

	const addr = "githubactions_hosted_runner.linux"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: guideResources(t, migrationGuideExample) + e.providerConfig(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("42")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization"), knownvalue.StringExact("my-org")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("ubuntu-4core")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("size"), knownvalue.StringExact("4-core")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("maximum_runners"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("image").AtMapKey("id"), knownvalue.StringExact("ubuntu-latest")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact(mockgithub.StatusReady)),
				runnerNeverRecreated{mock: e.Mock, scope: scope, want: existing},
			},
		}},
		CheckDestroy: checkNoRunners(e, scopeCase{path: scope}),
	})
}

// runnerNeverRecreated checks in the mock that the scope still holds exactly the runner the
// other provider made (same id, same creation time) and that nothing was created, changed
// or deleted through the API.
type runnerNeverRecreated struct {
	mock  *mockgithub.Mock
	scope string
	want  mockgithub.Runner
}

// CheckState implements statecheck.StateCheck.
func (c runnerNeverRecreated) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	runners := c.mock.Runners(c.scope)
	if len(runners) != 1 || runners[0].ID != c.want.ID || !runners[0].CreatedAt.Equal(c.want.CreatedAt) {
		resp.Error = fmt.Errorf("want exactly runner %d created at %s, the mock holds %+v", c.want.ID, c.want.CreatedAt, runners)
		return
	}
	for _, method := range []string{"POST", "PATCH", "DELETE"} {
		if n := c.mock.Count(method, ""); n != 0 {
			resp.Error = fmt.Errorf("the migration sent %d %s request(s); it must only read", n, method)
			return
		}
	}
	if c.mock.Count("GET", fmt.Sprintf("^/%s/actions/hosted-runners/%d$", c.scope, c.want.ID)) == 0 {
		resp.Error = fmt.Errorf("the import never read runner %d", c.want.ID)
	}
}

// guideResources returns a guide example without its terraform and provider blocks: the
// tests serve the provider in-process (under the default namespace) and point it at their
// own mock, so only the example's resources, data sources and import blocks are kept.
func guideResources(t *testing.T, path string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		t.Fatalf("reading the guide example: %v", err)
	}
	f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parsing %s: %s", path, diags.Error())
	}
	body := f.Body()
	for _, b := range body.Blocks() {
		if b.Type() == "terraform" || b.Type() == "provider" {
			body.RemoveBlock(b)
		}
	}
	return string(f.Bytes())
}
