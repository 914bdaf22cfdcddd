package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*limitsDataSource)(nil)

// NewLimitsDataSource is the githubactions_limits data source.
func NewLimitsDataSource() datasource.DataSource { return &limitsDataSource{} }

type limitsDataSource struct {
	configuredDataSource
}

type limitsDataSourceModel struct {
	scopeModel
	Maximum      types.Int64 `tfsdk:"maximum"`
	CurrentUsage types.Int64 `tfsdk:"current_usage"`
	Available    types.Int64 `tfsdk:"available"`
}

func (d *limitsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_limits"
}

func (d *limitsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the static public IP limits of an organization or enterprise: each runner with " +
			"`enable_static_ip = true` uses static public IPs that count against them.",
		Attributes: withScope(map[string]schema.Attribute{
			"maximum": schema.Int64Attribute{
				MarkdownDescription: "The most static public IPs the organization or enterprise may use.",
				Computed:            true,
			},
			"current_usage": schema.Int64Attribute{
				MarkdownDescription: "How many static public IPs are in use now.",
				Computed:            true,
			},
			"available": schema.Int64Attribute{
				MarkdownDescription: "How many more can be used: `maximum` minus `current_usage`, never below 0.",
				Computed:            true,
			},
		}),
	}
}

func (d *limitsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg limitsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	limits, err := c.GetLimits(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to Read Public IP Limits", err, scope)
		return
	}
	ips := limits.PublicIPs
	cfg.Maximum = types.Int64Value(ips.Maximum)
	cfg.CurrentUsage = types.Int64Value(ips.CurrentUsage)
	cfg.Available = types.Int64Value(max(ips.Maximum-ips.CurrentUsage, 0))
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
