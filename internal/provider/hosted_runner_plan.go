package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ resource.ResourceWithModifyPlan = (*hostedRunnerResource)(nil)

// Defaults of a new runner for the arguments that, left out later, keep the runner's value.
const (
	defaultRunnerGroupID  = 1
	defaultEnableStaticIP = false
)

// ModifyPlan gives a new runner the defaults of runner_group_id and enable_static_ip, makes
// unknown the computed values the change affects (never from the catalog: a catalog read that
// fails at apply would turn a known planned value unknown), warns about a rename or released
// static IPs, and checks what is created or changed against the catalog and the runner
// group's private networking.
func (r *hostedRunnerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan hostedRunnerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var state *hostedRunnerModel
	if !req.State.Raw.IsNull() {
		state = &hostedRunnerModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if state == nil {
		// Left out of the configuration (null there, not merely unknown yet): the defaults.
		var group wholeNumberValue
		var staticIP types.Bool
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("runner_group_id"), &group)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("enable_static_ip"), &staticIP)...)
		if group.IsNull() {
			plan.RunnerGroupID = wholeNumber(types.Int64Value(defaultRunnerGroupID))
		}
		if staticIP.IsNull() {
			plan.EnableStaticIP = types.BoolValue(defaultEnableStaticIP)
		}
	} else if !req.Plan.Raw.Equal(req.State.Raw) && !noChange(ctx, resp.Plan, &plan, *state, req.State.Raw) {
		// An update: without one, the plan is the state and stays empty.
		plan.forgetAffected(*state)
		resp.Diagnostics.Append(runnerChangeWarnings(*state, plan)...)
	}
	// At plan the checks only warn, so that they never block a destroy; Create and Update run
	// them again as errors. A catalog unread for a lasting cause stops the plan (unread).
	checks, unread := r.checkCatalog(ctx, &plan, state, (*planCheck).staticIP)
	resp.Diagnostics.Append(unread...)
	resp.Diagnostics.Append(warnOnly(checks, "The apply stops here before writing anything; a destroy goes on.")...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(checkStaticIPNetworking(ctx, r.data, plan, state)...)
}

// noChange reports a plan that changes nothing but leaves last_active_on unknown, as the
// framework does to a computed value when the configuration differs from state in a way the
// attributes' plan modifiers found to be no change (a scope name in other letter case); it then
// puts the state's last_active_on back in plan, so that the plan is empty.
func noChange(ctx context.Context, planned tfsdk.Plan, plan *hostedRunnerModel, state hostedRunnerModel, stateRaw tftypes.Value) bool {
	if !plan.LastActiveOn.IsUnknown() {
		return false
	}
	quiet := *plan
	quiet.LastActiveOn = state.LastActiveOn
	if diags := planned.Set(ctx, quiet); diags.HasError() || !planned.Raw.Equal(stateRaw) {
		return false
	}
	*plan = quiet
	return true
}

// forgetAffected makes unknown the computed values (kept from state by UseStateForUnknown)
// that the planned change alters.
func (m *hostedRunnerModel) forgetAffected(state hostedRunnerModel) {
	if !state.Status.Equal(types.StringValue(client.StatusReady)) {
		m.Status = types.StringUnknown() // an apply ends with a Ready runner
	}
	if !m.Size.Equal(state.Size) {
		m.MachineSizeDetails = types.ObjectUnknown(machineSizeAttrTypes)
	}
	if !m.Image.Equal(state.Image) || !m.ImageGen.Equal(state.ImageGen) {
		m.ImageDetails = types.ObjectUnknown(imageDetailsAttrTypes)
		m.Platform = types.StringUnknown()
	}
	// GitHub promises no static IP range across a re-provisioning: the ranges are known only
	// for a change that keeps the runner as it is, or for a runner without static IPs.
	if m.reprovisions(state.runnerAttrs) && !m.EnableStaticIP.Equal(types.BoolValue(false)) {
		m.PublicIPs = types.ListUnknown(types.ObjectType{AttrTypes: publicIPAttrTypes})
	}
	if !m.EnableStaticIP.Equal(state.EnableStaticIP) {
		m.PublicIPs = types.ListUnknown(types.ObjectType{AttrTypes: publicIPAttrTypes})
		m.PublicIPEnabled = types.BoolUnknown()
		if !m.EnableStaticIP.IsUnknown() {
			m.PublicIPEnabled = m.EnableStaticIP
		}
	}
}
