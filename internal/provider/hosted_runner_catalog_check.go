package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// checkCatalog checks size, image, runner group and static IP availability (with staticIP)
// where the plan creates the runner or changes them, and returns what the checks found apart
// from what kept them from running (unread). The catalog lists are remembered per scope for
// the run.
func (r *hostedRunnerResource) checkCatalog(ctx context.Context, plan *hostedRunnerModel, state *hostedRunnerModel,
	staticIP func(*planCheck, types.String) diag.Diagnostics) (diags, unread diag.Diagnostics) {
	if plan.Organization.IsUnknown() || plan.Enterprise.IsUnknown() {
		return diags, unread // no scope yet
	}
	// changed reports a planned value that is known and new: the runner is created, or the
	// value differs from state.
	changed := func(get func(hostedRunnerModel) attr.Value) bool {
		v := get(*plan)
		return !v.IsUnknown() && !v.IsNull() && (state == nil || !v.Equal(get(*state)))
	}
	checkSize := changed(func(m hostedRunnerModel) attr.Value { return m.Size })
	checkImage := changed(func(m hostedRunnerModel) attr.Value { return m.Image })
	// The default group (1) exists in every scope and cannot be deleted: it needs no check.
	checkGroup := changed(func(m hostedRunnerModel) attr.Value { return m.RunnerGroupID }) &&
		plan.RunnerGroupID.ValueInt64() != defaultRunnerGroupID
	checkIP := plan.EnableStaticIP.ValueBool() && changed(func(m hostedRunnerModel) attr.Value { return m.EnableStaticIP })
	if !checkSize && !checkImage && !checkGroup && !checkIP {
		return diags, unread // nothing to check: no request
	}
	c, scope, unread := r.data.planClientFor(plan.Organization, plan.Enterprise)
	if c == nil {
		return diags, unread
	}
	ctx, cancel := c.WithReadTimeout(ctx)
	defer cancel()
	check := &planCheck{ctx: ctx, c: c, scope: scope, data: r.data, groups: r.data.runnerGroups(), claims: &r.data.claims}
	if checkSize {
		diags.Append(check.size(plan.Size.ValueString())...)
	}
	if checkImage && !check.unavailable {
		diags.Append(check.image(*plan)...)
	}
	if checkIP && !check.unavailable {
		diags.Append(staticIP(check, plan.Name)...)
	}
	if checkGroup && !check.unavailable { // last: the list needs more than managing runners
		diags.Append(check.runnerGroup(plan.RunnerGroupID.ValueInt64())...)
	}
	return diags, append(unread, check.unread...)
}

// planCheck is one plan's checks against the catalog of one scope, all within one
// read_timeout. Once the catalog cannot be read, the remaining checks are skipped
// (planCheckFailed says whether that fails the plan or warns).
type planCheck struct {
	ctx         context.Context
	c           *client.Client
	scope       client.Scope
	data        *providerData
	groups      *listCache[client.Scope, int64, client.RunnerGroup]
	claims      *staticIPClaims
	unavailable bool             // a catalog read failed: skip the remaining checks
	unread      diag.Diagnostics // why (planCheckFailed), apart from what the checks found
}

// skip records that the catalog could not be read for what, so that the remaining checks are
// skipped, and says so in unread (planCheckFailed).
func (p *planCheck) skip(what string, err error) diag.Diagnostics {
	p.unavailable = true
	p.unread.Append(p.data.planCheckFailed(what, err, p.scope)...)
	return nil
}

// size checks the machine size.
func (p *planCheck) size(want string) diag.Diagnostics {
	var diags diag.Diagnostics
	specs, err := p.c.ListMachineSizes(p.ctx, p.scope)
	if err != nil {
		return p.skip("size", err)
	}
	ids := make([]string, 0, len(specs))
	for _, s := range specs {
		if s.ID == want {
			return diags
		}
		ids = append(ids, s.ID)
	}
	diags.AddAttributeError(path.Root("size"), "Unknown Machine Size",
		fmt.Sprintf("The %s %q has no machine size %q%s. Valid sizes: %s (the githubactions_machine_sizes data source lists them with their cores, memory and storage).",
			p.scope.Noun(), p.scope.Name, want, lowerCaseSizeHint(want, ids), quoteAll(ids)))
	return diags
}

