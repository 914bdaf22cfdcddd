package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ resource.ResourceWithConfigure        = (*budgetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*budgetResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*budgetResource)(nil)
	_ resource.ResourceWithImportState      = (*budgetResource)(nil)
)

// NewBudgetResource is the githubactions_budget resource.
func NewBudgetResource() resource.Resource { return &budgetResource{} }

type budgetResource struct {
	configuredResource
}

type budgetResourceModel struct {
	scopeModel
	budgetAttrs
}

// budgetFieldPaths maps the field names in GitHub's 422 errors to the attributes.
var budgetFieldPaths = map[string]path.Path{
	"budget_amount":                    path.Root("amount"),
	"prevent_further_usage":            path.Root("prevent_further_usage"),
	"budget_alerting":                  path.Root("alerting"),
	"budget_alerting.will_alert":       path.Root("alerting").AtName("enabled"),
	"budget_alerting.alert_recipients": path.Root("alerting").AtName("recipients"),
	"budget_scope":                     path.Root("applies_to").AtName("type"),
	"budget_entity_name":               path.Root("applies_to").AtName("name"),
}

// Budget scopes by owner, and the AI-credit scopes refused.
var (
	budgetOrgScopes = []string{client.BudgetScopeOrganization, client.BudgetScopeRepository}
	budgetEntScopes = []string{client.BudgetScopeEnterprise, client.BudgetScopeOrganization, client.BudgetScopeRepository, client.BudgetScopeCostCenter}
	budgetAIScopes  = []string{"user", "multi_user_customer", "multi_user_cost_center"}
)

func (r *budgetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_budget"
}

func (r *budgetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	emptyList := types.ListValueMust(types.StringType, []attr.Value{})
	for name, a := range map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: budgetIDDesc,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"product": schema.StringAttribute{
			MarkdownDescription: budgetProductDesc + " Changing it replaces the budget.",
			Optional:            true,
			Validators:          []validator.String{actionsProduct{}},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"sku": schema.StringAttribute{
			MarkdownDescription: budgetSKUDesc + " Changing it replaces the budget.",
			Optional:            true,
			Validators:          []validator.String{actionsSKU{}},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"amount": schema.Int64Attribute{
			CustomType:          wholeNumberType{},
			MarkdownDescription: budgetAmountDesc + " Updated in place.",
			Required:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		},
		"prevent_further_usage": schema.BoolAttribute{
			MarkdownDescription: budgetPreventDesc + " Required, since stopping every covered workflow at the limit is a decision to make on purpose. Updated in place.",
			Required:            true,
		},
		"alerting": schema.SingleNestedAttribute{
			MarkdownDescription: budgetAlertingDesc + " Left out, no alerts. Updated in place.",
			Optional:            true,
			Computed:            true,
			Default: objectdefault.StaticValue(types.ObjectValueMust(budgetAlertingAttrTypes,
				map[string]attr.Value{"enabled": types.BoolValue(false), "recipients": emptyList})),
			Attributes: map[string]schema.Attribute{
				"enabled": schema.BoolAttribute{MarkdownDescription: budgetEnabledDesc + " Default `true`.", Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
				"recipients": schema.ListAttribute{
					MarkdownDescription: budgetRecipDesc,
					ElementType:         types.StringType,
					Optional:            true,
					Computed:            true,
					Default:             listdefault.StaticValue(emptyList),
					Validators: []validator.List{listvalidator.UniqueValues(), listvalidator.ValueStringsAre(
						stringvalidator.LengthBetween(1, 39),
						stringvalidator.RegexMatches(loginPattern, "must be a GitHub user login: letters, digits and single inner hyphens"))},
				},
			},
		},
		"applies_to": schema.SingleNestedAttribute{
			MarkdownDescription: budgetAppliesDesc + " Changing it replaces the budget (a change of letter case only does not).",
			Optional:            true,
			Computed:            true,
			PlanModifiers:       []planmodifier.Object{defaultAppliesTo{}, objectplanmodifier.RequiresReplaceIf(appliesToReplaced, "A change of what the budget covers replaces it.", "A change of what the budget covers replaces it.")},
			Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{MarkdownDescription: budgetTypeDesc, Required: true},
				"name": schema.StringAttribute{MarkdownDescription: budgetNameDesc, Optional: true, Computed: true},
			},
		},
		"consumed_amount": schema.Float64Attribute{
			MarkdownDescription: budgetConsumedDesc,
			Computed:            true,
			PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
		},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A spending budget on GitHub Actions of an organization or enterprise: on all of Actions (`product`) or " +
			"one Actions SKU (`sku`), for the owner itself or for one repository, organization or cost center of it (`applies_to`). " +
			"GitHub allows one budget per covered entity and product or SKU: creating one that exists already fails before " +
			"anything is sent, naming the existing budget and how to import it (it is never adopted).\n\n" +
			"Budgets need the account on GitHub's enhanced billing platform (GitHub answers 404 otherwise). Credentials: an " +
			"organization owner or billing manager (a GitHub App may do everything but update an organization budget); for an " +
			"enterprise, an enterprise owner or billing manager, or a GitHub App installed on the enterprise with write access " +
			"to enterprise billing.",
		Attributes: attrs,
	}
}

// ConfigValidators checks at plan that exactly one of product and sku is set.
func (r *budgetResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("product"), path.MatchRoot("sku"))}
}

