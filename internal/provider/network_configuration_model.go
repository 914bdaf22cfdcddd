package provider

import (
	"fmt"
	"regexp"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// networkConfigurationNamePattern is GitHub's rule for network configuration names.
var networkConfigurationNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// networkConfigurationAttrs are a network configuration's attributes, shared by the resource
// and the data sources (embedded in their models).
type networkConfigurationAttrs struct {
	ID                        types.String `tfsdk:"id"`
	Name                      types.String `tfsdk:"name"`
	ComputeService            types.String `tfsdk:"compute_service"`
	NetworkSettingsID         types.String `tfsdk:"network_settings_id"`
	FailoverNetworkSettingsID types.String `tfsdk:"failover_network_settings_id"`
	FailoverNetworkEnabled    types.Bool   `tfsdk:"failover_network_enabled"`
	CreatedOn                 types.String `tfsdk:"created_on"`
}

// Descriptions of the network configuration attributes, written once for the resource and the data sources.
const (
	netIDDesc       = "The network configuration's ID, assigned by GitHub (a string such as `123ABC456DEF789`)."
	netNameDesc     = "The network configuration's name: 1 to 100 characters of letters, digits, `.`, `-` and `_`."
	netComputeDesc  = "The hosted compute service that may use the configuration: `actions` (GitHub Actions hosted runners) or `none`."
	netSettingsDesc = "The ID of the network settings resource the configuration uses: the `GitHub.Network/networkSettings` " +
		"resource made in Azure for a subnet (the value of its `GitHubId` tag). Each network settings resource serves one configuration."
	netFailoverDesc        = "The ID of a second network settings resource to fail over to (for example in another Azure region); null when none."
	netFailoverEnabledDesc = "Whether the failover network, the network settings resource in `failover_network_settings_id`, is enabled."
	netCreatedDesc         = "When the configuration was created (RFC 3339), as GitHub reports it."
)

// networkConfigurationDataSourceAttributes are a configuration's attributes, all computed,
// shared by the single and the list data source.
func networkConfigurationDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":                           dschema.StringAttribute{MarkdownDescription: netIDDesc, Computed: true},
		"name":                         dschema.StringAttribute{MarkdownDescription: netNameDesc, Computed: true},
		"compute_service":              dschema.StringAttribute{MarkdownDescription: netComputeDesc + " GitHub may also report `codespaces`.", Computed: true},
		"network_settings_id":          dschema.StringAttribute{MarkdownDescription: netSettingsDesc, Computed: true},
		"failover_network_settings_id": dschema.StringAttribute{MarkdownDescription: netFailoverDesc, Computed: true},
		"failover_network_enabled":     dschema.BoolAttribute{MarkdownDescription: netFailoverEnabledDesc + " Null when GitHub does not report it.", Computed: true},
		"created_on":                   dschema.StringAttribute{MarkdownDescription: netCreatedDesc, Computed: true},
	}
}

// networkConfigurationFromAPI maps a configuration after checking that GitHub's answer is one.
// A configuration GitHub reports without a compute service has none; one reported without
// failover_network_enabled has it null (the resource then keeps what it knew).
func networkConfigurationFromAPI(n *client.NetworkConfiguration) (networkConfigurationAttrs, diag.Diagnostics) {
	var diags diag.Diagnostics
	if n == nil || n.ID == "" || n.Name == "" || len(n.NetworkSettingsIDs) > 1 || len(n.FailoverNetworkSettingsIDs) > 1 {
		diags.AddError("Invalid Network Configuration From GitHub",
			fmt.Sprintf("GitHub answered with a network configuration that lacks an id or name, or has more than one network "+
				"settings id in a list (%+v); nothing was stored.", n))
		return networkConfigurationAttrs{}, diags
	}
	compute := n.ComputeService
	if compute == "" {
		compute = client.ComputeServiceNone
	}
	out := networkConfigurationAttrs{
		ID:                        types.StringValue(n.ID),
		Name:                      types.StringValue(n.Name),
		ComputeService:            types.StringValue(compute),
		NetworkSettingsID:         types.StringNull(),
		FailoverNetworkSettingsID: types.StringNull(),
		FailoverNetworkEnabled:    types.BoolPointerValue(n.FailoverNetworkEnabled),
		CreatedOn:                 types.StringNull(),
	}
	if len(n.NetworkSettingsIDs) == 1 {
		out.NetworkSettingsID = optionalString(n.NetworkSettingsIDs[0])
	}
	if len(n.FailoverNetworkSettingsIDs) == 1 {
		out.FailoverNetworkSettingsID = optionalString(n.FailoverNetworkSettingsIDs[0])
	}
	if n.CreatedOn != nil {
		out.CreatedOn = optionalString(*n.CreatedOn)
	}
	return out, diags
}
