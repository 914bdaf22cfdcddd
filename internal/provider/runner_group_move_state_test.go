package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// moveGroup runs the runner group's state movers and returns the response and the moved
// model (zero when no mover accepted the request).
func moveGroup(t *testing.T, typeName string, version int64, raw string) (*resource.MoveStateResponse, runnerGroupResourceModel) {
	t.Helper()
	resp := runMovers(t, &runnerGroupResource{}, typeName, "registry.terraform.io/integrations/github", version, raw)
	var m runnerGroupResourceModel
	if !resp.TargetState.Raw.IsNull() {
		if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
			t.Fatalf("reading the moved state: %v", d)
		}
	}
	return resp, m
}

func TestRunnerGroupMoveState(t *testing.T) { // not parallel: sets GITHUB_OWNER
	t.Setenv(ownerEnv, "my-org")
	// github_actions_runner_group as integrations/github v6.13.0 writes it.
	resp, m := moveGroup(t, integrationsRunnerGroupType, 0, `{"id":"4","name":"deploy","visibility":"selected",
		"allows_public_repositories":false,"default":false,"inherited":false,"etag":"W/\"x\"","restricted_to_workflows":true,
		"selected_workflows":["my-org/infra/.github/workflows/deploy.yml@refs/heads/main"],"selected_repository_ids":[7,5],
		"runners_url":"u","selected_repositories_url":"u"}`)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	got := []string{m.Organization.ValueString(), m.ID.ValueString(), m.Name.ValueString(), m.Visibility.ValueString(),
		m.RestrictedToWorkflows.String(), m.SelectedWorkflows.String(), m.SelectedRepositoryIDs.String(), m.NetworkConfigurationID.String()}
	want := []string{"my-org", "4", "deploy", "selected", "true", `["my-org/infra/.github/workflows/deploy.yml@refs/heads/main"]`, "[7,5]", "<null>"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("moved organization group %v, want %v", got, want)
	}
	if !m.Enterprise.IsNull() || !m.SelectedOrganizationIDs.IsNull() {
		t.Errorf("want enterprise and selected_organization_ids null, got %v %v", m.Enterprise, m.SelectedOrganizationIDs)
	}

	// github_enterprise_actions_runner_group names its enterprise, and needs no GITHUB_OWNER.
	t.Setenv(ownerEnv, "")
	resp, m = moveGroup(t, integrationsEnterpriseRunnerGroupType, 0, `{"id":"9","enterprise_slug":"my-enterprise","name":"shared",
		"visibility":"all","allows_public_repositories":true,"default":false,"restricted_to_workflows":false,"selected_workflows":null,
		"selected_organization_ids":[],"network_configuration_id":"NC1"}`)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	got = []string{m.Enterprise.ValueString(), m.ID.ValueString(), m.Visibility.ValueString(), m.AllowsPublicRepositories.String(),
		m.SelectedWorkflows.String(), m.SelectedOrganizationIDs.String(), m.NetworkConfigurationID.ValueString()}
	want = []string{"my-enterprise", "9", "all", "true", "[]", "<null>", "NC1"}
	if strings.Join(got, " ") != strings.Join(want, " ") || !m.Organization.IsNull() {
		t.Errorf("moved enterprise group %v (organization %v), want %v", got, m.Organization, want)
	}
}

func TestRunnerGroupMoveStateRefusals(t *testing.T) { // not parallel: sets GITHUB_OWNER
	const group = `{"id":"4","name":"deploy","visibility":"all"}`
	cases := []struct {
		name, typ, owner, raw string
		version               int64
		want                  string
	}{
		{"organization group without owner", integrationsRunnerGroupType, "", group, 0, "Set GITHUB_OWNER"},
		{"newer schema", integrationsRunnerGroupType, "my-org", group, 2, "schema version 2"},
		{"non-numeric id", integrationsRunnerGroupType, "my-org", `{"id":"x","name":"d","visibility":"all"}`, 0, `id "x"`},
		{"no visibility", integrationsRunnerGroupType, "my-org", `{"id":"4","name":"d"}`, 0, "name or a visibility"},
		{"enterprise without slug", integrationsEnterpriseRunnerGroupType, "my-org", group, 0, "enterprise_slug"},
		{"private enterprise group", integrationsEnterpriseRunnerGroupType, "", `{"id":"4","name":"d","visibility":"private","enterprise_slug":"e"}`, 0, "private"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(ownerEnv, c.owner)
			resp, _ := moveGroup(t, c.typ, c.version, c.raw)
			if !resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
				t.Fatalf("want a refusal and no state, got %v", resp.Diagnostics)
			}
			detail := resp.Diagnostics.Errors()[0].Detail()
			if !strings.Contains(detail, c.want) || !strings.Contains(detail, "import") {
				t.Errorf("want the refusal to say %q and how to import instead, got %q", c.want, detail)
			}
		})
	}
}
