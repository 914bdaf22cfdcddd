package runnerwatch

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// fakeClock is a client.Clock whose sleeps end only when the test advances it.
type fakeClock struct {
	mu       sync.Mutex
	now      time.Time
	sleepers map[chan struct{}]time.Time
	slept    chan struct{} // closed (and replaced) when a sleep begins
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), sleepers: map[chan struct{}]time.Time{}, slept: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	ch := make(chan struct{})
	c.mu.Lock()
	c.sleepers[ch] = c.now.Add(d)
	close(c.slept)
	c.slept = make(chan struct{})
	c.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.sleepers, ch)
		c.mu.Unlock()
		return ctx.Err()
	}
}

// next returns the earliest wake-up time of a sleeper, waiting for one to begin sleeping (for
// 2 s of real time at most); false if none does or done (which may be nil) is closed.
func (c *fakeClock) next(done <-chan struct{}) (time.Time, bool) {
	limit := time.NewTimer(2 * time.Second)
	defer limit.Stop()
	for {
		select {
		case <-done:
			return time.Time{}, false
		default:
		}
		c.mu.Lock()
		var first time.Time
		for _, at := range c.sleepers {
			if first.IsZero() || at.Before(first) {
				first = at
			}
		}
		slept := c.slept
		c.mu.Unlock()
		if !first.IsZero() {
			return first, true
		}
		select {
		case <-slept:
		case <-done:
			return time.Time{}, false
		case <-limit.C:
			return time.Time{}, false
		}
	}
}

// advanceTo moves the clock to t and wakes every sleeper due by then.
func (c *fakeClock) advanceTo(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
	for ch, at := range c.sleepers {
		if !at.After(c.now) {
			close(ch)
			delete(c.sleepers, ch)
		}
	}
}

// drive advances the clock from sleep to sleep until done is closed or limit passes.
func (c *fakeClock) drive(t *testing.T, done <-chan struct{}, limit time.Duration) {
	t.Helper()
	end := c.Now().Add(limit)
	for {
		select {
		case <-done:
			return
		default:
		}
		at, ok := c.next(done)
		if !ok {
			select {
			case <-done:
				return
			default:
				t.Fatalf("nothing sleeps and the waits have not ended")
			}
		}
		if at.After(end) {
			t.Fatalf("the waits did not end within %s of the clock", limit)
		}
		c.quiesce()
		if at, ok = c.next(done); ok {
			c.advanceTo(at)
		}
	}
}

// quiesce waits (in real time) until the set of sleepers has not changed for 5 ms, so that
// every goroutine woken by the last advance has run up to its next sleep.
func (c *fakeClock) quiesce() {
	last, stable := -1, 0
	for stable < 5 {
		time.Sleep(time.Millisecond)
		c.mu.Lock()
		n := len(c.sleepers)
		c.mu.Unlock()
		if n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
}

// fakeScope is one scope's runners as a server holds them, with a request count per kind.
type fakeScope struct {
	clock *fakeClock

	mu        sync.Mutex
	runners   map[int64]*fakeRunner
	firsts    int
	lists     int
	pages     int // pages of the full lists
	gets      int
	listErrs  []error              // errors the next lists answer, in order
	block     chan struct{}        // when set, FirstRunnerPage waits for it
	latency   time.Duration        // how long each request takes on the clock
	writeWait func() time.Duration // how long a write would wait; none when nil
}

// fakeRunner becomes Ready at readyAt and, once deleted, is gone at goneAt.
type fakeRunner struct {
	readyAt time.Time
	goneAt  time.Time // zero while not deleted
}

func newFakeScope(clock *fakeClock) *fakeScope {
	return &fakeScope{clock: clock, runners: map[int64]*fakeRunner{}}
}

func (f *fakeScope) add(id int64, readyIn time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runners[id] = &fakeRunner{readyAt: f.clock.Now().Add(readyIn)}
}

func (f *fakeScope) remove(id int64, goneIn time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runners[id].goneAt = f.clock.Now().Add(goneIn)
}

// view returns the runners that exist now, sorted by id. Call with f.mu held.
func (f *fakeScope) view() []client.HostedRunner {
	now := f.clock.Now()
	var out []client.HostedRunner
	for id, r := range f.runners {
		status := client.StatusProvisioning
		switch {
		case !r.goneAt.IsZero() && !now.Before(r.goneAt):
			continue
		case !r.goneAt.IsZero():
			status = client.StatusDeleting
		case !now.Before(r.readyAt):
			status = client.StatusReady
		}
		out = append(out, client.HostedRunner{ID: id, Name: "r", Status: status})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (f *fakeScope) FirstRunnerPage(ctx context.Context, _ client.Scope) ([]client.HostedRunner, int, error) {
	f.travel(ctx)
	f.mu.Lock()
	block := f.block
	f.firsts++
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	all := f.view()
	return all[:min(len(all), client.ListPageSize)], len(all), nil
}

func (f *fakeScope) ListHostedRunnersChecked(ctx context.Context, _ client.Scope) ([]client.HostedRunner, bool, error) {
	f.travel(ctx)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	if len(f.listErrs) > 0 {
		err := f.listErrs[0]
		f.listErrs = f.listErrs[1:]
		return nil, false, err
	}
	all := f.view()
	f.pages += max(1, (len(all)+client.ListPageSize-1)/client.ListPageSize)
	return all, true, nil
}

func (f *fakeScope) GetHostedRunner(ctx context.Context, _ client.Scope, id int64) (*client.HostedRunner, error) {
	f.travel(ctx)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gets++
	for _, r := range f.view() {
		if r.ID == id {
			return &r, nil
		}
	}
	return nil, &client.APIError{StatusCode: http.StatusNotFound, Message: "Not Found"}
}

// travel is a request's way to the server: the fake's latency on the clock.
func (f *fakeScope) travel(ctx context.Context) {
	f.mu.Lock()
	latency := f.latency
	f.mu.Unlock()
	if latency > 0 {
		_ = f.clock.Sleep(ctx, latency)
	}
}

// WriteWait is what the test's writeWait function says; none when it is not set.
func (f *fakeScope) WriteWait() time.Duration {
	f.mu.Lock()
	wait := f.writeWait
	f.mu.Unlock()
	if wait == nil {
		return 0
	}
	return wait()
}

// counts returns the first pages, full lists and single GETs so far.
func (f *fakeScope) counts() (int, int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.firsts, f.lists, f.gets
}

var errServer = errors.New("502 Bad Gateway")
