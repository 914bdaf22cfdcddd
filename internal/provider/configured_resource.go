package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// configuredResource is embedded by every resource: it keeps the provider data that Configure
// hands over, in one place.
type configuredResource struct {
	data *providerData
}

// Configure keeps the provider data.
func (r *configuredResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, diags := providerDataOf(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	if data != nil {
		r.data = data
	}
}
