package runnerwatch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// waiter is one runner waiting in its scope's watcher. Its mutable fields are guarded by the
// scope's mutex, but listed, which only the watcher goroutine uses.
type waiter struct {
	id      int64
	gone    bool // waiting until GitHub no longer has the runner (else until it is Ready)
	want    Want
	since   time.Time // when the operation began (before any queueing for the write gate)
	joined  time.Time
	joinSeq uint64    // lists with a higher sequence started after the waiter joined
	due     time.Time // the earliest time a read of the runner is worth making
	until   time.Time // the operation's deadline; zero if none
	last    *client.HostedRunner
	listed  bool       // seen in one of the scope's lists since it joined
	done    chan error // receives the outcome once
}

// tolerance is how late after it is due the watcher may read w's runner. On its own account,
// that is five times the time w's operation queued before its write was answered (the write
// gate, a slow answer), at least half of PollMin and at most five PollMin: when nothing
// queues, waiters due within half a PollMin of each other share a read. While a write started
// now would wait for its turn, a read may also wait until horizon, just before such a write
// would go at once: a runner read sooner frees a slot whose next write would only queue, and
// the apply cannot end before the queued writes are sent anyway. Never past PollMax, nor so
// late that w's operation would time out first.
func (e *Engine) tolerance(w *waiter, horizon time.Time) time.Duration {
	own := min(max(5*w.joined.Sub(w.since), e.cfg.PollMin/2), 5*e.cfg.PollMin)
	wait := horizon.Sub(w.due)
	if !w.until.IsZero() {
		wait = min(wait, w.until.Sub(w.due)-e.cfg.PollMin)
	}
	return min(max(own, wait), e.cfg.PollMax)
}

// WaitReady waits until runner id is Ready and shows what want asks for (Done), so that no
// stale value reaches state; since is when the operation began. A runner missing right after
// the write is GitHub catching up and is waited for within the read window. It returns the
// last runner it saw, also on error.
func (e *Engine) WaitReady(ctx context.Context, api Lister, scope client.Scope, id int64, since time.Time, want Want) (*client.HostedRunner, error) {
	w := &waiter{id: id, want: want, since: since}
	err := e.await(ctx, api, scope, w)
	s := e.forScope(scope)
	s.mu.Lock()
	defer s.mu.Unlock()
	return w.last, err
}

// WaitGone waits until GitHub no longer has runner id: a GET of it answers 404, or it is
// absent from a complete list of the scope after a list showed it (a list that never showed
// it since the wait began proves nothing: some servers leave out runners being deleted).
func (e *Engine) WaitGone(ctx context.Context, api Lister, scope client.Scope, id int64, since time.Time) error {
	err := e.await(ctx, api, scope, &waiter{id: id, gone: true, since: since})
	if err == nil {
		e.forScope(scope).markGone(id)
	}
	return err
}

// await registers w with its scope's watcher, starting the watcher if none runs, and waits
// for w's outcome or the end of ctx.
func (e *Engine) await(ctx context.Context, api Lister, scope client.Scope, w *waiter) error {
	s := e.forScope(scope)
	w.done = make(chan error, 1)
	w.joined = e.clock.Now()
	if w.since.IsZero() || w.since.After(w.joined) {
		w.since = w.joined
	}
	w.until, _ = ctx.Deadline()

	s.mu.Lock()
	w.joinSeq = s.seq
	// A runner is first read once the wait took as long as such waits took in this run, or,
	// before one ended, after 2 PollMin: an earlier read would rarely find it done.
	w.due = w.joined.Add(max(2*e.cfg.PollMin, *s.learned.of(w)))
	s.waiters[w] = struct{}{}
	if !s.watching {
		s.watching = true
		// The watcher outlives this caller's request but keeps its logger.
		go e.watch(context.WithoutCancel(ctx), api, s)
	} else if s.wake != nil {
		s.wake()
	}
	s.mu.Unlock()

	select {
	case err := <-w.done:
		return settle(s, w, err)
	case <-ctx.Done():
	}
	s.mu.Lock()
	_, waiting := s.waiters[w]
	delete(s.waiters, w)
	last := w.last
	if s.wake != nil {
		s.wake()
	}
	s.mu.Unlock()
	if !waiting { // the outcome arrived as the context ended
		return settle(s, w, <-w.done)
	}
	return timeoutError(ctx.Err(), last)
}

