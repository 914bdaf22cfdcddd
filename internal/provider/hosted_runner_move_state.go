package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
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

// ownerEnv names the organization that integrations/github keeps out of its hosted runner
// state (it takes it from its provider's `owner`); it is the variable that provider reads too.
const ownerEnv = "GITHUB_OWNER"

// integrationsHostedRunnerV0 is schema version 0 of github_actions_hosted_runner, the only
// version integrations/github has shipped (up to v6.13.0 it declares no SchemaVersion and no
// state upgraders). Only the attributes the move needs are decoded.
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
	if req.SourceTypeName != integrationsHostedRunnerType || !isIntegrationsGitHub(req.SourceProviderAddress) {
		return // not ours to move: the framework reports that no mover accepted it
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError("Unsupported Source Schema Version", fmt.Sprintf(
			"%s state is at schema version %d; this provider can move schema version 0, the only one integrations/github "+
				"had shipped when this provider was released. Upgrade this provider, or import the runner instead "+
				"(import { to = ..., id = \"orgs/<organization>/<runner id>\" }) and remove the old resource from state.",
			integrationsHostedRunnerType, req.SourceSchemaVersion))
		return
	}
	src, id, diags := decodeIntegrationsHostedRunner(req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner := strings.TrimSpace(os.Getenv(ownerEnv))
	if owner == "" || !slugPattern.MatchString(owner) {
		resp.Diagnostics.AddError("Organization Unknown for Moved Hosted Runner", fmt.Sprintf(
			"The state of %s (runner %d) does not record its organization: integrations/github takes it from its "+
				"provider's owner, and Terraform gives a moved resource no access to the configuration. Set %s to that "+
				"organization (integrations/github reads the same variable) for the plan and apply that perform the move, "+
				"for example `%s=my-org terraform apply`, or import the runner instead with the id \"orgs/<organization>/%d\".",
			integrationsHostedRunnerType, id, ownerEnv, ownerEnv, id))
		return
	}
	tflog.Info(ctx, "Moving a hosted runner from integrations/github", map[string]any{"id": id, "organization": owner})
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, hostedRunnerModel{
		Organization: types.StringValue(owner),
		Enterprise:   types.StringNull(),
		runnerAttrs:  src,
		Timeouts:     timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	})...)
}

// timeoutsAttrTypes are the attributes of the hosted runner's timeouts.
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType,
	"update": types.StringType,
	"delete": types.StringType,
}

// isIntegrationsGitHub reports whether addr is integrations/github on the Terraform or the
// OpenTofu registry.
func isIntegrationsGitHub(addr string) bool {
	switch strings.ToLower(addr) {
	case "registry.terraform.io/integrations/github", "registry.opentofu.org/integrations/github":
		return true
	}
	return false
}

// decodeIntegrationsHostedRunner maps the source state's arguments onto ours, refusing a
// state that lacks what identifies the runner and its image.
func decodeIntegrationsHostedRunner(req resource.MoveStateRequest) (runnerAttrs, int64, diag.Diagnostics) {
	var diags diag.Diagnostics
	refuse := func(what string) (runnerAttrs, int64, diag.Diagnostics) {
		diags.AddError("Unable to Move Hosted Runner State", fmt.Sprintf(
			"The %s state cannot be moved: %s. Import the runner instead (import { to = ..., id = "+
				"\"orgs/<organization>/<runner id>\" }) and remove the old resource from state (terraform state rm).",
			integrationsHostedRunnerType, what))
		return runnerAttrs{}, 0, diags
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		return refuse("Terraform sent no JSON state for it")
	}
	var src integrationsHostedRunnerV0
	if err := json.Unmarshal(req.SourceRawState.JSON, &src); err != nil {
		return refuse("its JSON does not decode as schema version 0: " + err.Error())
	}
	id, err := strconv.ParseInt(src.ID, 10, 64)
	if err != nil || id <= 0 {
		return refuse(fmt.Sprintf("its id %q is not a runner's numeric id", src.ID))
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
		return refuse("it lacks a valid " + strings.Join(missing, ", "))
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
		RunnerGroupID:  types.Int64PointerValue(src.RunnerGroupID),
		MaximumRunners: types.Int64PointerValue(src.MaximumRunners),
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
