package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// Runner group visibilities. Organizations take all three, enterprises all and selected.
const (
	visibilityAll      = "all"
	visibilitySelected = "selected"
	visibilityPrivate  = "private"
)

// workflowRefPattern is a workflow file pinned to a ref, tag or SHA, as selected_workflows needs.
var workflowRefPattern = regexp.MustCompile(`^[^@\s]+/[^@\s]+/\.github/workflows/[^@\s]+\.ya?ml@\S+$`)

// runnerGroupAttrs are a runner group's attributes as GitHub reports them, shared by the
// resource and the data sources (embedded in their models).
type runnerGroupAttrs struct {
	ID                       types.String `tfsdk:"id"`
	Name                     types.String `tfsdk:"name"`
	Visibility               types.String `tfsdk:"visibility"`
	Default                  types.Bool   `tfsdk:"default"`
	Inherited                types.Bool   `tfsdk:"inherited"`
	AllowsPublicRepositories types.Bool   `tfsdk:"allows_public_repositories"`
	RestrictedToWorkflows    types.Bool   `tfsdk:"restricted_to_workflows"`
	SelectedWorkflows        types.Set    `tfsdk:"selected_workflows"`
	NetworkConfigurationID   types.String `tfsdk:"network_configuration_id"`
}

// Descriptions of the runner group attributes, written once for the resource and the data sources.
const (
	groupIDDesc         = "The runner group's numeric ID, assigned by GitHub (the default group is `1`)."
	groupNameDesc       = "The runner group's name."
	groupVisibilityDesc = "Who may use the group. Organizations: `all` repositories, `selected` repositories " +
		"(`selected_repository_ids`) or `private` repositories only. Enterprises: `all` organizations or `selected` " +
		"organizations (`selected_organization_ids`)."
	groupDefaultDesc   = "Whether this is the scope's default group, which every new runner joins unless told otherwise."
	groupInheritedDesc = "Whether an organization's group is inherited from its enterprise (always `false` for enterprise groups)."
	groupPublicDesc    = "Whether public repositories may use the group's runners."
	groupRestrictDesc  = "Whether only the workflows in `selected_workflows` may use the group's runners."
	groupWorkflowsDesc = "The workflows that may use the group's runners when `restricted_to_workflows` is `true`, each a " +
		"workflow file pinned to a ref, tag or long SHA, such as `octo-org/octo-repo/.github/workflows/deploy.yaml@main`."
	groupNetworkDesc = "The ID of the hosted compute network configuration (`githubactions_network_configuration`) that " +
		"gives the group's hosted runners private networking; null when the group has none."
)

// runnerGroupDataSourceAttributes are a group's attributes, all computed, shared by the
// single and the list data source.
func runnerGroupDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":                         dschema.StringAttribute{MarkdownDescription: groupIDDesc, Computed: true},
		"name":                       dschema.StringAttribute{MarkdownDescription: groupNameDesc, Computed: true},
		"visibility":                 dschema.StringAttribute{MarkdownDescription: groupVisibilityDesc, Computed: true},
		"default":                    dschema.BoolAttribute{MarkdownDescription: groupDefaultDesc, Computed: true},
		"inherited":                  dschema.BoolAttribute{MarkdownDescription: groupInheritedDesc, Computed: true},
		"allows_public_repositories": dschema.BoolAttribute{MarkdownDescription: groupPublicDesc, Computed: true},
		"restricted_to_workflows":    dschema.BoolAttribute{MarkdownDescription: groupRestrictDesc, Computed: true},
		"selected_workflows":         dschema.SetAttribute{MarkdownDescription: groupWorkflowsDesc, Computed: true, ElementType: types.StringType},
		"network_configuration_id":   dschema.StringAttribute{MarkdownDescription: groupNetworkDesc, Computed: true},
	}
}

// runnerGroupFromAPI maps a group after checking that GitHub's answer is one.
func runnerGroupFromAPI(ctx context.Context, g *client.RunnerGroup) (runnerGroupAttrs, diag.Diagnostics) {
	var diags diag.Diagnostics
	if g == nil || g.ID <= 0 || g.Name == "" || g.Visibility == "" {
		diags.AddError("Invalid Runner Group From GitHub",
			fmt.Sprintf("GitHub answered with a runner group that lacks an id, name or visibility (%+v); nothing was stored.", g))
		return runnerGroupAttrs{}, diags
	}
	workflows := append([]string{}, g.SelectedWorkflows...)
	sort.Strings(workflows)
	set, d := types.SetValueFrom(ctx, types.StringType, workflows)
	diags.Append(d...)
	return runnerGroupAttrs{
		ID:                       types.StringValue(strconv.FormatInt(g.ID, 10)),
		Name:                     types.StringValue(g.Name),
		Visibility:               types.StringValue(g.Visibility),
		Default:                  types.BoolValue(g.Default),
		Inherited:                types.BoolValue(g.Inherited),
		AllowsPublicRepositories: types.BoolValue(g.AllowsPublicRepositories),
		RestrictedToWorkflows:    types.BoolValue(g.RestrictedToWorkflows),
		SelectedWorkflows:        set,
		NetworkConfigurationID:   optionalString(g.NetworkConfigurationID),
	}, diags
}
