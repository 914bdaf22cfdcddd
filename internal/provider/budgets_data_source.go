package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*budgetsDataSource)(nil)

// NewBudgetsDataSource is the githubactions_budgets data source.
func NewBudgetsDataSource() datasource.DataSource { return &budgetsDataSource{} }

type budgetsDataSource struct {
	configuredDataSource
}

type budgetsDataSourceModel struct {
	scopeModel
	SKU       types.String          `tfsdk:"sku"`
	AppliesTo *budgetAppliesToModel `tfsdk:"applies_to"`
	Budgets   []budgetAttrs         `tfsdk:"budgets"`
}

func (d *budgetsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_budgets"
}

func (d *budgetsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Actions budgets of an organization or enterprise with what each has consumed (every page of " +
			"the list). Budgets of other products (Packages, Copilot, AI credits) are skipped.",
		Attributes: withScope(map[string]schema.Attribute{
			"sku": schema.StringAttribute{
				MarkdownDescription: "Only the budgets on this product or SKU: `actions` for budgets on all of Actions, or an Actions SKU such as `actions_linux`.",
				Optional:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(budgetProductOrSKUPattern,
					"must be actions or an Actions SKU such as actions_linux: "+budgetActionsOnlyMsg)},
			},
			"applies_to": schema.SingleNestedAttribute{
				MarkdownDescription: "Only the budgets that cover this: a `type` (`enterprise`, `organization`, `repository`, `cost_center`) and, optionally, a `name` (compared without regard to letter case).",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{MarkdownDescription: "The kind of covered entity.", Required: true,
						Validators: []validator.String{stringvalidator.OneOf(budgetEntScopes...)}},
					"name": schema.StringAttribute{MarkdownDescription: "The covered entity's name; left out, any.", Optional: true},
				},
			},
			"budgets": schema.ListNestedAttribute{
				MarkdownDescription: "The budgets, in the order GitHub lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                    schema.StringAttribute{MarkdownDescription: budgetIDDesc, Computed: true},
					"product":               schema.StringAttribute{MarkdownDescription: "`actions` for a budget on all of Actions; null for a SKU budget.", Computed: true},
					"sku":                   schema.StringAttribute{MarkdownDescription: "The Actions SKU of a SKU budget; null for a budget on all of Actions.", Computed: true},
					"amount":                schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "The budget in whole US dollars.", Computed: true},
					"prevent_further_usage": schema.BoolAttribute{MarkdownDescription: budgetPreventDesc, Computed: true},
					"alerting": schema.SingleNestedAttribute{MarkdownDescription: budgetAlertingDesc, Computed: true, Attributes: map[string]schema.Attribute{
						"enabled":    schema.BoolAttribute{MarkdownDescription: budgetEnabledDesc, Computed: true},
						"recipients": schema.ListAttribute{MarkdownDescription: "The user logins that receive the alerts.", ElementType: types.StringType, Computed: true},
					}},
					"applies_to": schema.SingleNestedAttribute{MarkdownDescription: "What the budget covers.", Computed: true, Attributes: map[string]schema.Attribute{
						"type": schema.StringAttribute{MarkdownDescription: "The kind of covered entity (GitHub's `budget_scope`).", Computed: true},
						"name": schema.StringAttribute{MarkdownDescription: "The covered entity (the owner's own name for a budget on the owner itself).", Computed: true},
					}},
					"consumed_amount": schema.Float64Attribute{MarkdownDescription: budgetConsumedDesc, Computed: true},
				}},
			},
		}),
	}
}

func (d *budgetsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg budgetsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	budgets, err := c.ListBudgets(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Budgets", err, scope)
		return
	}
	cfg.Budgets = []budgetAttrs{}
	for i := range budgets {
		b := &budgets[i]
		if cfg.SKU.ValueString() != "" && !strings.EqualFold(cfg.SKU.ValueString(), b.ProductSKU) {
			continue
		}
		if a := cfg.AppliesTo; a != nil && (a.Type.ValueString() != b.Scope ||
			!a.Name.IsNull() && client.CoverageOf(scope, b.ProductSKU, b.Scope, a.Name.ValueString()) != b.Coverage(scope)) {
			continue
		}
		attrs, diags := budgetAttrsFromAPI(ctx, scope, b, nil)
		resp.Diagnostics.Append(diags...)
		cfg.Budgets = append(cfg.Budgets, attrs)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
