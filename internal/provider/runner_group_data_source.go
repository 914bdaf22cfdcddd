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
	_ datasource.DataSourceWithConfigure        = (*runnerGroupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*runnerGroupDataSource)(nil)
)

// NewRunnerGroupDataSource is the githubactions_runner_group data source.
func NewRunnerGroupDataSource() datasource.DataSource { return &runnerGroupDataSource{} }

type runnerGroupDataSource struct {
	configuredDataSource
}

type runnerGroupDataSourceModel struct {
	scopeModel
	runnerGroupAttrs
}

func (d *runnerGroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_runner_group"
}

func (d *runnerGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := runnerGroupDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: groupIDDesc + " Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(positiveIntPattern, "must be a runner group's numeric ID")},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: groupNameDesc + " Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one runner group of an organization or enterprise, by ID or by name (an organization's " +
			"groups include those inherited from its enterprise). It is an error when no group matches.",
		Attributes: withScope(attrs),
	}
}

func (d *runnerGroupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *runnerGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg runnerGroupDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	lookup := idOrNameLookup[client.RunnerGroup]{
		noun: "runner group", plural: "groups", scope: scope,
		list:  func() ([]client.RunnerGroup, error) { return c.ListRunnerGroups(ctx, scope, "") },
		name:  func(g client.RunnerGroup) string { return g.Name },
		label: func(g client.RunnerGroup) string { return fmt.Sprintf("%s (ID %d)", g.Name, g.ID) },
	}
	var group *client.RunnerGroup
	if !cfg.ID.IsNull() {
		id, diags := idInState(cfg.ID, "runner group")
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		group = lookup.byID(&resp.Diagnostics, fmt.Sprint(id), func() (*client.RunnerGroup, error) { return c.GetRunnerGroup(ctx, scope, id) })
	} else {
		group = lookup.byName(&resp.Diagnostics, cfg.Name.ValueString())
	}
	if group == nil {
		return
	}
	attrs, diags := runnerGroupFromAPI(ctx, group)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.runnerGroupAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
