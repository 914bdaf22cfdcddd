package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// Waiting is shared per scope: every runner of a scope that waits to become Ready or to be gone
// registers a waiter, and one watcher goroutine lists the scope once per tick and wakes each
// waiter whose condition the list shows. Creating 100 runners then costs one list per tick, not
// 100 polls, and with conditional requests (client/etag.go) an unchanged page answers 304.
//
// The tick is pollMin while the youngest waiter is young and grows to a fifth of its age, up to
// pollMax: a runner is noticed at most a fifth of its wait (or pollMin) after it is ready, and a
// long wait polls rarely. The watcher stops when it has no waiters; a waiter leaves when its
// operation's context ends, so no wait outlives its deadline. When fewer waiters remain than the
// list has pages, the watcher reads them one by one instead.

// waiter is one runner waiting in its scope's watcher. Its mutable fields are guarded by the
// scope's mutex.
type waiter struct {
	id      int64
	gone    bool // waiting until GitHub no longer has the runner (else until it is Ready)
	wantIPs bool
	update  *client.UpdateHostedRunnerRequest
	joined  time.Time
	joinSeq uint64    // lists with a higher sequence started after the waiter joined
	until   time.Time // the operation's deadline; zero if none
	last    *client.HostedRunner
	listed  bool       // seen in one of the scope's lists since it joined (watcher goroutine only)
	done    chan error // receives the outcome once
}

// waitReady waits until runner id is Ready, with its public IPs when wantIPs, and (after an
// update) showing the update's fields, so that no stale value reaches state. Stuck, Shutdown
// and Deleting are errors. A runner missing right after the write is GitHub catching up and is
// waited for within a bounded window. It returns the last runner it saw, also on error.
func (d *providerData) waitReady(ctx context.Context, c *client.Client, scope client.Scope, id int64, wantIPs bool, update *client.UpdateHostedRunnerRequest) (*client.HostedRunner, error) {
	w := &waiter{id: id, wantIPs: wantIPs, update: update}
	err := d.await(ctx, c, scope, w)
	s := d.runners.forScope(scope)
	s.mu.Lock()
	defer s.mu.Unlock()
	return w.last, err
}

// waitGone waits until GitHub no longer has runner id: a GET of it answers 404, or it is
// absent from a complete list of the scope after a list showed it being deleted (a list that
// never showed it proves nothing: some servers leave out runners that are being deleted).
func (d *providerData) waitGone(ctx context.Context, c *client.Client, scope client.Scope, id int64) error {
	return d.await(ctx, c, scope, &waiter{id: id, gone: true})
}

// await registers w with its scope's watcher, starting the watcher if none runs, and waits for
// w's outcome or the end of ctx.
func (d *providerData) await(ctx context.Context, c *client.Client, scope client.Scope, w *waiter) error {
	s := d.runners.forScope(scope)
	w.done = make(chan error, 1)
	w.joined = d.settings.clock.Now()
	w.until, _ = ctx.Deadline()

	s.mu.Lock()
	w.joinSeq = s.seq
	s.waiters[w] = struct{}{}
	if !s.watching {
		s.watching = true
		// The watcher outlives this caller's request but keeps its logger.
		go d.watch(context.WithoutCancel(ctx), c, s)
	} else if s.wake != nil {
		s.wake()
	}
	s.mu.Unlock()

	select {
	case err := <-w.done:
		return d.settle(s, w, err)
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
		return d.settle(s, w, <-w.done)
	}
	return timeoutError(ctx.Err(), last)
}

// settle words w's outcome: a request that the operation's deadline cut short is the same
// timeout as a deadline that ends a sleep, naming the runner's last status.
func (d *providerData) settle(s *scopeRunners, w *waiter, err error) error {
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	s.mu.Lock()
	last := w.last
	s.mu.Unlock()
	return timeoutError(context.DeadlineExceeded, last)
}

// watch is the scope's watcher goroutine: it sleeps a tick (cut short when a waiter joins or
// leaves, to plan again), then observes every waiter, until no waiter is left.
func (d *providerData) watch(ctx context.Context, c *client.Client, s *scopeRunners) {
	clock := d.settings.clock
	last := clock.Now()
	var seen uint64 // the sequence of the list the previous tick used
	for {
		s.mu.Lock()
		if len(s.waiters) == 0 {
			s.watching, s.wake = false, nil
			s.mu.Unlock()
			return
		}
		next := last.Add(d.tick(s))
		sleepCtx, wake := context.WithCancel(ctx)
		s.wake = wake
		s.mu.Unlock()

		err := clock.Sleep(sleepCtx, next.Sub(clock.Now()))
		wake()
		if err != nil {
			continue // woken early: the waiters changed
		}
		seen = d.observe(ctx, c, s, seen)
		last = clock.Now()
	}
}

