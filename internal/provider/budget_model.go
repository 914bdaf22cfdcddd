package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// The budget model is shared by the githubactions_budget resource and the githubactions_budgets
// data source: product or SKU, amount, stop, alerting and what the budget applies to.

const (
	budgetProductDesc = "`actions`: the budget covers all of GitHub Actions (a `ProductPricing` budget). Exactly one of " +
		"`product` and `sku` is set. Only Actions budgets are managed by this provider."
	budgetSKUDesc = "An Actions SKU such as `actions_linux` (a `SkuPricing` budget on that SKU alone). GitHub's description " +
		"documents only `actions_linux` and publishes no list of SKUs, so any `actions_` followed by lower-case letters, " +
		"digits and underscores is accepted, and GitHub refuses one it does not know. Exactly one of `product` and `sku` is set."
	budgetAmountDesc     = "The budget in whole US dollars, 0 or more (`0` is a hard stop at no spend when `prevent_further_usage` is `true`)."
	budgetPreventDesc    = "`true` makes GitHub prevent further spending once the budget is spent: jobs that would bill against it (on the covered runners, in the covered repositories or organizations) are not run until the next billing period or a higher `amount`, so CI stops there. GitHub's API description says only \"prevent additional spending once the budget is exceeded\"; it does not say what happens to a job already running. `false` only alerts."
	budgetAlertingDesc   = "Alerts GitHub sends as spending approaches and reaches the budget."
	budgetEnabledDesc    = "Whether GitHub sends alerts."
	budgetRecipDesc      = "The user logins that receive the alerts: at least one when `enabled` is `true`, no duplicates."
	budgetAppliesDesc    = "What the budget covers. Left out, the owner itself (the organization or the enterprise)."
	budgetTypeDesc       = "`organization` or `repository` for an organization's budget; an enterprise's budget also takes `enterprise` and `cost_center`. The AI-credit scopes (`user`, `multi_user_customer`, `multi_user_cost_center`) are not Actions scopes and are refused."
	budgetNameDesc       = "The covered entity: the organization's login, `owner/repository` for a repository, the cost center's name. For the owner itself it may be left out."
	budgetConsumedDesc   = "What is spent against the budget so far in the current period, in US dollars, as GitHub reports it; null when GitHub's answer has none."
	budgetIDDesc         = "The budget's ID, an opaque string."
	documentedSKUsNote   = "GitHub documents the product `actions` and the Actions SKU `actions_linux`"
	budgetActionsOnlyMsg = "only Actions budgets are managed: " + documentedSKUsNote + " (other products such as `packages` or `copilot`, " +
		"and AI credits, are not Actions)"
)

// budgetSKUPattern is an Actions SKU: the description lists none but actions_linux.
var budgetSKUPattern = regexp.MustCompile(`^actions_[a-z0-9_]+$`)

// budgetAlertingAttrTypes and budgetAppliesToAttrTypes are the object types of alerting and
// applies_to.
var (
	budgetAlertingAttrTypes  = map[string]attr.Type{"enabled": types.BoolType, "recipients": types.ListType{ElemType: types.StringType}}
	budgetAppliesToAttrTypes = map[string]attr.Type{"type": types.StringType, "name": types.StringType}
)

// budgetAttrs are the attributes a budget has in both the resource and the data source.
type budgetAttrs struct {
	ID                  types.String     `tfsdk:"id"`
	Product             types.String     `tfsdk:"product"`
	SKU                 types.String     `tfsdk:"sku"`
	Amount              wholeNumberValue `tfsdk:"amount"`
	PreventFurtherUsage types.Bool       `tfsdk:"prevent_further_usage"`
	Alerting            types.Object     `tfsdk:"alerting"`
	AppliesTo           types.Object     `tfsdk:"applies_to"`
	ConsumedAmount      types.Float64    `tfsdk:"consumed_amount"`
}

// budgetAlertingModel is alerting.
type budgetAlertingModel struct {
	Enabled    types.Bool `tfsdk:"enabled"`
	Recipients types.List `tfsdk:"recipients"`
}

// budgetAppliesToModel is applies_to.
type budgetAppliesToModel struct {
	Type types.String `tfsdk:"type"`
	Name types.String `tfsdk:"name"`
}

// productSKU is the budget_product_sku the attributes name.
func (a budgetAttrs) productSKU() string {
	if known(a.Product) {
		return a.Product.ValueString()
	}
	return a.SKU.ValueString()
}

