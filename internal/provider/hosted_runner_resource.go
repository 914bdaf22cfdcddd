package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

var (
	_ resource.ResourceWithConfigure      = (*hostedRunnerResource)(nil)
	_ resource.ResourceWithImportState    = (*hostedRunnerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*hostedRunnerResource)(nil)
)

// Default timeouts: provisioning a larger runner takes minutes, sometimes tens of minutes.
const (
	defaultCreateTimeout = 30 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 20 * time.Minute
)

// runnerNamePattern is GitHub's rule for runner names.
var runnerNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

var objectAsOptions = basetypes.ObjectAsOptions{}

// NewHostedRunnerResource is the githubactions_hosted_runner resource.
func NewHostedRunnerResource() resource.Resource { return &hostedRunnerResource{} }

type hostedRunnerResource struct {
	configuredResource
}

type hostedRunnerModel struct {
	scopeModel
	runnerAttrs
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *hostedRunnerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hosted_runner"
}

func (r *hostedRunnerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	for name, a := range map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The runner's numeric ID, assigned by GitHub.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The runner's name: 1 to 64 characters of letters, digits, `.`, `-` and `_`. Workflows select it with `runs-on`.",
			Required:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(runnerNamePattern, "must be 1 to 64 characters of letters, digits, '.', '-' and '_'"),
			},
		},
		"image": schema.SingleNestedAttribute{
			MarkdownDescription: "The image the runner boots. Changing it re-provisions the runner in place.",
			Required:            true,
			Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{
					MarkdownDescription: "The image ID: a GitHub-owned or partner image ID such as `ubuntu-latest` " +
						"(see the `githubactions_runner_images` data source), or a custom image definition's numeric ID as a string.",
					Required:   true,
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"source": schema.StringAttribute{
					MarkdownDescription: "Where the image comes from: `github` (default), `partner` or `custom`.",
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(client.SourceGitHub),
					Validators:          []validator.String{stringvalidator.OneOf(client.SourceGitHub, client.SourcePartner, client.SourceCustom)},
				},
				"version": schema.StringAttribute{
					MarkdownDescription: "The custom image version to deploy, such as `1.2.0`; only with `source = \"custom\"`. " +
						"Left out, GitHub uses the image's latest version.",
					Optional: true,
					Validators: []validator.String{
						stringvalidator.RegexMatches(versionPattern, "must be a version such as 1.2.0"),
					},
				},
			},
		},
		"size": schema.StringAttribute{
			MarkdownDescription: "The machine size ID, such as `4-core` (see the `githubactions_machine_sizes` data source). Changing it re-provisions the runner in place.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"runner_group_id": schema.Int64Attribute{
			CustomType: wholeNumberType{},
			MarkdownDescription: "The ID of the runner group the runner joins (see the organization's or enterprise's runner " +
				"groups; the plan checks that it exists). Left out when creating, the runner joins group `1`, the default group; " +
				"left out later (after an import, or removed from the configuration), the runner stays in its current group.",
			Optional:      true,
			Computed:      true,
			Validators:    []validator.Int64{int64validator.AtLeast(1)},
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"maximum_runners": schema.Int64Attribute{
			CustomType: wholeNumberType{},
			MarkdownDescription: "The most machines the runner scales up to, to bound cost (at least 1). Left out, " +
				"GitHub's default applies (10 for organizations, 50 for enterprises) and is kept from then on.",
			Optional:      true,
			Computed:      true,
			Validators:    []validator.Int64{int64validator.AtLeast(1)},
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"enable_static_ip": schema.BoolAttribute{
			MarkdownDescription: "Whether the runner gets static public IP ranges (see `public_ips`); they count against the " +
				"account's limit (the `githubactions_limits` data source; the plan checks that the runners it gives static IPs all fit, counted together). Left out when " +
				"creating, `false`; left out later (after an import, or removed from the configuration), the runner keeps its " +
				"static IPs. Setting it to `false` releases them, which the plan warns about: allow-lists that name them stop matching.",
			Optional:      true,
			Computed:      true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"image_gen": schema.BoolAttribute{
			MarkdownDescription: "Whether the runner is used to generate custom images. Default `false`.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
		"platform": schema.StringAttribute{
			MarkdownDescription: "The operating system and architecture of the image, such as `linux-x64`.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"status": schema.StringAttribute{
			MarkdownDescription: "The runner's status at the last refresh: `Ready`, `Provisioning`, `Shutdown`, `Deleting` or `Stuck`. A runner found `Deleting` is replaced.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), replaceWhenDeleting{}},
		},
		"public_ip_enabled": schema.BoolAttribute{
			MarkdownDescription: "Whether static public IPs are enabled for the runner.",
			Computed:            true,
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		// The computed-only objects are object attributes, not nested attributes: Terraform 1.5's
		// `plan -generate-config-out` crashes on a computed-only nested attribute.
		"public_ips": schema.ListAttribute{
			MarkdownDescription: "The static public IP ranges of the runner, once assigned. Each has `enabled` (whether the " +
				"range is enabled), `prefix` (its first address, such as `20.80.208.150`) and `length` (its prefix length, such as `28`). " +
				"GitHub documents no promise that a runner keeps its ranges when a change re-provisions it (a new `size`, `image` or " +
				"`image_gen`) or when static IPs are turned off and on: such a plan shows them as known after apply, and allow-lists " +
				"built from them must follow. A change that does not re-provision the runner (`name`, `maximum_runners`, " +
				"`runner_group_id`) keeps them.",
			Computed:      true,
			ElementType:   types.ObjectType{AttrTypes: publicIPAttrTypes},
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
		"machine_size_details": schema.ObjectAttribute{
			MarkdownDescription: "The machine size the runner has: `id` (such as `4-core`), `cpu_cores`, `memory_gb` and `storage_gb` " +
				"(SSD, in GB).",
			Computed:       true,
			AttributeTypes: machineSizeAttrTypes,
			PlanModifiers:  []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		},
		"image_details": schema.ObjectAttribute{
			MarkdownDescription: "The image the runner runs, as GitHub reports it: `id`, `size_gb`, `display_name`, `source` " +
				"(`github`, `partner` or `custom`) and `version` (where GitHub reports one).",
			Computed:       true,
			AttributeTypes: imageDetailsAttrTypes,
			PlanModifiers:  []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		},
		"last_active_on": schema.StringAttribute{
			MarkdownDescription: "When the runner last ran a job (RFC 3339), or null if never.",
			Computed:            true,
		},
		"timeouts": timeoutsAttribute(ctx),
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A GitHub-hosted runner (larger runner) of an organization or enterprise. Creating it waits until " +
			"the runner is `Ready` (and its static IPs are assigned, when asked for); destroying it waits until GitHub " +
			"has finished deleting it.",
		Attributes: attrs,
	}
}

// ValidateConfig checks what the schema cannot: a version only with a custom image.
func (r *hostedRunnerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var img types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("image"), &img)...)
	if resp.Diagnostics.HasError() || img.IsNull() || img.IsUnknown() {
		return
	}
	var m runnerImageModel
	resp.Diagnostics.Append(img.As(ctx, &m, objectAsOptions)...)
	if resp.Diagnostics.HasError() || m.Version.IsNull() || m.Version.IsUnknown() || m.Source.IsUnknown() {
		return
	}
	if source := m.Source.ValueString(); source != client.SourceCustom {
		if source == "" {
			source = client.SourceGitHub
		}
		resp.Diagnostics.AddAttributeError(path.Root("image").AtName("version"), "Image Version Needs a Custom Image",
			fmt.Sprintf("image.version is set but image.source is %q. Only custom images have versions: set source = \"custom\" "+
				"with a custom image definition ID, or remove version.", source))
	}
}

func (r *hostedRunnerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan hostedRunnerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	body, diags := plan.toCreateRequest(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The plan only warned about what the catalog cannot give (so as not to block a destroy).
	checks, unread := r.checkCatalog(ctx, &plan, nil, (*planCheck).staticIPLeftNow)
	resp.Diagnostics.Append(unread...)
	resp.Diagnostics.Append(checks...)
	if resp.Diagnostics.HasError() {
		return
	}
	since := r.data.settings.clock.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	created, err := r.createRunner(ctx, c, scope, body, since)
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Create Hosted Runner", err, scope, runnerFieldPaths)
		return
	}
	// The runner exists from here on: record it before waiting, so that a failed or timed-out
	// wait taints it instead of losing it.
	r.data.runners.Put(scope, created)
	resp.Diagnostics.Append(plan.setApplied(ctx, created, resp.State.Set)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ready, err := r.data.runners.WaitReady(ctx, c, scope, created.ID, since, runnerwatch.Want{IPs: body.EnableStaticIP != nil && *body.EnableStaticIP})
	if ready != nil {
		r.data.runners.Put(scope, ready)
		resp.Diagnostics.Append(plan.setApplied(ctx, ready, resp.State.Set)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Hosted Runner Did Not Become Ready", fmt.Errorf(
			"runner %d was created but did not become ready: %w. It is kept in state, marked tainted: the next apply "+
				"replaces it and terraform destroy removes it", created.ID, withTimeoutAdvice(err, "create", timeout)), scope, nil)
	}
}

func (r *hostedRunnerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state hostedRunnerModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	id, diags := idInState(state.ID, "hosted runner")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	runner, err := r.data.runners.Get(ctx, c, scope, id)
	if err == nil && runner == nil {
		tflog.Warn(ctx, "Hosted runner not found; removing it from state", map[string]any{"id": id, "scope": scope.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Hosted Runner", err, scope)
		return
	}
	resp.Diagnostics.Append(state.setRead(ctx, runner, resp.State.Set)...)
}

func (r *hostedRunnerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state hostedRunnerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	c, scope, id, diags := state.target(r.data)
	resp.Diagnostics.Append(diags...)
	body, reprovision, diags := updateRequest(ctx, plan.runnerAttrs, state.runnerAttrs)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if body.Empty() {
		// Only the timeouts changed (a change of the scope's letter case is planned as none): GitHub has nothing to do.
		state.scopeModel, state.Timeouts = plan.scopeModel, plan.Timeouts
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	checks, unread := r.checkCatalog(ctx, &plan, &state, (*planCheck).staticIPLeftNow)
	resp.Diagnostics.Append(unread...)
	resp.Diagnostics.Append(checks...)
	if resp.Diagnostics.HasError() {
		return
	}
	since := r.data.settings.clock.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	want := runnerwatch.Want{IPs: plan.EnableStaticIP.ValueBool(), Update: &body}
	updated, err := c.UpdateHostedRunner(ctx, scope, id, body)
	switch {
	case client.IsInvalidBody(err):
		// GitHub accepted the request but its answer is not this runner: nothing of it reaches
		// state, and the wait below reads the runner itself.
		tflog.Warn(ctx, "The answer to the update is not the runner; reading the runner instead", map[string]any{"id": id, "error": err.Error()})
	case err != nil:
		addError(&resp.Diagnostics, "Unable to Update Hosted Runner", err, scope, runnerFieldPaths)
		return
	default:
		r.data.runners.Put(scope, updated)
		if done, err := runnerwatch.Done(updated, want); !reprovision && done && err == nil {
			// GitHub's answer already shows the change on a ready runner, and nothing re-provisions.
			resp.Diagnostics.Append(plan.setApplied(ctx, updated, resp.State.Set)...)
			return
		}
		if reprovision {
			// Record the accepted change before waiting, so a failed wait does not leave stale state.
			resp.Diagnostics.Append(plan.setApplied(ctx, updated, resp.State.Set)...)
		}
	}
	done, err := r.data.runners.WaitReady(ctx, c, scope, id, since, want)
	if done != nil {
		r.data.runners.Put(scope, done)
		resp.Diagnostics.Append(plan.setApplied(ctx, done, resp.State.Set)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Hosted Runner Did Not Become Ready After Update", fmt.Errorf(
			"runner %d accepted the update but did not become ready: %w", id, withTimeoutAdvice(err, "update", timeout)), scope, nil)
	}
}

func (r *hostedRunnerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state hostedRunnerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	c, scope, id, diags := state.target(r.data)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	since := r.data.settings.clock.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	if _, err := c.DeleteHostedRunner(ctx, scope, id); err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Hosted Runner", err, scope, nil)
		return
	}
	r.data.runners.Drop(scope, id)
	if err := r.data.runners.WaitGone(ctx, c, scope, id, since); err != nil {
		addError(&resp.Diagnostics, "Hosted Runner Deletion Did Not Finish", fmt.Errorf(
			"GitHub accepted the deletion of runner %d but it had not finished: %w. The runner stays in state; "+
				"run terraform destroy (or apply) again to finish", id, withTimeoutAdvice(err, "delete", timeout)), scope, nil)
	}
}

func (r *hostedRunnerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importScopedID(ctx, req, resp, "runner_id", positiveInt)
}

// target resolves what an operation on the existing runner needs: the client, the scope and
// the runner's id. (The scope cannot change in place: changing it replaces the runner.)
func (m hostedRunnerModel) target(d *providerData) (*client.Client, client.Scope, int64, diag.Diagnostics) {
	c, scope, diags := d.clientFor(m.Organization, m.Enterprise)
	id, idDiags := idInState(m.ID, "hosted runner")
	diags.Append(idDiags...)
	return c, scope, id, diags
}

// setApplied stores runner after a create or update. `image` stays as planned: GitHub
// accepted exactly that, Terraform requires an argument's applied value to be the planned
// one, and image_details shows what GitHub made of it.
func (m hostedRunnerModel) setApplied(ctx context.Context, runner *client.HostedRunner, set func(context.Context, any) diag.Diagnostics) diag.Diagnostics {
	planned, hadImage := m.Image, known(m.Image)
	m, diags := m.fromAPI(runner)
	if diags.HasError() {
		return diags
	}
	if hadImage {
		m.Image = planned
	}
	diags.Append(set(ctx, m)...)
	return diags
}

// setRead stores runner after a refresh. `image` is read back from image_details, so an
// image changed outside Terraform shows in the next plan.
func (m hostedRunnerModel) setRead(ctx context.Context, runner *client.HostedRunner, set func(context.Context, any) diag.Diagnostics) diag.Diagnostics {
	m, diags := m.fromAPI(runner)
	if diags.HasError() {
		return diags
	}
	diags.Append(set(ctx, m)...)
	return diags
}

// fromAPI maps runner over the model, whose plan or state is the prior value.
func (m hostedRunnerModel) fromAPI(runner *client.HostedRunner) (hostedRunnerModel, diag.Diagnostics) {
	var prior *runnerAttrs
	if known(m.Image) {
		prior = &m.runnerAttrs
	}
	attrs, diags := runnerAttrsFromAPI(runner, prior)
	m.runnerAttrs = attrs
	return m, diags
}

// toCreateRequest builds the create body from the plan.
func (m hostedRunnerModel) toCreateRequest(ctx context.Context) (client.CreateHostedRunnerRequest, diag.Diagnostics) {
	img, diags := m.image(ctx)
	body := client.CreateHostedRunnerRequest{
		Name:           m.Name.ValueString(),
		Image:          client.RunnerImage{ID: img.ID.ValueString(), Source: img.Source.ValueString(), Version: img.Version.ValueStringPointer()},
		Size:           m.Size.ValueString(),
		RunnerGroupID:  m.RunnerGroupID.ValueInt64(),
		EnableStaticIP: m.EnableStaticIP.ValueBoolPointer(),
		ImageGen:       m.ImageGen.ValueBoolPointer(),
	}
	if known(m.MaximumRunners) {
		body.MaximumRunners = m.MaximumRunners.ValueInt64Pointer()
	}
	return body, diags
}

// updateRequest builds a PATCH body with only what changed between state and plan, and says
// whether the change re-provisions the runner (size, image, image generation, static IP).
func updateRequest(ctx context.Context, plan, state runnerAttrs) (client.UpdateHostedRunnerRequest, bool, diag.Diagnostics) {
	var body client.UpdateHostedRunnerRequest
	var diags diag.Diagnostics
	if !plan.Name.Equal(state.Name) {
		body.Name = plan.Name.ValueStringPointer()
	}
	if !plan.RunnerGroupID.Equal(state.RunnerGroupID) {
		body.RunnerGroupID = plan.RunnerGroupID.ValueInt64Pointer()
	}
	if !plan.MaximumRunners.IsUnknown() && !plan.MaximumRunners.Equal(state.MaximumRunners) {
		body.MaximumRunners = plan.MaximumRunners.ValueInt64Pointer()
	}
	if !plan.EnableStaticIP.Equal(state.EnableStaticIP) {
		body.EnableStaticIP = plan.EnableStaticIP.ValueBoolPointer()
	}
	if !plan.ImageGen.Equal(state.ImageGen) {
		body.ImageGen = plan.ImageGen.ValueBoolPointer()
	}
	if !plan.Size.Equal(state.Size) {
		body.Size = plan.Size.ValueStringPointer()
	}
	if !plan.Image.Equal(state.Image) {
		img, d := plan.image(ctx)
		diags.Append(d...)
		body.ImageID = img.ID.ValueStringPointer()
		body.ImageSource = img.Source.ValueStringPointer()
		body.ImageVersion = img.Version.ValueStringPointer()
		body.UnpinImageVersion = img.Version.IsNull()
	}
	return body, plan.reprovisions(state), diags
}

// reprovisions reports whether changing state into a re-provisions the runner: a new size,
// image or image generation, or static IPs turned on. GitHub documents nothing that a runner
// keeps across one, its static IP ranges included.
func (a runnerAttrs) reprovisions(state runnerAttrs) bool {
	return !a.Size.Equal(state.Size) || !a.Image.Equal(state.Image) || !a.ImageGen.Equal(state.ImageGen) ||
		(!a.EnableStaticIP.Equal(state.EnableStaticIP) && a.EnableStaticIP.ValueBool())
}