// image checks the image for its source.
func (p *planCheck) image(plan hostedRunnerModel) diag.Diagnostics {
	img, diags := plan.image(p.ctx)
	if diags.HasError() || img.ID.IsUnknown() || img.Source.IsUnknown() || img.Version.IsUnknown() {
		return diags
	}
	if source := img.Source.ValueString(); source != client.SourceCustom {
		return p.curatedImage(img.ID.ValueString(), source)
	}
	return p.customImage(img)
}

// curatedImage checks a GitHub-owned or partner image id.
func (p *planCheck) curatedImage(id, source string) diag.Diagnostics {
	var diags diag.Diagnostics
	images, err := listCuratedImages(p.ctx, p.c, p.scope, source)
	if err != nil {
		return p.skip("image.id", err)
	}
	ids := make([]string, 0, len(images))
	for _, img := range images {
		if img.ID == id {
			return diags
		}
		ids = append(ids, img.ID+" ("+img.Platform+")")
	}
	diags.AddAttributeError(path.Root("image").AtName("id"), "Unknown Runner Image",
		fmt.Sprintf("The %s %q has no %s image %q. Valid ids for source %q: %s (the githubactions_runner_images data source "+
			"lists them; a custom image needs source = \"custom\" and its definition's numeric ID).",
			p.scope.Noun(), p.scope.Name, source, id, source, strings.Join(ids, ", ")))
	return diags
}

// customImage checks that a custom image definition exists and, when pinned, that the version
// exists and is Ready.
func (p *planCheck) customImage(img runnerImageModel) diag.Diagnostics {
	var diags diag.Diagnostics
	idPath := path.Root("image").AtName("id")
	id, err := strconv.ParseInt(img.ID.ValueString(), 10, 64)
	if err != nil || id <= 0 {
		diags.AddAttributeError(idPath, "Invalid Custom Image ID",
			fmt.Sprintf("With source = \"custom\", image.id is the custom image definition's numeric ID, not %q (the "+
				"githubactions_custom_images data source lists the definitions and their IDs).", img.ID.ValueString()))
		return diags
	}
	defs, err := p.c.ListCustomImagesOnce(p.ctx, p.scope)
	if err != nil {
		return p.skip("image.id", err)
	}
	i := slices.IndexFunc(defs, func(d client.CustomImage) bool { return d.ID == id })
	if i < 0 {
		diags.AddAttributeError(idPath, "Unknown Custom Image",
			fmt.Sprintf("The %s %q has no custom image definition %d (the githubactions_custom_images data source lists them).",
				p.scope.Noun(), p.scope.Name, id))
		return diags
	}
	def := defs[i]
	if img.Version.IsNull() {
		return diags
	}
	version := img.Version.ValueString()
	versions, err := p.c.ListCustomImageVersionsOnce(p.ctx, p.scope, id)
	if err != nil {
		return p.skip("image.version", err)
	}
	var ready []string
	for _, v := range versions {
		if v.Version == version && v.State != "Ready" {
			diags.AddAttributeError(path.Root("image").AtName("version"), "Custom Image Version Not Ready",
				fmt.Sprintf("Version %s of custom image %d (%s) is %s, not Ready, so no runner can use it yet. Wait until it is "+
					"Ready, pin another version, or leave version out for the latest.", version, id, def.Name, v.State))
			return diags
		}
		if v.Version == version {
			return diags
		}
		if v.State == "Ready" {
			ready = append(ready, v.Version)
		}
	}
	slices.Sort(ready)
	diags.AddAttributeError(path.Root("image").AtName("version"), "Unknown Custom Image Version",
		fmt.Sprintf("Custom image %d (%s) has no version %s. Ready versions: %s (the githubactions_custom_image_versions "+
			"data source lists them); leave version out for the latest.", id, def.Name, version, quoteAll(ready)))
	return diags
}

