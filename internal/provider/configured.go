package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// configured keeps the provider data that Configure hands over. Every resource embeds it as
// configuredResource and every data source as configuredDataSource: the two differ only in
// the framework's request types.
type configured struct {
	data *providerData
}

type (
	configuredResource   struct{ configured }
	configuredDataSource struct{ configured }
)

// Configure keeps the provider data.
func (r *configuredResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	resp.Diagnostics.Append(r.keep(req.ProviderData)...)
}

// Configure keeps the provider data.
func (d *configuredDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	resp.Diagnostics.Append(d.keep(req.ProviderData)...)
}

// keep stores the provider data; nil (before the provider is configured) is not an error.
func (c *configured) keep(raw any) diag.Diagnostics {
	var diags diag.Diagnostics
	if raw == nil {
		return diags
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *providerData, got %T. Please report this issue to the provider developers.", raw))
		return diags
	}
	c.data = data
	return diags
}

// startRefresh begins a resource's Read: it reads the state into state and returns the client
// and scope. ok is false when Read has nothing more to do: an error was added, or the run
// already fails on missing credentials (the prior state is then kept).
func (r *configuredResource) startRefresh(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, state scopedModel) (
	c *client.Client, scope client.Scope, ok bool,
) {
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return nil, scope, false
	}
	s := state.scopeFields()
	return r.data.refreshClient(&resp.Diagnostics, s.Organization, s.Enterprise)
}

// startRead begins a data source's Read: it reads the configuration into cfg and returns the
// client and scope, with ctx bounded by read_timeout. ok is false when Read has nothing more
// to do: an error was added, or the run already fails on missing credentials.
func (d *configuredDataSource) startRead(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, cfg scopedModel) (
	_ context.Context, cancel context.CancelFunc, c *client.Client, scope client.Scope, ok bool,
) {
	resp.Diagnostics.Append(req.Config.Get(ctx, cfg)...)
	if resp.Diagnostics.HasError() {
		return ctx, func() {}, nil, scope, false
	}
	s := cfg.scopeFields()
	c, scope, ok = d.data.refreshClient(&resp.Diagnostics, s.Organization, s.Enterprise)
	if !ok {
		return ctx, func() {}, nil, scope, false
	}
	ctx, cancel = c.WithReadTimeout(ctx)
	return ctx, cancel, c, scope, true
}
