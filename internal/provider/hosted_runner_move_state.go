package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ resource.ResourceWithMoveState = (*hostedRunnerResource)(nil)

// integrationsHostedRunnerType is the resource type of integrations/github that a `moved`
// block may move into githubactions_hosted_runner.
const integrationsHostedRunnerType = "github_actions_hosted_runner"

// integrationsHostedRunnerV0 is schema version 0 of github_actions_hosted_runner. Only the
// attributes the move needs are decoded.
type integrationsHostedRunnerV0 struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Image []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
	} `json:"image"`
	ImageVersion    *string `json:"image_version"`
	Size            string  `json:"size"`
	RunnerGroupID   *int64  `json:"runner_group_id"`
	MaximumRunners  *int64  `json:"maximum_runners"`
	PublicIPEnabled *bool   `json:"public_ip_enabled"`
	ImageGen        *bool   `json:"image_gen"`
}

// MoveState accepts `moved` blocks from integrations/github's github_actions_hosted_runner.
func (r *hostedRunnerResource) MoveState(_ context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveFromIntegrationsGitHub}}
}

// moveFromIntegrationsGitHub maps the source state and takes the organization from
// GITHUB_OWNER: the source state holds none, and Terraform gives a move neither the
// configuration nor (in terraform-plugin-framework) the configured provider, so the move
// reads nothing and writes nothing. The refresh that follows the move in the same plan reads
// the runner in that organization and fills the computed attributes.
func (r *hostedRunnerResource) moveFromIntegrationsGitHub(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if !movesFrom(req, integrationsHostedRunnerType) {
		return
	}
	const importHint = "orgs/<organization>/<runner id>"
	resp.Diagnostics.Append(checkSourceVersion(req, importHint)...)
	if resp.Diagnostics.HasError() {
		return
	}
	src, id, diags := decodeIntegrationsHostedRunner(req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner, diags := integrationsOwner(integrationsHostedRunnerType, fmt.Sprintf("runner %d", id), fmt.Sprintf("orgs/<organization>/%d", id))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "Moving a hosted runner from integrations/github", map[string]any{"id": id, "organization": owner})
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, hostedRunnerModel{
		scopeModel:  scopeModel{Organization: scopeNameValue(owner), Enterprise: scopeNameNull()},
		runnerAttrs: src,
		Timeouts:    timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	})...)
}

// timeoutsAttrTypes are the attributes of the hosted runner's timeouts.
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType,
	"update": types.StringType,
	"delete": types.StringType,
}

// decodeIntegrationsHostedRunner maps the source state's arguments onto ours, refusing a
// state that lacks what identifies the runner and its image.
func decodeIntegrationsHostedRunner(req resource.MoveStateRequest) (runnerAttrs, int64, diag.Diagnostics) {
	const summary, importHint = "Source State Cannot Be Moved", "orgs/<organization>/<runner id>"
	var src integrationsHostedRunnerV0
	diags := decodeSourceJSON(req, &src, importHint)
	if diags.HasError() {
		return runnerAttrs{}, 0, diags
	}
	id, err := strconv.ParseInt(src.ID, 10, 64)
	if err != nil || id <= 0 {
		diags.Append(moveRefusal(summary, integrationsHostedRunnerType, fmt.Sprintf("its id %q is not a runner's numeric id", src.ID), importHint))
		return runnerAttrs{}, 0, diags
	}
	var missing []string
	if !runnerNamePattern.MatchString(src.Name) {
		missing = append(missing, "name")
	}
	if len(src.Image) != 1 || src.Image[0].ID == "" {
		missing = append(missing, "image.id")
	}
	if src.Size == "" {
		missing = append(missing, "size")
	}
	if len(missing) > 0 {
		diags.Append(moveRefusal(summary, integrationsHostedRunnerType, "it lacks a valid "+strings.Join(missing, ", "),
			fmt.Sprintf("orgs/<organization>/%d", id)))
		return runnerAttrs{}, 0, diags
	}
	source := src.Image[0].Source
	if source == "" {
		source = client.SourceGitHub
	}
	version := types.StringNull()
	if src.ImageVersion != nil && *src.ImageVersion != "" {
		version = types.StringValue(*src.ImageVersion)
	}
	image, d := types.ObjectValue(runnerImageAttrTypes, map[string]attr.Value{
		"id":      types.StringValue(src.Image[0].ID),
		"source":  types.StringValue(source),
		"version": version,
	})
	diags.Append(d...)
	return runnerAttrs{
		ID:             types.StringValue(src.ID),
		Name:           types.StringValue(src.Name),
		Image:          image,
		Size:           types.StringValue(src.Size),
		RunnerGroupID:  wholeNumber(types.Int64PointerValue(src.RunnerGroupID)),
		MaximumRunners: wholeNumber(types.Int64PointerValue(src.MaximumRunners)),
		EnableStaticIP: types.BoolPointerValue(src.PublicIPEnabled),
		ImageGen:       types.BoolPointerValue(src.ImageGen),
		// Computed attributes stay null until the refresh that follows the move.
		Platform:           types.StringNull(),
		Status:             types.StringNull(),
		PublicIPEnabled:    types.BoolNull(),
		PublicIPs:          types.ListNull(types.ObjectType{AttrTypes: publicIPAttrTypes}),
		MachineSizeDetails: types.ObjectNull(machineSizeAttrTypes),
		ImageDetails:       types.ObjectNull(imageDetailsAttrTypes),
		LastActiveOn:       types.StringNull(),
	}, id, diags
}
