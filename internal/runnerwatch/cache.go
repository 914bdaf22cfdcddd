package runnerwatch

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runcache"
)

// snapshot is one read of the scope's list: the first page only, or every page. Unlike the
// run's other lists (internal/runcache, read once per run), runner lists are a live view: a
// wait reads the list again and again, and a caller may ask for a list started after a given
// one (seq), so they keep their own reads in flight here, each a runcache.Flight.
type snapshot struct {
	seq      uint64
	runners  map[int64]client.HostedRunner
	complete bool // every runner of the scope, read consistently: an absent runner was absent
}

// listCall is a read of the list in flight that several callers wait for, and the sequence
// at its start.
type listCall struct {
	seq uint64
	*runcache.Flight[*snapshot]
}

// localWrite is the runner as the provider's own write left it (nil after a delete; gone once
// a wait confirmed it), and the list sequence at that moment: lists started no later than seq
// may predate the write.
type localWrite struct {
	runner *client.HostedRunner
	gone   bool
	seq    uint64
}

// ErrListUnavailable says GitHub refused to list the scope's runners to these credentials
// (an App may read one enterprise runner but not list them); the engine then reads runners alone.
var ErrListUnavailable = errors.New("listing the scope's runners is not available with these credentials")

// Get returns runner id of scope, nil when GitHub no longer has it. It serves the runner from
// the lists of this run when they hold it; otherwise it reads the first page of the scope's
// list (once per run), then, for each runner that page does not hold, one GET, until so many
// were needed that reading the rest of the list is cheaper: a refresh costs the smaller of one
// request per runner and one per 100 runners of the scope, plus the first page.
func (e *Engine) Get(ctx context.Context, api Lister, scope client.Scope, id int64) (*client.HostedRunner, error) {
	s := e.forScope(scope)
	if r, ok := s.lookupAny(id); ok {
		return r, nil
	}
	if err := e.readFirst(ctx, api, s); err == nil {
		if r, ok := s.lookupAny(id); ok {
			return r, nil
		}
		if s.countMissAndPreferList() {
			if _, err := e.fullList(ctx, api, s, 0); err == nil {
				if r, ok := s.lookupAny(id); ok {
					return r, nil
				}
			}
		}
	}
	r, err := api.GetHostedRunner(ctx, scope, id)
	if client.IsNotFound(err) {
		return nil, nil
	}
	return r, err
}

// countMissAndPreferList counts one more runner the first page did not hold and reports
// whether the rest of the list should be read now instead of a GET: after G single GETs, where reading
// the whole list (P pages) costs as much as the GETs it saves from then on. G = ⌈P/2⌉-2 keeps
// a whole scope's refresh within 2P requests and a few runners' refresh at one GET each.
func (s *scopeState) countMissAndPreferList() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noList {
		return false
	}
	if s.latest != nil || s.listing != nil {
		return true
	}
	pages := (s.total + client.ListPageSize - 1) / client.ListPageSize
	s.misses++
	return s.misses > max(0, (pages+1)/2-2)
}

// readFirst reads the first page of the scope's list once per run (single-flight).
func (e *Engine) readFirst(ctx context.Context, api Lister, s *scopeState) error {
	for {
		s.mu.Lock()
		if s.noList {
			s.mu.Unlock()
			return ErrListUnavailable
		}
		if s.latest != nil || s.first != nil {
			s.mu.Unlock()
			return nil
		}
		call := s.paging
		if call == nil {
			s.seq++
			call = &listCall{seq: s.seq, Flight: runcache.NewFlight[*snapshot]()}
			s.paging = call
			s.mu.Unlock()
			runners, total, err := api.FirstRunnerPage(ctx, s.scope)
			_, err = e.publishFirstPage(ctx, s, call, runners, total, err)
			return err
		}
		s.mu.Unlock()
		if _, err := call.Wait(ctx); err == nil || !isContextErr(err) || ctx.Err() != nil {
			return err
		}
	}
}

// fullList returns a full list of the scope started after sequence after: the newest one if
// it qualifies, the one in flight if it does, or a new one. Concurrent callers share one.
func (e *Engine) fullList(ctx context.Context, api Lister, s *scopeState, after uint64) (*snapshot, error) {
	for {
		s.mu.Lock()
		if s.noList {
			s.mu.Unlock()
			return nil, ErrListUnavailable
		}
		if s.latest != nil && s.latest.seq > after {
			snap := s.latest
			s.mu.Unlock()
			return snap, nil
		}
		call := s.listing
		if call == nil || call.seq <= after {
			s.seq++
			call = &listCall{seq: s.seq, Flight: runcache.NewFlight[*snapshot]()}
			s.listing = call
			s.mu.Unlock()
			start := e.clock.Now()
			runners, complete, err := api.ListHostedRunnersChecked(ctx, s.scope)
			if err == nil {
				s.mu.Lock()
				s.listTook = e.clock.Now().Sub(start)
				s.mu.Unlock()
			}
			total := -1
			if complete {
				total = len(runners)
			}
			return e.publishFullList(ctx, s, call, runners, total, err)
		}
		s.mu.Unlock()
		snap, err := call.Wait(ctx)
		if err != nil && isContextErr(err) && ctx.Err() == nil {
			continue // the caller that ran the list gave up; this one has not
		}
		return snap, err
	}
}

