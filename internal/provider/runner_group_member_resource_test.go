package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// memberCase is one membership resource: its type, arguments and the mock's path segment.
type memberCase struct {
	scopeCase
	typ, memberAttr, segment string
}

var memberCases = []memberCase{
	{scopeCases[0], "githubactions_runner_group_repository", "repository_id", "repositories"},
	{scopeCases[1], "githubactions_runner_group_organization", "organization_id", "organizations"},
}

// addr is the test membership's address.
func (mc memberCase) addr() string { return mc.typ + ".test" }

// config renders one membership of group to member.
func (mc memberCase) config(e *testEnv, group, member string) string {
	return e.providerConfig() + resourceBlock(mc.typ, "test", mc.scopeCase,
		"runner_group_id = "+group,
		mc.memberAttr+" = "+member)
}

// writesOf counts the non-GET requests in the mock's log.
func writesOf(m *mockgithub.Mock) int { return len(m.Requests()) - m.Count(http.MethodGet, "") }

// setGroupMembers replaces a group's members out of band.
func setGroupMembers(e *testEnv, sc scopeCase, group int64, ids ...int64) {
	g, ok := e.Mock.GetRunnerGroup(sc.path, group)
	if !ok {
		e.t.Fatalf("no group %d in %s", group, sc.path)
	}
	g.SelectedIDs = ids
	e.Mock.AddRunnerGroup(sc.path, g)
}

// checkGroupMembers asserts the members of the seeded group 3 (visibility selected) in the mock.
func checkGroupMembers(e *testEnv, sc scopeCase, want ...int64) resource.TestCheckFunc {
	const group = 3
	return func(*terraform.State) error {
		g, _ := e.Mock.GetRunnerGroup(sc.path, group)
		got := slices.Sorted(slices.Values(g.SelectedIDs))
		if fmt.Sprint(got) != fmt.Sprint(slices.Sorted(slices.Values(want))) {
			return fmt.Errorf("group %d of %s has members %v, want %v", group, sc.path, got, want)
		}
		return nil
	}
}

// TestAccRunnerGroupMember_lifecycle adds one member to the seeded group 3 (visibility
// selected, one member already) with one PUT, imports it, re-creates it after it was removed
// outside Terraform, and destroys it with one DELETE that leaves the other member alone.
func TestAccRunnerGroupMember_lifecycle(t *testing.T) {
	t.Parallel()
	for _, mc := range memberCases {
		t.Run(mc.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			ids := memberIDs(t, e, mc.scopeCase)
			first, added := ids[0], ids[1]
			memberPath := fmt.Sprintf("^/%s/actions/runner-groups/3/%s/%d$", mc.path, mc.segment, added)
			cfg := mc.config(e, "3", fmt.Sprint(added))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				CheckDestroy:             checkGroupMembers(e, mc.scopeCase, first),
				Steps: []resource.TestStep{
					{
						PreConfig: e.Mock.ResetRequests,
						Config:    cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(mc.addr(), tfjsonpath.New("id"),
								knownvalue.StringExact(fmt.Sprintf("%s/3/%d", mc.path, added))),
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							checkGroupMembers(e, mc.scopeCase, first, added),
							checkWrites(e, map[string]int{"PUT " + memberPath: 1, "PUT ": 1, "DELETE ": 0}),
						),
					},
					{
						ResourceName:      mc.addr(),
						ImportState:       true,
						ImportStateVerify: true,
						ImportStateId:     fmt.Sprintf("%s/3/%d", mc.path, added),
					},
					{
						// Removed outside Terraform: the refresh drops it and the plan creates it again.
						PreConfig: func() { setGroupMembers(e, mc.scopeCase, 3, first) },
						Config:    cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(mc.addr(), plancheck.ResourceActionCreate)},
						},
						Check: checkGroupMembers(e, mc.scopeCase, first, added),
					},
					{
						// Another member added outside Terraform is left alone.
						PreConfig: func() { setGroupMembers(e, mc.scopeCase, 3, first, added, ids[2]) },
						Config:    cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: checkGroupMembers(e, mc.scopeCase, first, added, ids[2]),
					},
					{
						PreConfig: func() { setGroupMembers(e, mc.scopeCase, 3, first, added) },
						Config:    cfg,
						Destroy:   true,
					},
				},
			})
			if n := e.Mock.Count(http.MethodDelete, ""); n != 1 {
				t.Errorf("destroy sent %d DELETEs, want 1: %s", n, writeLog(e))
			}
		})
	}
}

