package clock

import (
	"context"
	"sync"
	"time"
)

// Fake is a Clock for tests. Its time moves only when told to: by Advance or Set, or, when it
// was made by NewAutoFake, by each Sleep, which then returns at once. A Sleep never lasts past
// its context's deadline, read on the fake's own time: a sleeper whose deadline the fake time
// reaches returns context.DeadlineExceeded, so a test of a 20-minute timeout takes no real time
// (unless WallDeadlines). It is safe for concurrent use.
type Fake struct {
	mu       sync.Mutex
	now      time.Time
	auto     bool
	sleepers map[*sleeper]struct{}
	slept    []time.Duration
	changed  chan struct{} // closed and replaced whenever a sleep begins or ends
	// leads holds, once WallDeadlines was called, each context deadline Left met and the
	// fake's lead over the wall clock then; nil otherwise.
	leads map[time.Time]time.Duration
}

type sleeper struct {
	until    time.Time
	deadline time.Time // zero when the context has none
	wake     chan error
}

// NewFake returns a Fake that reads start until it is moved on.
func NewFake(start time.Time) *Fake {
	return &Fake{now: start, sleepers: map[*sleeper]struct{}{}, changed: make(chan struct{})}
}

// NewAutoFake returns a Fake on which every Sleep moves the time on by its duration and returns
// at once: concurrent sleepers each move it, so it may run ahead of any one of them.
func NewAutoFake(start time.Time) *Fake {
	f := NewFake(start)
	f.auto = true
	return f
}

// WallDeadlines makes f read contexts' deadlines as set on the wall clock, for tests whose
// deadlines f does not set (Terraform's timeouts, the client's read timeout) while f runs
// ahead of the wall clock: concurrent sleepers of an auto fake each move it on, so an
// operation's deadline read on f's time as it is would have passed before the operation began.
// A Sleep then leaves the deadline to its context, which ends it in real time; Left places the
// deadline on f's time by the lead f had over the wall clock when it first met that deadline,
// so that an operation keeps the whole of its timeout that earlier operations did not use.
// It returns f.
func (f *Fake) WallDeadlines() *Fake {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.leads = map[time.Time]time.Duration{}
	return f
}

// sleepDeadline is when a Sleep on ctx ends at the latest, on f's time: ctx's deadline, or
// zero when it has none or WallDeadlines leaves it to ctx. Call with f.mu held.
func (f *Fake) sleepDeadline(ctx context.Context) time.Time {
	if f.leads != nil {
		return time.Time{}
	}
	d, _ := ctx.Deadline()
	return d
}

// left is how long is left, on f, before ctx's deadline; false when ctx has none.
func (f *Fake) left(ctx context.Context) (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := ctx.Deadline()
	if !ok || f.leads == nil {
		return d.Sub(f.now), ok
	}
	lead, met := f.leads[d]
	if !met {
		lead = time.Until(f.now) // how far the fake is ahead of the wall clock
		f.leads[d] = lead
	}
	return d.Add(lead).Sub(f.now), true
}

// Now returns the fake's time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Sleep waits until the fake's time has moved on by d, ctx ends, or the fake's time reaches
// ctx's deadline.
func (f *Fake) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	f.mu.Lock()
	deadline := f.sleepDeadline(ctx)
	f.slept = append(f.slept, d)
	until := f.now.Add(d)
	if f.auto {
		if !deadline.IsZero() && !until.Before(deadline) {
			f.now = later(f.now, deadline)
			f.mu.Unlock()
			return context.DeadlineExceeded
		}
		f.now = until
		f.mu.Unlock()
		return nil
	}
	s := &sleeper{until: until, deadline: deadline, wake: make(chan error, 1)}
	f.sleepers[s] = struct{}{}
	f.signal()
	f.mu.Unlock()
	select {
	case err := <-s.wake:
		return err
	case <-ctx.Done():
		f.mu.Lock()
		delete(f.sleepers, s)
		f.signal()
		f.mu.Unlock()
		return ctx.Err()
	}
}

// Advance moves the fake's time on by d and wakes every sleeper that is due.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setLocked(f.now.Add(d))
}

// Set moves the fake's time to t (never back) and wakes every sleeper that is due.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setLocked(later(f.now, t))
}

func (f *Fake) setLocked(t time.Time) {
	f.now = t
	for s := range f.sleepers {
		switch {
		case !s.deadline.IsZero() && !t.Before(s.deadline) && s.deadline.Before(s.until):
			s.wake <- context.DeadlineExceeded
		case !t.Before(s.until):
			s.wake <- nil
		default:
			continue
		}
		delete(f.sleepers, s)
		f.signal()
	}
}

// signal tells WaitForSleepers that the set of sleepers changed; f.mu is held.
func (f *Fake) signal() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// Sleepers is how many goroutines are sleeping on the fake now.
func (f *Fake) Sleepers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sleepers)
}

// WaitForSleepers blocks until at least n goroutines sleep on the fake, or ctx ends.
func (f *Fake) WaitForSleepers(ctx context.Context, n int) error {
	for {
		f.mu.Lock()
		count, changed := len(f.sleepers), f.changed
		f.mu.Unlock()
		if count >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// NextWake is the earliest time a sleeper is due; false when none sleeps.
func (f *Fake) NextWake() (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var first time.Time
	for s := range f.sleepers {
		due := s.until
		if !s.deadline.IsZero() && s.deadline.Before(due) {
			due = s.deadline
		}
		if first.IsZero() || due.Before(first) {
			first = due
		}
	}
	return first, !first.IsZero()
}

// Slept lists every wait asked of the fake, in the order asked.
func (f *Fake) Slept() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

// Longest is the longest single wait asked of the fake.
func (f *Fake) Longest() time.Duration {
	var most time.Duration
	for _, d := range f.Slept() {
		most = max(most, d)
	}
	return most
}

// Total is the sum of every wait asked of the fake.
func (f *Fake) Total() time.Duration {
	var sum time.Duration
	for _, d := range f.Slept() {
		sum += d
	}
	return sum
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
