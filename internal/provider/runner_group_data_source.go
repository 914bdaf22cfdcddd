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
	scopedDataSource
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
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	c, scope, diags := d.data.clientFor(cfg.Organization, cfg.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var group *client.RunnerGroup
	if !cfg.ID.IsNull() {
		id, diags := groupID(cfg.ID)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		var err error
		group, err = c.GetRunnerGroup(ctx, scope, id)
		if client.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Runner Group Not Found",
				fmt.Sprintf("The %s %q has no runner group with ID %d.", scope.Noun(), scope.Name, id))
			return
		}
		if err != nil {
			addError(&resp.Diagnostics, "Unable to Read Runner Group", err, scope, nil)
			return
		}
	} else {
		groups, err := c.ListRunnerGroups(ctx, scope, "")
		if err != nil {
			addError(&resp.Diagnostics, "Unable to List Runner Groups", err, scope, nil)
			return
		}
		name := cfg.Name.ValueString()
		found, ok := selectOne(&resp.Diagnostics, filter(groups, func(g client.RunnerGroup) bool { return g.Name == name }),
			"runner group", fmt.Sprintf("the name %q in the %s %q (%d groups searched)", name, scope.Noun(), scope.Name, len(groups)),
			func(g client.RunnerGroup) string { return fmt.Sprintf("%s (ID %d)", g.Name, g.ID) })
		if !ok {
			return
		}
		group = &found
	}
	attrs, diags := runnerGroupFromAPI(ctx, group)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.runnerGroupAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
