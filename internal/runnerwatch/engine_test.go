package runnerwatch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

var acme = client.Organization("acme")

// newTestEngine returns an engine and a fake scope on one fake clock. Inside a synctest
// bubble the clock starts at the bubble's time, on which contexts' deadlines are set.
func newTestEngine() (*Engine, *clock.Fake, *fakeScope) {
	fake := clock.NewFake(time.Now())
	return New(fake, Config{PollMin: time.Second, PollMax: 15 * time.Second, ReadWindow: time.Minute}), fake, newFakeScope(fake)
}

// waitAll runs one WaitReady per id concurrently, drives the clock (once every wait has
// begun) until all end, and returns their errors by id. Call it inside a synctest bubble.
func waitAll(t *testing.T, e *Engine, clock *clock.Fake, api Lister, ids []int64) map[int64]error {
	t.Helper()
	errs := map[int64]error{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	since := clock.Now()
	for _, id := range ids {
		wg.Go(func() {
			_, err := e.WaitReady(context.Background(), api, acme, id, since, Want{})
			mu.Lock()
			errs[id] = err
			mu.Unlock()
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	drive(t, clock, done, time.Hour)
	return errs
}

// TestWaitReadyTicks: a lone waiter is read PollMin after it joins and then every
// max(PollMin, age/5); it ends at the first read that shows it Ready.
func TestWaitReadyTicks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		f.add(1, 10*time.Second)
		start := clock.Now()
		if errs := waitAll(t, e, clock, f, []int64{1}); errs[1] != nil {
			t.Fatal(errs[1])
		}
		// Reads at 1..10 s (a fifth of the age stays under PollMin until 5 s, then 1-2 s).
		_, lists, gets := f.counts()
		if took := clock.Now().Sub(start); took < 10*time.Second || took > 12*time.Second {
			t.Fatalf("the wait took %s of the clock, want 10 s to 12 s", took)
		}
		if lists+gets < 5 || lists+gets > 10 {
			t.Fatalf("%d lists and %d GETs for one 10 s wait, want 5 to 10 reads", lists, gets)
		}
	})
}

// TestManyWaitersShareReads: 50 runners waiting together are read by lists, one per tick,
// never one request per runner per tick; a second wave is read once, when the first wave's
// time has passed.
func TestManyWaitersShareReads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		ids := make([]int64, 50)
		for i := range ids {
			ids[i] = int64(i + 1)
			f.add(ids[i], 5*time.Second)
		}
		for id, err := range waitAll(t, e, clock, f, ids) {
			if err != nil {
				t.Fatalf("runner %d: %v", id, err)
			}
		}
		_, lists, gets := f.counts()
		if gets != 0 || lists > 5 {
			t.Fatalf("50 waiters of 5 s took %d lists and %d GETs; want at most 5 lists (one per tick) and no GET", lists, gets)
		}
		for i := range ids {
			ids[i] += 100
			f.add(ids[i], 5*time.Second)
		}
		for id, err := range waitAll(t, e, clock, f, ids) {
			if err != nil {
				t.Fatalf("runner %d: %v", id, err)
			}
		}
		if _, again, _ := f.counts(); again-lists != 1 {
			t.Fatalf("the second wave took %d lists, want 1: the run learned how long provisioning takes", again-lists)
		}
	})
}

// TestFailedListFallsBackToGets: one list that fails does not fail the waiters: the due ones
// are read one by one for that tick.
func TestFailedListFallsBackToGets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		f.listErrs = []error{errServer}
		ids := []int64{1, 2, 3}
		for _, id := range ids {
			f.add(id, 3*time.Second)
		}
		for id, err := range waitAll(t, e, clock, f, ids) {
			if err != nil {
				t.Fatalf("runner %d failed with the list: %v", id, err)
			}
		}
		if _, _, gets := f.counts(); gets != len(ids) {
			t.Fatalf("%d GETs after the failed list, want one per waiter (%d)", gets, len(ids))
		}
	})
}

// TestCancelEndsOnlyThatWait: a cancelled wait returns at once with the context's error; the
// other waiter goes on, and the watcher stops once nobody waits.
func TestCancelEndsOnlyThatWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		f.add(1, time.Hour)
		f.add(2, 3*time.Second)
		ctx, cancel := context.WithCancel(context.Background())
		cancelled := make(chan error, 1)
		go func() {
			_, err := e.WaitReady(ctx, f, acme, 1, clock.Now(), Want{})
			cancelled <- err
		}()
		synctest.Wait()
		if clock.Sleepers() != 1 {
			t.Fatal("the watcher does not sleep")
		}
		cancel()
		if err := <-cancelled; !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled wait returned %v", err)
		}
		if errs := waitAll(t, e, clock, f, []int64{2}); errs[2] != nil {
			t.Fatal(errs[2])
		}
		synctest.Wait()
		s := e.forScope(acme)
		s.mu.Lock()
		watching := s.watching
		s.mu.Unlock()
		if watching {
			t.Fatal("the watcher still runs with no waiter")
		}
	})
}

