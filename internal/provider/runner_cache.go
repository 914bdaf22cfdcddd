package provider

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// listPageSize is how many runners one page of the list endpoint holds (client.ListHostedRunners
// asks for GitHub's maximum). A list shorter than that was one page, so one consistent answer.
const listPageSize = 100

// runnerCache serves the runners of each scope for one Terraform run (one configured provider):
// the refresh of N runners costs the pages of one list, not N requests. Every Read of a scope
// shares one single-flight list; a runner absent from it is fetched alone, to tell a deleted
// runner from one created after the list. The provider's own writes go in as they are answered,
// so a Read after a create, update or delete never sees an older list's value. The same scopes
// carry the watchers that wait for runners to become ready or gone (hosted_runner_wait.go).
// The zero value is ready to use.
type runnerCache struct {
	mu     sync.Mutex
	scopes map[string]*scopeRunners
}

// scopeRunners is the cache of one scope.
type scopeRunners struct {
	scope client.Scope

	mu      sync.Mutex
	seq     uint64               // lists started so far; a list's seq is the value when it started
	latest  *runnerSnapshot      // the newest finished list
	listing *listCall            // the list in flight, if any
	pages   int                  // pages of the newest list (at least 1)
	local   map[int64]localWrite // the provider's own writes, newest per runner
	noList  bool                 // the list endpoint refused this run's credentials: use single GETs

	// The scope's watcher (hosted_runner_wait.go): its waiters, whether its goroutine runs,
	// and how to cut its sleep short when a waiter joins or leaves.
	waiters  map[*waiter]struct{}
	watching bool
	wake     context.CancelFunc
}

// runnerSnapshot is one complete pass over the scope's list.
type runnerSnapshot struct {
	seq      uint64
	runners  map[int64]client.HostedRunner
	complete bool // one page: no runner can have been skipped while pages moved
}

// listCall is a list in flight that several callers wait for.
type listCall struct {
	seq  uint64
	done chan struct{}
	snap *runnerSnapshot
	err  error
}

// localWrite is the runner as the provider's own write left it (nil after a delete), and the
// list sequence at that moment: lists started no later than seq may predate the write.
type localWrite struct {
	runner *client.HostedRunner
	seq    uint64
}

// errListUnavailable says the scope's list cannot be used in this run.
var errListUnavailable = errors.New("listing the scope's runners is not available with these credentials")

// forScope returns the cache of scope, creating it on first use.
func (c *runnerCache) forScope(scope client.Scope) *scopeRunners {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scopes == nil {
		c.scopes = map[string]*scopeRunners{}
	}
	s, ok := c.scopes[scope.Key()]
	if !ok {
		s = &scopeRunners{scope: scope, local: map[int64]localWrite{}, waiters: map[*waiter]struct{}{}, pages: 1}
		c.scopes[scope.Key()] = s
	}
	return s
}

// get returns runner id of scope, nil when GitHub no longer has it.
func (c *runnerCache) get(ctx context.Context, api *client.Client, scope client.Scope, id int64) (*client.HostedRunner, error) {
	s := c.forScope(scope)
	snap, err := s.snapshot(ctx, api, 0)
	if err == nil {
		if r, ok := s.lookup(snap, id); ok {
			return r, nil
		}
	} else if !errors.Is(err, errListUnavailable) {
		tflog.Debug(ctx, "Listing the scope's runners failed; reading the runner alone", map[string]any{"scope": scope.String(), "error": err.Error()})
	}
	r, err := api.GetHostedRunner(ctx, scope, id)
	if client.IsNotFound(err) {
		return nil, nil
	}
	return r, err
}

// put records the runner a write of the provider answered with.
func (c *runnerCache) put(scope client.Scope, r *client.HostedRunner) {
	if r == nil {
		return
	}
	s := c.forScope(scope)
	cp := *r
	s.mu.Lock()
	s.local[r.ID] = localWrite{runner: &cp, seq: s.seq}
	s.mu.Unlock()
}

// drop forgets runner id after the provider deleted it: the next Read asks GitHub alone.
func (c *runnerCache) drop(scope client.Scope, id int64) {
	s := c.forScope(scope)
	s.mu.Lock()
	s.local[id] = localWrite{seq: s.seq}
	s.mu.Unlock()
}

// lookup finds id in snap, unless the provider wrote it after snap's list started. It reports
// false when the caller must ask GitHub for the runner alone.
func (s *scopeRunners) lookup(snap *runnerSnapshot, id int64) (*client.HostedRunner, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.local[id]; ok && w.seq >= snap.seq {
		if w.runner == nil {
			return nil, false
		}
		cp := *w.runner
		return &cp, true
	}
	r, ok := snap.runners[id]
	if !ok {
		return nil, false
	}
	return &r, true
}

// snapshot returns a list of the scope started after sequence after: the newest one if it
// qualifies, the one in flight if it does, or a new one. Concurrent callers share one list.
func (s *scopeRunners) snapshot(ctx context.Context, api *client.Client, after uint64) (*runnerSnapshot, error) {
	for {
		s.mu.Lock()
		if s.noList {
			s.mu.Unlock()
			return nil, errListUnavailable
		}
		if s.latest != nil && s.latest.seq > after {
			snap := s.latest
			s.mu.Unlock()
			return snap, nil
		}
		call := s.listing
		if call == nil || call.seq <= after {
			s.seq++
			call = &listCall{seq: s.seq, done: make(chan struct{})}
			s.listing = call
			s.mu.Unlock()
			s.list(ctx, api, call)
			return call.snap, call.err
		}
		s.mu.Unlock()
		select {
		case <-call.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if call.err != nil && ctx.Err() == nil && (errors.Is(call.err, context.Canceled) || errors.Is(call.err, context.DeadlineExceeded)) {
			continue // the caller that ran the list gave up; this one has not
		}
		return call.snap, call.err
	}
}

// list runs call and publishes its result.
func (s *scopeRunners) list(ctx context.Context, api *client.Client, call *listCall) {
	runners, err := api.ListHostedRunners(ctx, s.scope)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(call.done)
	if s.listing == call {
		s.listing = nil
	}
	if err != nil {
		var apiErr *client.APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 && apiErr.StatusCode != http.StatusTooManyRequests {
			// An App may read one enterprise runner but not list them: fall back to single GETs.
			s.noList = true
			tflog.Warn(ctx, "GitHub refused to list the scope's runners; reading each runner alone for the rest of this run", map[string]any{
				"scope": s.scope.String(), "status": apiErr.StatusCode,
			})
			err = errListUnavailable
		}
		call.err = err
		return
	}
	snap := &runnerSnapshot{seq: call.seq, runners: make(map[int64]client.HostedRunner, len(runners)), complete: len(runners) < listPageSize}
	for _, r := range runners {
		snap.runners[r.ID] = r
	}
	call.snap = snap
	s.pages = max(1, (len(runners)+listPageSize-1)/listPageSize)
	if s.latest == nil || snap.seq > s.latest.seq {
		s.latest = snap
	}
}
