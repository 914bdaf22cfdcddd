package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// checkPlatformFilter refuses a platform filter that names no platform of the scope (the
// platforms list is remembered per scope for the run), so that a typo is an error rather than
// an empty result. A cause of failure the run already reported adds nothing.
func (d *providerData) checkPlatformFilter(ctx context.Context, c *client.Client, scope client.Scope, platform types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	if platform.IsNull() || platform.IsUnknown() {
		return diags
	}
	platforms, err := c.ListPlatforms(ctx, scope)
	if err != nil {
		d.addReadError(&diags, "Unable to Check the Platform Filter", fmt.Errorf("listing the platforms: %w", err), scope)
		return diags
	}
	if !slices.Contains(platforms, platform.ValueString()) {
		diags.AddAttributeError(path.Root("platform"), "Unknown Platform",
			fmt.Sprintf("The %s %q has no platform %q. Valid platforms: %s (the githubactions_platforms data source lists them).",
				scope.Noun(), scope.Name, platform.ValueString(), quoteAll(platforms)))
	}
	return diags
}
