package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// scopedDataSource is embedded by every data source: it holds the provider data.
type scopedDataSource struct {
	data *providerData
}

// Configure keeps the provider data; it is the same for every data source.
func (d *scopedDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, diags := providerDataOf(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	if data != nil {
		d.data = data
	}
}

// clientFor returns the API client and the scope of the organization/enterprise arguments.
func (d *providerData) clientFor(org, ent scopeName) (*client.Client, client.Scope, diag.Diagnostics) {
	c, scope, _, diags := d.scopedClient(org, ent)
	return c, scope, diags
}

// refreshClientFor is clientFor for a resource's Read. Without credentials, a plan that
// refreshes many resources fails on one error, not one per resource: the first refresh (or
// other caller) of the run reports it, and the later refreshes get quiet = true and return,
// keeping their prior state, since the run fails anyway.
func (d *providerData) refreshClientFor(org, ent scopeName) (c *client.Client, scope client.Scope, quiet bool, diags diag.Diagnostics) {
	c, scope, repeat, diags := d.scopedClient(org, ent)
	if repeat {
		return nil, scope, true, nil
	}
	return c, scope, false, diags
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

// providerDataOf converts what Configure receives; nil data (before the provider is
// configured) is not an error.
func providerDataOf(raw any) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if raw == nil {
		return nil, diags
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *providerData, got %T. Please report this issue to the provider developers.", raw))
	}
	return data, diags
}

// withScope returns the organization and enterprise arguments together with attrs.
func withScope(attrs map[string]dschema.Attribute) map[string]dschema.Attribute {
	out := scopeDataSourceAttributes()
	for name, a := range attrs {
		out[name] = a
	}
	return out
}

// scopeModel is the organization/enterprise pair every data source model starts with.
type scopeModel struct {
	Organization scopeName `tfsdk:"organization"`
	Enterprise   scopeName `tfsdk:"enterprise"`
}
