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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// The code both membership resources share: githubactions_runner_group_repository (an
// organization group's repository) and githubactions_runner_group_organization (an
// enterprise group's organization). Each manages one member of a group with GitHub's
// single-member endpoints; the members of a group are read once per run for all of them.

var (
	_ resource.ResourceWithConfigure   = (*runnerGroupMemberResource)(nil)
	_ resource.ResourceWithImportState = (*runnerGroupMemberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*runnerGroupMemberResource)(nil)
)

// memberKind is what tells the two membership resources apart.
type memberKind struct {
	typeSuffix  string // "_runner_group_repository"
	ownerAttr   string // "organization" or "enterprise"
	memberAttr  string // "repository_id" or "organization_id"
	memberNoun  string // "repository" or "organization"
	scopeKind   client.ScopeKind
	newModel    func() memberState
	description string
}

type runnerGroupMemberResource struct {
	configuredResource
	kind memberKind
}

// memberModel is one membership, whichever resource holds it.
type memberModel struct {
	ID     types.String
	Owner  scopeName
	Group  wholeNumberValue
	Member wholeNumberValue
}

func (r *runnerGroupMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.typeSuffix
}

func (r *runnerGroupMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	k := r.kind
	ownerDesc := "The login of the organization whose runner group this is, such as `octo-org`."
	if k.scopeKind == client.KindEnterprise {
		ownerDesc = "The slug of the enterprise whose runner group this is, such as `octo-corp`."
	}
	wholeID := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{
			MarkdownDescription: desc + " Changing it replaces the resource.",
			Required:            true,
			CustomType:          wholeNumberType{},
			Validators:          []validator.Int64{int64validator.AtLeast(1)},
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: k.description,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The membership's ID, as imported: `%s/<%s>/<runner_group_id>/<%s>`.",
					k.scopeKind, k.ownerAttr, k.memberAttr),
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			k.ownerAttr: schema.StringAttribute{
				MarkdownDescription: ownerDesc + " GitHub treats it case-insensitively. Changing it replaces the resource; " +
					"changing only its letter case is no change at all: the plan is empty and the state keeps the spelling it has.",
				CustomType:    scopeNameType{},
				Required:      true,
				Validators:    scopeNameValidators(),
				PlanModifiers: []planmodifier.String{keepScopeSpelling{}, requiresReplaceUnlessCaseOnly()},
			},
			"runner_group_id": wholeID("The numeric ID of the runner group, whose `visibility` must be `selected`. The default group " +
				"and groups an organization inherits from its enterprise are refused."),
			k.memberAttr: wholeID(fmt.Sprintf("The numeric ID of the %s that may use the group.", k.memberNoun)),
		},
	}
}

// memberState is the model of one of the two resources (their attribute names differ).
type memberState interface {
	member() memberModel
	setMember(memberModel)
}

// get reads a membership from a plan or state (its Get).
func (k memberKind) get(ctx context.Context, get func(context.Context, any) diag.Diagnostics) (memberModel, diag.Diagnostics) {
	m := k.newModel()
	diags := get(ctx, m)
	return m.member(), diags
}

// set writes a membership into state (its Set). A new membership gets its id; an existing one
// keeps it, also when only the owner's letter case changes.
func (k memberKind) set(ctx context.Context, set func(context.Context, any) diag.Diagnostics, mm memberModel) diag.Diagnostics {
	if !known(mm.ID) {
		mm.ID = types.StringValue(fmt.Sprintf("%s/%s/%d/%d", k.scopeKind, mm.Owner.ValueString(), mm.Group.ValueInt64(), mm.Member.ValueInt64()))
	}
	m := k.newModel()
	m.setMember(mm)
	return set(ctx, m)
}

// scopeArgs turns the owner into the organization and enterprise arguments clientFor takes.
func (k memberKind) scopeArgs(owner scopeName) (org, ent scopeName) {
	if k.scopeKind == client.KindEnterprise {
		return scopeNameNull(), owner
	}
	return owner, scopeNameNull()
}

// client returns the client and scope of a membership.
func (r *runnerGroupMemberResource) client(m memberModel) (*client.Client, client.Scope, diag.Diagnostics) {
	return r.data.clientFor(r.kind.scopeArgs(m.Owner))
}

// ModifyPlan checks, when a membership is to be created and its group is known, that the
// group exists and may have its members changed one at a time: visibility selected, neither
// the default group nor an inherited one. The scope's groups are read once per run.
func (r *runnerGroupMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	plan, diags := r.kind.get(ctx, req.Plan.Get)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !known(plan.Owner) || !known(plan.Group) {
		return
	}
	c, scope, diags := r.data.planClientFor(r.kind.scopeArgs(plan.Owner))
	resp.Diagnostics.Append(diags...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.checkGroup(ctx, c, scope, plan)...)
}

// checkGroup refuses a group whose membership this resource may not change.
func (r *runnerGroupMemberResource) checkGroup(ctx context.Context, c *client.Client, scope client.Scope, m memberModel) diag.Diagnostics {
	var diags diag.Diagnostics
	id := m.Group.ValueInt64()
	g, err := r.data.runnerGroups().read(ctx, c, scope, id)
	switch {
	case err != nil:
		addError(&diags, "Unable to Read Runner Group", err, scope, nil)
	case g == nil:
		diags.AddAttributeError(path.Root("runner_group_id"), "Runner Group Not Found",
			fmt.Sprintf("The %s %q has no runner group %d. Check runner_group_id (the githubactions_runner_groups data source "+
				"lists the groups).", scope.Noun(), scope.Name, id))
	default:
		diags.Append(memberGroupRefusal(g, scope)...)
	}
	return diags
}

