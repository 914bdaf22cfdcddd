package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// membershipChange is how a group's selection goes from what it is to what it should be:
// a replacement of the whole list (one request) or single additions and removals (one
// request each), whichever takes fewer requests.
type membershipChange struct {
	replace        bool
	add, remove    []int64
	requestsNeeded int
}

// planMembership chooses the cheapest change from current to want. A nil current (not known,
// for example right after a visibility change) can only be replaced.
func planMembership(current *[]int64, want []int64) membershipChange {
	if current == nil {
		return membershipChange{replace: true, requestsNeeded: 1}
	}
	have := map[int64]bool{}
	for _, id := range *current {
		have[id] = true
	}
	wanted := map[int64]bool{}
	var ch membershipChange
	for _, id := range want {
		wanted[id] = true
		if !have[id] {
			ch.add = append(ch.add, id)
		}
	}
	for _, id := range *current {
		if !wanted[id] {
			ch.remove = append(ch.remove, id)
		}
	}
	n := len(ch.add) + len(ch.remove)
	if n > 1 {
		return membershipChange{replace: true, requestsNeeded: 1}
	}
	ch.requestsNeeded = n
	return ch
}

// memberWrites are the requests that change a list of members (a runner group's, or the
// repositories allowed self-hosted runners): replace the whole list, add one, remove one.
type memberWrites struct {
	what    string // "runner group 3", for errors and logs
	replace func(context.Context, []int64) error
	add     func(context.Context, int64) error
	remove  func(context.Context, int64) error
}

// groupMemberWrites are the writes of the members of runner group id.
func groupMemberWrites(c *client.Client, scope client.Scope, id int64) memberWrites {
	return memberWrites{
		what:    fmt.Sprintf("runner group %d", id),
		replace: func(ctx context.Context, ids []int64) error { return c.SetRunnerGroupMembers(ctx, scope, id, ids) },
		add:     func(ctx context.Context, m int64) error { return c.AddRunnerGroupMember(ctx, scope, id, m) },
		remove:  func(ctx context.Context, m int64) error { return c.RemoveRunnerGroupMember(ctx, scope, id, m) },
	}
}

// applyMembers brings a list of members from current to want with the fewest requests.
func applyMembers(ctx context.Context, w memberWrites, current *[]int64, want []int64) error {
	ch := planMembership(current, want)
	tflog.Debug(ctx, "Changing members", map[string]any{
		"of": w.what, "replace": ch.replace, "add": ch.add, "remove": ch.remove, "requests": ch.requestsNeeded,
	})
	if ch.replace {
		return w.replace(ctx, want)
	}
	for _, m := range ch.add {
		if err := w.add(ctx, m); err != nil {
			return fmt.Errorf("adding %d to %s: %w", m, w.what, err)
		}
	}
	for _, m := range ch.remove {
		if err := w.remove(ctx, m); err != nil && !client.IsNotFound(err) {
			return fmt.Errorf("removing %d from %s: %w", m, w.what, err)
		}
	}
	return nil
}

// hostedRunnersInGroup lists the hosted runners of group id: an organization has an endpoint
// for it; an enterprise's runners are filtered by their runner_group_id.
func hostedRunnersInGroup(ctx context.Context, c *client.Client, scope client.Scope, id int64) ([]client.HostedRunner, error) {
	if !scope.IsEnterprise() {
		return c.ListRunnerGroupHostedRunners(ctx, scope, id)
	}
	all, err := c.ListHostedRunners(ctx, scope)
	if err != nil {
		return nil, err
	}
	return filter(all, func(r client.HostedRunner) bool { return r.RunnerGroupID != nil && *r.RunnerGroupID == id }), nil
}