// ValidateConfig checks at plan, without a request, what applies_to may be for the owner and
// that enabled alerts have recipients.
func (r *budgetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m budgetResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateBudgetAlerting(ctx, m.Alerting)...)
	if !known(m.AppliesTo) || m.Organization.IsUnknown() || m.Enterprise.IsUnknown() {
		return
	}
	var applies budgetAppliesToModel
	resp.Diagnostics.Append(m.AppliesTo.As(ctx, &applies, objectAsOptions)...)
	if resp.Diagnostics.HasError() || applies.Type.IsUnknown() || applies.Name.IsUnknown() {
		return
	}
	owner, kind := m.Organization.ValueString(), "organization"
	allowed := budgetOrgScopes
	if m.Organization.IsNull() {
		owner, kind, allowed = m.Enterprise.ValueString(), "enterprise", budgetEntScopes
	}
	typ, name := applies.Type.ValueString(), applies.Name.ValueString()
	typePath, namePath := path.Root("applies_to").AtName("type"), path.Root("applies_to").AtName("name")
	switch {
	case slices.Contains(budgetAIScopes, typ):
		resp.Diagnostics.AddAttributeError(typePath, "AI-Credit Budget Scope",
			fmt.Sprintf("The %q scope is for AI credits and premium requests (per-user budgets), not for Actions: GitHub supports it only "+
				"for the products ai_credits and premium_requests. Use one of %s.", typ, strings.Join(allowed, ", ")))
	case !slices.Contains(allowed, typ):
		resp.Diagnostics.AddAttributeError(typePath, "Invalid Budget Scope",
			fmt.Sprintf("An %s's budget applies to one of %s, not %q.", kind, strings.Join(allowed, ", "), typ))
	case typ == kind && !applies.Name.IsNull() && owner != "" && !strings.EqualFold(name, owner):
		resp.Diagnostics.AddAttributeError(namePath, "Budget Applies To Another Account",
			fmt.Sprintf("A budget of the %s %q that applies to the %s covers %q itself: leave applies_to.name out or set it to %q.", kind, owner, typ, owner, owner))
	case typ != kind && (applies.Name.IsNull() || name == ""):
		resp.Diagnostics.AddAttributeError(namePath, "Missing Budget Entity",
			fmt.Sprintf("A budget that applies to a %s names it in applies_to.name.", strings.ReplaceAll(typ, "_", " ")))
	case typ == client.BudgetScopeRepository && !repositoryFullName.MatchString(name):
		resp.Diagnostics.AddAttributeError(namePath, "Invalid Repository Name",
			fmt.Sprintf("applies_to.name must be the repository as owner/repository, such as octo-org/web, not %q.", name))
	case typ == client.BudgetScopeRepository && kind == "organization" && owner != "" && !strings.EqualFold(strings.Split(name, "/")[0], owner):
		resp.Diagnostics.AddAttributeError(namePath, "Repository Of Another Organization",
			fmt.Sprintf("A budget of the organization %q covers only its own repositories, not %q.", owner, name))
	case typ == client.BudgetScopeOrganization && kind == "enterprise" && !slugPattern.MatchString(name):
		resp.Diagnostics.AddAttributeError(namePath, "Invalid Organization Name",
			fmt.Sprintf("applies_to.name must be an organization login, not %q.", name))
	}
}

