package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*networkConfigurationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*networkConfigurationDataSource)(nil)
)

// NewNetworkConfigurationDataSource is the githubactions_network_configuration data source.
func NewNetworkConfigurationDataSource() datasource.DataSource {
	return &networkConfigurationDataSource{}
}

type networkConfigurationDataSource struct {
	configuredDataSource
}

type networkConfigurationDataSourceModel struct {
	scopeModel
	networkConfigurationAttrs
}

func (d *networkConfigurationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_configuration"
}

func (d *networkConfigurationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := networkConfigurationDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: netIDDesc + " Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The network configuration's name. Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one hosted compute network configuration of an organization or enterprise, by ID or by " +
			"name. It is an error when none matches.",
		Attributes: withScope(attrs),
	}
}

func (d *networkConfigurationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *networkConfigurationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg networkConfigurationDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	lookup := idOrNameLookup[client.NetworkConfiguration]{
		noun: "network configuration", plural: "configurations", scope: scope,
		list:  func() ([]client.NetworkConfiguration, error) { return c.ListNetworkConfigurations(ctx, scope) },
		name:  func(n client.NetworkConfiguration) string { return n.Name },
		label: func(n client.NetworkConfiguration) string { return fmt.Sprintf("%s (ID %s)", n.Name, n.ID) },
	}
	var config *client.NetworkConfiguration
	if !cfg.ID.IsNull() {
		id := cfg.ID.ValueString()
		config = lookup.byID(&resp.Diagnostics, fmt.Sprintf("%q", id), func() (*client.NetworkConfiguration, error) {
			return c.GetNetworkConfiguration(ctx, scope, id)
		})
	} else {
		config = lookup.byName(&resp.Diagnostics, cfg.Name.ValueString())
	}
	if config == nil {
		return
	}
	attrs, diags := networkConfigurationFromAPI(config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.networkConfigurationAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
