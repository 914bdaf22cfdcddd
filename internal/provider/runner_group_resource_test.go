package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

const (
	groupAddr = "githubactions_runner_group.test"
	netAddr   = "githubactions_network_configuration.test"
)

// seededGroups are the groups every mock scope starts with (1 Default, 2 larger-runners, 3 release).
const seededGroups = 3

// membersAttr is the selection argument of sc's groups.
func membersAttr(sc scopeCase) string {
	if sc.attr == "enterprise" {
		return "selected_organization_ids"
	}
	return "selected_repository_ids"
}

// memberIDs are the ids sc's groups can select in the mock: repositories or organizations.
func memberIDs(t *testing.T, e *testEnv, sc scopeCase) []int64 {
	t.Helper()
	var ids []int64
	if sc.attr == "enterprise" {
		// An enterprise is seeded with two organizations; the tests need four.
		e.Mock.AddOrganization(sc.path, mockgithub.Organization{ID: 2001, Login: "extra-one"})
		e.Mock.AddOrganization(sc.path, mockgithub.Organization{ID: 2002, Login: "extra-two"})
		for _, o := range e.Mock.Organizations(sc.path) {
			ids = append(ids, o.ID)
		}
	} else {
		for _, r := range e.Mock.Repositories(sc.path) {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 4 {
		t.Fatalf("the mock seeds only %d members in %s", len(ids), sc.path)
	}
	return ids
}

// settingsIDs are the ids of the mock's seeded network settings resources of sc.
func settingsIDs(t *testing.T, e *testEnv, sc scopeCase) []string {
	t.Helper()
	var ids []string
	for _, s := range e.Mock.NetworkSettingsResources(sc.path) {
		ids = append(ids, s.ID)
	}
	if len(ids) < 3 {
		t.Fatalf("the mock seeds only %d network settings in %s", len(ids), sc.path)
	}
	return ids
}

// groupConfig is a network configuration (on settings) and a group in sc; body adds the group's arguments.
func groupConfig(e *testEnv, sc scopeCase, settings, body string) string {
	return e.providerConfig() +
		resourceBlock("githubactions_network_configuration", "test", sc,
			`name                = "private-net"`,
			`compute_service     = "actions"`,
			fmt.Sprintf("network_settings_id = %q", settings)) +
		resourceBlock("githubactions_runner_group", "test", sc, body)
}

// idList renders ids as an HCL list.
func idList(ids ...int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// mockGroupOf returns the mock's group that state holds at addr.
func mockGroupOf(e *testEnv, sc scopeCase, s *terraform.State, addr string) (mockgithub.RunnerGroup, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return mockgithub.RunnerGroup{}, fmt.Errorf("%s not in state", addr)
	}
	id, err := strconv.ParseInt(rs.Primary.ID, 10, 64)
	if err != nil {
		return mockgithub.RunnerGroup{}, err
	}
	g, ok := e.Mock.GetRunnerGroup(sc.path, id)
	if !ok {
		return g, fmt.Errorf("runner group %d is in state but not in the mock", id)
	}
	return g, nil
}

// checkMockGroup asserts the group in state against the mock with want.
func checkMockGroup(e *testEnv, sc scopeCase, want func(mockgithub.RunnerGroup) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		g, err := mockGroupOf(e, sc, s, groupAddr)
		if err != nil {
			return err
		}
		return want(g)
	}
}

// checkWrites asserts how many requests of each kind the step sent (after a PreConfig reset),
// keyed "METHOD path-regexp", and logs the step's total.
func checkWrites(e *testEnv, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		e.t.Logf("step requests: %d in all, %d writes: %s", len(e.Mock.Requests()), len(e.Mock.Requests())-e.Mock.Count("GET", ""), writeLog(e))
		for key, n := range want {
			method, re, _ := strings.Cut(key, " ")
			if got := e.Mock.Count(method, re); got != n {
				return fmt.Errorf("%s: %d requests, want %d; log: %s", key, got, n, writeLog(e))
			}
		}
		return nil
	}
}

// writeLog lists the non-GET requests the mock logged, for failure messages.
func writeLog(e *testEnv) string {
	var out []string
	for _, r := range e.Mock.Requests() {
		if r.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %s %s", r.Method, r.Path, r.Body))
		}
	}
	return strings.Join(out, "; ")
}