// memberGroupRefusal says why a group's members may not be changed one at a time, if so.
func memberGroupRefusal(g *client.RunnerGroup, scope client.Scope) diag.Diagnostics {
	var diags diag.Diagnostics
	at := path.Root("runner_group_id")
	switch {
	case g.Default:
		diags.AddAttributeError(at, "Default Runner Group Membership Not Managed",
			fmt.Sprintf("Runner group %d (%q) is the %s's default group, whose access this provider never changes. Use a group "+
				"of your own with visibility = \"selected\".", g.ID, g.Name, scope.Noun()))
	case g.Inherited:
		diags.AddAttributeError(at, "Inherited Runner Group Membership Not Managed",
			fmt.Sprintf("Runner group %d (%q) is inherited from the %s's enterprise, which owns its access. Grant the "+
				"organization access in the enterprise (githubactions_runner_group_organization).", g.ID, g.Name, scope.Noun()))
	case g.Visibility != visibilitySelected:
		diags.AddAttributeError(at, "Runner Group Visibility Is Not Selected",
			fmt.Sprintf("Runner group %d (%q) has visibility %q, and GitHub keeps a list of members only for visibility "+
				"\"selected\". Set visibility = \"selected\" on the group (leaving its selected_*_ids out) before granting "+
				"access one member at a time.", g.ID, g.Name, g.Visibility))
	}
	return diags
}

func (r *runnerGroupMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := r.kind.get(ctx, req.Plan.Get)
	resp.Diagnostics.Append(diags...)
	c, scope, diags := r.client(plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The group may have been created in this apply, or changed since the plan.
	resp.Diagnostics.Append(r.checkGroup(ctx, c, scope, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	group, member := plan.Group.ValueInt64(), plan.Member.ValueInt64()
	if err := c.AddRunnerGroupMember(ctx, scope, group, member); err != nil {
		addError(&resp.Diagnostics, fmt.Sprintf("Unable to Add %s to Runner Group", titleCase(r.kind.memberNoun)), err, scope, nil)
		return
	}
	r.data.groupMemberLists().put(groupMembers{scope, group}, &member)
	tflog.Info(ctx, "Added runner group member", map[string]any{"group": group, r.kind.memberAttr: member, "scope": scope.String()})
	resp.Diagnostics.Append(r.kind.set(ctx, resp.State.Set, plan)...)
}

func (r *runnerGroupMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, diags := r.kind.get(ctx, req.State.Get)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, ent := r.kind.scopeArgs(state.Owner)
	c, scope, ok := r.data.refreshClient(&resp.Diagnostics, org, ent)
	if !ok {
		return
	}
	group, member := state.Group.ValueInt64(), state.Member.ValueInt64()
	found, err := r.data.groupMemberLists().read(ctx, c, groupMembers{scope, group}, member)
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Runner Group Access", err, scope)
		return
	}
	if found == nil {
		tflog.Warn(ctx, "Runner group member not found; removing it from state", map[string]any{
			"group": group, r.kind.memberAttr: member, "scope": scope.String(),
		})
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(r.kind.set(ctx, resp.State.Set, state)...)
}

// Update only records a new letter case of the owner: every other change replaces the resource.
func (r *runnerGroupMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := r.kind.get(ctx, req.Plan.Get)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.kind.set(ctx, resp.State.Set, plan)...)
}

func (r *runnerGroupMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, diags := r.kind.get(ctx, req.State.Get)
	resp.Diagnostics.Append(diags...)
	c, scope, diags := r.client(state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	group, member := state.Group.ValueInt64(), state.Member.ValueInt64()
	// An imported membership of the default or an inherited group is only forgotten.
	if g, err := r.data.runnerGroups().read(ctx, c, scope, group); err == nil && g != nil && (g.Default || g.Inherited) {
		resp.Diagnostics.AddWarning("Runner Group Membership Not Changed",
			fmt.Sprintf("Runner group %d (%q) is the default group or an inherited one, whose access this provider never "+
				"changes. The membership of %s %d was removed from the Terraform state only.", g.ID, g.Name, r.kind.memberNoun, member))
		return
	}
	err := c.RemoveRunnerGroupMember(ctx, scope, group, member)
	if err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, fmt.Sprintf("Unable to Remove %s From Runner Group", titleCase(r.kind.memberNoun)), err, scope, nil)
		return
	}
	r.data.groupMemberLists().drop(groupMembers{scope, group}, member)
}

// ImportState takes `orgs/<org>/<runner_group_id>/<repository_id>` or
// `enterprises/<enterprise>/<runner_group_id>/<organization_id>`.
func (r *runnerGroupMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	k := r.kind
	parsed, err := parseImportID(req.ID, "runner_group_id", k.memberAttr)
	var ids [2]int64
	for i, name := range []string{"runner_group_id", k.memberAttr} {
		if err == nil {
			ids[i], err = positiveInt(parsed.Parts[i], name)
		}
	}
	if err == nil && parsed.Scope.Kind != k.scopeKind {
		err = fmt.Errorf("import ID %q must start with %s/<%s>/", req.ID, k.scopeKind, k.ownerAttr)
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	m := memberModel{
		Owner:  scopeNameValue(parsed.Scope.Name),
		Group:  wholeNumber(types.Int64Value(ids[0])),
		Member: wholeNumber(types.Int64Value(ids[1])),
	}
	resp.Diagnostics.Append(k.set(ctx, resp.State.Set, m)...)
}
