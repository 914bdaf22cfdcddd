package client

import (
	"context"
	"net/url"
)

// RunnerGroupRef is the part of a runner group the plan-time check needs.
type RunnerGroupRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ListRunnerGroupRefs lists the scope's runner groups (GET {scope}/actions/runner-groups),
// once per scope for the client, so that a plan can check a runner_group_id.
func (c *Client) ListRunnerGroupRefs(ctx context.Context, scope Scope) ([]RunnerGroupRef, error) {
	return memoized(ctx, &c.catalog, "runner-groups", scope, func(ctx context.Context) ([]RunnerGroupRef, error) {
		var all []RunnerGroupRef
		p := "/" + string(scope.Kind) + "/" + url.PathEscape(scope.Name) + "/actions/runner-groups"
		err := c.paginate(ctx, p, func(body []byte) error {
			var page struct {
				RunnerGroups []RunnerGroupRef `json:"runner_groups"`
			}
			if err := decodeJSON(body, &page); err != nil {
				return err
			}
			all = append(all, page.RunnerGroups...)
			return nil
		})
		return all, err
	})
}
