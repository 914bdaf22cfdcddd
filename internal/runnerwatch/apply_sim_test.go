package runnerwatch

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// simGate is the client's write gate as the simulation needs it: one write at a time, each
// sent at least gap after the previous one was answered.
type simGate struct {
	clock *clock.Fake
	gap   time.Duration
	turn  chan struct{}

	mu    sync.Mutex
	last  time.Time // when the previous write was answered
	ahead int       // writes queued or being sent
}

// write sends one write that takes latency to answer, running created when it arrives.
func (g *simGate) write(latency time.Duration, created func()) {
	if g.gap > 0 {
		g.mu.Lock()
		g.ahead++
		g.mu.Unlock()
		g.turn <- struct{}{}
		defer func() {
			g.mu.Lock()
			g.last = g.clock.Now()
			g.ahead--
			g.mu.Unlock()
			<-g.turn
		}()
		g.mu.Lock()
		next := g.last.Add(g.gap)
		g.mu.Unlock()
		_ = g.clock.Sleep(context.Background(), next.Sub(g.clock.Now()))
	}
	created()
	_ = g.clock.Sleep(context.Background(), latency)
}

// wait is how long a write started now would wait, as client.Client.WriteWait says: the rest
// of the spacing, then a gap for every write ahead of it.
func (g *simGate) wait() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gap <= 0 {
		return 0
	}
	return max(g.last.Add(g.gap).Sub(g.clock.Now()), 0) + time.Duration(g.ahead)*g.gap
}

// simulateApply creates n runners the way Terraform and the client do, on the fake clock of a
// synctest bubble: slots creates at a time (each slot taking turnaround to start its next
// create), writes through a gate that spaces them by gap, every request answered after
// latency, each runner Ready provision after its POST arrived. It returns how long the apply took and how many
// reads the waits cost.
func simulateApply(t *testing.T, n, slots int, gap, provision time.Duration) (time.Duration, int) {
	t.Helper()
	const latency, turnaround = 50 * time.Millisecond, 20 * time.Millisecond
	e, clock, f := newTestEngine()
	start := clock.Now()
	gate := &simGate{clock: clock, gap: gap, turn: make(chan struct{}, 1)}
	f.latency, f.writeWait = latency, gate.wait
	work := make(chan int64, n)
	for id := range int64(n) {
		work <- id + 1
	}
	close(work)
	var wg sync.WaitGroup
	for range slots {
		wg.Go(func() {
			for id := range work {
				since := clock.Now()
				gate.write(latency, func() { f.add(id, provision) })
				if _, err := e.WaitReady(context.Background(), f, acme, id, since, Want{}); err != nil {
					t.Error(err)
				}
				_ = clock.Sleep(context.Background(), turnaround)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	drive(t, clock, done, time.Hour)
	_, lists, gets := f.counts()
	return clock.Now().Sub(start), lists + gets
}

// TestApplyCostAndPace: creating 100 runners with the provider's defaults (one write a
// second, Terraform's 10 slots) costs few reads and keeps the writes' pace; with no write
// spacing (waves of 10) every wave is read about once and noticed at once.
func TestApplyCostAndPace(t *testing.T) {
	for _, tc := range []struct {
		name     string
		gap      time.Duration
		maxWall  time.Duration
		maxReads int
	}{
		// The floor is 99 writes spaced by 1.05 s (the gap after each 50 ms answer), then 5 s
		// of provisioning and a read. A read just before the gate would take a write at once
		// frees every slot that is ready, and nothing reads while writes queue.
		{"one_write_a_second", time.Second, 110 * time.Second, 18},
		// The floor is 10 waves of 5 s: the first wave learns how long provisioning takes
		// (reads at 1 s to 5 s), each later one is read once.
		{"no_write_spacing", 0, 52 * time.Second, 14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				wall, reads := simulateApply(t, 100, 10, tc.gap, 5*time.Second)
				t.Logf("100 runners: %s, %d reads", wall, reads)
				if wall > tc.maxWall || reads > tc.maxReads {
					t.Fatalf("creating 100 runners took %s and %d reads; want at most %s and %d", wall, reads, tc.maxWall, tc.maxReads)
				}
			})
		})
	}
}
