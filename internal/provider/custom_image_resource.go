package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*customImageResource)(nil)
	_ resource.ResourceWithImportState = (*customImageResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customImageResource)(nil)
)

// NewCustomImageResource is the githubactions_custom_image resource.
func NewCustomImageResource() resource.Resource { return &customImageResource{} }

type customImageResource struct {
	configuredResource
}

type customImageResourceModel struct {
	scopeModel
	ImageDefinitionID wholeNumberValue `tfsdk:"image_definition_id"`
	customImageModel
}

func (r *customImageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_image"
}

func (r *customImageResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	for name, a := range resourceAttrs(customImageFields) {
		attrs[name] = a
	}
	attrs["image_definition_id"] = imageDefinitionIDResourceAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom image definition of an organization or enterprise, with all its versions. GitHub makes " +
			"custom images with image-generation runners (`image_gen = true`), not through the API, so this resource adopts " +
			"an existing definition: creating it checks that the definition exists and records it (it is an error when it " +
			"does not).\n\n" +
			"**What `destroy` does:** destroying this resource, or replacing it (changing `image_definition_id`, or the " +
			"organization or enterprise other than in letter case), **deletes the definition and every version of it from " +
			"GitHub**, which nothing can undo. The plan says so in a warning. The deletion is refused, with nothing deleted, " +
			"while any runner of the organization or enterprise uses the definition; the error names those runners. To stop " +
			"managing a definition without deleting it, use a `removed` block (Terraform 1.7 and later) or `terraform state rm`.\n\n" +
			"A definition deleted outside Terraform is dropped from state at the next refresh.",
		Attributes: attrs,
	}
}

// imageDefinitionIDResourceAttribute is the image_definition_id argument of both custom image resources.
func imageDefinitionIDResourceAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		CustomType: wholeNumberType{},
		MarkdownDescription: "The numeric ID of the existing custom image definition to adopt (see the `githubactions_custom_images` " +
			"data source). Changing it replaces the resource.",
		Required:      true,
		Validators:    []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}

func (r *customImageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan customImageResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	img := getCustomImage(ctx, &resp.Diagnostics, c, scope, plan.ImageDefinitionID.ValueInt64())
	if img == nil {
		return
	}
	tflog.Info(ctx, "Adopted custom image definition", map[string]any{"id": img.ID, "name": img.Name, "scope": scope.String()})
	plan.customImageModel = customImageFromAPI(*img)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *customImageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customImageResourceModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	img, err := c.GetCustomImage(ctx, scope, state.ImageDefinitionID.ValueInt64())
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "Custom image definition not found; removing it from state", map[string]any{
			"id": state.ImageDefinitionID.ValueInt64(), "scope": scope.String(),
		})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Custom Image", err, scope)
		return
	}
	state.customImageModel = customImageFromAPI(*img)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update is never planned (every change replaces the resource); should one come, see
// updateScopeSpelling.
func (r *customImageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state customImageResourceModel
	updateScopeSpelling(ctx, req, resp, &plan, &state)
}

func (r *customImageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customImageResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if refuseIfInUse(ctx, &resp.Diagnostics, "Unable to Delete Custom Image", c, scope, state.ImageDefinitionID.ValueInt64(), "") {
		return
	}
	if err := c.DeleteCustomImage(ctx, scope, state.ImageDefinitionID.ValueInt64()); err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Custom Image", err, scope, nil)
	}
}

// ModifyPlan warns about a destroy or replacement: either deletes it from GitHub.
func (r *customImageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	warnAboutDeletion[customImageResourceModel](ctx, req, resp)
}

func (m customImageResourceModel) replacedBy(other adoptedObject) bool {
	plan, ok := other.(customImageResourceModel)
	return !ok || !(plan.ImageDefinitionID.Equal(m.ImageDefinitionID)) || scopeReplaced(plan.Organization, plan.Enterprise, m.Organization, m.Enterprise)
}

func (m customImageResourceModel) deletion() (kind, what string) {
	return "Custom Image", fmt.Sprintf("custom image definition %d (%q) and all %d of its versions", m.ImageDefinitionID.ValueInt64(), m.Name.ValueString(), m.VersionsCount.ValueInt64())
}

func (r *customImageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parsed, id, diags := parseCustomImageImportID(req.ID, "image_definition_id")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setScope(ctx, parsed.Scope, resp.State.SetAttribute)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("image_definition_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// parseCustomImageImportID parses "orgs/<org>/<image_definition_id>[/<more>...]" (or the
// enterprises form) with the parts named by names, the first being the definition's ID.
func parseCustomImageImportID(raw string, names ...string) (importID, int64, diag.Diagnostics) {
	var diags diag.Diagnostics
	parsed, err := parseImportID(raw, names...)
	var id int64
	if err == nil {
		id, err = positiveInt(parsed.Parts[0], names[0])
	}
	if err == nil && len(parsed.Parts) > 1 && !versionPattern.MatchString(parsed.Parts[1]) {
		err = fmt.Errorf("import ID %q: the version %q must look like 1.2.0", raw, parsed.Parts[1])
	}
	if err != nil {
		diags.AddError("Invalid Import ID", err.Error())
	}
	return parsed, id, diags
}
