package provider

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*runnerGroupResource)(nil)
	_ resource.ResourceWithImportState    = (*runnerGroupResource)(nil)
	_ resource.ResourceWithValidateConfig = (*runnerGroupResource)(nil)
)

// NewRunnerGroupResource is the githubactions_runner_group resource.
func NewRunnerGroupResource() resource.Resource { return &runnerGroupResource{} }

type runnerGroupResource struct {
	configuredResource
}

type runnerGroupResourceModel struct {
	scopeModel
	runnerGroupAttrs
	SelectedRepositoryIDs   types.Set `tfsdk:"selected_repository_ids"`
	SelectedOrganizationIDs types.Set `tfsdk:"selected_organization_ids"`
}

// runnerGroupFieldPaths maps the field names in GitHub's 422 errors to the group's attributes.
var runnerGroupFieldPaths = map[string]path.Path{
	"name":                       path.Root("name"),
	"visibility":                 path.Root("visibility"),
	"selected_repository_ids":    path.Root("selected_repository_ids"),
	"selected_organization_ids":  path.Root("selected_organization_ids"),
	"allows_public_repositories": path.Root("allows_public_repositories"),
	"restricted_to_workflows":    path.Root("restricted_to_workflows"),
	"selected_workflows":         path.Root("selected_workflows"),
	"network_configuration_id":   path.Root("network_configuration_id"),
}

func (r *runnerGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_runner_group"
}

func (r *runnerGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	memberIDs := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{
			MarkdownDescription: desc,
			Optional:            true,
			ElementType:         wholeNumberType{},
			Validators:          []validator.Set{wholeNumberElements{}, setvalidator.ValueInt64sAre(int64validator.AtLeast(1))},
		}
	}
	for name, a := range map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: groupIDDesc,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: groupNameDesc,
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"visibility": schema.StringAttribute{
			MarkdownDescription: groupVisibilityDesc + " Default `all`. `private` is for organizations only; this is checked at plan.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(visibilityAll),
			Validators:          []validator.String{stringvalidator.OneOf(visibilityAll, visibilitySelected, visibilityPrivate)},
		},
		"selected_repository_ids": memberIDs("Organization groups with `visibility = \"selected\"` only: the numeric IDs of the " +
			"repositories that may use the group. Left out, the provider does not manage the list. Leave it out when " +
			"githubactions_runner_group_repository grants the group's repositories one at a time: set here too, each would undo " +
			"the other's changes on every apply."),
		"selected_organization_ids": memberIDs("Enterprise groups with `visibility = \"selected\"` only: the numeric IDs of " +
			"the organizations that may use the group. Left out, the provider does not manage the list. Leave it out when " +
			"githubactions_runner_group_organization grants the group's organizations one at a time: set here too, each would " +
			"undo the other's changes on every apply."),
		"allows_public_repositories": schema.BoolAttribute{
			MarkdownDescription: groupPublicDesc + " Default `false`.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
		"restricted_to_workflows": schema.BoolAttribute{
			MarkdownDescription: groupRestrictDesc + " Default `false`.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
		"selected_workflows": schema.SetAttribute{
			MarkdownDescription: groupWorkflowsDesc + " Only with `restricted_to_workflows = true`. Default empty.",
			Optional:            true,
			Computed:            true,
			ElementType:         types.StringType,
			Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(workflowRefPattern,
				"must be a workflow file pinned to a ref, tag or long SHA, such as octo-org/octo-repo/.github/workflows/deploy.yaml@main"))},
		},
		"network_configuration_id": schema.StringAttribute{
			MarkdownDescription: groupNetworkDesc + " Removing it from the configuration removes the group's private networking.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"default": schema.BoolAttribute{
			MarkdownDescription: groupDefaultDesc + " The default group cannot be created or deleted: import it to manage " +
				"it, and destroying it only removes it from the state (with a warning).",
			Computed:      true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"inherited": schema.BoolAttribute{
			MarkdownDescription: groupInheritedDesc + " An inherited group belongs to the enterprise: it can be imported, but " +
				"destroying it only removes it from the state (with a warning).",
			Computed:      true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A runner group of an organization or enterprise: which repositories (or organizations) and " +
			"workflows may use its runners, and, through a network configuration, private networking for its hosted " +
			"runners. Destroying a group that still has hosted runners fails before anything is deleted, naming them. " +
			"The default group can be imported and configured but is never deleted, nor is a group an organization " +
			"inherits from its enterprise.\n\n" +
			"Credentials: a classic token with `admin:org` (organization groups) or `manage_runners:enterprise` (enterprise " +
			"groups); a GitHub App with the organization permission **Administration** for organization groups. GitHub does " +
			"not let GitHub Apps manage enterprise groups.",
		Attributes: attrs,
	}
}