// runnerGroup checks that the runner group exists, through the run's cache of runner groups.
// Reading groups needs more access than managing runners: when GitHub refuses, it is left to
// GitHub to check at apply.
func (p *planCheck) runnerGroup(id int64) diag.Diagnostics {
	var diags diag.Diagnostics
	g, err := p.groups.read(p.ctx, p.c, p.scope, id)
	if err != nil {
		return p.skip("runner_group_id", err)
	}
	if g != nil {
		return diags
	}
	groups, err := p.c.ListRunnerGroups(p.ctx, p.scope, "")
	if err != nil {
		return p.skip("runner_group_id", err)
	}
	names := make([]string, 0, len(groups))
	for _, g := range groups {
		names = append(names, fmt.Sprintf("%d (%s)", g.ID, g.Name))
	}
	diags.AddAttributeError(path.Root("runner_group_id"), "Unknown Runner Group",
		fmt.Sprintf("The %s %q has no runner group %d. Its runner groups: %s (the githubactions_runner_groups data source "+
			"lists them).", p.scope.Noun(), p.scope.Name, id, strings.Join(names, ", ")))
	return diags
}

// staticIP checks that the runner's static public IP range fits the scope's limit, together
// with those of every other runner this run's plan gives one (each is checked on its own,
// so the limit is read once and the runners are counted here).
func (p *planCheck) staticIP(name types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	limits, err := p.c.GetLimitsOnce(p.ctx, p.scope)
	if err != nil {
		return p.skip("enable_static_ip", err)
	}
	names := p.claims.claim(p.scope, name)
	ips := limits.PublicIPs
	if ips.CurrentUsage+int64(len(names)) <= ips.Maximum {
		return diags
	}
	asked := "one more"
	if len(names) > 1 {
		asked = fmt.Sprintf("the %d that this plan gives runners (%s)", len(names), strings.Join(names, ", "))
	}
	diags.Append(noStaticIPLeft(p.scope, ips.CurrentUsage, ips.Maximum, asked))
	return diags
}

// noStaticIPLeft is the error on enable_static_ip when the scope's static public IP ranges
// (used of maximum) leave no room for what is asked.
func noStaticIPLeft(scope client.Scope, used, maximum int64, asked string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(path.Root("enable_static_ip"), "No Static Public IP Left",
		fmt.Sprintf("The %s %q uses %d of its %d static public IP ranges (the githubactions_limits data source shows them), "+
			"so GitHub would refuse %s. Release ranges from other runners (enable_static_ip = false) and apply that first, "+
			"or ask GitHub Support to raise the limit.", scope.Noun(), scope.Name, used, maximum, asked))
}

// staticIPLeftNow checks, just before a write, that the scope has a static public IP range
// left for one more runner, as GitHub counts them now (runners this apply made included).
func (p *planCheck) staticIPLeftNow(types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	limits, err := p.c.GetLimits(p.ctx, p.scope)
	if err != nil {
		return p.skip("enable_static_ip", err)
	}
	if ips := limits.PublicIPs; ips.CurrentUsage >= ips.Maximum {
		diags.Append(noStaticIPLeft(p.scope, ips.CurrentUsage, ips.Maximum, "one more"))
	}
	return diags
}

// staticIPClaims counts, per scope, the runners this run's plans give a static public IP,
// so that runners checked one at a time do not together pass the limit.
type staticIPClaims struct {
	mu     sync.Mutex
	byName map[string][]string // scope key → runner names (quoted), in the order they were checked
}

// claim records the runner named name (unknown: a runner of its own) and returns the
// scope's claims so far, its own included.
func (c *staticIPClaims) claim(scope client.Scope, name types.String) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byName == nil {
		c.byName = map[string][]string{}
	}
	key, label := scope.Key(), "a runner whose name is not known yet"
	if !name.IsUnknown() {
		label = strconv.Quote(name.ValueString())
	}
	names := c.byName[key]
	if name.IsUnknown() || !slices.Contains(names, label) {
		names = append(names, label)
		c.byName[key] = names
	}
	return slices.Clone(names)
}

// lowerCaseSizeHint names the machine size that differs from got only in letter case (sizes are
// lower case), or returns "".
func lowerCaseSizeHint(got string, valid []string) string {
	if i := slices.IndexFunc(valid, func(v string) bool { return strings.EqualFold(v, got) }); i >= 0 {
		return fmt.Sprintf(" (did you mean %q? sizes are lower case)", valid[i])
	}
	return ""
}
