package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ resource.ResourceWithMoveState = (*runnerGroupResource)(nil)

// The resource types of integrations/github that a `moved` block may move into
// githubactions_runner_group.
const (
	integrationsRunnerGroupType           = "github_actions_runner_group"
	integrationsEnterpriseRunnerGroupType = "github_enterprise_actions_runner_group"
)

// integrationsRunnerGroupV0 is schema version 0 of github_actions_runner_group and of
// github_enterprise_actions_runner_group (the union: enterprise_slug and
// selected_organization_ids are the enterprise type's, selected_repository_ids the
// organization type's). Only the attributes the move needs are decoded.
type integrationsRunnerGroupV0 struct {
	ID                       string   `json:"id"`
	Name                     string   `json:"name"`
	Visibility               string   `json:"visibility"`
	Default                  *bool    `json:"default"`
	Inherited                *bool    `json:"inherited"`
	AllowsPublicRepositories *bool    `json:"allows_public_repositories"`
	RestrictedToWorkflows    *bool    `json:"restricted_to_workflows"`
	SelectedWorkflows        []string `json:"selected_workflows"`
	SelectedRepositoryIDs    []int64  `json:"selected_repository_ids"`
	SelectedOrganizationIDs  []int64  `json:"selected_organization_ids"`
	NetworkConfigurationID   *string  `json:"network_configuration_id"`
	EnterpriseSlug           string   `json:"enterprise_slug"`
}

// MoveState accepts `moved` blocks from integrations/github's github_actions_runner_group
// (organization groups) and github_enterprise_actions_runner_group (enterprise groups).
func (r *runnerGroupResource) MoveState(_ context.Context) []resource.StateMover {
	return []resource.StateMover{organizationGroupMove.mover(), enterpriseGroupMove.mover()}
}

// groupMove is a move from one of integrations/github's two runner group types.
type groupMove struct {
	sourceType string
	importHint string
	// enterprise groups name their enterprise (enterprise_slug) and are never private.
	enterprise bool
}

var (
	organizationGroupMove = groupMove{sourceType: integrationsRunnerGroupType, importHint: "orgs/<organization>/<group id>"}
	enterpriseGroupMove   = groupMove{sourceType: integrationsEnterpriseRunnerGroupType, importHint: "enterprises/<enterprise>/<group id>", enterprise: true}
)

func (g groupMove) mover() resource.StateMover {
	return resource.StateMover{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if movesFrom(req, g.sourceType) {
			g.move(ctx, req, resp)
		}
	}}
}

// move maps a group's source state. An organization group's state does not name its
// organization, so it comes from GITHUB_OWNER, as for hosted runners. Like every move it reads
// and writes nothing: the refresh that follows in the same plan reads the group in that scope.
func (g groupMove) move(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	resp.Diagnostics.Append(checkSourceVersion(req, g.importHint)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var src integrationsRunnerGroupV0
	resp.Diagnostics.Append(decodeSourceJSON(req, &src, g.importHint)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, diags := g.groupID(req.SourceTypeName, src)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var scope client.Scope
	if g.enterprise {
		scope = client.Enterprise(src.EnterpriseSlug)
	} else {
		owner, diags := integrationsOwner(req.SourceTypeName, fmt.Sprintf("runner group %d", id), fmt.Sprintf("orgs/<organization>/%d", id))
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		scope = client.Organization(owner)
	}
	m, diags := runnerGroupFromIntegrations(ctx, src, scope)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "Moving a runner group from integrations/github", map[string]any{"id": id, "scope": scope.String()})
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
}

// groupID checks that the source state identifies a group in a known scope.
func (g groupMove) groupID(sourceType string, src integrationsRunnerGroupV0) (int64, diag.Diagnostics) {
	const summary = "Source State Cannot Be Moved"
	var diags diag.Diagnostics
	id, err := strconv.ParseInt(src.ID, 10, 64)
	if err != nil || id <= 0 {
		diags.Append(moveRefusal(summary, sourceType, fmt.Sprintf("its id %q is not a runner group's numeric id", src.ID), g.importHint))
		return 0, diags
	}
	switch {
	case src.Name == "" || src.Visibility == "":
		diags.Append(moveRefusal(summary, sourceType, "it lacks a name or a visibility", g.importHint))
	case g.enterprise && !slugPattern.MatchString(src.EnterpriseSlug):
		diags.Append(moveRefusal(summary, sourceType, fmt.Sprintf("its enterprise_slug %q is not an enterprise slug", src.EnterpriseSlug), g.importHint))
	case g.enterprise && src.Visibility == visibilityPrivate:
		diags.Append(moveRefusal(summary, sourceType, `its visibility is "private", which enterprise groups do not have`, g.importHint))
	}
	return id, diags
}

// runnerGroupFromIntegrations maps the source state onto githubactions_runner_group. The
// selection is kept for visibility "selected" (so the refresh reads it, and a configuration
// that lists it plans empty) and null otherwise, as the resource keeps it.
func runnerGroupFromIntegrations(ctx context.Context, src integrationsRunnerGroupV0, scope client.Scope) (runnerGroupResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	workflows := src.SelectedWorkflows
	if workflows == nil {
		workflows = []string{}
	}
	selectedWorkflows, d := types.SetValueFrom(ctx, types.StringType, workflows)
	diags.Append(d...)
	network := types.StringNull()
	if src.NetworkConfigurationID != nil && *src.NetworkConfigurationID != "" {
		network = types.StringValue(*src.NetworkConfigurationID)
	}
	m := runnerGroupResourceModel{
		runnerGroupAttrs: runnerGroupAttrs{
			ID:                       types.StringValue(src.ID),
			Name:                     types.StringValue(src.Name),
			Visibility:               types.StringValue(src.Visibility),
			Default:                  types.BoolPointerValue(src.Default),
			Inherited:                types.BoolPointerValue(src.Inherited),
			AllowsPublicRepositories: types.BoolPointerValue(src.AllowsPublicRepositories),
			RestrictedToWorkflows:    types.BoolPointerValue(src.RestrictedToWorkflows),
			SelectedWorkflows:        selectedWorkflows,
			NetworkConfigurationID:   network,
		},
	}
	m.Organization, m.Enterprise = scopeValues(scope)
	members := src.SelectedRepositoryIDs
	if scope.IsEnterprise() {
		members = src.SelectedOrganizationIDs
	}
	ids := types.SetNull(wholeNumberType{})
	if src.Visibility == visibilitySelected {
		if members == nil {
			members = []int64{}
		}
		ids, d = types.SetValueFrom(ctx, wholeNumberType{}, members)
		diags.Append(d...)
	}
	m.setMembers(scope, ids)
	return m, diags
}
