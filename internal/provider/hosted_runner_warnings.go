package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runnerChangeWarnings warns, at plan, about in-place changes that break things outside
// Terraform: a rename changes the runs-on label workflows select, and turning off static IPs
// releases addresses that allow-lists may name.
func runnerChangeWarnings(state, plan hostedRunnerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if known(plan.Name) && !plan.Name.Equal(state.Name) {
		diags.AddAttributeWarning(path.Root("name"), "Renaming the Runner Changes Its runs-on Label",
			fmt.Sprintf("Workflows select this runner by its name. After the rename from %q to %q, jobs with runs-on: %s "+
				"find no runner and wait until they time out; update those workflows to runs-on: %s.",
				state.Name.ValueString(), plan.Name.ValueString(), state.Name.ValueString(), plan.Name.ValueString()))
	}
	if state.EnableStaticIP.ValueBool() && !plan.EnableStaticIP.IsUnknown() && !plan.EnableStaticIP.ValueBool() {
		diags.AddAttributeWarning(path.Root("enable_static_ip"), "Turning Off Static IPs Releases the Runner's Addresses",
			fmt.Sprintf("enable_static_ip changes to false: GitHub releases the runner's static public IP ranges (%s). "+
				"Firewalls and IP allow lists that name them stop letting the runner in, and the same addresses cannot be "+
				"asked back. Leave enable_static_ip out, or set it to true, to keep them.", publicIPRanges(state.PublicIPs)))
	}
	return diags
}

// publicIPRanges renders the public_ips list as "prefix/length" ranges.
func publicIPRanges(list types.List) string {
	var ranges []string
	for _, v := range list.Elements() {
		obj, ok := v.(types.Object)
		if !ok {
			continue
		}
		a := obj.Attributes()
		prefix, _ := a["prefix"].(types.String)
		length, _ := a["length"].(types.Int64)
		ranges = append(ranges, fmt.Sprintf("%s/%d", prefix.ValueString(), length.ValueInt64()))
	}
	if len(ranges) == 0 {
		return "none assigned yet"
	}
	return strings.Join(ranges, ", ")
}
