package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
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
func (l *rateLimits) waitForReset(ctx context.Context, c clock.Clock, log *maskingLogger) error {
	l.mu.Lock()
	until := l.until
	l.mu.Unlock()
	wait := clock.Until(c, until)
	if wait <= 0 {
		return nil
	}
	return waitWithin(ctx, c, log, wait, "GitHub's primary rate limit is exhausted; it resets at "+until.Add(-resetMargin).UTC().Format(time.RFC3339), "", "")
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
	kind := "GitHub's primary rate limit"
	if secondary {
		kind = "GitHub's secondary rate limit"
	}
	if d, ok := retryAfter(resp.Header, now); ok {
		return d, kind + " (retry-after)", true
	}
	if exhausted {
		if reset, ok := resetTime(resp.Header); ok {
			return max(reset.Sub(now), 0) + resetMargin, kind + " is exhausted; it resets at " + reset.UTC().Format(time.RFC3339), true
		}
	}
	wait := secondaryBackoff << min(attempt, 10)
	return wait, kind + " with no retry-after or reset (backing off)", true
}

// RateLimitError is a rate limit the client did not wait out: either the wait GitHub asked
// for would outlast the operation's deadline (RetryAt and Deadline set), or GitHub still
// refused when the request's retries were used up (Last set).
type RateLimitError struct {
	// Cause names what asked for the wait, for example "GitHub's secondary rate limit (retry-after)".
	Cause string
	// Wait is how long GitHub asked to wait, and RetryAt when that wait ends.
	Wait    time.Duration
	RetryAt time.Time
	// Deadline is when the operation must end, on the client's clock; ReadTimeout is set when
	// that deadline is the client's own bound on an operation Terraform gave no timeout.
	Deadline    time.Time
	ReadTimeout time.Duration
	Tries       int
	Last        *APIError
}

func (e *RateLimitError) Error() string {
	if e.Last != nil {
		return fmt.Sprintf("GitHub kept answering with a rate limit; gave up after %d tries (the provider's max_retries + 1): %v. "+
			"Wait a few minutes and apply again, or lower the provider's max_concurrent_requests and raise write_delay_ms", e.Tries, e.Last)
	}
	bound, raise := "this operation's deadline", "raise the resource's timeouts"
	if e.ReadTimeout > 0 {
		bound, raise = fmt.Sprintf("this read's deadline (the provider's read_timeout of %s)", e.ReadTimeout), "raise the provider's read_timeout"
	}
	return fmt.Sprintf("%s: waiting %d s, until %s, would pass %s, %s (in %d s). Retry after %s, or %s",
		e.Cause, int64(e.Wait.Round(time.Second)/time.Second), e.RetryAt.UTC().Format(time.RFC3339), bound,
		e.Deadline.UTC().Format(time.RFC3339), int64(max(e.Deadline.Sub(e.refusedAt()), 0).Round(time.Second)/time.Second),
		e.RetryAt.UTC().Format(time.RFC3339), raise)
}

// refusedAt is when the wait was refused, on the client's clock.
func (e *RateLimitError) refusedAt() time.Time { return e.RetryAt.Add(-e.Wait) }

// Unwrap returns GitHub's last answer, if any.
func (e *RateLimitError) Unwrap() error {
	if e.Last == nil {
		return nil
	}
	return e.Last
}

// waitWithin sleeps d on c, logging the wait at WARN, unless ctx's deadline comes first:
// then it fails at once with a RateLimitError naming the cause and when to retry.
func waitWithin(ctx context.Context, c clock.Clock, log *maskingLogger, d time.Duration, cause, method, path string) error {
	if err := waitPastDeadline(ctx, c, d, cause); err != nil {
		return err
	}
	log.logWait(ctx, d, cause, method, path)
	return c.Sleep(ctx, d)
}

// waitPastDeadline returns the RateLimitError of a wait of d for cause that would outlast
// ctx's deadline, read on c; nil when the wait fits.
func waitPastDeadline(ctx context.Context, c clock.Clock, d time.Duration, cause string) *RateLimitError {
	left, ok := clock.Left(ctx, c)
	if !ok || left >= d {
		return nil
	}
	now := c.Now()
	return &RateLimitError{Cause: cause, Wait: d, RetryAt: now.Add(d), Deadline: now.Add(left), ReadTimeout: readTimeoutOf(ctx)}
}