// budgetAttrsFromAPI maps a budget of owner to attributes. prior, when not nil, is what state
// or the plan holds: its spellings are kept where GitHub's answer differs only in letter
// case, its recipients' order where the answer holds the same logins, and its consumed amount
// where the answer has none.
func budgetAttrsFromAPI(ctx context.Context, owner client.Scope, b *client.Budget, prior *budgetAttrs) (budgetAttrs, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := budgetAttrs{
		ID:                  types.StringValue(b.ID),
		Product:             types.StringNull(),
		SKU:                 types.StringNull(),
		Amount:              wholeNumberValue{Int64Value: types.Int64Value(b.Amount)},
		PreventFurtherUsage: types.BoolValue(b.PreventFurtherUsage),
		ConsumedAmount:      types.Float64PointerValue(b.ConsumedAmount),
	}
	if b.ProductSKU == client.ActionsProduct {
		out.Product = types.StringValue(b.ProductSKU)
	} else {
		out.SKU = types.StringValue(b.ProductSKU)
	}
	recipients := b.Alerting.AlertRecipients
	cov := b.Coverage(owner)
	name := cov.EntityName
	switch {
	case b.Scope == owner.Noun():
		name = owner.Name
	case b.EntityName != "" && strings.EqualFold(b.EntityName, cov.EntityName):
		name = b.EntityName
	}
	if prior != nil {
		if !known(out.ConsumedAmount) && known(prior.ConsumedAmount) {
			out.ConsumedAmount = prior.ConsumedAmount
		}
		var alerting budgetAlertingModel
		if known(prior.Alerting) {
			diags.Append(prior.Alerting.As(ctx, &alerting, objectAsOptions)...)
			var was []string
			diags.Append(alerting.Recipients.ElementsAs(ctx, &was, false)...)
			if sameLogins(was, recipients) {
				recipients = was
			}
		}
		var applies budgetAppliesToModel
		if known(prior.AppliesTo) {
			diags.Append(prior.AppliesTo.As(ctx, &applies, objectAsOptions)...)
			if applies.Type.ValueString() == b.Scope && client.CoverageOf(owner, b.ProductSKU, b.Scope, applies.Name.ValueString()) == cov {
				name = applies.Name.ValueString()
			}
		}
	}
	if recipients == nil {
		recipients = []string{}
	}
	list, d := types.ListValueFrom(ctx, types.StringType, recipients)
	diags.Append(d...)
	alerting, d := types.ObjectValue(budgetAlertingAttrTypes, map[string]attr.Value{"enabled": types.BoolValue(b.Alerting.WillAlert), "recipients": list})
	diags.Append(d...)
	applies, d := types.ObjectValue(budgetAppliesToAttrTypes, map[string]attr.Value{"type": types.StringValue(b.Scope), "name": types.StringValue(name)})
	diags.Append(d...)
	out.Alerting, out.AppliesTo = alerting, applies
	return out, diags
}

// sameLogins reports whether two lists hold the same logins (GitHub treats logins
// case-insensitively), whatever their order.
func sameLogins(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	norm := func(in []string) []string {
		out := mapAll(in, strings.ToLower)
		slices.Sort(out)
		return out
	}
	return slices.Equal(norm(a), norm(b))
}

// budgetCoverage is the coverage the attributes ask for in owner's budgets.
func (a budgetAttrs) budgetCoverage(ctx context.Context, owner client.Scope) (client.Coverage, budgetAppliesToModel, diag.Diagnostics) {
	var applies budgetAppliesToModel
	diags := a.AppliesTo.As(ctx, &applies, objectAsOptions)
	return client.CoverageOf(owner, a.productSKU(), applies.Type.ValueString(), applies.Name.ValueString()), applies, diags
}

// alertingRequest is the budget_alerting the attributes ask for.
func (a budgetAttrs) alertingRequest(ctx context.Context) (*client.BudgetAlerting, diag.Diagnostics) {
	var alerting budgetAlertingModel
	diags := a.Alerting.As(ctx, &alerting, objectAsOptions)
	out := &client.BudgetAlerting{WillAlert: alerting.Enabled.ValueBool(), AlertRecipients: []string{}}
	diags.Append(alerting.Recipients.ElementsAs(ctx, &out.AlertRecipients, false)...)
	return out, diags
}

// budgetDrift says which planned values GitHub's answer does not show, "" when it shows them all.
func budgetDrift(ctx context.Context, plan, got budgetAttrs) string {
	var diffs []string
	if !plan.Amount.Equal(got.Amount) {
		diffs = append(diffs, fmt.Sprintf("amount %s (planned %s)", got.Amount, plan.Amount))
	}
	if !plan.PreventFurtherUsage.Equal(got.PreventFurtherUsage) {
		diffs = append(diffs, fmt.Sprintf("prevent_further_usage %s (planned %s)", got.PreventFurtherUsage, plan.PreventFurtherUsage))
	}
	want, _ := plan.alertingRequest(ctx)
	have, _ := got.alertingRequest(ctx)
	if want.WillAlert != have.WillAlert || !sameLogins(want.AlertRecipients, have.AlertRecipients) {
		diffs = append(diffs, fmt.Sprintf("alerting %v %v (planned %v %v)", have.WillAlert, have.AlertRecipients, want.WillAlert, want.AlertRecipients))
	}
	return strings.Join(diffs, ", ")
}

// budgetProductOrSKUPattern is the product actions or an Actions SKU.
var budgetProductOrSKUPattern = regexp.MustCompile(`^actions(_[a-z0-9_]+)?$`)
