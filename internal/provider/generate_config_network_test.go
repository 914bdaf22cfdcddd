package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccGenerateConfig_runnerGroupAndNetworkConfiguration proves that `terraform plan
// -generate-config-out` on import blocks of a network configuration and of runner groups (the
// default group and one with every argument set) writes a configuration that, once the import
// is applied, plans no changes, and that importing writes nothing.
func TestAccGenerateConfig_runnerGroupAndNetworkConfiguration(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
		mock := mockgithub.New(mockgithub.Config{})
		srv := httptest.NewServer(mock)
		t.Cleanup(srv.Close)
		settings := mock.NetworkSettingsResources(sc.path)
		net := mock.AddNetworkConfiguration(sc.path, mockgithub.NetworkConfiguration{
			Name: "imported-net", ComputeService: "actions",
			NetworkSettingsIDs: []string{settings[0].ID}, FailoverNetworkSettingsIDs: []string{settings[1].ID},
		})
		var members []int64
		for _, r := range mock.Repositories(sc.path) {
			members = append(members, r.ID)
		}
		for _, o := range mock.Organizations(sc.path) {
			members = append(members, o.ID)
		}
		workflow := sc.owner + "/infra/.github/workflows/deploy.yml@refs/heads/main"
		group := mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{
			Name: "imported-group", Visibility: "selected", SelectedIDs: members[:2], AllowsPublicRepositories: true,
			RestrictedToWorkflows: true, SelectedWorkflows: []string{workflow}, NetworkConfigurationID: net.ID,
		})
		main := envProviderHead +
			importBlock("githubactions_network_configuration.net", sc.path+"/"+net.ID) +
			importBlock("githubactions_runner_group.group", fmt.Sprintf("%s/%d", sc.path, group.ID)) +
			importBlock("githubactions_runner_group.default", sc.path+"/1")
		c.importByGeneratedConfig(srv.URL, main, 3,
			`name\s+= "imported-net"`, `compute_service\s+= "actions"`,
			`failover_network_settings_id\s+= "`+settings[1].ID+`"`, `name\s+= "imported-group"`,
			`visibility\s+= "selected"`, fmt.Sprintf(`%s\s+= \[%d, %d\]`, membersAttr(sc), members[0], members[1]),
			`network_configuration_id\s+= "`+net.ID+`"`, `selected_workflows\s+= \["`+regexp.QuoteMeta(workflow)+`"\]`,
			`name\s+= "Default"`)
		if n := mock.Count("POST", ".*") + mock.Count("PATCH", ".*") + mock.Count("PUT", ".*") + mock.Count("DELETE", ".*"); n != 0 {
			t.Errorf("importing sent %d writing requests, want none", n)
		}
	})
}
