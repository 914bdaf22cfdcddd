package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ resource.ResourceWithConfigure        = (*networkConfigurationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*networkConfigurationResource)(nil)
	_ resource.ResourceWithImportState      = (*networkConfigurationResource)(nil)
)

// NewNetworkConfigurationResource is the githubactions_network_configuration resource.
func NewNetworkConfigurationResource() resource.Resource { return &networkConfigurationResource{} }

type networkConfigurationResource struct {
	configuredResource
}

type networkConfigurationResourceModel struct {
	scopeModel
	networkConfigurationAttrs
}

// networkConfigurationFieldPaths maps the field names in GitHub's 422 errors to the attributes.
var networkConfigurationFieldPaths = map[string]path.Path{
	"name":                          path.Root("name"),
	"compute_service":               path.Root("compute_service"),
	"network_settings_ids":          path.Root("network_settings_id"),
	"failover_network_settings_ids": path.Root("failover_network_settings_id"),
	"failover_network_enabled":      failoverEnabledPath,
}

func (r *networkConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_configuration"
}

func (r *networkConfigurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := scopeResourceAttributes()
	for name, a := range map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: netIDDesc,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: netNameDesc,
			Required:            true,
			Validators: []validator.String{stringvalidator.RegexMatches(networkConfigurationNamePattern,
				"must be 1 to 100 characters of letters, digits, '.', '-' and '_'")},
		},
		"compute_service": schema.StringAttribute{
			MarkdownDescription: netComputeDesc + " Default `none`.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(client.ComputeServiceNone),
			Validators:          []validator.String{stringvalidator.OneOf(client.ComputeServiceNone, client.ComputeServiceActions)},
		},
		"network_settings_id": schema.StringAttribute{
			MarkdownDescription: netSettingsDesc + " See the `githubactions_network_settings` data source.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"failover_network_settings_id": schema.StringAttribute{
			MarkdownDescription: netFailoverDesc + " Removing it from the configuration removes the failover.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"failover_network_enabled": schema.BoolAttribute{
			MarkdownDescription: netFailoverEnabledDesc + " `true` requires `failover_network_settings_id`; `false` keeps the " +
				"failover network configured but disabled; a change is an update in place. Left out, it is `false` without a " +
				"failover network (removing `failover_network_settings_id` sets it to `false`) and otherwise whatever GitHub has, " +
				"known after apply while `failover_network_settings_id` is set or changed.",
			Optional:      true,
			Computed:      true,
			PlanModifiers: []planmodifier.Bool{planFailoverEnabled{}},
		},
		"created_on": schema.StringAttribute{
			MarkdownDescription: netCreatedDesc,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A hosted compute network configuration of an organization or enterprise: it connects GitHub-hosted " +
			"runners to an Azure virtual network through a network settings resource made in Azure. A runner group uses it " +
			"through `network_configuration_id`. Every argument but the scope is updated in place. Destroying a configuration " +
			"that a runner group still uses fails before anything is deleted, naming the group.\n\n" +
			"Credentials: for an organization, a classic token with `write:network_configurations` (and " +
			"`read:network_configurations`) or a GitHub App; for an enterprise, a classic token of an enterprise owner " +
			"(GitHub documents no scope for these endpoints, and does not let GitHub Apps use them).",
		Attributes: attrs,
	}
}

// ConfigValidators checks at plan that failover is enabled only with a failover network.
func (r *networkConfigurationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{failoverNeedsNetwork{}}
}

