package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// The deletion model of the custom image resources: they adopt what image-generation runners
// made, and destroying one deletes it from GitHub, which nothing can undo. So the plan warns
// about each deletion it holds (a destroy or a replacement), and the deletion itself is
// refused while a runner of the scope uses the definition (or that version).

// refuseIfInUse adds an error naming the runners of scope that use custom image definition id
// (and, when version is not empty, that version), and reports whether it did.
func refuseIfInUse(ctx context.Context, diags *diag.Diagnostics, summary string, c *client.Client, scope client.Scope, id int64, version string) bool {
	runners, err := c.ListHostedRunners(ctx, scope)
	if err != nil {
		addError(diags, summary, fmt.Errorf("listing the %s's runners to check that none uses the image: %w", scope.Noun(), err), scope, nil)
		return true
	}
	var users []string
	for _, r := range runners {
		img := r.ImageDetails
		if img == nil || img.Source != client.SourceCustom || img.ID != strconv.FormatInt(id, 10) || (version != "" && img.Version != version) {
			continue
		}
		users = append(users, fmt.Sprintf("%q (id %d)", r.Name, r.ID))
	}
	if len(users) == 0 {
		return false
	}
	what := fmt.Sprintf("custom image definition %d", id)
	if version != "" {
		what = fmt.Sprintf("version %s of custom image definition %d", version, id)
	}
	diags.AddError(summary, fmt.Sprintf("Nothing was deleted: %s is used by the %s's runners %s, which could not start "+
		"new machines without it. Move those runners to another image (or version) first, or stop managing the image "+
		"without deleting it: remove it from the configuration with a removed block (Terraform 1.7 and later) or run "+
		"terraform state rm.", what, scope.Noun(), strings.Join(users, ", ")))
	return true
}

// adoptedObject is what the plan needs to know about an adopted custom image or version.
type adoptedObject interface {
	// replacedBy reports whether plan replaces the object in state (every argument change but
	// a scope's letter case does).
	replacedBy(plan adoptedObject) bool
	// deletion names what deleting the object removes from GitHub, and its kind.
	deletion() (kind, what string)
}

// warnAboutDeletion is the ModifyPlan of both custom image resources: a destroy or a
// replacement deletes what the resource adopted, and the plan says so in a warning whose
// summary names the kind (so that the CLI does not fold a definition's and a version's into one).
func warnAboutDeletion[M adoptedObject](ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state, plan M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	verb := "Destroying"
	if !req.Plan.Raw.IsNull() {
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
		if resp.Diagnostics.HasError() || !state.replacedBy(plan) {
			return
		}
		verb = "Replacing"
	}
	if resp.Diagnostics.HasError() {
		return
	}
	kind, what := state.deletion()
	resp.Diagnostics.AddWarning(verb+" Deletes the "+kind+" From GitHub",
		fmt.Sprintf("This plan deletes %s from GitHub; nothing can bring it back, and a new one can only be made by an "+
			"image-generation runner. The deletion is refused while a runner uses it. To stop managing it without "+
			"deleting it, use a removed block (Terraform 1.7 and later) or terraform state rm instead.", what))
}
