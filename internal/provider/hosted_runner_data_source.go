package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*hostedRunnerDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*hostedRunnerDataSource)(nil)
)

// NewHostedRunnerDataSource is the githubactions_hosted_runner data source.
func NewHostedRunnerDataSource() datasource.DataSource { return &hostedRunnerDataSource{} }

type hostedRunnerDataSource struct {
	configuredDataSource
}

type hostedRunnerDataSourceModel struct {
	scopeModel
	runnerAttrs
}

func (d *hostedRunnerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hosted_runner"
}

func (d *hostedRunnerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := runnerDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The runner's numeric ID. Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(positiveIntPattern, "must be a runner's numeric ID")},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The runner's name. Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one GitHub-hosted runner of an organization or enterprise, by ID or by name. " +
			"It is an error when no runner matches.",
		Attributes: withScope(attrs),
	}
}

func (d *hostedRunnerDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *hostedRunnerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg hostedRunnerDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	lookup := idOrNameLookup[client.HostedRunner]{
		noun: "hosted runner", plural: "runners", scope: scope,
		list:  func() ([]client.HostedRunner, error) { return c.ListHostedRunners(ctx, scope) },
		name:  func(r client.HostedRunner) string { return r.Name },
		label: func(r client.HostedRunner) string { return fmt.Sprintf("%s (ID %d)", r.Name, r.ID) },
	}
	var runner *client.HostedRunner
	if !cfg.ID.IsNull() {
		id, _ := strconv.ParseInt(cfg.ID.ValueString(), 10, 64)
		runner = lookup.byID(&resp.Diagnostics, fmt.Sprint(id), func() (*client.HostedRunner, error) { return c.GetHostedRunner(ctx, scope, id) })
	} else {
		runner = lookup.byName(&resp.Diagnostics, cfg.Name.ValueString())
	}
	if runner == nil {
		return
	}
	attrs, diags := runnerAttrsFromAPI(runner, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.runnerAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// runnerDataSourceAttributes are a runner's attributes, all computed, shared by the single and
// the list data source.
func runnerDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":   schema.StringAttribute{MarkdownDescription: "The runner's numeric ID.", Computed: true},
		"name": schema.StringAttribute{MarkdownDescription: "The runner's name; workflows select it with `runs-on`.", Computed: true},
		"image": schema.SingleNestedAttribute{
			MarkdownDescription: "The image the runner boots, in the shape of the `githubactions_hosted_runner` resource's `image` argument.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"id":      schema.StringAttribute{MarkdownDescription: "The image ID (a custom image's numeric ID as a string).", Computed: true},
				"source":  schema.StringAttribute{MarkdownDescription: "`github`, `partner` or `custom`.", Computed: true},
				"version": schema.StringAttribute{MarkdownDescription: "The custom image version the runner uses; null for other images.", Computed: true},
			},
		},
		"size":             schema.StringAttribute{MarkdownDescription: "The machine size ID, such as `4-core`.", Computed: true},
		"runner_group_id":  schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "The ID of the runner group the runner belongs to.", Computed: true},
		"maximum_runners":  schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "The most machines the runner scales up to.", Computed: true},
		"enable_static_ip": schema.BoolAttribute{MarkdownDescription: "Whether the runner has static public IP ranges.", Computed: true},
		"image_gen":        schema.BoolAttribute{MarkdownDescription: "Whether the runner generates custom images.", Computed: true},
		"platform":         schema.StringAttribute{MarkdownDescription: "The operating system and architecture, such as `linux-x64`.", Computed: true},
		"status": schema.StringAttribute{
			MarkdownDescription: "The runner's status: `Ready`, `Provisioning`, `Shutdown`, `Deleting` or `Stuck`.",
			Computed:            true,
		},
		"public_ip_enabled": schema.BoolAttribute{MarkdownDescription: "Whether static public IPs are enabled.", Computed: true},
		"public_ips": schema.ListNestedAttribute{
			MarkdownDescription: "The runner's static public IP ranges, once assigned.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"enabled": schema.BoolAttribute{MarkdownDescription: "Whether the range is enabled.", Computed: true},
				"prefix":  schema.StringAttribute{MarkdownDescription: "The first address of the range, such as `20.80.208.150`.", Computed: true},
				"length":  schema.Int64Attribute{MarkdownDescription: "The prefix length of the range, such as `28`.", Computed: true},
			}},
		},
		"machine_size_details": schema.SingleNestedAttribute{
			MarkdownDescription: "The runner's machine size.",
			Computed:            true,
			Attributes:          dataSourceAttrs(machineSizeFields),
		},
		"image_details": schema.SingleNestedAttribute{
			MarkdownDescription: "The runner's image as GitHub reports it.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"id":           schema.StringAttribute{MarkdownDescription: "The image ID.", Computed: true},
				"size_gb":      schema.Int64Attribute{MarkdownDescription: "The image size in GB.", Computed: true},
				"display_name": schema.StringAttribute{MarkdownDescription: "The image's display name.", Computed: true},
				"source":       schema.StringAttribute{MarkdownDescription: "`github`, `partner` or `custom`.", Computed: true},
				"version":      schema.StringAttribute{MarkdownDescription: "The image version, where GitHub reports one (`latest` for curated images).", Computed: true},
			},
		},
		"last_active_on": schema.StringAttribute{MarkdownDescription: "When the runner last ran a job (RFC 3339), or null if never.", Computed: true},
	}
}
