package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*machineSizesDataSource)(nil)

// NewMachineSizesDataSource is the githubactions_machine_sizes data source.
func NewMachineSizesDataSource() datasource.DataSource { return &machineSizesDataSource{} }

type machineSizesDataSource struct {
	configuredDataSource
}

type machineSizesDataSourceModel struct {
	scopeModel
	MachineSizes []machineSizeModel `tfsdk:"machine_sizes"`
}

func (d *machineSizesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_machine_sizes"
}

func (d *machineSizesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the machine sizes (CPU cores, memory and storage) a GitHub-hosted runner can have.",
		Attributes: withScope(map[string]schema.Attribute{
			"machine_sizes": schema.ListNestedAttribute{
				MarkdownDescription: "The machine sizes, in the order GitHub lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttrs(machineSizeFields)},
			},
		}),
	}
}

func (d *machineSizesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg machineSizesDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	sizes, err := c.ListMachineSizes(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Machine Sizes", err, scope)
		return
	}
	cfg.MachineSizes = mapAll(sizes, machineSizeFromAPI)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
