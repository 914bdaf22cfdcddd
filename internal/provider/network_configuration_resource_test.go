package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// netConfig is a network configuration in sc; body adds its arguments.
func netConfig(e *testEnv, sc scopeCase, body string) string {
	return e.providerConfig() + resourceBlock("githubactions_network_configuration", "test", sc, body)
}

// checkMockNet asserts the configuration in state against the mock with want.
func checkMockNet(e *testEnv, sc scopeCase, want func(mockgithub.NetworkConfiguration) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[netAddr]
		if !ok {
			return fmt.Errorf("%s not in state", netAddr)
		}
		n, ok := e.Mock.GetNetworkConfiguration(sc.path, rs.Primary.ID)
		if !ok {
			return fmt.Errorf("network configuration %s is in state but not in the mock", rs.Primary.ID)
		}
		return want(n)
	}
}

func TestAccNetworkConfiguration_lifecycle(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					Config: netConfig(e, sc, fmt.Sprintf(`
  name                = "net-one"
  compute_service     = "actions"
  network_settings_id = %q
`, s[0])),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(netAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\w+$`))),
						statecheck.ExpectKnownValue(netAddr, tfjsonpath.New("created_on"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_settings_id"), knownvalue.Null()),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockNet(e, sc, func(n mockgithub.NetworkConfiguration) error {
						if n.Name != "net-one" || n.ComputeService != "actions" || fmt.Sprint(n.NetworkSettingsIDs) != fmt.Sprint([]string{s[0]}) {
							return fmt.Errorf("mock configuration %+v does not match the configuration", n)
						}
						return nil
					}),
				},
				{ResourceName: netAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(sc, netAddr)},
				{
					ResourceName:      netAddr,
					ImportState:       true,
					ImportStateKind:   resource.ImportBlockWithID,
					ImportStateIdFunc: importIDOf(sc, netAddr),
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionNoop)},
					},
				},
				{
					// Every argument in place: name, compute service, network settings, failover.
					PreConfig: e.Mock.ResetRequests,
					Config: netConfig(e, sc, fmt.Sprintf(`
  name                         = "net-two"
  network_settings_id          = %q
  failover_network_settings_id = %q
`, s[1], s[2])),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeTestCheckFunc(
						checkWrites(e, map[string]int{"PATCH network-configurations/": 1, "POST ": 0, "DELETE ": 0}),
						checkMockNet(e, sc, func(n mockgithub.NetworkConfiguration) error {
							if n.Name != "net-two" || n.ComputeService != "none" || fmt.Sprint(n.NetworkSettingsIDs) != fmt.Sprint([]string{s[1]}) ||
								fmt.Sprint(n.FailoverNetworkSettingsIDs) != fmt.Sprint([]string{s[2]}) {
								return fmt.Errorf("mock configuration %+v does not show the update", n)
							}
							return nil
						})),
				},
				{
					// The failover removed from the configuration is removed on GitHub.
					Config: netConfig(e, sc, fmt.Sprintf(`
  name                = "net-two"
  network_settings_id = %q
`, s[1])),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockNet(e, sc, func(n mockgithub.NetworkConfiguration) error {
						if len(n.FailoverNetworkSettingsIDs) != 0 {
							return fmt.Errorf("mock configuration %+v still has a failover", n)
						}
						return nil
					}),
				},
				{
					PreConfig: func() {
						for _, n := range e.Mock.NetworkConfigurations(sc.path) {
							e.Mock.RemoveNetworkConfiguration(sc.path, n.ID)
						}
					},
					Config: netConfig(e, sc, fmt.Sprintf("  name = \"net-two\"\n  network_settings_id = %q\n", s[1])),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockNet(e, sc, func(mockgithub.NetworkConfiguration) error { return nil }),
				},
			},
		})
	})
}

// TestAccNetworkConfiguration_inUse checks that a configuration a group uses is not deleted:
// the error names the group and no DELETE is sent.
func TestAccNetworkConfiguration_inUse(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		config := netConfig(e, sc, fmt.Sprintf("  name = \"shared-net\"\n  network_settings_id = %q\n", s[0]))
		var user mockgithub.RunnerGroup
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					Config: config,
					Check: func(st *terraform.State) error {
						// A group made outside this configuration starts using it.
						user = e.Mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{
							Name: "team-private", NetworkConfigurationID: st.RootModule().Resources[netAddr].Primary.ID,
						})
						return nil
					},
				},
				{
					PreConfig:   e.Mock.ResetRequests,
					Config:      e.providerConfig(),
					ExpectError: regexp.MustCompile(`(?s)Network Configuration In Use.*"team-private"`),
				},
				{
					PreConfig: func() {
						if n := e.Mock.Count("DELETE", ""); n != 0 {
							t.Errorf("the refused destroy sent %d DELETE requests: %s", n, writeLog(e))
						}
						e.Mock.RemoveRunnerGroup(sc.path, user.ID)
					},
					Config: e.providerConfig(),
				},
			},
		})
	})
}
