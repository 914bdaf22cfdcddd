package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