// waitTimes is the shortest wait seen in this run until a runner was ready and until one
// was gone; 0 if none.
type waitTimes struct {
	ready, gone time.Duration
}

// of returns the time learned for waits like w.
func (t *waitTimes) of(w *waiter) *time.Duration {
	if w.gone {
		return &t.gone
	}
	return &t.ready
}

// settle words w's outcome: a request that the operation's deadline cut short is the same
// timeout as a deadline that ends a sleep, naming the runner's last status.
func settle(s *scopeState, w *waiter, err error) error {
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	s.mu.Lock()
	last := w.last
	s.mu.Unlock()
	return timeoutError(context.DeadlineExceeded, last)
}

// watch is the scope's watcher goroutine: it sleeps until the next read is due (cut short
// when a waiter joins or leaves, to plan again), then observes the waiters, until none is left.
func (e *Engine) watch(ctx context.Context, api Lister, s *scopeState) {
	var usedSeq uint64 // the sequence of the list the previous tick used
	for {
		writeWait := api.WriteWait()
		s.mu.Lock()
		if len(s.waiters) == 0 {
			s.watching, s.wake = false, nil
			s.mu.Unlock()
			return
		}
		// The read, and Terraform starting the operations it frees, take about as long as the
		// last list did, and a tenth of PollMin more.
		at := e.nextRead(s, e.clock.Now().Add(writeWait-s.listTook-e.cfg.PollMin/10))
		sleepCtx, wake := context.WithCancel(ctx)
		s.wake = wake
		s.mu.Unlock()

		err := e.clock.Sleep(sleepCtx, at.Sub(e.clock.Now()))
		wake()
		if err != nil {
			continue // woken early: the waiters changed
		}
		usedSeq = e.observe(ctx, api, s, usedSeq)
	}
}

// nextRead is when the watcher reads next: the latest time a waiter is due that is no later
// than the earliest time any waiter's tolerance runs out, so that one read serves every
// waiter it can without making any of them late; or horizon (see tolerance), when that lies
// between the two. Call with s.mu held.
func (e *Engine) nextRead(s *scopeState, horizon time.Time) time.Time {
	var latest time.Time
	for w := range s.waiters {
		if l := w.due.Add(e.tolerance(w, horizon)); latest.IsZero() || l.Before(latest) {
			latest = l
		}
	}
	at := time.Time{}
	for w := range s.waiters {
		if !w.due.After(latest) && w.due.After(at) {
			at = w.due
		}
	}
	if !at.IsZero() && horizon.After(at) && !horizon.After(latest) {
		at = horizon // every runner ready by then is read
	}
	return at
}

// observe reads the state of the waiters' runners: by one list of the scope (newer than
// usedSeq and than every waiter) when the due waiters are at least as many as its pages, else by one
// GET per due waiter; a list that fails falls back to the GETs. It returns the sequence of
// the list it used.
func (e *Engine) observe(ctx context.Context, api Lister, s *scopeState, usedSeq uint64) uint64 {
	now := e.clock.Now()
	s.mu.Lock()
	var all, due []*waiter
	after, until, bounded := usedSeq, time.Time{}, true
	for w := range s.waiters {
		all = append(all, w)
		if !w.due.After(now) {
			due = append(due, w)
		}
		after = max(after, w.joinSeq)
		if w.until.IsZero() {
			bounded = false
		} else if w.until.After(until) {
			until = w.until
		}
	}
	useList := !s.noList && len(due) >= s.pages
	s.mu.Unlock()

	// Requests may wait out rate limits up to the last waiter's deadline, not past it.
	if bounded {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, until)
		defer cancel()
	}

	alone := due
	if useList {
		snap, err := e.fullList(ctx, api, s, after)
		if err == nil {
			usedSeq = snap.seq
			alone = e.fromList(s, snap, all, now)
		} else if !errors.Is(err, ErrListUnavailable) {
			e.cfg.Log(ctx, "Listing the scope's runners failed; reading the waiting runners one by one for this tick", map[string]any{
				"scope": s.scope.String(), "error": err.Error(),
			})
		}
	}
	for _, w := range alone {
		if !e.waiting(s, w) {
			continue
		}
		r, err := api.GetHostedRunner(ctx, s.scope, w.id)
		switch {
		case client.IsNotFound(err) && w.gone:
			e.learn(s, w)
			e.finish(s, w, nil)
		case client.IsNotFound(err) && e.inReadWindow(w):
			e.reschedule(s, w, now)
		case client.IsNotFound(err):
			e.finish(s, w, fmt.Errorf("GitHub still answers 404 for runner %d %s after it was written; it may have been deleted", w.id, e.cfg.ReadWindow))
		case err != nil:
			e.finish(s, w, err)
		default:
			e.applyRead(s, w, r, now)
		}
	}
	return usedSeq
}

