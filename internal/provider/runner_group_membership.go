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

// applyMembers brings the selection of group id from current to want with the fewest requests.
func applyMembers(ctx context.Context, c *client.Client, scope client.Scope, id int64, current *[]int64, want []int64) error {
	ch := planMembership(current, want)
	tflog.Debug(ctx, "Changing runner group access", map[string]any{
		"id": id, "replace": ch.replace, "add": ch.add, "remove": ch.remove, "requests": ch.requestsNeeded,
	})
	if ch.replace {
		return c.SetRunnerGroupMembers(ctx, scope, id, want)
	}
	for _, m := range ch.add {
		if err := c.AddRunnerGroupMember(ctx, scope, id, m); err != nil {
			return fmt.Errorf("adding %d to runner group %d: %w", m, id, err)
		}
	}
	for _, m := range ch.remove {
		if err := c.RemoveRunnerGroupMember(ctx, scope, id, m); err != nil && !client.IsNotFound(err) {
			return fmt.Errorf("removing %d from runner group %d: %w", m, id, err)
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