// TestDeadlineNamesLastStatus: a wait cut short by its operation's deadline says it timed
// out and names the runner's last status.
func TestDeadlineNamesLastStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		f.add(1, time.Hour)
		// The deadline is on the bubble's time, which moves on only when every goroutine of
		// the bubble is blocked: here once the runner was read, as the test awaits the outcome.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		out := make(chan error, 1)
		go func() {
			_, err := e.WaitReady(ctx, f, acme, 1, clock.Now(), Want{})
			out <- err
		}()
		synctest.Wait()
		at, ok := clock.NextWake()
		if !ok {
			t.Fatal("the watcher does not sleep")
		}
		clock.Set(at)
		synctest.Wait()
		if _, lists, gets := f.counts(); lists+gets != 1 {
			t.Fatalf("%d lists and %d GETs at the first tick, want one read", lists, gets)
		}
		if err := <-out; err == nil || err.Error() != "timed out; the runner's last status was Provisioning" {
			t.Fatalf("the wait ended with %v", err)
		}
	})
}

// TestStatusesThatEndAWait: Stuck, Shutdown and Deleting end a wait until ready with an
// error; Ready ends it only once it shows what was asked.
func TestStatusesThatEndAWait(t *testing.T) {
	size := "8-core"
	for _, tc := range []struct {
		r       client.HostedRunner
		want    Want
		done    bool
		failing bool
	}{
		{client.HostedRunner{Status: client.StatusProvisioning}, Want{}, false, false},
		{client.HostedRunner{Status: client.StatusReady}, Want{}, true, false},
		{client.HostedRunner{Status: client.StatusReady}, Want{IPs: true}, false, false},
		{client.HostedRunner{Status: client.StatusReady, PublicIPs: []client.PublicIP{{Prefix: "20.1.1.0"}}}, Want{IPs: true}, true, false},
		{client.HostedRunner{Status: client.StatusReady, MachineSizeDetails: client.MachineSpec{ID: "4-core"}}, Want{Update: &client.UpdateHostedRunnerRequest{Size: &size}}, false, false},
		{client.HostedRunner{Status: client.StatusStuck}, Want{}, true, true},
		{client.HostedRunner{Status: client.StatusShutdown}, Want{}, true, true},
		{client.HostedRunner{Status: client.StatusDeleting}, Want{}, true, true},
	} {
		done, err := Done(&tc.r, tc.want)
		if done != tc.done || (err != nil) != tc.failing {
			t.Errorf("Done(%s, %+v) = %v, %v; want %v, failing %v", tc.r.Status, tc.want, done, err, tc.done, tc.failing)
		}
	}
}

// TestWaitGoneFromLists: runners deleted together are confirmed gone by the lists that
// showed them Deleting and then, read whole, no longer hold them: no GET per runner.
func TestWaitGoneFromLists(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		var ids []int64
		for i := range 150 {
			ids = append(ids, int64(i+1))
			f.add(int64(i+1), 0)
		}
		for _, id := range ids {
			f.remove(id, 5*time.Second)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(ids))
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- e.WaitGone(context.Background(), f, acme, id, clock.Now())
			}()
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		drive(t, clock, done, time.Hour)
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, lists, gets := f.counts(); gets != 0 || lists > 6 {
			t.Fatalf("confirming 150 deletions took %d lists and %d GETs; want at most 6 lists and no GET", lists, gets)
		}
	})
}

