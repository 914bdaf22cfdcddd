package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// The create protocol never adopts a runner this run did not create and never creates one
// twice:
//
//  1. Before the POST it learns which runners with the name exist in the scope (from a list of
//     this run, with this run's own writes over it). A runner that is being deleted (an
//     interrupted destroy, a replacement) is waited for until it is gone; any other fails the
//     create before anything is sent, naming the runner and how to import it.
//  2. Every answer that leaves it unknown whether GitHub acted (no answer, a timeout, a 5xx,
//     the user's Ctrl-C, a 2xx whose body is not a new runner with an id and the name) is resolved by
//     looking for a runner with that name whose id was not there before the POST. The look
//     runs on a context detached from the cancellation, bounded by createLookWindow, and reads
//     the list again and again within that window, so a create GitHub commits late is found
//     before any second POST.
//  3. Only when the window ends with no new runner is the POST sent again, once, and only if
//     the operation was not cancelled.

// createLookWindow is how long, at least, the provider looks for a runner after an ambiguous
// create before it may POST again; a longer request timeout lengthens it to match.
const createLookWindow = time.Minute

// createLookFirstGap is the pause before the second read of the look; each later pause is
// twice the previous one, so a full window costs about log2(window/gap)+2 lists.
const createLookFirstGap = 2 * time.Second

// createRunner runs the protocol for body in scope; since is when the operation began.
func (r *hostedRunnerResource) createRunner(ctx context.Context, c *client.Client, scope client.Scope, body client.CreateHostedRunnerRequest, since time.Time) (*client.HostedRunner, error) {
	before, err := r.namedBefore(ctx, c, scope, body.Name, since)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		created, err := c.CreateHostedRunner(ctx, scope, body)
		if err == nil && before[created.ID] {
			// An answer naming a runner that existed before the POST says nothing about
			// what the POST did: it is never adopted.
			err = fmt.Errorf("GitHub answered the create with runner %d, which existed before this request", created.ID)
		}
		if err == nil {
			return created, nil
		}
		if !ambiguousCreate(err) {
			return nil, err
		}
		tflog.Warn(ctx, "The create request ended without a usable answer; looking for a new runner with its name before anything else", map[string]any{
			"name": body.Name, "error": err.Error(), "attempt": attempt,
		})
		found, lookErr := r.lookForNew(ctx, c, scope, body, before)
		switch {
		case found != nil:
			tflog.Warn(ctx, "Adopted the runner the ambiguous create request made", map[string]any{"id": found.ID, "name": found.Name})
			return found, nil
		case lookErr != nil:
			return nil, fmt.Errorf("the create request failed (%w), and looking for the runner it may have made failed too: %w. "+
				"Check for a runner named %q in the %s before applying again", err, lookErr, body.Name, scope.Noun())
		case attempt == 2 || ctx.Err() != nil:
			return nil, fmt.Errorf("the create request failed (%w), and no runner named %q appeared in the %s within %s", err, body.Name, scope.Noun(), r.data.settings.lookWindow())
		}
	}
}

