package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*selfHostedRunnerPolicyDataSource)(nil)

// NewSelfHostedRunnerPolicyDataSource is the githubactions_self_hosted_runner_policy data source.
func NewSelfHostedRunnerPolicyDataSource() datasource.DataSource {
	return &selfHostedRunnerPolicyDataSource{}
}

type selfHostedRunnerPolicyDataSource struct {
	configuredDataSource
}

type selfHostedRunnerPolicyDataSourceModel struct {
	scopeModel
	ID types.String `tfsdk:"id"`
	selfHostedPolicyAttrs
}

func (d *selfHostedRunnerPolicyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_self_hosted_runner_policy"
}

func (d *selfHostedRunnerPolicyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads who may use self-hosted runners: an organization's `enabled_repositories` (with the " +
			"selected repositories), or whether an enterprise disables repository-level self-hosted runners in all its organizations.",
		Attributes: withScope(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope: `orgs/<organization>` or `enterprises/<enterprise>`.",
				Computed:            true,
			},
			"enabled_repositories": schema.StringAttribute{MarkdownDescription: policyEnabledDesc + " Null for an enterprise.", Computed: true},
			"selected_repository_ids": schema.SetAttribute{
				MarkdownDescription: policySelectedDesc + " Null unless `enabled_repositories` is `selected`.",
				Computed:            true,
				ElementType:         wholeNumberType{},
			},
			"disable_self_hosted_runners_for_all_orgs": schema.BoolAttribute{
				MarkdownDescription: policyDisableDesc + " Null for an organization.",
				Computed:            true,
			},
		}),
	}
}

func (d *selfHostedRunnerPolicyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg selfHostedRunnerPolicyDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	attrs, err := readSelfHostedPolicy(ctx, c, scope, func(enabled string) bool { return enabled == client.SelfHostedSelected })
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to Read Self-Hosted Runner Policy", err, scope)
		return
	}
	cfg.ID = types.StringValue(scope.String())
	cfg.selfHostedPolicyAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
