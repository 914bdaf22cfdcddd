package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// gate is what every client of this process that talks to the same API as the same caller
// shares: the bound on requests in flight, the spacing of writes and the state of the primary
// rate limit. Terraform may configure the provider more than once in one process (one
// instance per graph walk, aliases), and GitHub counts its limits per caller, not per client.
// When two configurations share a gate, the strictest limits win: the fewest requests in
// flight and the longest write delay.
//
// Writes go one at a time, and each starts at least writeDelay after the previous one was
// answered: GitHub measures the spacing when requests arrive, and a request is known to have
// arrived only once it is answered.
type gate struct {
	clock  clock.Clock
	limits rateLimits

	mu            sync.Mutex
	maxConcurrent int64 // guarded by mu
	writeDelay    time.Duration
	slots         *semaphore.Weighted

	writing   chan struct{}
	lastWrite time.Time     // when the previous write was answered; guarded by mu
	sending   bool          // a write holds its turn (waiting out the spacing or in flight); guarded by mu
	queued    int           // writes waiting for their turn; guarded by mu
	moved     chan struct{} // closed and replaced when queued or sending changes; guarded by mu
}

// gateKey identifies one caller of one API. The clock is part of it so that tests with
// their own fake clocks never share a gate.
type gateKey struct {
	base, caller string
	clock        clock.Clock
}

var (
	gatesMu sync.Mutex
	gates   = map[gateKey]*gate{}
)

// callerID identifies whose requests these are: a hash of the token or the App
// installation, never the secret itself. GitHub counts rate limits per caller.
func callerID(cfg Config) string {
	caller := sha256.Sum256([]byte("token " + cfg.Token))
	if cfg.App != nil {
		caller = sha256.Sum256(fmt.Appendf(nil, "app %d/%d", cfg.App.AppID, cfg.App.InstallationID))
	}
	return hex.EncodeToString(caller[:])
}

// sharedGate returns the process-wide gate of cfg's caller at base, creating it on first use
// and tightening it to cfg's limits when they are stricter than the gate's.
func sharedGate(cfg Config, base *url.URL) *gate {
	key := gateKey{base: base.String(), caller: callerID(cfg), clock: cfg.Clock}
	gatesMu.Lock()
	defer gatesMu.Unlock()
	g := gates[key]
	if g == nil {
		g = &gate{
			clock:         cfg.Clock,
			maxConcurrent: int64(cfg.MaxConcurrent),
			writeDelay:    cfg.WriteDelay,
			slots:         semaphore.NewWeighted(int64(cfg.MaxConcurrent)),
			writing:       make(chan struct{}, 1),
			moved:         make(chan struct{}),
		}
		gates[key] = g
		return g
	}
	g.tighten(int64(cfg.MaxConcurrent), cfg.WriteDelay)
	return g
}

// tighten lowers the gate's bound on requests in flight to maxConcurrent and raises its write
// delay to writeDelay, where those are stricter than the gate's.
func (g *gate) tighten(maxConcurrent int64, writeDelay time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.writeDelay = max(g.writeDelay, writeDelay)
	if maxConcurrent >= g.maxConcurrent {
		return
	}
	// Hold the surplus places for good: taken at once if free, else as requests in flight end
	// (the semaphore is first in, first out, so no later request slips ahead of the surplus).
	surplus := g.maxConcurrent - maxConcurrent
	g.maxConcurrent = maxConcurrent
	if !g.slots.TryAcquire(surplus) {
		go func() { _ = g.slots.Acquire(context.Background(), surplus) }()
	}
}

// writeWait is how long a write started now would wait for its turn: what remains of the
// spacing after the previous write, then one write delay for the write being sent (if any)
// and for each write queued. The answers' own latency is not counted.
func (g *gate) writeWait() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.writeDelay <= 0 {
		return 0
	}
	wait := time.Duration(0)
	if !g.lastWrite.IsZero() {
		wait = max(g.lastWrite.Add(g.writeDelay).Sub(g.clock.Now()), 0)
	}
	ahead := g.queued
	if g.sending {
		ahead++
	}
	return wait + time.Duration(ahead)*g.writeDelay
}

func (g *gate) currentWriteDelay() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.writeDelay
}

// move wakes whoever waits in queueMoved; call with g.mu held.
func (g *gate) move() {
	close(g.moved)
	g.moved = make(chan struct{})
}

// queueMoved returns a channel closed at the next change of the writes queued or being
// sent, for tests that wait until the queue reaches a state.
func (g *gate) queueMoved() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.moved
}

// throttle sends each request through its gate: write spacing, then a place among the
// requests in flight, then a wait for a known exhausted primary limit.
type throttle struct {
	gate *gate
	log  *maskingLogger
	next http.RoundTripper
}

func (t *throttle) RoundTrip(req *http.Request) (*http.Response, error) {
	g := t.gate
	ctx := req.Context()
	if delay := g.currentWriteDelay(); isWrite(req.Method) && delay > 0 {
		g.mu.Lock()
		g.queued++
		g.move()
		g.mu.Unlock()
		err := acquire(ctx, g.writing)
		g.mu.Lock()
		g.queued--
		g.move()
		if err != nil {
			g.mu.Unlock()
			return nil, &NotSentError{Err: err}
		}
		g.sending = true
		last := g.lastWrite
		g.mu.Unlock()
		defer func() {
			g.mu.Lock()
			g.lastWrite, g.sending = g.clock.Now(), false
			g.move()
			g.mu.Unlock()
			<-g.writing
		}()
		if !last.IsZero() {
			if err := g.clock.Sleep(ctx, last.Add(delay).Sub(g.clock.Now())); err != nil {
				return nil, &NotSentError{Err: err}
			}
		}
	}
	if err := g.slots.Acquire(ctx, 1); err != nil {
		return nil, &NotSentError{Err: err}
	}
	defer g.slots.Release(1)
	// A request that queued for its place may find that an answer meanwhile exhausted the
	// primary rate limit: it too waits for the reset.
	if err := g.limits.waitForReset(ctx, g.clock, t.log); err != nil {
		return nil, &NotSentError{Err: err}
	}
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		g.limits.observe(resp.Header, g.clock.Now()) // before the place is given up
	}
	return resp, err
}

// acquire takes a place in sem, or returns when ctx ends.
func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// WriteWait is how long a write of this caller started now would wait for its turn at the
// write spacing, behind the writes already sent or queued; 0 when it would go at once.
func (c *Client) WriteWait() time.Duration {
	return c.gate.writeWait()
}