// TestAccRunnerGroupMember_refusedGroups plans memberships of groups whose members this
// provider never changes (the default group, an inherited group, visibility all or private, a
// missing group): each fails at plan, and nothing is written.
func TestAccRunnerGroupMember_refusedGroups(t *testing.T) {
	t.Parallel()
	for _, mc := range memberCases {
		t.Run(mc.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			ids := memberIDs(t, e, mc.scopeCase)
			cases := []struct {
				group int64
				err   string
			}{
				{1, "Default Runner Group Membership Not Managed"},
				{2, "Runner Group Visibility Is Not Selected"},
				{99, "Runner Group Not Found"},
			}
			if mc.attr == "organization" {
				inherited := e.Mock.AddRunnerGroup(mc.path, mockgithub.RunnerGroup{Name: "shared", Visibility: "selected", Inherited: true})
				private := e.Mock.AddRunnerGroup(mc.path, mockgithub.RunnerGroup{Name: "private-only", Visibility: "private"})
				cases = append(cases, struct {
					group int64
					err   string
				}{inherited.ID, "Inherited Runner Group Membership Not Managed"}, struct {
					group int64
					err   string
				}{private.ID, "Runner Group Visibility Is Not Selected"})
			}
			before := e.Mock.RunnerGroups(mc.path)
			var steps []resource.TestStep
			for _, c := range cases {
				steps = append(steps, resource.TestStep{
					Config:      mc.config(e, fmt.Sprint(c.group), fmt.Sprint(ids[1])),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.err),
				})
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
			if n := writesOf(e.Mock); n != 0 {
				t.Errorf("refused plans sent %d writes: %s", n, writeLog(e))
			}
			if after := e.Mock.RunnerGroups(mc.path); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("groups changed:\n%+v\n%+v", before, after)
			}
		})
	}
}

// TestAccRunnerGroupMember_badIDs refuses ids that are no positive whole numbers at plan,
// before any request.
func TestAccRunnerGroupMember_badIDs(t *testing.T) {
	t.Parallel()
	for _, mc := range memberCases {
		t.Run(mc.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			var steps []resource.TestStep
			for _, c := range []struct{ group, member, err string }{
				{"0", "5", `value must be at least 1`},
				{"-3", "5", `value must be at least 1`},
				{"1.5", "5", `must be a whole number`},
				{"3", "1e20", `must be a whole number`},
				{"3", "0", `value must be at least 1`},
			} {
				steps = append(steps, resource.TestStep{
					Config:      mc.config(e, c.group, c.member),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.err),
				})
			}
			steps = append(steps, resource.TestStep{
				ResourceName:  mc.addr(),
				Config:        mc.config(e, "3", "5"),
				ImportState:   true,
				ImportStateId: mc.path + "/3/x",
				ExpectError:   regexp.MustCompile(`must be a positive integer`),
			})
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
			if n := len(e.Mock.Requests()); n != 0 {
				t.Errorf("bad ids sent %d requests, want none", n)
			}
		})
	}
}

