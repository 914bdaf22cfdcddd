package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccRunnerGroupDataSources reads the seeded groups, network settings and a configuration
// (with a group using it and a runner in that group) through every new data source and the
// runner_group_id filter of githubactions_hosted_runners.
func TestAccRunnerGroupDataSources(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		settings := e.Mock.NetworkSettingsResources(sc.path)
		if len(settings) == 0 {
			t.Fatal("the mock seeds no network settings")
		}
		ns := settings[0]
		net := e.Mock.AddNetworkConfiguration(sc.path, mockgithub.NetworkConfiguration{
			Name: "seeded-net", ComputeService: "actions", NetworkSettingsIDs: []string{ns.ID},
		})
		group := e.Mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{Name: "private-group", NetworkConfigurationID: net.ID})
		e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "in-group", RunnerGroupID: group.ID, ImageID: "ubuntu-latest",
			ImageSource: "github", Size: "4-core", MaximumRunners: 2})
		e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "in-default", RunnerGroupID: 1, ImageID: "ubuntu-latest",
			ImageSource: "github", Size: "4-core", MaximumRunners: 2})
		config := e.providerConfig() +
			dataBlock("githubactions_runner_group", "by_name", sc, `name = "release"`) +
			dataBlock("githubactions_runner_group", "by_id", sc, fmt.Sprintf(`id = "%d"`, group.ID)) +
			dataBlock("githubactions_runner_groups", "all", sc) +
			dataBlock("githubactions_network_configuration", "by_name", sc, `name = "seeded-net"`) +
			dataBlock("githubactions_network_configuration", "by_id", sc, fmt.Sprintf("id = %q", net.ID)) +
			dataBlock("githubactions_network_configurations", "all", sc) +
			dataBlock("githubactions_network_settings", "test", sc, fmt.Sprintf("id = %q", ns.ID)) +
			dataBlock("githubactions_hosted_runners", "in_group", sc, fmt.Sprintf("runner_group_id = %d", group.ID))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_name", tfjsonpath.New("id"), knownvalue.StringExact("3")),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_name", tfjsonpath.New("visibility"), knownvalue.StringExact("selected")),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_name", tfjsonpath.New("restricted_to_workflows"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_name", tfjsonpath.New("selected_workflows"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_id", tfjsonpath.New("name"), knownvalue.StringExact("private-group")),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_id", tfjsonpath.New("network_configuration_id"), knownvalue.StringExact(net.ID)),
					statecheck.ExpectKnownValue("data.githubactions_runner_group.by_id", tfjsonpath.New("default"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.githubactions_runner_groups.all", tfjsonpath.New("groups"), knownvalue.ListSizeExact(seededGroups+1)),
					statecheck.ExpectKnownValue("data.githubactions_runner_groups.all", tfjsonpath.New("groups").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("1"), "name": knownvalue.StringExact("Default"), "default": knownvalue.Bool(true),
						"network_configuration_id": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue("data.githubactions_network_configuration.by_name", tfjsonpath.New("id"), knownvalue.StringExact(net.ID)),
					statecheck.ExpectKnownValue("data.githubactions_network_configuration.by_name", tfjsonpath.New("network_settings_id"), knownvalue.StringExact(ns.ID)),
					statecheck.ExpectKnownValue("data.githubactions_network_configuration.by_id", tfjsonpath.New("compute_service"), knownvalue.StringExact("actions")),
					statecheck.ExpectKnownValue("data.githubactions_network_configuration.by_id", tfjsonpath.New("created_on"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.githubactions_network_configurations.all", tfjsonpath.New("network_configurations"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.githubactions_network_settings.test", tfjsonpath.New("name"), knownvalue.StringExact(ns.Name)),
					statecheck.ExpectKnownValue("data.githubactions_network_settings.test", tfjsonpath.New("subnet_id"), knownvalue.StringExact(ns.SubnetID)),
					statecheck.ExpectKnownValue("data.githubactions_network_settings.test", tfjsonpath.New("region"), knownvalue.StringExact(ns.Region)),
					statecheck.ExpectKnownValue("data.githubactions_network_settings.test", tfjsonpath.New("network_configuration_id"), knownvalue.StringExact(net.ID)),
					statecheck.ExpectKnownValue("data.githubactions_hosted_runners.in_group", tfjsonpath.New("runners"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("in-group"), "runner_group_id": knownvalue.Int64Exact(group.ID),
						}),
					})),
				},
			}},
		})
		// The organization reads the group's own list of hosted runners; an enterprise filters its runners.
		groupList := e.Mock.Count("GET", "/actions/runner-groups/"+strconv.FormatInt(group.ID, 10)+"/hosted-runners$")
		if sc.attr == "organization" && groupList == 0 || sc.attr == "enterprise" && groupList != 0 {
			t.Errorf("%s: %d reads of the group's hosted-runners list", sc.name, groupList)
		}
	})
}

// TestAccRunnerGroupDataSources_notFound checks that single data sources that find nothing say
// what they searched for and, by name, what exists.
func TestAccRunnerGroupDataSources_notFound(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	steps := []resource.TestStep{}
	for _, c := range []struct{ config, want string }{
		{`data "githubactions_runner_group" "x" {
  organization = "acme"
  name         = "nope"
}`, `(?s)Runner Group Not Found.*Those\s+that\s+exist:.*Default\s+\(ID\s+1\)`},
		{`data "githubactions_runner_group" "x" {
  enterprise = "acme-corp"
  id         = "999"
}`, `Runner Group Not Found`},
		{`data "githubactions_network_configuration" "x" {
  organization = "acme"
  name         = "nope"
}`, `Network Configuration Not Found`},
		{`data "githubactions_network_settings" "x" {
  enterprise = "acme-corp"
  id         = "NOPE"
}`, `Network Settings Not Found`},
	} {
		steps = append(steps, resource.TestStep{Config: e.providerConfig() + c.config, ExpectError: regexp.MustCompile(c.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
}
