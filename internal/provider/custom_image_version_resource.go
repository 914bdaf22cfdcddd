package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*customImageVersionResource)(nil)
	_ resource.ResourceWithImportState = (*customImageVersionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customImageVersionResource)(nil)
)

// NewCustomImageVersionResource is the githubactions_custom_image_version resource.
func NewCustomImageVersionResource() resource.Resource { return &customImageVersionResource{} }

type customImageVersionResource struct {
	configuredResource
}

type customImageVersionResourceModel struct {
	scopeModel
	ImageDefinitionID wholeNumberValue `tfsdk:"image_definition_id"`
	ID                types.String     `tfsdk:"id"`
	customImageVersionModel
}

func (r *customImageVersionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_image_version"
}

func (r *customImageVersionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	for name, a := range resourceAttrs(customImageVersionFields) {
		attrs[name] = a
	}
	attrs["image_definition_id"] = imageDefinitionIDResourceAttribute()
	attrs["version"] = schema.StringAttribute{
		MarkdownDescription: "The existing version to adopt, such as `1.1.0`. Changing it replaces the resource.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(versionPattern, "must be a version such as 1.1.0")},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "`<image_definition_id>/<version>`, such as `1/1.1.0`.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One version of a custom image definition. GitHub makes versions with image-generation runners, " +
			"not through the API, so this resource adopts an existing version: creating it checks that the version exists " +
			"and records it (it is an error when it does not).\n\n" +
			"**What `destroy` does:** destroying this resource, or replacing it (changing `image_definition_id` or `version`, " +
			"or the organization or enterprise other than in letter case), **deletes that version from GitHub**, which nothing " +
			"can undo (the definition and its other versions stay). The plan says so in a warning. The deletion is refused, " +
			"with nothing deleted, while any runner of the organization or enterprise runs that version; the error names " +
			"those runners. To stop managing a version without deleting it, use a `removed` block (Terraform 1.7 and later) " +
			"or `terraform state rm`.\n\n" +
			"A version deleted outside Terraform is dropped from state at the next refresh.",
		Attributes: attrs,
	}
}

func (r *customImageVersionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan customImageVersionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	v := getCustomImageVersion(ctx, &resp.Diagnostics, c, scope, plan.ImageDefinitionID.ValueInt64(), plan.Version.ValueString())
	if v == nil {
		return
	}
	tflog.Info(ctx, "Adopted custom image version", map[string]any{
		"id": plan.ImageDefinitionID.ValueInt64(), "version": v.Version, "scope": scope.String(),
	})
	plan.setFromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *customImageVersionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customImageVersionResourceModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	v, err := c.GetCustomImageVersion(ctx, scope, state.ImageDefinitionID.ValueInt64(), state.Version.ValueString())
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "Custom image version not found; removing it from state", map[string]any{
			"id": state.ImageDefinitionID.ValueInt64(), "version": state.Version.ValueString(), "scope": scope.String(),
		})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Custom Image Version", err, scope)
		return
	}
	state.setFromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update is never planned (every change replaces the resource); should one come, see
// updateScopeSpelling.
func (r *customImageVersionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state customImageVersionResourceModel
	updateScopeSpelling(ctx, req, resp, &plan, &state)
}

func (r *customImageVersionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customImageVersionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if refuseIfInUse(ctx, &resp.Diagnostics, "Unable to Delete Custom Image Version", c, scope,
		state.ImageDefinitionID.ValueInt64(), state.Version.ValueString()) {
		return
	}
	err := c.DeleteCustomImageVersion(ctx, scope, state.ImageDefinitionID.ValueInt64(), state.Version.ValueString())
	if err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Custom Image Version", err, scope, nil)
	}
}

// ModifyPlan warns about a destroy or replacement: either deletes it from GitHub.
func (r *customImageVersionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	warnAboutDeletion[customImageVersionResourceModel](ctx, req, resp)
}

func (m customImageVersionResourceModel) replacedBy(other adoptedObject) bool {
	plan, ok := other.(customImageVersionResourceModel)
	return !ok || !plan.ImageDefinitionID.Equal(m.ImageDefinitionID) || !plan.Version.Equal(m.Version) ||
		scopeReplaced(plan.Organization, plan.Enterprise, m.Organization, m.Enterprise)
}

func (m customImageVersionResourceModel) deletion() (kind, what string) {
	return "Custom Image Version", fmt.Sprintf("version %s of custom image definition %d", m.Version.ValueString(), m.ImageDefinitionID.ValueInt64())
}

func (r *customImageVersionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parsed, id, diags := parseCustomImageImportID(req.ID, "image_definition_id", "version")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setScope(ctx, parsed.Scope, resp.State.SetAttribute)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("image_definition_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("version"), parsed.Parts[1])...)
}

// setFromAPI maps a version over the model and derives the ID.
func (m *customImageVersionResourceModel) setFromAPI(v *client.CustomImageVersion) {
	m.customImageVersionModel = customImageVersionFromAPI(*v)
	m.ID = types.StringValue(fmt.Sprintf("%d/%s", m.ImageDefinitionID.ValueInt64(), v.Version))
}