// TestAccRunnerGroupMember_forEach150 grants one organization group to 150 repositories with
// for_each, through the built provider and the Terraform CLI, and counts the requests of the
// apply, of a refresh (at most 3: the group's repositories in pages of 100) and of the destroy.
func TestAccRunnerGroupMember_forEach150(t *testing.T) {
	t.Parallel()
	const n = 150
	c := newCLIEnv(t)
	e := newWallClockEnv(t, mockgithub.Config{})
	sc := scopeCases[0]
	group := e.Mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{Name: "vended", Visibility: "selected"})
	var ids []string
	for i := range n {
		r := e.Mock.AddRepository(sc.path, mockgithub.Repository{Name: fmt.Sprintf("repo-%03d", i)})
		ids = append(ids, fmt.Sprint(r.ID))
	}
	work := t.TempDir()
	cfg := envProviderHead + resourceBlock("githubactions_runner_group_repository", "vended", sc,
		"for_each        = toset(["+`"`+strings.Join(ids, `", "`)+`"`+"])",
		fmt.Sprintf("runner_group_id = %d", group.ID),
		"repository_id   = each.value")
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"GITHUB_BASE_URL=" + e.URL, "GITHUB_TOKEN=" + e.Token}
	groupRE := fmt.Sprintf("^/%s/actions/runner-groups/%d/repositories", sc.path, group.ID)
	c.mustRun(work, env, "init", "-input=false", "-no-color")

	e.Mock.ResetRequests()
	c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
	puts, total := e.Mock.Count(http.MethodPut, groupRE+"/"), len(e.Mock.Requests())
	t.Logf("add %d memberships: %d requests (%d PUTs, %d GETs)", n, total, puts, e.Mock.Count(http.MethodGet, ""))
	if g, _ := e.Mock.GetRunnerGroup(sc.path, group.ID); len(g.SelectedIDs) != n || puts != n || total > n+3 {
		t.Fatalf("after the apply the group has %d members from %d PUTs in %d requests; want %d from %d PUTs in at most %d",
			len(g.SelectedIDs), puts, total, n, n, n+3)
	}

	e.Mock.ResetRequests()
	if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the refresh plan exited %d, want 0 (no changes):\n%s", code, out)
	}
	total = len(e.Mock.Requests())
	t.Logf("refresh %d memberships: %d requests (%d to the group's repositories)", n, total, e.Mock.Count(http.MethodGet, groupRE))
	if total > 3 || total == 0 {
		t.Errorf("refreshing %d memberships sent %d requests, want 1 to 3", n, total)
	}

	e.Mock.ResetRequests()
	c.mustRun(work, env, "destroy", "-input=false", "-no-color", "-auto-approve")
	deletes, total := e.Mock.Count(http.MethodDelete, groupRE+"/"), len(e.Mock.Requests())
	t.Logf("destroy %d memberships: %d requests (%d DELETEs)", n, total, deletes)
	if g, _ := e.Mock.GetRunnerGroup(sc.path, group.ID); len(g.SelectedIDs) != 0 || deletes != n || total > n+4 {
		t.Errorf("after the destroy the group has %d members from %d DELETEs in %d requests", len(g.SelectedIDs), deletes, total)
	}
}

// TestAccRunnerGroupMember_oneListForBothSpellings is fault-matrix row 29 for memberships: two
// memberships of one group whose organization is spelled in two letter cases share the
// group's one list in a refresh, and each is removed with its own DELETE.
func TestAccRunnerGroupMember_oneListForBothSpellings(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	mc := memberCases[0]
	ids := memberIDs(t, e, mc.scopeCase)
	cfg := e.providerConfig() + fmt.Sprintf(`
resource "githubactions_runner_group_repository" "lower" {
  organization    = "acme"
  runner_group_id = 3
  repository_id   = %d
}

resource "githubactions_runner_group_repository" "upper" {
  organization    = "ACME"
  runner_group_id = 3
  repository_id   = %d
}
`, ids[1], ids[2])
	listRE := "^/orgs/(?i:acme)/actions/runner-groups/3/repositories$"
	var lists int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkGroupMembers(e, mc.scopeCase, ids[0]),
		Steps: []resource.TestStep{
			{Config: cfg, Check: checkGroupMembers(e, mc.scopeCase, ids[0], ids[1], ids[2])},
			{PreConfig: e.Mock.ResetRequests, Config: cfg, PlanOnly: true},
			{
				PreConfig: func() { lists = e.Mock.Count(http.MethodGet, listRE) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if lists != 1 {
		t.Errorf("refreshing two memberships of one group in two spellings listed the group %d times, want 1", lists)
	}
	if n := e.Mock.Count(http.MethodDelete, ""); n != 2 {
		t.Errorf("destroy sent %d DELETEs, want 2", n)
	}
}

// TestAccRunnerGroupMember_ownerCaseOnly: changing only the letter case of the organization or
// enterprise is no change at all: an empty plan, no write, and the state keeps its spelling.
func TestAccRunnerGroupMember_ownerCaseOnly(t *testing.T) {
	t.Parallel()
	for _, mc := range memberCases {
		t.Run(mc.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			ids := memberIDs(t, e, mc.scopeCase)
			upper := mc
			upper.owner = strings.ToUpper(mc.owner)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{
					{Config: mc.config(e, "3", fmt.Sprint(ids[1]))},
					{
						PreConfig: e.Mock.ResetRequests,
						Config:    upper.config(e, "3", fmt.Sprint(ids[1])),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(mc.addr(), plancheck.ResourceActionNoop)},
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(mc.addr(), mc.attr, mc.owner),
							checkWrites(e, map[string]int{"PUT ": 0, "DELETE ": 0}),
							checkGroupMembers(e, mc.scopeCase, ids[0], ids[1]),
						),
					},
				},
			})
		})
	}
}