// checkNoGroupsOrConfigs is CheckDestroy: only the seeded groups and no configuration remain.
func checkNoGroupsOrConfigs(e *testEnv, sc scopeCase) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if gs := e.Mock.RunnerGroups(sc.path); len(gs) != seededGroups {
			return fmt.Errorf("the mock has %d runner groups in %s after destroy, want the %d seeded: %+v", len(gs), sc.path, seededGroups, gs)
		}
		if ns := e.Mock.NetworkConfigurations(sc.path); len(ns) != 0 {
			return fmt.Errorf("the mock still has network configurations in %s after destroy: %+v", sc.path, ns)
		}
		return checkNoRunners(e, sc)(nil)
	}
}

func importIDOf(sc scopeCase, addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		return sc.path + "/" + s.RootModule().Resources[addr].Primary.ID, nil
	}
}

func TestAccRunnerGroup_lifecycle(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		m := memberIDs(t, e, sc)
		settings := settingsIDs(t, e, sc)[0]
		members := membersAttr(sc)
		membersPath := "/(repositories|organizations)"
		workflow := sc.owner + "/infra/.github/workflows/deploy.yml@refs/heads/main"
		step := func(body string, writes map[string]int, check func(mockgithub.RunnerGroup) error) resource.TestStep {
			return resource.TestStep{
				PreConfig: e.Mock.ResetRequests,
				Config:    groupConfig(e, sc, settings, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(checkMockGroup(e, sc, check), checkWrites(e, writes)),
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					Config: groupConfig(e, sc, settings, fmt.Sprintf(`
  name                       = "private-group"
  visibility                 = "selected"
  %s = %s
  allows_public_repositories = true
  network_configuration_id   = githubactions_network_configuration.test.id
`, members, idList(m[0], m[1]))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("default"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("inherited"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("visibility"), knownvalue.StringExact("selected")),
						statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("restricted_to_workflows"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("selected_workflows"), knownvalue.SetExact([]knownvalue.Check{})),
						statecheck.CompareValuePairs(groupAddr, tfjsonpath.New("network_configuration_id"), netAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockGroup(e, sc, func(g mockgithub.RunnerGroup) error {
						if g.Name != "private-group" || g.Visibility != "selected" || !g.AllowsPublicRepositories ||
							g.NetworkConfigurationID == "" || fmt.Sprint(g.SelectedIDs) != fmt.Sprint(m[:2]) {
							return fmt.Errorf("mock group %+v does not match the configuration", g)
						}
						return nil
					}),
				},
				{ResourceName: groupAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(sc, groupAddr)},
				{ResourceName: netAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(sc, netAddr)},
				{
					ResourceName:      groupAddr,
					ImportState:       true,
					ImportStateKind:   resource.ImportBlockWithID,
					ImportStateIdFunc: importIDOf(sc, groupAddr),
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionNoop)},
					},
				},
				// Every updatable field at once; the network configuration removed from the
				// configuration is unset (null in the PATCH); one repository added: one PUT.
				step(fmt.Sprintf(`
  name                       = "renamed-group"
  visibility                 = "selected"
  %s = %s
  allows_public_repositories = false
  restricted_to_workflows    = true
  selected_workflows         = [%q]
`, members, idList(m[0], m[1], m[2]), workflow), map[string]int{
					"PATCH /actions/runner-groups/[0-9]+$":           1,
					"PUT " + membersPath + "/[0-9]+$":                1,
					"PUT " + membersPath + "$":                       0,
					"DELETE " + membersPath + "/[0-9]+$":             0,
					"DELETE /actions/runner-groups/[0-9]+$":          0,
					"POST ":                                          0,
					"PATCH network-configurations":                   0,
					"GET /actions/runner-groups/[0-9]+/" + "hosted-": 0,
				}, func(g mockgithub.RunnerGroup) error {
					if g.Name != "renamed-group" || g.AllowsPublicRepositories || !g.RestrictedToWorkflows ||
						fmt.Sprint(g.SelectedWorkflows) != fmt.Sprint([]string{workflow}) || g.NetworkConfigurationID != "" ||
						fmt.Sprint(g.SelectedIDs) != fmt.Sprint(m[:3]) {
						return fmt.Errorf("mock group %+v does not show the update", g)
					}
					return nil
				}),
				// One added and one removed: two changes, so one PUT of the whole list.
				step(fmt.Sprintf(`
  name                       = "renamed-group"
  visibility                 = "selected"
  %s = %s
  restricted_to_workflows    = true
  selected_workflows         = [%q]
  network_configuration_id   = githubactions_network_configuration.test.id
`, members, idList(m[0], m[1], m[3]), workflow), map[string]int{
					"PATCH /actions/runner-groups/[0-9]+$": 1,
					"PUT " + membersPath + "$":             1,
					"PUT " + membersPath + "/[0-9]+$":      0,
					"DELETE " + membersPath + "/[0-9]+$":   0,
				}, func(g mockgithub.RunnerGroup) error {
					if fmt.Sprint(g.SelectedIDs) != fmt.Sprint([]int64{m[0], m[1], m[3]}) || g.NetworkConfigurationID == "" {
						return fmt.Errorf("mock group %+v does not show the new selection and network configuration", g)
					}
					return nil
				}),
				// One removed: one DELETE, and no PATCH when only the selection changes.
				step(fmt.Sprintf(`
  name                       = "renamed-group"
  visibility                 = "selected"
  %s = %s
  restricted_to_workflows    = true
  selected_workflows         = [%q]
  network_configuration_id   = githubactions_network_configuration.test.id
`, members, idList(m[0], m[1]), workflow), map[string]int{
					"PATCH ":                             0,
					"PUT ":                               0,
					"DELETE " + membersPath + "/[0-9]+$": 1,
				}, func(g mockgithub.RunnerGroup) error {
					if fmt.Sprint(g.SelectedIDs) != fmt.Sprint(m[:2]) {
						return fmt.Errorf("mock group %+v does not show the removal", g)
					}
					return nil
				}),
				step(`
  name = "renamed-group"
`, map[string]int{"PATCH /actions/runner-groups/[0-9]+$": 1, "PUT ": 0, "DELETE ": 0}, func(g mockgithub.RunnerGroup) error {
					if g.Visibility != "all" || g.RestrictedToWorkflows || len(g.SelectedWorkflows) != 0 || g.NetworkConfigurationID != "" {
						return fmt.Errorf("mock group %+v does not show the defaults", g)
					}
					return nil
				}),
				{
					// Deleted out of band: the refresh drops it and the plan creates it again.
					PreConfig: func() {
						for _, g := range e.Mock.RunnerGroups(sc.path) {
							if g.Name == "renamed-group" {
								e.Mock.RemoveRunnerGroup(sc.path, g.ID)
							}
						}
					},
					Config: groupConfig(e, sc, settings, `  name = "renamed-group"`),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockGroup(e, sc, func(mockgithub.RunnerGroup) error { return nil }),
				},
			},
		})
	})
}

