package runnerwatch

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// drive moves fake from wake to wake until done is closed: each time every other goroutine of
// the test's synctest bubble is blocked (so that every goroutine the last move woke has run on
// to its next sleep or its end), to the earliest time a sleeper is due. It fails the test when
// nothing sleeps while done is open, or when the waits outlast limit on the clock.
func drive(t *testing.T, fake *clock.Fake, done <-chan struct{}, limit time.Duration) {
	t.Helper()
	end := fake.Now().Add(limit)
	for {
		synctest.Wait()
		select {
		case <-done:
			return
		default:
		}
		at, ok := fake.NextWake()
		if !ok {
			t.Fatal("nothing sleeps and the waits have not ended")
		}
		if at.After(end) {
			t.Fatalf("the waits did not end within %s of the clock", limit)
		}
		fake.Set(at)
	}
}

// fakeScope is one scope's runners as a server holds them, with a request count per kind.
type fakeScope struct {
	clock *clock.Fake

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

func newFakeScope(fake *clock.Fake) *fakeScope {
	return &fakeScope{clock: fake, runners: map[int64]*fakeRunner{}}
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
