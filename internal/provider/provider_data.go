package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// clientFor returns the API client and the scope of the organization/enterprise arguments.
func (d *providerData) clientFor(org, ent scopeName) (*client.Client, client.Scope, diag.Diagnostics) {
	c, scope, _, diags := d.scopedClient(org, ent)
	return c, scope, diags
}

// refreshClient is clientFor for a Read, adding its errors to diags; ok is false when the Read
// has nothing more to do (diags holds an error). Without credentials only the run's first
// caller reports the error: the run fails once, not once per resource and data source.
func (d *providerData) refreshClient(diags *diag.Diagnostics, org, ent scopeName) (c *client.Client, scope client.Scope, ok bool) {
	c, scope, repeat, cdiags := d.scopedClient(org, ent)
	if repeat {
		return nil, scope, false
	}
	diags.Append(cdiags...)
	return c, scope, !diags.HasError()
}

// planClientFor is clientFor for a plan's checks against GitHub. It returns no client when
// the checks cannot run: without credentials the plan fails once (the first caller of the run
// reports how to give them); with a provider configuration Terraform knows only at apply, the
// plan warns once that the checks did not run.
func (d *providerData) planClientFor(org, ent scopeName) (*client.Client, client.Scope, diag.Diagnostics) {
	var diags diag.Diagnostics
	if d == nil {
		return nil, client.Scope{}, diags // not configured (validate)
	}
	if d.configUnknown {
		if d.reports.first("configuration unknown") {
			diags.AddWarning("Plan Checks Not Run",
				"The provider's configuration (its token, base_url, api_version or app_auth) is not known until apply, so "+
					"this plan's checks against GitHub (machine sizes, images, runner groups, static IP limits, private "+
					"networking) did not run. GitHub checks the values when the change is applied.")
		}
		return nil, client.Scope{}, diags
	}
	c, scope, ok := d.refreshClient(&diags, org, ent)
	if !ok {
		return nil, scope, diags
	}
	return c, scope, diags
}

// scopedClient resolves the scope, then the client; repeat says that the client's error was
// already given to an earlier caller of this run.
func (d *providerData) scopedClient(org, ent scopeName) (*client.Client, client.Scope, bool, diag.Diagnostics) {
	scope, diags := scopeOf(org, ent)
	if diags.HasError() {
		return nil, scope, false, diags
	}
	c, cdiags, repeat := d.build()
	diags.Append(cdiags...)
	return c, scope, repeat, diags
}
