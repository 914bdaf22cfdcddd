package provider

import (
	"context"
	"math"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*actionsUsageDataSource)(nil)

// NewActionsUsageDataSource is the githubactions_actions_usage data source.
func NewActionsUsageDataSource() datasource.DataSource { return &actionsUsageDataSource{} }

type actionsUsageDataSource struct {
	configuredDataSource
}

type actionsUsageDataSourceModel struct {
	scopeModel
	Year                wholeNumberValue       `tfsdk:"year"`
	Month               wholeNumberValue       `tfsdk:"month"`
	Day                 wholeNumberValue       `tfsdk:"day"`
	Repository          types.String           `tfsdk:"repository"`
	SKUs                []actionsUsageSKUAttrs `tfsdk:"skus"`
	TotalGrossAmount    types.Float64          `tfsdk:"total_gross_amount"`
	TotalDiscountAmount types.Float64          `tfsdk:"total_discount_amount"`
	TotalNetAmount      types.Float64          `tfsdk:"total_net_amount"`
}

// actionsUsageSKUAttrs is one SKU's usage.
type actionsUsageSKUAttrs struct {
	SKU            types.String  `tfsdk:"sku"`
	Unit           types.String  `tfsdk:"unit"`
	PricePerUnit   types.Float64 `tfsdk:"price_per_unit"`
	Quantity       types.Float64 `tfsdk:"quantity"`
	NetQuantity    types.Float64 `tfsdk:"net_quantity"`
	GrossAmount    types.Float64 `tfsdk:"gross_amount"`
	DiscountAmount types.Float64 `tfsdk:"discount_amount"`
	NetAmount      types.Float64 `tfsdk:"net_amount"`
}

func (d *actionsUsageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actions_usage"
}

func (d *actionsUsageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.Float64Attribute {
		return schema.Float64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Actions usage of an organization or enterprise in one month (or one day of it), per SKU, from " +
			"GitHub's usage summary: what to size budgets from. GitHub keeps the past 24 months, and the summary needs the " +
			"account on the enhanced billing platform; it is in public preview. Usage of other products is left out.",
		Attributes: withScope(map[string]schema.Attribute{
			"year":  schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "The year, such as `2026`.", Required: true, Validators: []validator.Int64{int64validator.Between(2000, 9999)}},
			"month": schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "The month, 1 to 12.", Required: true, Validators: []validator.Int64{int64validator.Between(1, 12)}},
			"day":   schema.Int64Attribute{CustomType: wholeNumberType{}, MarkdownDescription: "One day of the month, 1 to 31; left out, the whole month.", Optional: true, Validators: []validator.Int64{int64validator.Between(1, 31)}},
			"repository": schema.StringAttribute{
				MarkdownDescription: "Only the usage of this repository, as `owner/repository`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(repositoryFullName, "must be owner/repository")},
			},
			"skus": schema.ListNestedAttribute{
				MarkdownDescription: "The usage per Actions SKU, ordered by SKU.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"sku":             schema.StringAttribute{MarkdownDescription: "The SKU, such as `actions_linux`.", Computed: true},
					"unit":            schema.StringAttribute{MarkdownDescription: "The unit of the quantities, such as `minutes`.", Computed: true},
					"price_per_unit":  computed("The price of one unit in US dollars."),
					"quantity":        computed("The quantity used (gross)."),
					"net_quantity":    computed("The quantity billed, after included (discounted) usage."),
					"gross_amount":    computed("The gross amount in US dollars."),
					"discount_amount": computed("The discount in US dollars (included minutes and other discounts)."),
					"net_amount":      computed("The amount billed in US dollars."),
				}},
			},
			"total_gross_amount":    computed("The gross amount of all SKUs in US dollars."),
			"total_discount_amount": computed("The discount of all SKUs in US dollars."),
			"total_net_amount":      computed("The amount billed for all SKUs in US dollars."),
		}),
	}
}

func (d *actionsUsageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg actionsUsageDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	items, err := c.GetActionsUsage(ctx, scope, client.UsageQuery{Year: int(cfg.Year.ValueInt64()), Month: int(cfg.Month.ValueInt64()),
		Day: int(cfg.Day.ValueInt64()), Repository: cfg.Repository.ValueString()})
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to Read Actions Usage", err, scope)
		return
	}
	// One line per SKU: GitHub's summary has one already; lines of one SKU at two prices are added up.
	bySKU := map[string]*actionsUsageSum{}
	var order []string
	var total actionsUsageSum
	for _, it := range items {
		sum, ok := bySKU[it.SKU]
		if !ok {
			sum = &actionsUsageSum{unit: it.UnitType, price: *it.PricePerUnit}
			bySKU[it.SKU], order = sum, append(order, it.SKU)
		}
		sum.add(it)
		total.add(it)
	}
	sort.Strings(order)
	cfg.SKUs = []actionsUsageSKUAttrs{}
	for _, sku := range order {
		sum := bySKU[sku]
		cfg.SKUs = append(cfg.SKUs, actionsUsageSKUAttrs{
			SKU: types.StringValue(sku), Unit: types.StringValue(sum.unit), PricePerUnit: types.Float64Value(sum.price),
			Quantity: types.Float64Value(sum.quantity), NetQuantity: types.Float64Value(sum.netQuantity),
			GrossAmount: types.Float64Value(cents(sum.gross)), DiscountAmount: types.Float64Value(cents(sum.discount)),
			NetAmount: types.Float64Value(cents(sum.net)),
		})
	}
	cfg.TotalGrossAmount, cfg.TotalDiscountAmount, cfg.TotalNetAmount = types.Float64Value(cents(total.gross)),
		types.Float64Value(cents(total.discount)), types.Float64Value(cents(total.net))
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// actionsUsageSum adds up usage lines.
type actionsUsageSum struct {
	unit                  string
	price                 float64
	quantity, netQuantity float64
	gross, discount, net  float64
}

// add adds one line (the client checked that every number is present).
func (s *actionsUsageSum) add(it client.UsageItem) {
	s.quantity += *it.GrossQuantity
	s.netQuantity += *it.NetQuantity
	s.gross += *it.GrossAmount
	s.discount += *it.DiscountAmount
	s.net += *it.NetAmount
}

// cents rounds an amount of US dollars to whole cents, so sums of cents read as cents.
func cents(x float64) float64 { return math.Round(x*100) / 100 }