// fromList applies a list to every waiter that joined before it started and returns the due
// waiters it could not settle, to be read alone.
func (e *Engine) fromList(s *scopeState, snap *snapshot, all []*waiter, now time.Time) []*waiter {
	var alone []*waiter
	for _, w := range all {
		if snap.seq <= w.joinSeq {
			continue
		}
		isDue := !w.due.After(now)
		if r, ok := snap.runners[w.id]; ok {
			w.listed = true
			e.applyRead(s, w, &r, now)
			continue
		}
		switch {
		case w.gone && snap.complete && (w.listed || s.listsDeleting()):
			// Read whole, the list no longer holds the runner, and either it showed the runner
			// since the DELETE or this server is seen to list runners that are being deleted:
			// gone. (Some servers leave those out; there a GET's 404 decides.)
			e.learn(s, w)
			e.finish(s, w, nil)
		case !isDue:
		case !w.gone && e.inReadWindow(w):
			e.reschedule(s, w, now)
		default:
			alone = append(alone, w) // absent from a list that may have skipped it: ask GitHub
		}
	}
	return alone
}

// applyRead applies a read of w's runner that started at now.
func (e *Engine) applyRead(s *scopeState, w *waiter, r *client.HostedRunner, now time.Time) {
	s.mu.Lock()
	w.last = r
	s.mu.Unlock()
	if !w.gone {
		if done, err := Done(r, w.want); done {
			if err == nil {
				e.learn(s, w)
			}
			e.finish(s, w, err)
			return
		}
	}
	e.reschedule(s, w, now)
}

// reschedule makes w due again after an observation that did not settle it: a fifth of its
// wait so far later, within [PollMin, PollMax], and not before the time such waits took in
// this run. A waiter read before it was due keeps its time.
func (e *Engine) reschedule(s *scopeState, w *waiter, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w.due.After(now) {
		return
	}
	w.due = now.Add(min(max(now.Sub(w.joined)/5, e.cfg.PollMin), e.cfg.PollMax))
	if expected := w.joined.Add(*s.learned.of(w)); expected.After(w.due) {
		w.due = expected
	}
}

// learn records how long w's wait took, measured to the end of the read that ended it (so
// never shorter than it was): later waiters of the same kind are first due that long after
// they join, and their first read comes after the time their runner needs.
func (e *Engine) learn(s *scopeState, w *waiter) {
	took := e.clock.Now().Sub(w.joined)
	s.mu.Lock()
	defer s.mu.Unlock()
	if learned := s.learned.of(w); took > 0 && (*learned == 0 || took < *learned) {
		*learned = took
	}
}

// finish hands w its outcome and removes it from the watcher, once.
func (e *Engine) finish(s *scopeState, w *waiter, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.waiters[w]; ok {
		delete(s.waiters, w)
		w.done <- err
	}
}

// waiting reports whether w still waits.
func (e *Engine) waiting(s *scopeState, w *waiter) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.waiters[w]
	return ok
}

// inReadWindow reports whether w's runner, written just before w joined, may still be
// missing because GitHub has not caught up.
func (e *Engine) inReadWindow(w *waiter) bool {
	return e.clock.Now().Sub(w.joined) < e.cfg.ReadWindow
}

// TimeoutError is a wait that its operation's deadline ended; LastStatus is the runner's
// status at the last read ("" when none was read).
type TimeoutError struct {
	LastStatus string
}

func (e *TimeoutError) Error() string {
	if e.LastStatus != "" {
		return "timed out; the runner's last status was " + e.LastStatus
	}
	return "timed out"
}

// Unwrap lets errors.Is(err, context.DeadlineExceeded) hold.
func (e *TimeoutError) Unwrap() error { return context.DeadlineExceeded }

// timeoutError words the end of a wait's context.
func timeoutError(err error, last *client.HostedRunner) error {
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if last != nil {
		return &TimeoutError{LastStatus: last.Status}
	}
	return &TimeoutError{}
}
