package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// staticIPPlan is the part of a runner's plan that the static IP check reads.
type staticIPPlan struct {
	Organization   types.String     `tfsdk:"organization"`
	Enterprise     types.String     `tfsdk:"enterprise"`
	RunnerGroupID  wholeNumberValue `tfsdk:"runner_group_id"`
	EnableStaticIP types.Bool       `tfsdk:"enable_static_ip"`
}

// checkStaticIPNetworking fails the plan of a runner with enable_static_ip = true in a runner
// group that has private networking (a network configuration): GitHub does not give static
// IPs to runners in an Azure virtual network. It asks GitHub only when the runner is created
// or its group or static IP setting changes, and only when the group is known at plan; a group
// created in the same apply is checked when Terraform plans again before the runner is made.
func checkStaticIPNetworking(ctx context.Context, data *providerData, req resource.ModifyPlanRequest) diag.Diagnostics {
	var diags diag.Diagnostics
	if req.Plan.Raw.IsNull() || data == nil {
		return diags
	}
	var plan staticIPPlan
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("organization"), &plan.Organization)...)
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("enterprise"), &plan.Enterprise)...)
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("runner_group_id"), &plan.RunnerGroupID)...)
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("enable_static_ip"), &plan.EnableStaticIP)...)
	if diags.HasError() || !known(plan.RunnerGroupID) || !known(plan.EnableStaticIP) || !plan.EnableStaticIP.ValueBool() ||
		!known(plan.Organization) && !known(plan.Enterprise) {
		return diags
	}
	if !req.State.Raw.IsNull() {
		var prior staticIPPlan
		diags.Append(req.State.GetAttribute(ctx, path.Root("runner_group_id"), &prior.RunnerGroupID)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root("enable_static_ip"), &prior.EnableStaticIP)...)
		if diags.HasError() || prior.RunnerGroupID.Equal(plan.RunnerGroupID) && prior.EnableStaticIP.Equal(plan.EnableStaticIP) {
			return diags
		}
	}
	c, scope, cdiags := data.clientFor(plan.Organization, plan.Enterprise)
	if cdiags.HasError() {
		// No credentials yet: the apply reports that; the check runs again when Terraform plans the apply.
		return diags
	}
	id := plan.RunnerGroupID.ValueInt64()
	g, err := data.runnerGroups().read(ctx, c, scope, id)
	if err != nil || g == nil {
		// A missing group is GitHub's to reject, with its own message; a failed read is not a reason to fail the plan.
		tflog.Debug(ctx, "Could not read the runner's group to check static IPs against private networking", map[string]any{"group": id})
		return diags
	}
	if g.NetworkConfigurationID != "" {
		diags.AddAttributeError(path.Root("enable_static_ip"), "Static IPs Not Available With Private Networking",
			fmt.Sprintf("Runner group %d (%q) uses the network configuration %s (private networking), and GitHub does not give "+
				"static public IPs to runners that reach an Azure virtual network. Set enable_static_ip = false, or use a "+
				"group without network_configuration_id.", g.ID, g.Name, g.NetworkConfigurationID))
	}
	return diags
}
