package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccRunnerGroup_guardStaticIP checks that a runner with static IPs in a group with
// private networking fails at plan, for a new runner and for an existing one moved there,
// with no write sent.
func TestAccRunnerGroup_guardStaticIP(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		private := func(runner string) string {
			return groupConfig(e, sc, s[0], `
  name                     = "private-group"
  network_configuration_id = githubactions_network_configuration.test.id
`) + resourceBlock("githubactions_hosted_runner", "test", sc,
				`name  = "static-runner"`,
				`image = { id = "ubuntu-latest" }`,
				`size  = "4-core"`,
				runner)
		}
		noWrites := func() {
			if n := e.Mock.Count("POST", "") + e.Mock.Count("PATCH", "") + e.Mock.Count("PUT", "") + e.Mock.Count("DELETE", ""); n != 0 {
				t.Errorf("the refused plan sent %d writes: %s", n, writeLog(e))
			}
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					// The group and its network configuration exist; the runner is in the default group.
					Config: private("  enable_static_ip = true"),
				},
				{
					// Moving the static-IP runner into the private group fails at plan.
					PreConfig:   e.Mock.ResetRequests,
					Config:      private("  enable_static_ip = true\n  runner_group_id = githubactions_runner_group.test.id"),
					ExpectError: regexp.MustCompile(`(?s)Static IPs Not Available With Private Networking.*"private-group"`),
				},
				{
					// A new static-IP runner in the private group fails at plan too.
					PreConfig: func() {
						noWrites()
						e.Mock.ResetRequests()
					},
					Config: private("  enable_static_ip = true\n  runner_group_id = githubactions_runner_group.test.id") +
						resourceBlock("githubactions_hosted_runner", "second", sc,
							`name  = "second-static"`,
							`image = { id = "ubuntu-latest" }`,
							`size  = "4-core"`,
							`enable_static_ip = true`,
							`runner_group_id  = githubactions_runner_group.test.id`),
					ExpectError: regexp.MustCompile(`Static IPs Not Available With Private Networking`),
				},
				{
					// Without static IPs the runner joins the private group.
					PreConfig: noWrites,
					Config:    private("  enable_static_ip = false\n  runner_group_id = githubactions_runner_group.test.id"),
					Check: func(st *terraform.State) error {
						r, ok := mockRunnerByName(e.Mock, sc.path, "static-runner")
						if !ok || r.EnableStaticIP {
							return fmt.Errorf("runner %+v should exist without static IPs", r)
						}
						g, err := mockGroupOf(e, sc, st, groupAddr)
						if err != nil {
							return err
						}
						if r.RunnerGroupID != g.ID {
							return fmt.Errorf("runner %+v is not in group %d", r, g.ID)
						}
						return nil
					},
				},
			},
		})
	})
}

