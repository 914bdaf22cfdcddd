package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
		work := t.TempDir()
		main := envProviderHead +
			importBlock("githubactions_network_configuration.net", sc.path+"/"+net.ID) +
			importBlock("githubactions_runner_group.group", fmt.Sprintf("%s/%d", sc.path, group.ID)) +
			importBlock("githubactions_runner_group.default", sc.path+"/1")
		if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(main), 0o600); err != nil {
			t.Fatal(err)
		}
		env := []string{"GITHUB_BASE_URL=" + srv.URL, "GITHUB_TOKEN=" + mockgithub.DefaultToken}
		c.mustRun(work, env, "init", "-input=false", "-no-color")
		out := c.mustRun(work, env, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
		if !strings.Contains(out, "3 to import, 0 to add, 0 to change, 0 to destroy") {
			t.Fatalf("the generating plan is not a pure import:\n%s", out)
		}
		generated, err := os.ReadFile(filepath.Join(work, "generated.tf"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`name\s+= "imported-net"`, `compute_service\s+= "actions"`,
			`failover_network_settings_id\s+= "` + settings[1].ID + `"`, `name\s+= "imported-group"`,
			`visibility\s+= "selected"`, fmt.Sprintf(`%s\s+= \[%d, %d\]`, membersAttr(sc), members[0], members[1]),
			`network_configuration_id\s+= "` + net.ID + `"`, `selected_workflows\s+= \["` + regexp.QuoteMeta(workflow) + `"\]`,
			`name\s+= "Default"`} {
			if !regexp.MustCompile(want).Match(generated) {
				t.Errorf("generated.tf does not match %s:\n%s", want, generated)
			}
		}
		c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
		if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
			t.Fatalf("the plan after importing with the generated configuration exited %d, want 0 (no changes):\n%s\ngenerated.tf:\n%s",
				code, out, generated)
		}
		if n := mock.Count("POST", ".*") + mock.Count("PATCH", ".*") + mock.Count("PUT", ".*") + mock.Count("DELETE", ".*"); n != 0 {
			t.Errorf("importing sent %d writing requests, want none", n)
		}
	})
}
