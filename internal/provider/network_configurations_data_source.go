package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*networkConfigurationsDataSource)(nil)

// NewNetworkConfigurationsDataSource is the githubactions_network_configurations data source.
func NewNetworkConfigurationsDataSource() datasource.DataSource {
	return &networkConfigurationsDataSource{}
}

type networkConfigurationsDataSource struct {
	configuredDataSource
}

type networkConfigurationsDataSourceModel struct {
	scopeModel
	Configurations []networkConfigurationAttrs `tfsdk:"network_configurations"`
}

func (d *networkConfigurationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_configurations"
}

func (d *networkConfigurationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the hosted compute network configurations of an organization or enterprise (every page of the list).",
		Attributes: withScope(map[string]schema.Attribute{
			"network_configurations": schema.ListNestedAttribute{
				MarkdownDescription: "The network configurations, in the order GitHub lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: networkConfigurationDataSourceAttributes()},
			},
		}),
	}
}

func (d *networkConfigurationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg networkConfigurationsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	configs, err := c.ListNetworkConfigurations(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Network Configurations", err, scope)
		return
	}
	cfg.Configurations = make([]networkConfigurationAttrs, 0, len(configs))
	for i := range configs {
		attrs, diags := networkConfigurationFromAPI(&configs[i])
		resp.Diagnostics.Append(diags...)
		cfg.Configurations = append(cfg.Configurations, attrs)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