// publishFirstPage records the outcome of call, a read of the first page; total is the
// scope's total_count.
func (e *Engine) publishFirstPage(ctx context.Context, s *scopeState, call *listCall, runners []client.HostedRunner, total int, err error) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap, err := e.endCall(ctx, s, call, runners, err)
	defer call.Finish(snap, err)
	if err != nil {
		return nil, err
	}
	s.total = total
	snap.complete = total <= len(runners)
	if !snap.complete {
		s.first = snap
		return snap, nil
	}
	s.keepNewest(snap, len(runners))
	return snap, nil
}

// publishFullList records the outcome of call, a read of every page; total is the list's
// length when its pages were consistent, else -1.
func (e *Engine) publishFullList(ctx context.Context, s *scopeState, call *listCall, runners []client.HostedRunner, total int, err error) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap, err := e.endCall(ctx, s, call, runners, err)
	defer call.Finish(snap, err)
	if err != nil {
		return nil, err
	}
	snap.complete = total >= 0
	s.total = max(len(runners), total)
	s.keepNewest(snap, len(runners))
	return snap, nil
}

// endCall takes call out of flight and returns its outcome: the snapshot of runners, or err
// (ErrListUnavailable, and single GETs for the rest of the run, when GitHub refused the
// list). Call with s.mu held.
func (e *Engine) endCall(ctx context.Context, s *scopeState, call *listCall, runners []client.HostedRunner, err error) (*snapshot, error) {
	if s.listing == call {
		s.listing = nil
	}
	if s.paging == call {
		s.paging = nil
	}
	if err != nil {
		var apiErr *client.APIError
		var rateErr *client.RateLimitError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden && !errors.As(err, &rateErr) {
			// An App may read one enterprise runner but not list them: use single GETs.
			s.noList = true
			e.cfg.Log(ctx, "GitHub refused to list the scope's runners; reading each runner alone for the rest of this run", map[string]any{
				"scope": s.scope.String(), "status": apiErr.StatusCode,
			})
			err = ErrListUnavailable
		}
		return nil, err
	}
	snap := &snapshot{seq: call.seq, runners: make(map[int64]client.HostedRunner, len(runners))}
	for _, r := range runners {
		snap.runners[r.ID] = r
		s.deleting = s.deleting || r.Status == client.StatusDeleting
	}
	return snap, nil
}

// keepNewest makes snap, a read of every runner (n of them), the scope's newest list unless
// a later one finished first. Call with s.mu held.
func (s *scopeState) keepNewest(snap *snapshot, n int) {
	s.pages = max(1, (n+client.ListPageSize-1)/client.ListPageSize)
	if s.latest == nil || snap.seq > s.latest.seq {
		s.latest, s.first = snap, nil
	}
}

// lookupAny finds id in the newest list or first page of this run, unless the provider wrote
// it after that list started. It reports false when the caller must look further.
func (s *scopeState) lookupAny(id int64) (*client.HostedRunner, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, snap := range []*snapshot{s.latest, s.first} {
		if snap == nil {
			continue
		}
		if w, ok := s.local[id]; ok && w.seq >= snap.seq {
			if w.runner == nil {
				return nil, false
			}
			cp := *w.runner
			return &cp, true
		}
		if r, ok := snap.runners[id]; ok {
			return &r, true
		}
	}
	return nil, false
}

// Put records the runner a write of the provider answered with.
func (e *Engine) Put(scope client.Scope, r *client.HostedRunner) {
	if r == nil {
		return
	}
	s := e.forScope(scope)
	cp := *r
	s.mu.Lock()
	s.local[r.ID] = localWrite{runner: &cp, seq: s.seq}
	s.mu.Unlock()
}

// Drop forgets runner id after the provider deleted it: the next Get asks GitHub alone.
func (e *Engine) Drop(scope client.Scope, id int64) {
	s := e.forScope(scope)
	s.mu.Lock()
	s.local[id] = localWrite{seq: s.seq}
	s.mu.Unlock()
}

// markGone records that runner id is confirmed gone.
func (s *scopeState) markGone(id int64) {
	s.mu.Lock()
	s.local[id] = localWrite{gone: true, seq: s.seq}
	s.mu.Unlock()
}

// Runners returns the runners of scope as the newest full list of this run shows them, with
// the provider's own writes over it: a runner this run deleted shows as Deleting until a wait
// confirmed it gone. It reads the list when the run has none.
func (e *Engine) Runners(ctx context.Context, api Lister, scope client.Scope) ([]client.HostedRunner, error) {
	return e.runnersAfter(ctx, api, e.forScope(scope), 0)
}

// RunnersListedNow is Runners from a list started now, not an earlier one.
func (e *Engine) RunnersListedNow(ctx context.Context, api Lister, scope client.Scope) ([]client.HostedRunner, error) {
	s := e.forScope(scope)
	s.mu.Lock()
	after := s.seq
	s.mu.Unlock()
	return e.runnersAfter(ctx, api, s, after)
}

// runnersAfter is Runners from a full list started after sequence after.
func (e *Engine) runnersAfter(ctx context.Context, api Lister, s *scopeState, after uint64) ([]client.HostedRunner, error) {
	snap, err := e.fullList(ctx, api, s, after)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := maps.Clone(snap.runners)
	for id, w := range s.local {
		if w.seq < snap.seq {
			continue
		}
		r, listed := byID[id]
		switch {
		case w.gone:
			delete(byID, id)
		case w.runner != nil:
			byID[id] = *w.runner
		case listed:
			r.Status = client.StatusDeleting
			byID[id] = r
		}
	}
	return slices.Collect(maps.Values(byID)), nil
}

// isContextErr reports whether err is a context's end.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
