package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
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

// importScopedID is the ImportState of a resource whose import ID mirrors its REST path,
// "orgs/<organization>/<id>" or "enterprises/<enterprise>/<id>" (name names the id in
// errors): it sets the scope and `id`, and Read does the rest. parseID, when not nil, checks
// the id's shape (positiveInt for a numeric id).
func importScopedID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, name string,
	parseID func(raw, name string) (int64, error),
) {
	parsed, err := parseImportID(req.ID, name)
	if err == nil && parseID != nil {
		_, err = parseID(parsed.Parts[0], name)
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setScope(ctx, parsed.Scope, resp.State.SetAttribute)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parsed.Parts[0])...)
}
