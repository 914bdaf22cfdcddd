package provider

import (
	"context"
	"sync"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// fakeClock is a client.Clock on the mock's ManualClock: Sleep advances the mock's time at
// once, so a 60 s rate-limit wait or a ten-minute provisioning costs nothing. It records
// every wait. A tiny real pause per Sleep keeps loops that would poll forever cheap.
//
// Simulated time starts at the wall clock's second and only moves forward, by the sum of
// every Sleep of every goroutine: concurrent sleepers each advance it, so it can run ahead
// of any one waiter. Deadlines in the provider (Terraform's timeouts, the request timeout)
// stay on the wall clock.
type fakeClock struct {
	mc *mockgithub.ManualClock

	mu    sync.Mutex
	slept []time.Duration
}

// newFakeClock returns a fake clock that reads the current wall-clock second.
func newFakeClock() *fakeClock {
	return &fakeClock{mc: mockgithub.NewManualClock(time.Now().Truncate(time.Second))}
}

func (c *fakeClock) Now() time.Time { return c.mc.Now() }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.mc.Advance(d)
		c.mu.Lock()
		c.slept = append(c.slept, d)
		c.mu.Unlock()
	}
	time.Sleep(200 * time.Microsecond)
	return ctx.Err()
}

// total is the simulated time spent sleeping.
func (c *fakeClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var sum time.Duration
	for _, d := range c.slept {
		sum += d
	}
	return sum
}

// longest is the longest single simulated wait.
func (c *fakeClock) longest() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var most time.Duration
	for _, d := range c.slept {
		most = max(most, d)
	}
	return most
}
