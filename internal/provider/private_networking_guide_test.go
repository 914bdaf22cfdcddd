package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// privateNetworkingGuideExample is the configuration of the guide "Private networking end to end".
const privateNetworkingGuideExample = "../../examples/guides/private-networking/main.tf"

// TestAccPrivateNetworkingGuide applies the guide's configuration to a mock organization whose
// network settings resource was made "in Azure" (seeded), checks the chain network settings →
// network configuration → group → runner in the mock, and destroys it in dependency order.
func TestAccPrivateNetworkingGuide(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	settings := settingsIDs(t, e, sc)[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
		Steps: []resource.TestStep{{
			Config:          guideResources(t, privateNetworkingGuideExample) + e.providerConfig(),
			ConfigVariables: config.Variables{"organization": config.StringVariable(sc.owner), "network_settings_id": config.StringVariable(settings)},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				nets := e.Mock.NetworkConfigurations(sc.path)
				if len(nets) != 1 || nets[0].ComputeService != "actions" || fmt.Sprint(nets[0].NetworkSettingsIDs) != fmt.Sprint([]string{settings}) {
					return fmt.Errorf("want one actions network configuration on %s, got %+v", settings, nets)
				}
				var group mockgithub.RunnerGroup
				for _, g := range e.Mock.RunnerGroups(sc.path) {
					if g.Name == "private-network" {
						group = g
					}
				}
				if group.NetworkConfigurationID != nets[0].ID || group.Visibility != "private" {
					return fmt.Errorf("group %+v does not use network configuration %s", group, nets[0].ID)
				}
				r, ok := mockRunnerByName(e.Mock, sc.path, "ubuntu-private-4core")
				if !ok || r.RunnerGroupID != group.ID || r.EnableStaticIP {
					return fmt.Errorf("runner %+v is not in group %d without static IPs", r, group.ID)
				}
				return nil
			},
		}},
	})
}
