package runnerwatch

import (
	"context"
	"sync"
	"testing"
	"time"
)

// simulateApply creates n runners the way Terraform and the client do, on the fake clock:
// slots creates at a time, writes spaced by gap (one at a time), each runner Ready after
// provision. It returns how long the apply took and how many reads the waits cost.
func simulateApply(t *testing.T, n, slots int, gap, provision time.Duration) (time.Duration, int) {
	t.Helper()
	e, clock, f := newTestEngine()
	start := clock.Now()
	var mu sync.Mutex
	nextWrite, nextID := start, int64(0)
	f.backlog = func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return max(nextWrite.Sub(clock.Now())-gap, 0)
	}
	work := make(chan struct{}, n)
	for range n {
		work <- struct{}{}
	}
	close(work)
	var wg sync.WaitGroup
	for range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				since := clock.Now()
				mu.Lock()
				at := nextWrite
				if now := clock.Now(); at.Before(now) {
					at = now
				}
				nextWrite = at.Add(gap)
				nextID++
				id := nextID
				mu.Unlock()
				_ = clock.Sleep(context.Background(), at.Sub(clock.Now()))
				f.add(id, provision)
				if _, err := e.WaitReady(context.Background(), f, acme, id, since, Want{}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	clock.drive(t, done, time.Hour)
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
		// The floor is 99 s of write spacing plus 5 s of provisioning; polling every second
		// would cost about 100 reads. While writes queue, the first runner is read once it
		// could be ready, not every second before that.
		{"one_write_a_second", time.Second, 106 * time.Second, 20},
		// The floor is 10 waves of 5 s: the first wave learns how long provisioning takes
		// (reads at 1 s to 5 s), each later one is read once.
		{"no_write_spacing", 0, 51 * time.Second, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wall, reads := simulateApply(t, 100, 10, tc.gap, 5*time.Second)
			t.Logf("100 runners: %s, %d reads", wall, reads)
			if wall > tc.maxWall || reads > tc.maxReads {
				t.Fatalf("creating 100 runners took %s and %d reads; want at most %s and %d", wall, reads, tc.maxWall, tc.maxReads)
			}
		})
	}
}
