package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// secondaryBackoff is the least wait after a secondary rate limit that names no time.
const secondaryBackoff = time.Minute

// resetMargin is added to x-ratelimit-reset, which GitHub rounds down to whole seconds.
const resetMargin = time.Second

// rateLimits remembers an exhausted primary rate limit, so that nothing more is sent until
// it resets.
type rateLimits struct {
	mu    sync.Mutex
	until time.Time
}

// limitsKey identifies one caller of one API on one clock.
type limitsKey struct {
	base, caller string
	clock        Clock
}

var (
	limitsMu sync.Mutex
	limits   = map[limitsKey]*rateLimits{}
)

// sharedRateLimits returns the process-wide rate-limit state of cfg's caller at base: every
// client of the process that calls GitHub as the same caller (Terraform configures the
// provider anew for each graph walk) knows when the shared limit resets.
func sharedRateLimits(cfg Config, base *url.URL) *rateLimits {
	key := limitsKey{base: base.String(), caller: callerID(cfg), clock: cfg.Clock}
	limitsMu.Lock()
	defer limitsMu.Unlock()
	l := limits[key]
	if l == nil {
		l = &rateLimits{}
		limits[key] = l
	}
	return l
}

// observe records the primary limit's state from a response's x-ratelimit-* headers.
func (l *rateLimits) observe(h http.Header, now time.Time) {
	if h.Get("X-Ratelimit-Remaining") != "0" {
		return
	}
	reset, ok := resetTime(h)
	if !ok || !reset.After(now) {
		return
	}
	reset = reset.Add(resetMargin)
	l.mu.Lock()
	if reset.After(l.until) {
		l.until = reset
	}
	l.mu.Unlock()
}

// waitForReset waits, within ctx's deadline, until a known exhausted primary limit resets.
func (l *rateLimits) waitForReset(ctx context.Context, clock Clock) error {
	l.mu.Lock()
	until := l.until
	l.mu.Unlock()
	wait := until.Sub(clock.Now())
	if wait <= 0 {
		return nil
	}
	return waitWithin(ctx, clock, wait, "primary rate limit is exhausted; it resets at "+until.Add(-resetMargin).UTC().Format(time.RFC3339), "", "")
}

func resetTime(h http.Header) (time.Time, bool) {
	secs, err := strconv.ParseInt(h.Get("X-Ratelimit-Reset"), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}

// rateLimitWait decides whether resp is GitHub saying a rate limit was hit, and how long to
// wait before sending the request again (attempt counts earlier rate-limited tries).
func rateLimitWait(resp *http.Response, body []byte, attempt int, now time.Time) (time.Duration, string, bool) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return 0, "", false
	}
	var msg struct {
		Message          string `json:"message"`
		DocumentationURL string `json:"documentation_url"`
	}
	_ = json.Unmarshal(bytes.TrimSpace(body), &msg)
	secondary := strings.Contains(strings.ToLower(msg.Message), "secondary rate limit") ||
		strings.HasSuffix(msg.DocumentationURL, "#about-secondary-rate-limits")
	exhausted := resp.Header.Get("X-Ratelimit-Remaining") == "0"
	if !secondary && !exhausted && resp.StatusCode != http.StatusTooManyRequests {
		return 0, "", false
	}
	kind := "primary rate limit"
	if secondary {
		kind = "secondary rate limit"
	}
	if d, ok := retryAfter(resp.Header, now); ok {
		return d, fmt.Sprintf("%s: GitHub asked to retry after %s", kind, d), true
	}
	if exhausted {
		if reset, ok := resetTime(resp.Header); ok {
			return max(reset.Sub(now), 0) + resetMargin, fmt.Sprintf("%s exhausted; it resets at %s", kind, reset.UTC().Format(time.RFC3339)), true
		}
	}
	wait := secondaryBackoff << min(attempt, 10)
	return wait, fmt.Sprintf("%s with no retry-after or reset; backing off %s", kind, wait), true
}

// RateLimitError is a rate limit the client did not wait out: either the wait GitHub asked
// for would outlast the operation's deadline (Wait and Deadline set), or GitHub still
// refused after Tries waits (Last set).
type RateLimitError struct {
	Cause    string
	Wait     time.Duration
	Deadline time.Time
	Tries    int
	Last     *APIError
}

func (e *RateLimitError) Error() string {
	if e.Last != nil {
		return fmt.Sprintf("GitHub kept answering with a rate limit; gave up after %d tries: %v. Wait a few minutes and apply again, "+
			"or lower the provider's max_concurrent_requests and raise write_delay_ms", e.Tries, e.Last)
	}
	return fmt.Sprintf("GitHub's %s; waiting %s would pass this operation's deadline (%s). Apply again after the limit resets, or raise the resource's timeouts",
		e.Cause, e.Wait.Round(time.Second), e.Deadline.UTC().Format(time.RFC3339))
}

// Unwrap returns GitHub's last answer, if any.
func (e *RateLimitError) Unwrap() error {
	if e.Last == nil {
		return nil
	}
	return e.Last
}

// waitWithin sleeps d on clock, logging the wait at WARN, unless ctx's deadline comes first:
// then it fails at once with a RateLimitError naming the cause.
func waitWithin(ctx context.Context, clock Clock, d time.Duration, cause, method, path string) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return &RateLimitError{Cause: cause, Wait: d, Deadline: deadline}
	}
	logWait(ctx, d, cause, method, path)
	return clock.Sleep(ctx, d)
}
