package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*runnerGroupsDataSource)(nil)

// NewRunnerGroupsDataSource is the githubactions_runner_groups data source.
func NewRunnerGroupsDataSource() datasource.DataSource { return &runnerGroupsDataSource{} }

type runnerGroupsDataSource struct {
	configuredDataSource
}

type runnerGroupsDataSourceModel struct {
	scopeModel
	Groups []runnerGroupAttrs `tfsdk:"groups"`
}

func (d *runnerGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_runner_groups"
}

func (d *runnerGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the runner groups of an organization (including those inherited from its enterprise) or of an enterprise.",
		Attributes: withScope(map[string]schema.Attribute{
			"groups": schema.ListNestedAttribute{
				MarkdownDescription: "The runner groups, in the order GitHub lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: runnerGroupDataSourceAttributes()},
			},
		}),
	}
}

func (d *runnerGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg runnerGroupsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	groups, err := c.ListRunnerGroups(ctx, scope, "")
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Runner Groups", err, scope)
		return
	}
	cfg.Groups = make([]runnerGroupAttrs, 0, len(groups))
	for i := range groups {
		attrs, diags := runnerGroupFromAPI(ctx, &groups[i])
		resp.Diagnostics.Append(diags...)
		cfg.Groups = append(cfg.Groups, attrs)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
