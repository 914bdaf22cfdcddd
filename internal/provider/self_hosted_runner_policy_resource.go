package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ resource.ResourceWithConfigure      = (*selfHostedRunnerPolicyResource)(nil)
	_ resource.ResourceWithImportState    = (*selfHostedRunnerPolicyResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*selfHostedRunnerPolicyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*selfHostedRunnerPolicyResource)(nil)
)

// NewSelfHostedRunnerPolicyResource is the githubactions_self_hosted_runner_policy resource.
func NewSelfHostedRunnerPolicyResource() resource.Resource { return &selfHostedRunnerPolicyResource{} }

type selfHostedRunnerPolicyResource struct {
	configuredResource
}

type selfHostedRunnerPolicyModel struct {
	scopeModel
	ID types.String `tfsdk:"id"`
	selfHostedPolicyAttrs
}

// selfHostedPolicyAttrs are the policy's settings, shared by the resource and the data source.
type selfHostedPolicyAttrs struct {
	EnabledRepositories   types.String `tfsdk:"enabled_repositories"`
	SelectedRepositoryIDs types.Set    `tfsdk:"selected_repository_ids"`
	DisableForAllOrgs     types.Bool   `tfsdk:"disable_self_hosted_runners_for_all_orgs"`
}

// Descriptions of the policy's attributes, written once for the resource and the data source.
const (
	policyEnabledDesc = "Organizations only: which repositories may use repository-level self-hosted runners: `all`, " +
		"`selected` (those in `selected_repository_ids`) or `none`. GitHub's default is `all`."
	policySelectedDesc = "Organizations with `enabled_repositories = \"selected\"` only: the numeric IDs of the " +
		"repositories that may use self-hosted runners."
	policyDisableDesc = "Enterprises only: when `true`, repository-level self-hosted runners are disabled in every " +
		"organization of the enterprise (GitHub's `disable_self_hosted_runners_for_all_orgs`). GitHub's default is `false`."
)

func (r *selfHostedRunnerPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_self_hosted_runner_policy"
}

func (r *selfHostedRunnerPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The scope, as imported: `orgs/<organization>` or `enterprises/<enterprise>`.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["enabled_repositories"] = schema.StringAttribute{
		MarkdownDescription: policyEnabledDesc + " Required for an organization.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(client.SelfHostedAll, client.SelfHostedSelected, client.SelfHostedNone)},
	}
	attrs["selected_repository_ids"] = schema.SetAttribute{
		MarkdownDescription: policySelectedDesc + " Left out, the provider does not manage the list.",
		Optional:            true,
		ElementType:         wholeNumberType{},
		Validators:          []validator.Set{wholeNumberElements{}, setvalidator.ValueInt64sAre(int64validator.AtLeast(1))},
	}
	attrs["disable_self_hosted_runners_for_all_orgs"] = schema.BoolAttribute{
		MarkdownDescription: policyDisableDesc + " Required for an enterprise.",
		Optional:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Who may use self-hosted runners: for an organization, which of its repositories may register " +
			"and use repository-level self-hosted runners; for an enterprise, whether repository-level self-hosted runners " +
			"are disabled in all its organizations. Use it to allow only GitHub-hosted runners.\n\n" +
			"The setting always exists, so creating the resource takes it over and GitHub has nothing to delete: destroying " +
			"it puts GitHub's default back (`enabled_repositories = \"all\"`; `disable_self_hosted_runners_for_all_orgs = " +
			"false`), and the plan says so in a warning. When an enterprise disables self-hosted runners for all its " +
			"organizations, GitHub refuses (409) to change an organization's setting; the error names the enterprise setting.\n\n" +
			"Credentials: organizations need a classic token with `admin:org`, or the \"Actions policies\" organization " +
			"permission (fine-grained token or GitHub App); enterprises need an enterprise owner's classic token (GitHub " +
			"documents no scope, and does not let GitHub Apps use the endpoint).",
		Attributes: attrs,
	}
}