func TestAccRunnerGroup_invalidConfig(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	cases := []struct{ body, want string }{
		{`  enterprise = "acme-corp"
  name = "g"
  visibility = "private"`, "Visibility Not Available for Enterprises"},
		{`  enterprise = "acme-corp"
  name = "g"
  visibility = "selected"
  selected_repository_ids = [1]`, "Repository IDs Need an Organization Group"},
		{`  organization = "acme"
  name = "g"
  visibility = "selected"
  selected_organization_ids = [1]`, "Organization IDs Need an Enterprise Group"},
		{`  organization = "acme"
  name = "g"
  selected_repository_ids = [1]`, "Selection Needs Selected Visibility"},
		{`  organization = "acme"
  name = "g"
  selected_workflows = ["acme/infra/.github/workflows/a.yml@main"]`, "Selected Workflows Need Restricted Workflows"},
		{`  organization = "acme"
  name = "g"
  restricted_to_workflows = true
  selected_workflows = ["deploy.yml"]`, "must be a workflow file"},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      e.providerConfig() + "resource \"githubactions_runner_group\" \"test\" {\n" + c.body + "\n}\n",
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if n := e.Mock.Count("", ""); n != 0 {
				return fmt.Errorf("invalid configurations sent %d requests, want none", n)
			}
			return nil
		},
	})
}

// TestAccRunnerGroup_inheritedGroup checks that destroying an imported group the organization
// inherits from its enterprise removes it from state only, with no DELETE: the group is the
// enterprise's. (TestAccRunnerGroup_defaultGroup does the same for the default group.)
func TestAccRunnerGroup_inheritedGroup(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	inherited := e.Mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{Name: "from-enterprise", Visibility: "all", Inherited: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if _, ok := e.Mock.GetRunnerGroup(sc.path, inherited.ID); !ok {
				return fmt.Errorf("destroy deleted runner group %d, which the organization inherits: %s", inherited.ID, writeLog(e))
			}
			if n := e.Mock.Count("DELETE", ""); n != 0 {
				return fmt.Errorf("destroying the inherited group sent %d DELETE requests", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: e.providerConfig() +
				importBlock(groupAddr, fmt.Sprintf("%s/%d", sc.path, inherited.ID)) +
				resourceBlock("githubactions_runner_group", "test", sc, `name         = "from-enterprise"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("inherited"), knownvalue.Bool(true)),
			},
		}},
	})
}
