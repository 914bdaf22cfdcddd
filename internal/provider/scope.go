package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

const (
	organizationDescription = "The login of the organization this belongs to, such as `octo-org` (GitHub treats it " +
		"case-insensitively). Exactly one of `organization` and `enterprise` is set."
	enterpriseDescription = "The slug of the enterprise this belongs to, such as `octo-corp` (GitHub treats it " +
		"case-insensitively). Exactly one of `organization` and `enterprise` is set."
)

// slugPattern accepts GitHub organization logins and enterprise slugs.
var slugPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`)

// scopeNameValidators check a scope argument's name.
func scopeNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(slugPattern, "must be a GitHub organization login or enterprise slug: letters, digits and inner hyphens"),
	}
}

// organizationValidators also check that exactly one of organization and enterprise is set:
// only the organization argument checks it, so that a mistake yields one error, not two.
func organizationValidators() []validator.String {
	return append(scopeNameValidators(), exactlyOneScope{other: "enterprise"})
}

// scopeResourceAttributes are the organization and enterprise arguments of a resource.
// GitHub treats both names case-insensitively: changing only the letter case is no change at
// all; any other change replaces the resource.
func scopeResourceAttributes() map[string]rschema.Attribute {
	attr := func(desc string, validators []validator.String) rschema.StringAttribute {
		return rschema.StringAttribute{
			MarkdownDescription: desc + " Changing it replaces the resource; changing only its letter case is no change at " +
				"all (GitHub treats the name case-insensitively): the plan is empty and the state keeps the spelling it has.",
			CustomType:    scopeNameType{},
			Optional:      true,
			Validators:    validators,
			PlanModifiers: []planmodifier.String{keepScopeSpelling{}, requiresReplaceUnlessCaseOnly()},
		}
	}
	return map[string]rschema.Attribute{
		"organization": attr(organizationDescription, organizationValidators()),
		"enterprise":   attr(enterpriseDescription, scopeNameValidators()),
	}
}

// requiresReplaceUnlessCaseOnly replaces the resource when the scope name changes other than
// in letter case.
func requiresReplaceUnlessCaseOnly() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = scopeNameReplaced(req.PlanValue, req.StateValue)
	}, "Changing the name other than in letter case replaces the resource.",
		"Changing the name other than in letter case replaces the resource.")
}

// scopeNameReplaced reports a change of one scope argument that replaces the resource: any
// change but one of letter case.
func scopeNameReplaced(plan, state types.String) bool {
	return plan.IsNull() != state.IsNull() || !plan.IsNull() && !sameScopeName(plan, state)
}

// scopeReplaced reports a scope change that replaces the resource (not one of letter case only).
func scopeReplaced(planOrg, planEnt, stateOrg, stateEnt scopeName) bool {
	return scopeNameReplaced(planOrg.StringValue, stateOrg.StringValue) || scopeNameReplaced(planEnt.StringValue, stateEnt.StringValue)
}

// scopeDataSourceAttributes are the organization and enterprise arguments of a data source.
func scopeDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"organization": dschema.StringAttribute{MarkdownDescription: organizationDescription, CustomType: scopeNameType{}, Optional: true, Validators: organizationValidators()},
		"enterprise":   dschema.StringAttribute{MarkdownDescription: enterpriseDescription, CustomType: scopeNameType{}, Optional: true, Validators: scopeNameValidators()},
	}
}

// exactlyOneScope reports, once, a configuration that sets neither or both of organization
// and enterprise.
type exactlyOneScope struct{ other string }

func (v exactlyOneScope) Description(context.Context) string {
	return "exactly one of organization and enterprise is set"
}

func (v exactlyOneScope) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v exactlyOneScope) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var other scopeName
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(v.other), &other)...)
	if req.ConfigValue.IsUnknown() || other.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	switch {
	case req.ConfigValue.IsNull() && other.IsNull():
		resp.Diagnostics.AddError("Missing Organization or Enterprise",
			"Set exactly one of organization (for an organization's runners) and enterprise (for an enterprise's runners).")
	case !req.ConfigValue.IsNull() && !other.IsNull():
		resp.Diagnostics.AddAttributeError(req.Path, "Both Organization and Enterprise Set",
			"Set exactly one of organization (for an organization's runners) and enterprise (for an enterprise's runners), not both.")
	}
}

// scopeOf turns the two arguments into a client scope.
func scopeOf(org, ent scopeName) (client.Scope, diag.Diagnostics) {
	var diags diag.Diagnostics
	switch {
	case org.ValueString() != "" && ent.ValueString() == "":
		return client.Organization(org.ValueString()), diags
	case ent.ValueString() != "" && org.ValueString() == "":
		return client.Enterprise(ent.ValueString()), diags
	}
	diags.AddError("Missing Organization or Enterprise", "Set exactly one of organization and enterprise.")
	return client.Scope{}, diags
}

// scopeValues is the inverse of scopeOf, for state.
func scopeValues(s client.Scope) (org, ent scopeName) {
	if s.IsEnterprise() {
		return scopeNameNull(), scopeNameValue(s.Name)
	}
	return scopeNameValue(s.Name), scopeNameNull()
}

// withScope returns the organization and enterprise arguments together with attrs.
func withScope(attrs map[string]dschema.Attribute) map[string]dschema.Attribute {
	out := scopeDataSourceAttributes()
	for name, a := range attrs {
		out[name] = a
	}
	return out
}

// scopeModel is the organization/enterprise pair of a resource or data source model.
type scopeModel struct {
	Organization scopeName `tfsdk:"organization"`
	Enterprise   scopeName `tfsdk:"enterprise"`
}

// scopedModel is a model that embeds scopeModel.
type scopedModel interface {
	scopeFields() *scopeModel
}

func (m *scopeModel) scopeFields() *scopeModel { return m }

// updateScopeSpelling is the Update of a resource whose every other change replaces it: it
// records the plan's scope arguments (a change of letter case only), with no request.
func updateScopeSpelling(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, plan, state scopedModel) {
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	*state.scopeFields() = *plan.scopeFields()
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
