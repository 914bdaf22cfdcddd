package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// createRunner creates the runner body asks for in scope by the one create protocol
// (createOnce), with what is a runner's own: the run's view of the scope's runners, a runner
// with the name that is being deleted (an interrupted destroy, a replacement) waited for until
// it is gone, and one more POST after a look that found nothing. since is when the operation
// began.
func (r *hostedRunnerResource) createRunner(ctx context.Context, c *client.Client, scope client.Scope, body client.CreateHostedRunnerRequest, since time.Time) (*client.HostedRunner, error) {
	runners := r.data.runners
	return createOnce[client.HostedRunner]{
		noun:  "runner",
		scope: scope,
		name:  body.Name,
		same:  namesIgnoreCase,
		before: func(ctx context.Context) ([]client.HostedRunner, error) {
			list, err := runners.Runners(ctx, c, scope)
			if errors.Is(err, runnerwatch.ErrListUnavailable) {
				tflog.Warn(ctx, "These credentials may not list the scope's runners: the create cannot check for a runner with the same name first, "+
					"and an ambiguous answer to it cannot be resolved", map[string]any{"name": body.Name})
				return nil, nil
			}
			return list, err
		},
		list: func(ctx context.Context) ([]client.HostedRunner, error) {
			return runners.RunnersListedNow(ctx, c, scope)
		},
		nameOf: func(h client.HostedRunner) string { return h.Name },
		id:     func(h client.HostedRunner) string { return strconv.FormatInt(h.ID, 10) },
		taken: func(ctx context.Context, named []client.HostedRunner) error {
			return r.waitForDeleting(ctx, c, scope, body.Name, named, since)
		},
		asAsked:  func(h client.HostedRunner) bool { return asRequested(&h, body) },
		create:   func(ctx context.Context) (*client.HostedRunner, error) { return c.CreateHostedRunner(ctx, scope, body) },
		attempts: 2,
		settings: r.data.settings,
	}.run(ctx)
}

// waitForDeleting waits for the runners named name that are being deleted to be gone, and
// refuses the create when another one exists.
func (r *hostedRunnerResource) waitForDeleting(ctx context.Context, c *client.Client, scope client.Scope, name string, named []client.HostedRunner, since time.Time) error {
	var existing []string
	for _, runner := range named {
		if runner.Status != client.StatusDeleting {
			existing = append(existing, strconv.FormatInt(runner.ID, 10))
			continue
		}
		tflog.Info(ctx, "A runner with the same name is being deleted; waiting until it is gone before creating", map[string]any{"id": runner.ID})
		if err := r.data.runners.WaitGone(ctx, c, scope, runner.ID, since); err != nil {
			return fmt.Errorf("runner %d, named %q, is being deleted and the new runner must wait for it to be gone: %w", runner.ID, name, err)
		}
	}
	if len(existing) > 0 {
		sort.Strings(existing)
		return &runnerExistsError{scope: scope, name: name, ids: existing}
	}
	return nil
}

// runnerExistsError is a create refused before its POST because a runner with the name exists.
type runnerExistsError struct {
	scope client.Scope
	name  string
	ids   []string
}

func (e *runnerExistsError) Error() string {
	return fmt.Sprintf("the %s already has a runner named %q (id %s) that this configuration does not manage, so no create "+
		"request was sent. A runner left by an interrupted apply, or made elsewhere, is never adopted silently. To manage it, "+
		"import it:\n\n  terraform import ADDRESS %s/%s\n\n(ADDRESS is this resource's address, such as "+
		"githubactions_hosted_runner.example), or use an import block with id = %q. Otherwise delete it or choose another name",
		e.scope.Noun(), e.name, strings.Join(e.ids, ", "), e.scope.String(), e.ids[0], e.scope.String()+"/"+e.ids[0])
}

// asRequested reports whether r has what body asked for (size, group, maximum, static IP), by
// the rule that tells whether a runner shows what an update set.
func asRequested(r *client.HostedRunner, body client.CreateHostedRunnerRequest) bool {
	return runnerwatch.Reflects(r, &client.UpdateHostedRunnerRequest{
		Size: &body.Size, RunnerGroupID: &body.RunnerGroupID, MaximumRunners: body.MaximumRunners, EnableStaticIP: body.EnableStaticIP,
	})
}