// ValidateConfig checks at plan what depends on the scope and on other arguments.
func (r *runnerGroupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m runnerGroupResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateRunnerGroup(m)...)
}

// validateRunnerGroup holds the cross-argument rules of a group's configuration.
func validateRunnerGroup(m runnerGroupResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	enterprise, org := known(m.Enterprise) && m.Enterprise.ValueString() != "", known(m.Organization) && m.Organization.ValueString() != ""
	visibility := m.Visibility.ValueString()
	if m.Visibility.IsNull() {
		visibility = visibilityAll
	}
	if enterprise && visibility == visibilityPrivate && known(m.Visibility) {
		diags.AddAttributeError(path.Root("visibility"), "Visibility Not Available for Enterprises",
			`An enterprise runner group's visibility is "all" or "selected"; "private" exists for organization groups only.`)
	}
	if enterprise && !m.SelectedRepositoryIDs.IsNull() {
		diags.AddAttributeError(path.Root("selected_repository_ids"), "Repository IDs Need an Organization Group",
			"selected_repository_ids is for organization groups; an enterprise group selects organizations with selected_organization_ids.")
	}
	if org && !m.SelectedOrganizationIDs.IsNull() {
		diags.AddAttributeError(path.Root("selected_organization_ids"), "Organization IDs Need an Enterprise Group",
			"selected_organization_ids is for enterprise groups; an organization group selects repositories with selected_repository_ids.")
	}
	for _, ids := range []struct {
		name string
		v    types.Set
	}{{"selected_repository_ids", m.SelectedRepositoryIDs}, {"selected_organization_ids", m.SelectedOrganizationIDs}} {
		if !ids.v.IsNull() && !m.Visibility.IsUnknown() && visibility != visibilitySelected {
			diags.AddAttributeError(path.Root(ids.name), "Selection Needs Selected Visibility",
				fmt.Sprintf("%s is set but visibility is %q: GitHub keeps a selection only for visibility = \"selected\". "+
					"Set visibility = \"selected\" or remove %s.", ids.name, visibility, ids.name))
		}
	}
	if known(m.SelectedWorkflows) && len(m.SelectedWorkflows.Elements()) > 0 && !m.RestrictedToWorkflows.IsUnknown() && !m.RestrictedToWorkflows.ValueBool() {
		diags.AddAttributeError(path.Root("selected_workflows"), "Selected Workflows Need Restricted Workflows",
			"GitHub ignores selected_workflows unless restricted_to_workflows is true. Set restricted_to_workflows = true or remove selected_workflows.")
	}
	return diags
}

