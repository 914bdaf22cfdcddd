package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// checkStaticIPNetworking fails the plan of a runner with enable_static_ip = true in a runner
// group that has private networking (a network configuration): GitHub does not give static
// IPs to runners in an Azure virtual network. plan is the runner's plan with the defaults
// applied, state its prior state (nil for a new runner). It asks GitHub only when the runner
// is created or its group or static IP setting changes, and only when the group is known at
// plan; a group created in the same apply is checked when Terraform plans again before the
// runner is made.
func checkStaticIPNetworking(ctx context.Context, data *providerData, plan hostedRunnerModel, state *hostedRunnerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !known(plan.RunnerGroupID) || !known(plan.EnableStaticIP) || !plan.EnableStaticIP.ValueBool() ||
		!known(plan.Organization) && !known(plan.Enterprise) {
		return diags
	}
	if state != nil && state.RunnerGroupID.Equal(plan.RunnerGroupID) && state.EnableStaticIP.Equal(plan.EnableStaticIP) {
		return diags
	}
	c, scope, cdiags := data.planClientFor(plan.Organization, plan.Enterprise)
	diags.Append(cdiags...)
	if c == nil {
		return diags
	}
	ctx, cancel := c.WithReadTimeout(ctx)
	defer cancel()
	id := plan.RunnerGroupID.ValueInt64()
	g, err := data.runnerGroups().read(ctx, c, scope, id)
	if err != nil {
		return data.planCheckFailed("enable_static_ip against the runner group's private networking", err, scope)
	}
	if g == nil {
		return diags // a missing group is the catalog check's to report (checkCatalog)
	}
	if g.NetworkConfigurationID != "" {
		diags.AddAttributeError(path.Root("enable_static_ip"), "Static IPs Not Available With Private Networking",
			fmt.Sprintf("Runner group %d (%q) uses the network configuration %s (private networking), and GitHub does not give "+
				"static public IPs to runners that reach an Azure virtual network. Set enable_static_ip = false, or use a "+
				"group without network_configuration_id.", g.ID, g.Name, g.NetworkConfigurationID))
	}
	return diags
}
