package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*platformsDataSource)(nil)

// NewPlatformsDataSource is the githubactions_platforms data source.
func NewPlatformsDataSource() datasource.DataSource { return &platformsDataSource{} }

type platformsDataSource struct {
	configuredDataSource
}

type platformsDataSourceModel struct {
	scopeModel
	Platforms []types.String `tfsdk:"platforms"`
}

func (d *platformsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_platforms"
}

func (d *platformsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the platforms (operating system and architecture) GitHub-hosted runners can run on.",
		Attributes: withScope(map[string]schema.Attribute{
			"platforms": schema.ListAttribute{
				MarkdownDescription: "The platform names, such as `linux-x64`, `linux-arm64` and `win-x64`, in the order GitHub lists them.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		}),
	}
}

func (d *platformsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg platformsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	platforms, err := c.ListPlatforms(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Platforms", err, scope)
		return
	}
	cfg.Platforms = mapAll(platforms, types.StringValue)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