// ValidateConfig checks at plan which settings go with which scope.
func (r *selfHostedRunnerPolicyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m selfHostedRunnerPolicyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org, ent := known(m.Organization), known(m.Enterprise)
	switch {
	case org && !m.DisableForAllOrgs.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("disable_self_hosted_runners_for_all_orgs"), "Setting Needs an Enterprise",
			"disable_self_hosted_runners_for_all_orgs is an enterprise setting; an organization sets enabled_repositories.")
	case org && m.EnabledRepositories.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("enabled_repositories"), "Missing Enabled Repositories",
			`An organization's policy needs enabled_repositories: "all", "selected" or "none".`)
	case ent && (!m.EnabledRepositories.IsNull() || !m.SelectedRepositoryIDs.IsNull()):
		resp.Diagnostics.AddAttributeError(path.Root("enabled_repositories"), "Setting Needs an Organization",
			"enabled_repositories and selected_repository_ids are organization settings; an enterprise sets "+
				"disable_self_hosted_runners_for_all_orgs.")
	case ent && m.DisableForAllOrgs.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("disable_self_hosted_runners_for_all_orgs"), "Missing Enterprise Setting",
			"An enterprise's policy needs disable_self_hosted_runners_for_all_orgs (true or false).")
	case !m.SelectedRepositoryIDs.IsNull() && known(m.EnabledRepositories) && m.EnabledRepositories.ValueString() != client.SelfHostedSelected:
		resp.Diagnostics.AddAttributeError(path.Root("selected_repository_ids"), "Selection Needs Selected Repositories",
			fmt.Sprintf("selected_repository_ids is set but enabled_repositories is %q: GitHub uses the list only for "+
				"\"selected\". Set enabled_repositories = \"selected\" or remove selected_repository_ids.", m.EnabledRepositories.ValueString()))
	}
}