// TestAccRunnerGroup_guardRunners checks that a group that still holds hosted runners is not
// deleted (the error names them, no DELETE is sent), and that the destroy of network
// configuration, group and runner in one configuration goes in dependency order.
func TestAccRunnerGroup_guardRunners(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		all := groupConfig(e, sc, s[0], `
  name                     = "private-group"
  network_configuration_id = githubactions_network_configuration.test.id
`) + resourceBlock("githubactions_hosted_runner", "test", sc,
			`name            = "private-runner"`,
			`image           = { id = "ubuntu-latest" }`,
			`size            = "4-core"`,
			`runner_group_id = githubactions_runner_group.test.id`)
		var stray mockgithub.Runner
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{Config: all},
				{
					// Destroying everything goes runner, then group, then configuration.
					PreConfig: e.Mock.ResetRequests,
					Config:    e.providerConfig(),
					Check: func(*terraform.State) error {
						var order []string
						for _, r := range e.Mock.Requests() {
							if r.Method == "DELETE" {
								order = append(order, r.Path)
							}
						}
						want := regexp.MustCompile(`^\[\S+/actions/hosted-runners/\d+ \S+/actions/runner-groups/\d+ \S+network-configurations/\w+\]$`)
						if !want.MatchString(fmt.Sprint(order)) {
							return fmt.Errorf("DELETE order %v, want runner, group, network configuration", order)
						}
						return nil
					},
				},
				{Config: groupConfig(e, sc, s[0], `  name = "busy-group"`)},
				{
					PreConfig: func() {
						var g mockgithub.RunnerGroup
						for _, x := range e.Mock.RunnerGroups(sc.path) {
							if x.Name == "busy-group" {
								g = x
							}
						}
						stray = e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "made-elsewhere", RunnerGroupID: g.ID,
							ImageID: "ubuntu-latest", ImageSource: "github", Size: "4-core", MaximumRunners: 2})
						e.Mock.ResetRequests()
					},
					Config:      e.providerConfig(),
					ExpectError: regexp.MustCompile(`(?s)Runner Group Has Hosted Runners.*made-elsewhere\s+\(ID \d+\)`),
				},
				{
					PreConfig: func() {
						if n := e.Mock.Count("DELETE", "/actions/runner-groups/"); n != 0 {
							t.Errorf("the refused destroy sent %d DELETE requests for the group: %s", n, writeLog(e))
						}
						e.Mock.RemoveRunner(sc.path, stray.ID)
					},
					Config: e.providerConfig(),
				},
			},
		})
	})
}

// TestAccRunnerGroup_defaultGroup adopts the default group by import, configures it, and
// destroys it from state only, with a warning and no DELETE.
func TestAccRunnerGroup_defaultGroup(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		config := func(public bool) string {
			return e.providerConfig() +
				importBlock("githubactions_runner_group.test", sc.path+"/1") +
				resourceBlock("githubactions_runner_group", "test", sc,
					`name  = "Default"`,
					fmt.Sprintf("allows_public_repositories = %t", public))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy: func(*terraform.State) error {
				g, ok := e.Mock.GetRunnerGroup(sc.path, 1)
				if !ok || !g.Default || !g.AllowsPublicRepositories {
					return fmt.Errorf("the default group must survive the destroy with its settings, got %+v (%t)", g, ok)
				}
				if n := e.Mock.Count("DELETE", ""); n != 0 {
					return fmt.Errorf("destroying the default group sent %d DELETE requests", n)
				}
				return nil
			},
			Steps: []resource.TestStep{
				{Config: config(false)},
				{
					Config: config(true),
					Check: checkMockGroup(e, sc, func(g mockgithub.RunnerGroup) error {
						if !g.Default || !g.AllowsPublicRepositories {
							return fmt.Errorf("default group %+v not updated", g)
						}
						e.Mock.ResetRequests()
						return nil
					}),
				},
			},
		})
	})
}

// TestAccRunnerGroup_guardStaticIPNewGroup checks the static IP guard when the group is created
// in the same apply: its ID is unknown at plan, so the check runs when Terraform plans the runner
// again during the apply, and the runner is never created.
func TestAccRunnerGroup_guardStaticIPNewGroup(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	s := settingsIDs(t, e, sc)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
		Steps: []resource.TestStep{{
			Config: groupConfig(e, sc, s[0], `
  name                     = "private-group"
  network_configuration_id = githubactions_network_configuration.test.id
`) + resourceBlock("githubactions_hosted_runner", "test", sc,
				`name             = "static-runner"`,
				`image            = { id = "ubuntu-latest" }`,
				`size             = "4-core"`,
				`enable_static_ip = true`,
				`runner_group_id  = githubactions_runner_group.test.id`),
			ExpectError: regexp.MustCompile(`Static IPs Not Available With Private Networking`),
			Check: func(*terraform.State) error {
				if n := e.Mock.Count("POST", "/actions/hosted-runners$"); n != 0 {
					return fmt.Errorf("the runner was POSTed %d times", n)
				}
				return nil
			},
		}},
	})
	if n := e.Mock.Count("POST", "/actions/hosted-runners$"); n != 0 {
		t.Errorf("the refused runner was POSTed %d times: %s", n, writeLog(e))
	}
}