// TestGetCostsTheCheaperWay: a refresh of 3 runners in a scope of 1,000 costs the first page
// and 3 GETs; a refresh of a whole scope of 500 costs at most 2 requests per 100 runners.
func TestGetCostsTheCheaperWay(t *testing.T) {
	for _, tc := range []struct {
		scope, read, most int
	}{{1000, 3, 4}, {500, 500, 10}, {162, 12, 3}, {80, 80, 1}} {
		t.Run(fmt.Sprintf("%d_of_%d", tc.read, tc.scope), func(t *testing.T) {
			e, clock, f := newTestEngine()
			for i := range tc.scope {
				f.add(int64(i+1), 0)
			}
			_ = clock
			var wg sync.WaitGroup
			sem := make(chan struct{}, 10) // Terraform's -parallelism
			for i := range tc.read {
				id := int64(tc.scope - i) // the last runners: on the list's last pages
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					r, err := e.Get(context.Background(), f, acme, id)
					if err != nil || r == nil || r.ID != id {
						t.Errorf("Get(%d) = %v, %v", id, r, err)
					}
				}()
			}
			wg.Wait()
			f.mu.Lock()
			total := f.firsts + f.pages + f.gets
			f.mu.Unlock()
			if total > tc.most {
				t.Fatalf("reading %d runners of %d cost %d requests (%d first pages, %d list pages, %d GETs), want at most %d",
					tc.read, tc.scope, total, f.firsts, f.pages, f.gets, tc.most)
			}
		})
	}
}

// TestSingleFlight: concurrent Gets of a scope share one read of its first page.
func TestSingleFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, _, f := newTestEngine()
		for i := range 20 {
			f.add(int64(i+1), 0)
		}
		f.block = make(chan struct{})
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r, err := e.Get(context.Background(), f, acme, int64(i+1)); err != nil || r == nil {
					t.Errorf("Get(%d) = %v, %v", i+1, r, err)
				}
			}()
		}
		synctest.Wait() // every Get is waiting: one for the first page, the others for its answer
		close(f.block)
		wg.Wait()
		if firsts, lists, gets := f.counts(); firsts != 1 || lists != 0 || gets != 0 {
			t.Fatalf("20 concurrent Gets took %d first pages, %d lists and %d GETs; want 1, 0 and 0", firsts, lists, gets)
		}
	})
}

// TestRunnersSeesOwnWrites: Runners shows the provider's own writes over an older list: a
// created runner, and a deleted one as Deleting until its wait confirmed it gone.
func TestRunnersSeesOwnWrites(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		f.add(1, 0)
		if got, err := e.Runners(context.Background(), f, acme); err != nil || len(got) != 1 || got[0].ID != 1 {
			t.Fatalf("Runners = %v, %v; want runner 1", got, err)
		}
		e.Drop(acme, 1)
		if got, _ := e.Runners(context.Background(), f, acme); len(got) != 1 || got[0].Status != client.StatusDeleting {
			t.Fatalf("after Drop, Runners = %v; want runner 1 Deleting", got)
		}
		f.remove(1, 0)
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := e.WaitGone(context.Background(), f, acme, 1, clock.Now()); err != nil {
				t.Error(err)
			}
		}()
		drive(t, clock, done, time.Minute)
		if got, _ := e.Runners(context.Background(), f, acme); len(got) != 0 {
			t.Fatalf("after the wait, Runners = %v; want nothing", got)
		}
	})
}

// TestReadWaitsWhileWritesQueue: while a write started now would wait 8 s for its turn,
// runners ready at 2 s are read once, just before that write would go at once, not as soon
// as they are due; a waiter whose operation ends sooner is read in time for it.
func TestReadWaitsWhileWritesQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock, f := newTestEngine()
		start := clock.Now()
		writesEnd := start.Add(8 * time.Second)
		f.writeWait = func() time.Duration { return max(writesEnd.Sub(clock.Now()), 0) }
		ids := []int64{1, 2, 3}
		for _, id := range ids {
			f.add(id, 2*time.Second)
		}
		for id, err := range waitAll(t, e, clock, f, ids) {
			if err != nil {
				t.Fatalf("runner %d: %v", id, err)
			}
		}
		_, lists, gets := f.counts()
		took := clock.Now().Sub(start)
		if lists != 1 || gets != 0 || took < 7*time.Second || took > 8*time.Second {
			t.Fatalf("3 runners ready at 2 s behind 8 s of writes took %s, %d lists and %d GETs; want one list between 7 s and 8 s", took, lists, gets)
		}

		now := clock.Now()
		w := &waiter{since: now, joined: now, due: now, until: now.Add(3 * time.Second)}
		if got := e.tolerance(w, now.Add(10*time.Second)); got != 2*time.Second {
			t.Fatalf("a waiter due now whose operation ends in 3 s may be read %s late while writes queue for 10 s; want 2 s (a PollMin before its end)", got)
		}
		w.until = time.Time{}
		if got := e.tolerance(w, now.Add(time.Minute)); got != 15*time.Second {
			t.Fatalf("tolerance %s behind a minute of writes, want PollMax (15 s)", got)
		}
	})
}
