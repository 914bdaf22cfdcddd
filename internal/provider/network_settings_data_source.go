package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*networkSettingsDataSource)(nil)

// NewNetworkSettingsDataSource is the githubactions_network_settings data source.
func NewNetworkSettingsDataSource() datasource.DataSource { return &networkSettingsDataSource{} }

type networkSettingsDataSource struct {
	configuredDataSource
}

type networkSettingsDataSourceModel struct {
	scopeModel
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	SubnetID               types.String `tfsdk:"subnet_id"`
	Region                 types.String `tfsdk:"region"`
	NetworkConfigurationID types.String `tfsdk:"network_configuration_id"`
}

func (d *networkSettingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_settings"
}

func (d *networkSettingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one hosted compute network settings resource by ID. Network settings are made in Azure " +
			"(a `GitHub.Network/networkSettings` resource for a subnet), never through GitHub's API; their ID is the " +
			"resource's `GitHubId` tag. Use it to check a network settings ID before a `githubactions_network_configuration` uses it.",
		Attributes: withScope(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The network settings resource's ID.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name":      schema.StringAttribute{MarkdownDescription: "The network settings resource's name in Azure.", Computed: true},
			"subnet_id": schema.StringAttribute{MarkdownDescription: "The Azure resource ID of the subnet it is made for.", Computed: true},
			"region":    schema.StringAttribute{MarkdownDescription: "The Azure region of the subnet, such as `eastus`.", Computed: true},
			"network_configuration_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the network configuration that uses it; null when none does.",
				Computed:            true,
			},
		}),
	}
}

func (d *networkSettingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg networkSettingsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	id := cfg.ID.ValueString()
	s, err := c.GetNetworkSettings(ctx, scope, id)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Network Settings Not Found",
			fmt.Sprintf("The %s %q has no network settings resource with ID %q. Network settings are made in Azure for the "+
				"%s's database ID (businessId); check the ID and the scope.", scope.Noun(), scope.Name, id, scope.Noun()))
		return
	}
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to Read Network Settings", err, scope)
		return
	}
	cfg.Name = types.StringValue(s.Name)
	cfg.SubnetID = types.StringValue(s.SubnetID)
	cfg.Region = types.StringValue(s.Region)
	cfg.NetworkConfigurationID = optionalString(s.NetworkConfigurationID)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
