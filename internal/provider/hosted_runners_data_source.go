package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*hostedRunnersDataSource)(nil)

// NewHostedRunnersDataSource is the githubactions_hosted_runners data source.
func NewHostedRunnersDataSource() datasource.DataSource { return &hostedRunnersDataSource{} }

type hostedRunnersDataSource struct {
	configuredDataSource
}

type hostedRunnersDataSourceModel struct {
	scopeModel
	NameRegex types.String     `tfsdk:"name_regex"`
	Platform  types.String     `tfsdk:"platform"`
	Status    types.String     `tfsdk:"status"`
	GroupID   wholeNumberValue `tfsdk:"runner_group_id"`
	Runners   []runnerAttrs    `tfsdk:"runners"`
}

func (d *hostedRunnersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hosted_runners"
}

func (d *hostedRunnersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the GitHub-hosted runners of an organization or enterprise (every page of the list), " +
			"optionally filtered by name, platform, status and runner group. Runners are ordered as GitHub lists them.",
		Attributes: withScope(map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "Keep only runners whose name matches this regular expression (RE2 syntax, unanchored: " +
					"use `^...$` to match the whole name).",
				Optional:   true,
				Validators: []validator.String{regexpValidator{}},
			},
			"platform": schema.StringAttribute{
				MarkdownDescription: "Keep only runners of this platform, such as `linux-x64` (see the `githubactions_platforms` data source).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Keep only runners in this status: `Ready`, `Provisioning`, `Shutdown`, `Deleting` or `Stuck`.",
				Optional:            true,
				Validators: []validator.String{stringvalidator.OneOf(client.StatusReady, client.StatusProvisioning,
					client.StatusShutdown, client.StatusDeleting, client.StatusStuck)},
			},
			"runner_group_id": schema.Int64Attribute{
				CustomType: wholeNumberType{},
				MarkdownDescription: "Keep only runners in this runner group. For an organization this reads the group's own " +
					"list of hosted runners; for an enterprise (which has no such list) the scope's runners are filtered.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"runners": schema.ListNestedAttribute{
				MarkdownDescription: "The runners that pass every filter.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: runnerDataSourceAttributes()},
			},
		}),
	}
}

func (d *hostedRunnersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg hostedRunnersDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	re := argumentRegexp(&resp.Diagnostics, cfg.NameRegex, "name_regex")
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(d.data.checkPlatformFilter(ctx, c, scope, cfg.Platform)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var runners []client.HostedRunner
	var err error
	if cfg.GroupID.IsNull() {
		runners, err = c.ListHostedRunners(ctx, scope)
	} else {
		runners, err = hostedRunnersInGroup(ctx, c, scope, cfg.GroupID.ValueInt64())
	}
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Hosted Runners", err, scope)
		return
	}
	cfg.Runners = []runnerAttrs{}
	for i := range runners {
		r := &runners[i]
		if !matchesRegexp(re, r.Name) || !matches(cfg.Platform, r.Platform) || !matches(cfg.Status, r.Status) {
			continue
		}
		attrs, diags := runnerAttrsFromAPI(r, nil)
		resp.Diagnostics.Append(diags...)
		cfg.Runners = append(cfg.Runners, attrs)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