func (r *budgetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan budgetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cov, applies, diags := plan.budgetCoverage(ctx, scope)
	resp.Diagnostics.Append(diags...)
	alerting, diags := plan.alertingRequest(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	budgetType := client.BudgetTypeSKU
	if known(plan.Product) {
		budgetType = client.BudgetTypeProduct
	}
	entity := applies.Name.ValueString()
	if applies.Type.ValueString() == scope.Noun() {
		entity = "" // the owner itself, as GitHub's create examples send it
	}
	body := client.BudgetRequest{
		Amount:              plan.Amount.ValueInt64Pointer(),
		PreventFurtherUsage: plan.PreventFurtherUsage.ValueBoolPointer(),
		Alerting:            alerting,
		Scope:               applies.Type.ValueString(),
		EntityName:          &entity,
		Type:                budgetType,
		ProductSKU:          plan.productSKU(),
	}
	created, err := createOnce[client.Budget]{
		noun:  "budget",
		scope: scope,
		name:  cov.String(),
		same:  namesExact,
		label: "with the same coverage (" + cov.String() + ")",
		list: func(ctx context.Context) ([]client.Budget, error) {
			return c.ListBudgets(ctx, scope)
		},
		nameOf: func(b client.Budget) string { return b.Coverage(scope).String() },
		id:     func(b client.Budget) string { return b.ID },
		create: func(ctx context.Context) (*client.Budget, error) {
			return c.CreateBudget(ctx, scope, body)
		},
		settings: r.data.settings,
	}.run(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Create Budget", err, scope, budgetFieldPaths)
		return
	}
	r.setApplied(ctx, &resp.Diagnostics, scope, plan, created, resp.State.Set)
	if !resp.Diagnostics.HasError() {
		tflog.Info(ctx, "Created budget", map[string]any{"id": created.ID, "coverage": cov.String(), "scope": scope.String()})
	}
}

func (r *budgetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state budgetResourceModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	b, err := r.data.budgets().read(ctx, c, scope, state.ID.ValueString())
	if err == nil && b == nil {
		tflog.Warn(ctx, "Budget not found; removing it from state", map[string]any{"id": state.ID.ValueString(), "scope": scope.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Budget", err, scope)
		return
	}
	if !b.IsActions() {
		resp.Diagnostics.AddError("Not An Actions Budget", fmt.Sprintf("Budget %s of the %s %q is a %s budget on %q: %s.",
			b.ID, scope.Noun(), scope.Name, b.Type, b.ProductSKU, budgetActionsOnlyMsg))
		return
	}
	var prior *budgetAttrs
	if known(state.AppliesTo) { // not right after an import
		prior = &state.budgetAttrs
	}
	attrs, diags := budgetAttrsFromAPI(ctx, scope, b, prior)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.budgetAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *budgetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state budgetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	alerting, diags := plan.alertingRequest(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = state.ID
	if budgetDrift(ctx, plan.budgetAttrs, state.budgetAttrs) == "" {
		// Only spellings changed (the scope's or applies_to's letter case): GitHub has nothing to do.
		state.scopeModel, state.AppliesTo = plan.scopeModel, plan.AppliesTo
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	updated, err := c.UpdateBudget(ctx, scope, state.ID.ValueString(), client.BudgetRequest{
		Amount:              plan.Amount.ValueInt64Pointer(),
		PreventFurtherUsage: plan.PreventFurtherUsage.ValueBoolPointer(),
		Alerting:            alerting,
	})
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Update Budget", err, scope, budgetFieldPaths)
		return
	}
	plan.ConsumedAmount = state.ConsumedAmount // kept unless the answer reports it
	r.setApplied(ctx, &resp.Diagnostics, scope, plan, updated, resp.State.Set)
}

func (r *budgetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state budgetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := c.DeleteBudget(ctx, scope, state.ID.ValueString()); err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Budget", err, scope, nil)
		return
	}
	r.data.budgets().drop(scope, state.ID.ValueString())
}

func (r *budgetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importScopedID(ctx, req, resp, "budget_id", nil)
}

// setApplied stores what a create or update answered. An answer that does not show the
// planned amount, stop or alerting is stored as answered (so the budget is not lost) and
// reported as an error.
func (r *budgetResource) setApplied(ctx context.Context, diags *diag.Diagnostics, scope client.Scope, plan budgetResourceModel,
	b *client.Budget, set func(context.Context, any) diag.Diagnostics,
) {
	prior := plan.budgetAttrs
	attrs, d := budgetAttrsFromAPI(ctx, scope, b, &prior)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	r.data.budgets().put(scope, b)
	if drift := budgetDrift(ctx, plan.budgetAttrs, attrs); drift != "" {
		diags.AddError("Unexpected Budget From GitHub", fmt.Sprintf("GitHub answered budget %s with %s. The budget is in state as "+
			"GitHub answered; the next plan shows the difference.", b.ID, drift))
	}
	plan.budgetAttrs = attrs
	diags.Append(set(ctx, plan)...)
}

// validateBudgetAlerting checks that enabled alerts have a recipient.
func validateBudgetAlerting(ctx context.Context, obj types.Object) diag.Diagnostics {
	if !known(obj) {
		return nil
	}
	var alerting budgetAlertingModel
	diags := obj.As(ctx, &alerting, objectAsOptions)
	if diags.HasError() || alerting.Enabled.IsUnknown() || alerting.Recipients.IsUnknown() {
		return diags
	}
	if (alerting.Enabled.IsNull() || alerting.Enabled.ValueBool()) && len(alerting.Recipients.Elements()) == 0 {
		diags.AddAttributeError(path.Root("alerting").AtName("recipients"), "Alerting Without Recipients",
			"Alerts are enabled but go to nobody: list at least one user login in alerting.recipients, or set alerting.enabled = false.")
	}
	return diags
}

// repositoryFullName is owner/repository.
var repositoryFullName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]{1,100}$`)

// loginPattern is a GitHub user login: letters, digits and single inner hyphens.
var loginPattern = regexp.MustCompile(`^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$`)

// actionsProduct refuses a product that is not Actions, naming the documented ones.
type actionsProduct struct{}

func (actionsProduct) Description(context.Context) string { return "the product actions" }

func (v actionsProduct) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (actionsProduct) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	switch val := req.ConfigValue.ValueString(); {
	case !known(req.ConfigValue), val == client.ActionsProduct:
	case budgetSKUPattern.MatchString(val):
		resp.Diagnostics.AddAttributeError(req.Path, "SKU Given As Product", fmt.Sprintf("%q is an Actions SKU: set sku = %q instead of product.", val, val))
	default:
		addNotActions(resp, req.Path, val)
	}
}

// actionsSKU refuses a SKU that is not an Actions SKU, naming the documented ones.
type actionsSKU struct{}

func (actionsSKU) Description(context.Context) string {
	return "an Actions SKU: actions_ followed by lower-case letters, digits and underscores"
}

func (v actionsSKU) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (actionsSKU) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	switch val := req.ConfigValue.ValueString(); {
	case !known(req.ConfigValue), budgetSKUPattern.MatchString(val):
	case val == client.ActionsProduct:
		resp.Diagnostics.AddAttributeError(req.Path, "Product Given As SKU", `"actions" is the product: set product = "actions" instead of sku.`)
	default:
		addNotActions(resp, req.Path, val)
	}
}

// addNotActions reports a product or SKU of another product than Actions.
func addNotActions(resp *validator.StringResponse, at path.Path, val string) {
	resp.Diagnostics.AddAttributeError(at, "Not An Actions Budget",
		fmt.Sprintf("%q is not allowed: %s. Use product = \"actions\" or an Actions SKU such as sku = \"actions_linux\".", val, budgetActionsOnlyMsg))
}

// defaultAppliesTo plans applies_to as the owner itself when the configuration leaves it out,
// and its name as the owner's when the type is the owner's kind and the name is left out.
type defaultAppliesTo struct{}

func (defaultAppliesTo) Description(context.Context) string {
	return "Defaults to the owner itself."
}

func (d defaultAppliesTo) MarkdownDescription(ctx context.Context) string { return d.Description(ctx) }

func (defaultAppliesTo) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	var org, ent scopeName
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("organization"), &org)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("enterprise"), &ent)...)
	if org.IsUnknown() || ent.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	kind, owner := "organization", org.ValueString()
	if org.IsNull() {
		kind, owner = "enterprise", ent.ValueString()
	}
	typ, name := types.StringValue(kind), types.StringValue(owner)
	if !req.ConfigValue.IsNull() {
		if req.ConfigValue.IsUnknown() {
			return
		}
		var applies budgetAppliesToModel
		resp.Diagnostics.Append(req.ConfigValue.As(ctx, &applies, objectAsOptions)...)
		typ = applies.Type
		if !applies.Name.IsNull() || applies.Type.ValueString() != kind {
			name = applies.Name
		}
	}
	// Keep the state's spelling of the same entity: only a real change replaces the budget.
	if known(req.StateValue) {
		var was budgetAppliesToModel
		resp.Diagnostics.Append(req.StateValue.As(ctx, &was, objectAsOptions)...)
		if was.Type.Equal(typ) && strings.EqualFold(was.Name.ValueString(), name.ValueString()) && known(name) && req.ConfigValue.IsNull() {
			name = was.Name
		}
	}
	v, diags := types.ObjectValue(budgetAppliesToAttrTypes, map[string]attr.Value{"type": typ, "name": name})
	resp.Diagnostics.Append(diags...)
	resp.PlanValue = v
}

// appliesToReplaced replaces the budget when what it covers changes other than in letter case.
func appliesToReplaced(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	if !known(req.PlanValue) || !known(req.StateValue) {
		resp.RequiresReplace = req.PlanValue.IsUnknown() && !req.StateValue.IsNull()
		return
	}
	var plan, state budgetAppliesToModel
	resp.Diagnostics.Append(req.PlanValue.As(ctx, &plan, objectAsOptions)...)
	resp.Diagnostics.Append(req.StateValue.As(ctx, &state, objectAsOptions)...)
	resp.RequiresReplace = !plan.Type.Equal(state.Type) || !plan.Name.IsUnknown() && !strings.EqualFold(plan.Name.ValueString(), state.Name.ValueString())
}