func (r *networkConfigurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan networkConfigurationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, scope, diags := r.data.clientFor(plan.Organization, plan.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := client.CreateNetworkConfigurationRequest{
		Name:               plan.Name.ValueString(),
		ComputeService:     plan.ComputeService.ValueString(),
		NetworkSettingsIDs: []string{plan.NetworkSettingsID.ValueString()},
	}
	if !plan.FailoverNetworkSettingsID.IsNull() {
		body.FailoverNetworkSettingsIDs = []string{plan.FailoverNetworkSettingsID.ValueString()}
	}
	if known(plan.FailoverNetworkEnabled) {
		body.FailoverNetworkEnabled = plan.FailoverNetworkEnabled.ValueBoolPointer()
	}
	created, err := createOnce[client.NetworkConfiguration]{
		noun:  "network configuration",
		scope: scope,
		name:  body.Name,
		same:  namesIgnoreCase,
		list: func(ctx context.Context) ([]client.NetworkConfiguration, error) {
			return c.ListNetworkConfigurations(ctx, scope)
		},
		nameOf: func(n client.NetworkConfiguration) string { return n.Name },
		id:     func(n client.NetworkConfiguration) string { return n.ID },
		create: func(ctx context.Context) (*client.NetworkConfiguration, error) {
			return c.CreateNetworkConfiguration(ctx, scope, body)
		},
		settings: r.data.settings,
	}.run(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Create Network Configuration", err, scope, networkConfigurationFieldPaths)
		return
	}
	r.setApplied(ctx, &resp.Diagnostics, scope, plan, created, resp.State.Set)
	if !resp.Diagnostics.HasError() {
		tflog.Info(ctx, "Created network configuration", map[string]any{"id": created.ID, "name": created.Name, "scope": scope.String()})
	}
}

func (r *networkConfigurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state networkConfigurationResourceModel
	c, scope, ok := r.startRefresh(ctx, req, resp, &state)
	if !ok {
		return
	}
	n, err := r.data.networkConfigurations().read(ctx, c, scope, state.ID.ValueString())
	if err == nil && n == nil {
		tflog.Warn(ctx, "Network configuration not found; removing it from state", map[string]any{"id": state.ID.ValueString(), "scope": scope.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addReadError(&resp.Diagnostics, "Unable to Read Network Configuration", err, scope)
		return
	}
	attrs, diags := networkConfigurationFromAPI(n)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	attrs.FailoverNetworkEnabled = failoverEnabledOrPrior(attrs.FailoverNetworkEnabled, state.FailoverNetworkEnabled)
	state.networkConfigurationAttrs = attrs
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *networkConfigurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state networkConfigurationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var body client.UpdateNetworkConfigurationRequest
	if !plan.Name.Equal(state.Name) {
		body.Name = plan.Name.ValueStringPointer()
	}
	if !plan.ComputeService.Equal(state.ComputeService) {
		body.ComputeService = plan.ComputeService.ValueStringPointer()
	}
	if !plan.NetworkSettingsID.Equal(state.NetworkSettingsID) {
		body.NetworkSettingsIDs = &[]string{plan.NetworkSettingsID.ValueString()}
	}
	if !plan.FailoverNetworkSettingsID.Equal(state.FailoverNetworkSettingsID) {
		failover := []string{}
		if !plan.FailoverNetworkSettingsID.IsNull() {
			failover = append(failover, plan.FailoverNetworkSettingsID.ValueString())
		}
		body.FailoverNetworkSettingsIDs = &failover
	}
	if known(plan.FailoverNetworkEnabled) && !plan.FailoverNetworkEnabled.Equal(state.FailoverNetworkEnabled) {
		body.FailoverNetworkEnabled = plan.FailoverNetworkEnabled.ValueBoolPointer()
	}
	if body == (client.UpdateNetworkConfigurationRequest{}) {
		// Only the letter case of the scope changed: GitHub has nothing to do.
		state.scopeModel = plan.scopeModel
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	updated, err := c.UpdateNetworkConfiguration(ctx, scope, state.ID.ValueString(), body)
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Update Network Configuration", err, scope, networkConfigurationFieldPaths)
		return
	}
	r.setApplied(ctx, &resp.Diagnostics, scope, plan, updated, resp.State.Set)
}

func (r *networkConfigurationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state networkConfigurationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, scope, diags := r.data.clientFor(state.Organization, state.Enterprise)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// A fresh list, not the run's cache: groups this run changed or deleted must count as they are now.
	groups, err := c.ListRunnerGroups(ctx, scope, "")
	if err != nil {
		addError(&resp.Diagnostics, "Unable to Check Network Configuration Before Deletion", err, scope, nil)
		return
	}
	users := mapAll(filter(groups, func(g client.RunnerGroup) bool { return g.NetworkConfigurationID == id }),
		func(g client.RunnerGroup) string { return fmt.Sprintf("%q (ID %d)", g.Name, g.ID) })
	if len(users) > 0 {
		sort.Strings(users)
		resp.Diagnostics.AddError("Network Configuration In Use",
			fmt.Sprintf("Network configuration %s (%q) is used by the runner group(s) %s. Nothing was deleted. Remove "+
				"network_configuration_id from those groups (or destroy them) first.", id, state.Name.ValueString(), strings.Join(users, ", ")))
		return
	}
	if err := c.DeleteNetworkConfiguration(ctx, scope, id); err != nil && !client.IsNotFound(err) {
		addError(&resp.Diagnostics, "Unable to Delete Network Configuration", err, scope, nil)
		return
	}
	r.data.networkConfigurations().drop(scope, id)
}

func (r *networkConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importScopedID(ctx, req, resp, "network_configuration_id", nil)
}

// setApplied stores what a create or update answered, after checking that GitHub applied the
// planned network settings and failover switch.
func (r *networkConfigurationResource) setApplied(ctx context.Context, diags *diag.Diagnostics, scope client.Scope,
	plan networkConfigurationResourceModel, n *client.NetworkConfiguration, set func(context.Context, any) diag.Diagnostics,
) {
	attrs, d := networkConfigurationFromAPI(n)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	if !attrs.NetworkSettingsID.Equal(plan.NetworkSettingsID) || !attrs.FailoverNetworkSettingsID.Equal(plan.FailoverNetworkSettingsID) {
		diags.AddError("Unexpected Network Configuration From GitHub", fmt.Sprintf(
			"GitHub answered network configuration %s with network settings %s and failover %s, not the planned %s and %s.",
			n.ID, attrs.NetworkSettingsID, attrs.FailoverNetworkSettingsID, plan.NetworkSettingsID, plan.FailoverNetworkSettingsID))
	}
	attrs.FailoverNetworkEnabled = failoverEnabledOrPrior(attrs.FailoverNetworkEnabled, plan.FailoverNetworkEnabled)
	if known(plan.FailoverNetworkEnabled) && !attrs.FailoverNetworkEnabled.Equal(plan.FailoverNetworkEnabled) {
		diags.AddAttributeError(failoverEnabledPath, "Unexpected Network Configuration From GitHub", fmt.Sprintf(
			"GitHub answered network configuration %s with failover_network_enabled = %s, not the planned %s.",
			n.ID, attrs.FailoverNetworkEnabled, plan.FailoverNetworkEnabled))
	}
	r.data.networkConfigurations().put(scope, n)
	plan.networkConfigurationAttrs = attrs
	diags.Append(set(ctx, plan)...)
}
