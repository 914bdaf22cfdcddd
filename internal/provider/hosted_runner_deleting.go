package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// replaceWhenDeleting plans the replacement of a runner whose refreshed status is Deleting: a
// destroy that was interrupted after GitHub accepted it leaves the runner in state, on its way
// out, and the next plan must not say "No changes". Replacing it destroys it (the DELETE is
// repeated, harmlessly, and waited out) before the new runner is created, and the create
// waits for any runner of the same name that is still being deleted.
type replaceWhenDeleting struct{}

var _ planmodifier.String = replaceWhenDeleting{}

func (replaceWhenDeleting) Description(context.Context) string {
	return "Replaces the runner when it is being deleted."
}

func (m replaceWhenDeleting) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (replaceWhenDeleting) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.ValueString() != client.StatusDeleting {
		return
	}
	// An unknown planned status differs from the prior one, so Terraform honours the replacement.
	resp.PlanValue = types.StringUnknown()
	resp.RequiresReplace = true
}