func (r *runnerGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan runnerGroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	body, diags := plan.toCreateRequest(ctx, scope)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := createOnce[client.RunnerGroup]{
		noun:     "runner group",
		scope:    scope,
		name:     body.Name,
		same:     namesIgnoreCase,
		list:     func(ctx context.Context) ([]client.RunnerGroup, error) { return c.ListRunnerGroups(ctx, scope, "") },
		nameOf:   func(g client.RunnerGroup) string { return g.Name },
		id:       func(g client.RunnerGroup) string { return strconv.FormatInt(g.ID, 10) },
		create:   func(ctx context.Context) (*client.RunnerGroup, error) { return c.CreateRunnerGroup(ctx, scope, body) },
		settings: r.data.settings,
	}.run(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Create Runner Group", err, scope, runnerGroupFieldPaths)
		return
	}
	attrs, diags := runnerGroupFromAPI(ctx, created)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.runnerGroups().put(scope, created)
	tflog.Info(ctx, "Created runner group", map[string]any{"id": created.ID, "name": created.Name, "scope": scope.String()})
	plan.runnerGroupAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *runnerGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state runnerGroupResourceModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	id, diags := idInState(state.ID, "runner group")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	g, err := r.data.runnerGroups().read(ctx, c, scope, id)
	if err == nil && g == nil {
		tflog.Warn(ctx, "Runner group not found; removing it from state", map[string]any{"id": id, "scope": scope.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Runner Group", err, scope)
		return
	}
	attrs, diags := runnerGroupFromAPI(ctx, g)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The selection is read when the configuration manages it, or on import (no name yet);
	// it exists only for visibility "selected".
	imported := state.Name.IsNull()
	members := state.members(scope)
	state.runnerGroupAttrs = attrs
	var ids types.Set
	if g.Visibility == visibilitySelected && (imported || !members.IsNull()) {
		current, err := c.ListRunnerGroupMemberIDs(ctx, scope, id)
		if err != nil {
			r.data.addReadError(&resp.Diagnostics, "Unable to Read Runner Group Access", err, scope)
			return
		}
		ids, diags = types.SetValueFrom(ctx, wholeNumberType{}, current)
		resp.Diagnostics.Append(diags...)
	} else {
		ids = types.SetNull(wholeNumberType{})
	}
	state.setMembers(scope, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *runnerGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state runnerGroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	id, diags := idInState(state.ID, "runner group")
	resp.Diagnostics.Append(diags...)
	body, changed, diags := updateRunnerGroupRequest(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	attrs := state.runnerGroupAttrs
	if changed {
		updated, err := c.UpdateRunnerGroup(ctx, scope, id, body)
		if err != nil {
			addError(&resp.Diagnostics, "Unable to Update Runner Group", err, scope, runnerGroupFieldPaths)
			return
		}
		attrs, diags = runnerGroupFromAPI(ctx, updated)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		r.data.runnerGroups().put(scope, updated)
	}
	want := plan.members(scope)
	if !want.IsNull() {
		var current *[]int64
		if have := state.members(scope); !have.IsNull() && state.Visibility.Equal(plan.Visibility) {
			ids, d := int64s(ctx, have)
			resp.Diagnostics.Append(d...)
			current = &ids
		}
		ids, d := int64s(ctx, want)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := applyMembers(ctx, groupMemberWrites(c, scope, id), current, ids); err != nil {
			addError(&resp.Diagnostics, "Unable to Update Runner Group Access", err, scope, runnerGroupFieldPaths)
			return
		}
	}
	plan.runnerGroupAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *runnerGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state runnerGroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	id, diags := idInState(state.ID, "runner group")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.Default.ValueBool() {
		resp.Diagnostics.AddWarning("Default Runner Group Not Deleted",
			fmt.Sprintf("Runner group %d (%q) is the %s's default group, which GitHub does not let anyone delete. It was removed "+
				"from the Terraform state only and keeps its settings on GitHub.", id, state.Name.ValueString(), scope.Noun()))
		return
	}
	if state.Inherited.ValueBool() {
		resp.Diagnostics.AddWarning("Inherited Runner Group Not Deleted",
			fmt.Sprintf("Runner group %d (%q) is inherited from the %s's enterprise, which owns it. It was removed from the "+
				"Terraform state only and keeps its settings on GitHub; an enterprise-scoped githubactions_runner_group manages it.",
				id, state.Name.ValueString(), scope.Noun()))
		return
	}
	runners, err := hostedRunnersInGroup(ctx, c, scope, id)
	if client.IsNotFound(err) {
		// The group is gone already (deleted outside Terraform): nothing to delete.
		r.data.runnerGroups().drop(scope, id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Check Runner Group Before Deletion", err, scope, nil)
		return
	}
	if len(runners) > 0 {
		names := mapAll(runners, func(h client.HostedRunner) string { return fmt.Sprintf("%s (ID %d)", h.Name, h.ID) })
		sort.Strings(names)
		resp.Diagnostics.AddError("Runner Group Has Hosted Runners",
			fmt.Sprintf("Runner group %d (%q) still holds %d hosted runner(s): %s. Nothing was deleted. Move them to another "+
				"group (runner_group_id) or destroy them first.", id, state.Name.ValueString(), len(runners), strings.Join(names, ", ")))
		return
	}
	if err := c.DeleteRunnerGroup(ctx, scope, id); err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Runner Group", err, scope, nil)
		return
	}
	r.data.runnerGroups().drop(scope, id)
}

func (r *runnerGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importScopedID(ctx, req, resp, "runner_group_id", positiveInt)
}

// members is the selection argument of the group's scope.
func (m runnerGroupResourceModel) members(scope client.Scope) types.Set {
	if scope.IsEnterprise() {
		return m.SelectedOrganizationIDs
	}
	return m.SelectedRepositoryIDs
}

// setMembers sets the selection of the group's scope; the other one stays null.
func (m *runnerGroupResourceModel) setMembers(scope client.Scope, ids types.Set) {
	m.SelectedRepositoryIDs, m.SelectedOrganizationIDs = types.SetNull(wholeNumberType{}), types.SetNull(wholeNumberType{})
	if scope.IsEnterprise() {
		m.SelectedOrganizationIDs = ids
	} else {
		m.SelectedRepositoryIDs = ids
	}
}

// toCreateRequest builds the create body from the plan; the selection goes in the create call.
func (m runnerGroupResourceModel) toCreateRequest(ctx context.Context, scope client.Scope) (client.CreateRunnerGroupRequest, diag.Diagnostics) {
	workflows, diags := strs(ctx, m.SelectedWorkflows)
	body := client.CreateRunnerGroupRequest{
		Name:                     m.Name.ValueString(),
		Visibility:               m.Visibility.ValueString(),
		AllowsPublicRepositories: m.AllowsPublicRepositories.ValueBoolPointer(),
		RestrictedToWorkflows:    m.RestrictedToWorkflows.ValueBoolPointer(),
		SelectedWorkflows:        workflows,
		NetworkConfigurationID:   m.NetworkConfigurationID.ValueString(),
	}
	if members := m.members(scope); !members.IsNull() {
		ids, d := int64s(ctx, members)
		diags.Append(d...)
		if scope.IsEnterprise() {
			body.SelectedOrganizationIDs = ids
		} else {
			body.SelectedRepositoryIDs = ids
		}
	}
	return body, diags
}

// updateRunnerGroupRequest builds a PATCH body with the name (organizations require it) and
// what changed, and says whether anything but the selection changed. A network configuration
// removed from the configuration is sent as null, GitHub's way to unset it.
func updateRunnerGroupRequest(ctx context.Context, plan, state runnerGroupResourceModel) (client.UpdateRunnerGroupRequest, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.UpdateRunnerGroupRequest{Name: plan.Name.ValueStringPointer()}
	changed := !plan.Name.Equal(state.Name)
	if !plan.Visibility.Equal(state.Visibility) {
		body.Visibility, changed = plan.Visibility.ValueStringPointer(), true
	}
	if !plan.AllowsPublicRepositories.Equal(state.AllowsPublicRepositories) {
		body.AllowsPublicRepositories, changed = plan.AllowsPublicRepositories.ValueBoolPointer(), true
	}
	if !plan.RestrictedToWorkflows.Equal(state.RestrictedToWorkflows) {
		body.RestrictedToWorkflows, changed = plan.RestrictedToWorkflows.ValueBoolPointer(), true
	}
	if !plan.SelectedWorkflows.Equal(state.SelectedWorkflows) {
		workflows, d := strs(ctx, plan.SelectedWorkflows)
		diags.Append(d...)
		body.SelectedWorkflows, changed = &workflows, true
	}
	if !plan.NetworkConfigurationID.Equal(state.NetworkConfigurationID) {
		body.NetworkConfigurationID, changed = client.Null[string](), true
		if !plan.NetworkConfigurationID.IsNull() {
			body.NetworkConfigurationID = client.Value(plan.NetworkConfigurationID.ValueString())
		}
	}
	return body, changed, diags
}
