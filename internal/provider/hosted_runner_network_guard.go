package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// checkStaticIPNetworking fails the plan of a runner with enable_static_ip = true in a runner
// group that has private networking (a network configuration): GitHub does not give static
// IPs to runners in an Azure virtual network. plan is the runner's plan with the defaults
// applied, state its prior state (nil for a new runner). It asks GitHub only when the runner
// is created or its group or static IP setting changes, and only when the group is known at
// plan and credentials are configured (a plan without them stays possible); a group created in
// the same apply is checked when Terraform plans again before the runner is made.
func checkStaticIPNetworking(ctx context.Context, data *providerData, plan hostedRunnerModel, state *hostedRunnerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !data.hasCredentials() || !known(plan.RunnerGroupID) || !known(plan.EnableStaticIP) || !plan.EnableStaticIP.ValueBool() ||
		!known(plan.Organization) && !known(plan.Enterprise) {
		return diags
	}
	if state != nil && state.RunnerGroupID.Equal(plan.RunnerGroupID) && state.EnableStaticIP.Equal(plan.EnableStaticIP) {
		return diags
	}
	c, scope, cdiags := data.clientFor(plan.Organization, plan.Enterprise)
	diags.Append(cdiags...)
	if diags.HasError() {
		return diags
	}
	id := plan.RunnerGroupID.ValueInt64()
	g, err := data.runnerGroups().read(ctx, c, scope, id)
	if err != nil || g == nil {
		// A missing group is the catalog check's to report (checkCatalog); a failed read is not a reason to fail the plan.
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