// namedBefore returns the ids of the runners named name before the POST. It waits for those
// being deleted to be gone and refuses to go on when another one exists.
func (r *hostedRunnerResource) namedBefore(ctx context.Context, c *client.Client, scope client.Scope, name string, since time.Time) (map[int64]bool, error) {
	named, err := r.data.runners.Named(ctx, c, scope, name, false)
	if errors.Is(err, runnerwatch.ErrListUnavailable) {
		tflog.Warn(ctx, "These credentials may not list the scope's runners: the create cannot check for a runner with the same name first, "+
			"and an ambiguous answer to it cannot be resolved", map[string]any{"name": name})
		return map[int64]bool{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing the %s's runners, to make sure none is named %q before creating one, failed: %w", scope.Noun(), name, err)
	}
	before := map[int64]bool{}
	var existing []string
	for _, runner := range named {
		before[runner.ID] = true
		if runner.Status != client.StatusDeleting {
			existing = append(existing, fmt.Sprintf("%d", runner.ID))
			continue
		}
		tflog.Info(ctx, "A runner with the same name is being deleted; waiting until it is gone before creating", map[string]any{"id": runner.ID})
		if err := r.data.runners.WaitGone(ctx, c, scope, runner.ID, since); err != nil {
			return nil, fmt.Errorf("runner %d, named %q, is being deleted and the new runner must wait for it to be gone: %w", runner.ID, name, err)
		}
	}
	if len(existing) > 0 {
		sort.Strings(existing)
		return nil, &runnerExistsError{scope: scope, name: name, ids: existing}
	}
	return before, nil
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

// lookForNew reads the scope's list, again and again within the look window, for a runner
// named name that is not in before. The look outlives ctx's cancellation (the user's Ctrl-C)
// but not the window. Two new runners with the name are an error: which one this run made
// cannot be told, unless only one of them is what this create asked for; otherwise none is adopted.
func (r *hostedRunnerResource) lookForNew(ctx context.Context, c *client.Client, scope client.Scope, body client.CreateHostedRunnerRequest, before map[int64]bool) (*client.HostedRunner, error) {
	name := body.Name
	window := r.data.settings.lookWindow()
	lookCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), window)
	defer cancel()
	clock := r.data.settings.clock
	end := clock.Now().Add(window)
	gap := createLookFirstGap
	var lastErr error
	for {
		named, err := r.data.runners.Named(lookCtx, c, scope, name, true)
		if err == nil {
			lastErr = nil
			var fresh []client.HostedRunner
			for _, runner := range named {
				if !before[runner.ID] {
					fresh = append(fresh, runner)
				}
			}
			if len(fresh) > 1 {
				// Another runner with the name appeared around this create (where GitHub allows
				// duplicates): keep the ones that are what this create asked for.
				fresh = slices.DeleteFunc(fresh, func(r client.HostedRunner) bool { return !asRequested(&r, body) })
			}
			switch len(fresh) {
			case 0:
			case 1:
				return &fresh[0], nil
			default:
				ids := make([]int64, 0, len(fresh))
				for _, f := range fresh {
					ids = append(ids, f.ID)
				}
				slices.Sort(ids)
				return nil, fmt.Errorf("%d new runners named %q appeared (ids %v) and which one this create made cannot be told; none was adopted", len(fresh), name, ids)
			}
		} else if errors.Is(err, runnerwatch.ErrListUnavailable) {
			return nil, err
		} else {
			lastErr = err
		}
		left := end.Sub(clock.Now())
		if left <= 0 {
			return nil, lastErr
		}
		if err := clock.Sleep(lookCtx, min(gap, left)); err != nil {
			if lastErr != nil {
				return nil, lastErr
			}
			return nil, nil
		}
		gap *= 2
	}
}

// asRequested reports whether r has what body asked for (size, group, maximum, static IP), by
// the rule that tells whether a runner shows what an update set.
func asRequested(r *client.HostedRunner, body client.CreateHostedRunnerRequest) bool {
	return runnerwatch.Reflects(r, &client.UpdateHostedRunnerRequest{
		Size: &body.Size, RunnerGroupID: &body.RunnerGroupID, MaximumRunners: body.MaximumRunners, EnableStaticIP: body.EnableStaticIP,
	})
}

// ambiguousCreate reports errors after which a POST may or may not have taken effect: all but
// GitHub's 4xx answers (including rate limits, which GitHub did not act on), redirects, and
// requests that certainly never left. A 2xx other than the documented 201 is ambiguous too.
func ambiguousCreate(err error) bool {
	var notSent *client.NotSentError
	if errors.As(err, &notSent) {
		return false // it never left: Ctrl-C or a timeout while it waited for its turn
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		// A success status other than the documented one may still have created it.
		return apiErr.StatusCode >= 500 || apiErr.StatusCode/100 == 2
	}
	var rateErr *client.RateLimitError
	if errors.As(err, &rateErr) {
		return false
	}
	var redirectErr *client.RedirectError
	if errors.As(err, &redirectErr) {
		// GitHub answered with a redirect: nothing was created, and nothing is sent after it.
		return false
	}
	var transportErr *client.TransportError
	if errors.As(err, &transportErr) {
		return !transportErr.NotSent()
	}
	return true
}
