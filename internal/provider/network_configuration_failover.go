package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The failover switch of a network configuration: failover_network_enabled beside
// failover_network_settings_id.

var (
	_ resource.ConfigValidator = failoverNeedsNetwork{}
	_ planmodifier.Bool        = planFailoverEnabled{}
)

var (
	failoverEnabledPath = path.Root("failover_network_enabled")
	failoverIDPath      = path.Root("failover_network_settings_id")
)

// failoverNeedsNetwork refuses failover_network_enabled = true without a
// failover_network_settings_id: there is no failover network to enable.
type failoverNeedsNetwork struct{}

func (failoverNeedsNetwork) Description(context.Context) string {
	return "failover_network_enabled = true needs failover_network_settings_id."
}

func (v failoverNeedsNetwork) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (failoverNeedsNetwork) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var enabled types.Bool
	var failover types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, failoverEnabledPath, &enabled)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, failoverIDPath, &failover)...)
	if resp.Diagnostics.HasError() || !known(enabled) || !enabled.ValueBool() || !failover.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(failoverEnabledPath, "Failover Enabled Without a Failover Network",
		"failover_network_enabled = true enables the failover network, but failover_network_settings_id is not set, so there "+
			"is none to enable. Set failover_network_settings_id to the ID of a second network settings resource, or set "+
			"failover_network_enabled = false or leave it out.")
}

// planFailoverEnabled plans failover_network_enabled when the configuration leaves it out,
// so that plans stay quiet and never promise what GitHub may answer otherwise:
//   - without a failover network (on create, or when failover_network_settings_id is removed)
//     failover is off: false, which a removal sends with the emptied failover list;
//   - with the failover network unchanged, the value in state (GitHub's last answer);
//   - with a new failover network, whatever GitHub answers (unknown until apply).
type planFailoverEnabled struct{}

func (planFailoverEnabled) Description(context.Context) string {
	return "Keeps the value in state while the failover network is unchanged; false without a failover network."
}

func (m planFailoverEnabled) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (planFailoverEnabled) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.ConfigValue.IsNull() || !req.PlanValue.IsUnknown() || req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, failoverIDPath, &planned)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, failoverIDPath, &prior)...)
	}
	switch {
	case resp.Diagnostics.HasError():
	case !creating && planned.Equal(prior):
		resp.PlanValue = req.StateValue
	case planned.IsNull():
		resp.PlanValue = types.BoolValue(false)
	}
}

// failoverEnabledOrPrior is GitHub's failover_network_enabled, or, when its answer leaves
// the field out, the value known before (null when none was), so an answer without it
// never shows as a change.
func failoverEnabledOrPrior(reported, prior types.Bool) types.Bool {
	if !reported.IsNull() || prior.IsUnknown() {
		return reported
	}
	return prior
}