// tick is the time between two observations: a fifth of the youngest waiter's age, within
// [pollMin, pollMax]. Call with s.mu held.
func (d *providerData) tick(s *scopeRunners) time.Duration {
	var youngest time.Time
	for w := range s.waiters {
		if w.joined.After(youngest) {
			youngest = w.joined
		}
	}
	return min(max(d.settings.clock.Now().Sub(youngest)/5, d.settings.pollMin), d.settings.pollMax)
}

// observe reads the state of every waiter's runner, by one list of the scope (a list newer
// than seen and than every waiter) or, when that would cost more pages than there are
// waiters, one GET each; it returns the sequence of the list it used.
func (d *providerData) observe(ctx context.Context, c *client.Client, s *scopeRunners, seen uint64) uint64 {
	s.mu.Lock()
	due := make([]*waiter, 0, len(s.waiters))
	after, until, bounded := seen, time.Time{}, true
	for w := range s.waiters {
		due = append(due, w)
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
		alone = nil
		snap, err := s.snapshot(ctx, c, after)
		switch {
		case errors.Is(err, errListUnavailable):
			alone = due
		case err != nil:
			for _, w := range due {
				d.finish(s, w, err)
			}
			return seen
		default:
			seen = snap.seq
			for _, w := range due {
				if snap.seq <= w.joinSeq {
					continue
				}
				if r, ok := snap.runners[w.id]; ok {
					w.listed = true
					d.seen(s, w, &r)
					continue
				}
				switch {
				case w.gone && snap.complete && w.listed:
					// The list showed the runner while GitHub deleted it and now does not: gone.
					// A runner never listed since the DELETE is confirmed by a GET's 404 instead,
					// in case the list leaves out runners that are still being deleted.
					d.finish(s, w, nil)
				case !w.gone && d.inReadWindow(w):
				default:
					alone = append(alone, w) // absent from a list that may have skipped it: ask GitHub
				}
			}
		}
	}
	for _, w := range alone {
		if !d.waiting(s, w) {
			continue
		}
		r, err := c.GetHostedRunner(ctx, s.scope, w.id)
		switch {
		case client.IsNotFound(err) && w.gone:
			d.finish(s, w, nil)
		case client.IsNotFound(err) && d.inReadWindow(w):
		case client.IsNotFound(err):
			d.finish(s, w, fmt.Errorf("GitHub still answers 404 for runner %d %s after it was written; it may have been deleted", w.id, d.settings.readWindow))
		case err != nil:
			d.finish(s, w, err)
		default:
			d.seen(s, w, r)
		}
	}
	return seen
}

// seen applies an observation of w's runner: a runner waited for to be gone is still there;
// one waited for to be ready is done when Ready (with IPs and the update's fields as asked),
// and fails when Stuck, Shutdown or Deleting.
func (d *providerData) seen(s *scopeRunners, w *waiter, r *client.HostedRunner) {
	s.mu.Lock()
	w.last = r
	s.mu.Unlock()
	if w.gone {
		return
	}
	switch r.Status {
	case client.StatusStuck, client.StatusShutdown, client.StatusDeleting:
		d.finish(s, w, fmt.Errorf("the runner's status is %s", r.Status))
	case client.StatusReady:
		if (!w.wantIPs || len(r.PublicIPs) > 0) && reflects(r, w.update) {
			d.finish(s, w, nil)
		}
	}
}

// finish hands w its outcome and removes it from the watcher, once.
func (d *providerData) finish(s *scopeRunners, w *waiter, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.waiters[w]; ok {
		delete(s.waiters, w)
		w.done <- err
	}
}

// waiting reports whether w still waits.
func (d *providerData) waiting(s *scopeRunners, w *waiter) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.waiters[w]
	return ok
}

// inReadWindow reports whether w's runner, written just before w joined, may still be
// missing because GitHub has not caught up.
func (d *providerData) inReadWindow(w *waiter) bool {
	return d.settings.clock.Now().Sub(w.joined) < d.settings.readWindow
}

func timeoutError(err error, last *client.HostedRunner) error {
	if errors.Is(err, context.DeadlineExceeded) && last != nil {
		return fmt.Errorf("timed out; the runner's last status was %s", last.Status)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("timed out")
	}
	return err
}

// reflects reports whether r shows every field an update set.
func reflects(r *client.HostedRunner, u *client.UpdateHostedRunnerRequest) bool {
	if u == nil {
		return true
	}
	return (u.Name == nil || *u.Name == r.Name) &&
		(u.Size == nil || *u.Size == r.MachineSizeDetails.ID) &&
		(u.RunnerGroupID == nil || r.RunnerGroupID == 0 || *u.RunnerGroupID == r.RunnerGroupID) &&
		(u.MaximumRunners == nil || r.MaximumRunners == nil || *u.MaximumRunners == *r.MaximumRunners) &&
		(u.EnableStaticIP == nil || *u.EnableStaticIP == r.PublicIPEnabled) &&
		(u.ImageID == nil || r.ImageDetails == nil || *u.ImageID == r.ImageDetails.ID)
}