// ModifyPlan warns, when the policy is destroyed, that GitHub's default comes back.
func (r *selfHostedRunnerPolicyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var state selfHostedRunnerPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, diags := scopeOf(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning("Destroying Restores GitHub's Default Self-Hosted Runner Policy",
		fmt.Sprintf("GitHub cannot delete a self-hosted runner policy. Destroying githubactions_self_hosted_runner_policy for "+
			"the %s %q sets %s, GitHub's default.", scope.Noun(), scope.Name, defaultPolicyText(scope)))
}

// defaultPolicyText is GitHub's default setting of scope, as configuration.
func defaultPolicyText(scope client.Scope) string {
	if scope.IsEnterprise() {
		return "disable_self_hosted_runners_for_all_orgs = false (organizations may use repository-level self-hosted runners)"
	}
	return `enabled_repositories = "all" (every repository may use self-hosted runners)`
}

func (r *selfHostedRunnerPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan selfHostedRunnerPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, c, scope, plan, nil); err != nil {
		addPolicyError(&resp.Diagnostics, "Unable to Set Self-Hosted Runner Policy", err, scope)
		return
	}
	plan.ID = types.StringValue(scope.String())
	tflog.Info(ctx, "Set self-hosted runner policy", map[string]any{"scope": scope.String()})
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// write sends the settings of plan that differ from state (nil: all of them) with the fewest
// requests: the policy, then the repository list as the group's members are changed.
func (r *selfHostedRunnerPolicyResource) write(ctx context.Context, c *client.Client, scope client.Scope, plan selfHostedRunnerPolicyModel, state *selfHostedRunnerPolicyModel) error {
	if scope.IsEnterprise() {
		if state != nil && state.DisableForAllOrgs.Equal(plan.DisableForAllOrgs) {
			return nil
		}
		return c.SetEnterpriseSelfHostedRunnerPolicy(ctx, scope, plan.DisableForAllOrgs.ValueBool())
	}
	if state == nil || !state.EnabledRepositories.Equal(plan.EnabledRepositories) {
		if err := c.SetSelfHostedRunnerPolicy(ctx, scope, plan.EnabledRepositories.ValueString()); err != nil {
			return err
		}
	}
	if plan.SelectedRepositoryIDs.IsNull() {
		return nil
	}
	var current *[]int64
	if state != nil && !state.SelectedRepositoryIDs.IsNull() && state.EnabledRepositories.Equal(plan.EnabledRepositories) {
		ids, diags := int64s(ctx, state.SelectedRepositoryIDs)
		if diags.HasError() {
			return errors.New("the state's selected_repository_ids are not numbers")
		}
		current = &ids
	}
	want, diags := int64s(ctx, plan.SelectedRepositoryIDs)
	if diags.HasError() {
		return errors.New("selected_repository_ids are not numbers")
	}
	return applyMembers(ctx, memberWrites{
		what: "the repositories allowed self-hosted runners",
		replace: func(ctx context.Context, ids []int64) error {
			return c.SetSelfHostedRunnerRepositories(ctx, scope, ids)
		},
		add:    func(ctx context.Context, id int64) error { return c.AddSelfHostedRunnerRepository(ctx, scope, id) },
		remove: func(ctx context.Context, id int64) error { return c.RemoveSelfHostedRunnerRepository(ctx, scope, id) },
	}, current, want)
}

func (r *selfHostedRunnerPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state selfHostedRunnerPolicyModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	// The list is read when the configuration manages it, or on import (nothing set yet).
	imported := state.EnabledRepositories.IsNull() && state.DisableForAllOrgs.IsNull()
	listRepos := imported || !state.SelectedRepositoryIDs.IsNull()
	attrs, err := readSelfHostedPolicy(ctx, c, scope, func(enabled string) bool { return listRepos && enabled == client.SelfHostedSelected })
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "Self-hosted runner policy not found; removing it from state", map[string]any{"scope": scope.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Self-Hosted Runner Policy", err, scope)
		return
	}
	state.ID = types.StringValue(scope.String())
	state.selfHostedPolicyAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// readSelfHostedPolicy reads the policy of scope; the organization's repository list is read
// when listRepos says so for its enabled_repositories, and is null otherwise.
func readSelfHostedPolicy(ctx context.Context, c *client.Client, scope client.Scope, listRepos func(enabled string) bool) (selfHostedPolicyAttrs, error) {
	attrs := selfHostedPolicyAttrs{
		EnabledRepositories:   types.StringNull(),
		SelectedRepositoryIDs: types.SetNull(wholeNumberType{}),
		DisableForAllOrgs:     types.BoolNull(),
	}
	if scope.IsEnterprise() {
		p, err := c.GetEnterpriseSelfHostedRunnerPolicy(ctx, scope)
		if err != nil {
			return attrs, err
		}
		attrs.DisableForAllOrgs = types.BoolValue(p.DisableForAllOrgs)
		return attrs, nil
	}
	p, err := c.GetSelfHostedRunnerPolicy(ctx, scope)
	if err != nil {
		return attrs, err
	}
	attrs.EnabledRepositories = types.StringValue(p.EnabledRepositories)
	if !listRepos(p.EnabledRepositories) {
		return attrs, nil
	}
	ids, err := c.ListSelfHostedRunnerRepositoryIDs(ctx, scope)
	if err != nil {
		return attrs, err
	}
	set, diags := types.SetValueFrom(ctx, wholeNumberType{}, ids)
	if diags.HasError() {
		return attrs, errors.New("the repository ids GitHub listed do not make a set")
	}
	attrs.SelectedRepositoryIDs = set
	return attrs, nil
}

func (r *selfHostedRunnerPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state selfHostedRunnerPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.write(ctx, c, scope, plan, &state); err != nil {
		addPolicyError(&resp.Diagnostics, "Unable to Update Self-Hosted Runner Policy", err, scope)
		return
	}
	plan.ID = types.StringValue(scope.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// Delete puts GitHub's default back: GitHub has no DELETE for the policy.
func (r *selfHostedRunnerPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state selfHostedRunnerPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var err error
	if scope.IsEnterprise() {
		err = c.SetEnterpriseSelfHostedRunnerPolicy(ctx, scope, false)
	} else {
		err = c.SetSelfHostedRunnerPolicy(ctx, scope, client.SelfHostedAll)
	}
	if err != nil && !client.IsNotFound(err) {
		addPolicyError(&resp.Diagnostics, "Unable to Restore the Default Self-Hosted Runner Policy", err, scope)
	}
}

// ImportState takes `orgs/<organization>` or `enterprises/<enterprise>`.
func (r *selfHostedRunnerPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parsed, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setScope(ctx, parsed.Scope, resp.State.SetAttribute)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parsed.Scope.String())...)
}

// addPolicyError is addError that explains GitHub's 409: the organization's enterprise
// disables repository-level self-hosted runners, so the organization's setting is locked.
func addPolicyError(diags *diag.Diagnostics, summary string, err error, scope client.Scope) {
	if !client.IsConflict(err) {
		addError(diags, summary, err, scope, nil)
		return
	}
	diags.AddError(summary, fmt.Sprintf("%s\n\nGitHub refused the change with 409 Conflict: the enterprise that the %s %q "+
		"belongs to sets disable_self_hosted_runners_for_all_orgs = true, which disables repository-level self-hosted runners "+
		"in all its organizations and locks their self-hosted runner policy. Nothing was changed. An enterprise owner can set "+
		"it to false (githubactions_self_hosted_runner_policy with enterprise = ...); until then, leave this organization's "+
		"policy out of the configuration.", err, scope.Noun(), scope.Name))
}
