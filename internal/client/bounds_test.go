package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

const secondaryLimitBody = `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`

// TestFarWaitFailsAtOnce: a wait GitHub asks for (retry-after, a reset of the exhausted
// primary limit, retry-after on a 503) that outlasts the operation's remaining time fails at
// once, naming the time to retry in UTC and in seconds, with no sleep and no second request;
// a read with no deadline is bounded by the client's read timeout. A wait that fits is made
// on the clock.
func TestFarWaitFailsAtOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		fault    func(now time.Time) mockgithub.Fault
		deadline time.Duration // 0: none, the read timeout applies
		wait     time.Duration
		bound    string
	}{
		{"retry_after_no_deadline", retryAfterFault(http.StatusForbidden, "86400"), 0, 24 * time.Hour, `read_timeout of 5m0s`},
		{"retry_after_deadline", retryAfterFault(http.StatusTooManyRequests, "3600"), 10 * time.Minute, time.Hour, `this operation's deadline`},
		{"reset_no_deadline", func(now time.Time) mockgithub.Fault {
			return mockgithub.Fault{Method: http.MethodGet, Status: http.StatusForbidden, Body: `{"message":"API rate limit exceeded for user ID 1."}`,
				Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(now.Add(2*time.Hour).Unix(), 10)}}}
		}, 0, 2*time.Hour + resetMargin, `read_timeout of 5m0s`},
		{"5xx_retry_after_deadline", func(time.Time) mockgithub.Fault {
			return mockgithub.Fault{Method: http.MethodGet, Status: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": {"7200"}}}
		}, time.Minute, 2 * time.Hour, `this operation's deadline`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			now := c.clock.Now()
			m.Inject(tc.fault(now))
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			start := time.Now()
			_, err := c.GetHostedRunner(ctx, Organization("acme"), 1)
			var limitErr *RateLimitError
			if !errors.As(err, &limitErr) {
				t.Fatalf("error %v; want a RateLimitError", err)
			}
			retryAt := now.Add(tc.wait).UTC().Format(time.RFC3339)
			want := fmt.Sprintf(`waiting %d s, until %s, would pass .*%s.*Retry after %s`, int(tc.wait.Seconds()), regexp.QuoteMeta(retryAt), tc.bound, regexp.QuoteMeta(retryAt))
			if !regexp.MustCompile(want).MatchString(err.Error()) {
				t.Fatalf("error %q does not match %q", err, want)
			}
			if moved := c.clock.Now().Sub(now); moved != 0 {
				t.Fatalf("the client slept %s on the clock before failing; want no wait", moved)
			}
			if n := len(m.Requests()); n != 1 {
				t.Fatalf("%d requests, want 1", n)
			}
			if wall := time.Since(start); wall > 5*time.Second {
				t.Fatalf("failing took %s of real time", wall)
			}
		})
	}
	t.Run("fitting_wait_is_made", func(t *testing.T) {
		t.Parallel()
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
		fault := retryAfterFault(http.StatusForbidden, "240")(c.clock.Now())
		fault.Times = 1
		m.Inject(fault)
		if _, err := c.GetHostedRunner(context.Background(), Organization("acme"), 1); err != nil {
			t.Fatal(err)
		}
		reqs := m.Requests()
		if len(reqs) != 2 || reqs[1].Time.Sub(reqs[0].Time) < 240*time.Second {
			t.Fatalf("%d requests; want the retry 240 s (on the clock) after the limit", len(reqs))
		}
	})
	t.Run("read_timeout_configurable", func(t *testing.T) {
		t.Parallel()
		c, m := newTestClient(t, mockgithub.Config{}, nil, func(cfg *Config) { cfg.ReadTimeout = 2 * time.Hour })
		m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
		fault := retryAfterFault(http.StatusForbidden, "3600")(c.clock.Now())
		fault.Times = 1
		m.Inject(fault)
		if _, err := c.GetHostedRunner(context.Background(), Organization("acme"), 1); err != nil {
			t.Fatalf("an hour's wait within a read_timeout of two hours: %v", err)
		}
	})
}

func retryAfterFault(status int, seconds string) func(time.Time) mockgithub.Fault {
	return func(time.Time) mockgithub.Fault {
		return mockgithub.Fault{Method: http.MethodGet, Status: status, Body: secondaryLimitBody, Header: http.Header{"Retry-After": {seconds}}}
	}
}

// TestPagesThatNeverEnd: a list whose Link next never ends stops at a bound from the first
// page's total_count and page size (plus slack), or at a fixed bound without total_count,
// and an empty page that links on stops at once; each fails naming the list.
func TestPagesThatNeverEnd(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		body  func(page int) string
		pages int // requests the client may make
		want  string
	}{
		{"new_page_numbers", func(int) string { return `{"total_count":2,"runners":[{"id":1,"name":"a"}]}` }, 2 + pageSlack, `does not end: page 4 still links to a next page, but the first page's total_count of 2 at 1 a page needs 2 (and 2 more`},
		{"empty_pages", func(page int) string {
			if page == 1 {
				return `{"total_count":300,"runners":[{"id":1,"name":"a"}]}`
			}
			return `{"total_count":300,"runners":[]}`
		}, 2, `does not end: page 2 is empty yet links to a next page`},
		{"no_total_count", func(int) string { return `{"runners":[{"id":1,"name":"a"}]}` }, maxPages, `page 1000 still links to a next page, but no list is read past 1000 pages`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			for page := 1; page <= maxPages+1; page++ {
				m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/hosted-runners$`, After: page - 1, Times: 1, Status: http.StatusOK, Body: tc.body(page),
					Header: http.Header{"Link": {fmt.Sprintf(`<%s/orgs/acme/actions/hosted-runners?per_page=100&page=%d>; rel="next"`, c.base, page+1)}}})
			}
			err := c.paginate(context.Background(), Organization("acme").path()+"?per_page=100", func([]byte) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "/orgs/acme/actions/hosted-runners") {
				t.Fatalf("error %v; want one saying %q", err, tc.want)
			}
			if n := len(m.Requests()); n != tc.pages {
				t.Fatalf("%d pages requested, want %d", n, tc.pages)
			}
		})
	}
}

// TestCountedListsAreBounded: the runner group and access lists, which GitHub documents without
// a Link header, have the same bounds as every other list: Link pages that do not end stop at
// the bound from total_count (an empty page that links on at once), and a read with no
// deadline fails at once on a wait past the client's read timeout.
func TestCountedListsAreBounded(t *testing.T) {
	t.Parallel()
	group := `{"id":%d,"name":"g%d","visibility":"all","default":false,"runners_url":"u","inherited":false,"allows_public_repositories":false}`
	for _, tc := range []struct {
		name  string
		body  func(page int) string
		pages int
		want  string
	}{
		{"new_page_numbers", func(page int) string { return fmt.Sprintf(`{"total_count":2,"runner_groups":[`+group+`]}`, page, page) },
			2 + pageSlack, `does not end: page 4 still links to a next page, but the first page's total_count of 2 at 1 a page needs 2`},
		{"empty_pages", func(page int) string {
			if page == 1 {
				return fmt.Sprintf(`{"total_count":300,"runner_groups":[`+group+`]}`, 1, 1)
			}
			return `{"total_count":300,"runner_groups":[]}`
		}, 2, `does not end: page 2 is empty yet links to a next page`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			for page := 1; page <= 20; page++ {
				m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/runner-groups$`, After: page - 1, Times: 1, Status: http.StatusOK, Body: tc.body(page),
					Header: http.Header{"Link": {fmt.Sprintf(`<%s/orgs/acme/actions/runner-groups?per_page=100&page=%d>; rel="next"`, c.base, page+1)}}})
			}
			_, err := c.ListRunnerGroups(context.Background(), Organization("acme"), "")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "/orgs/acme/actions/runner-groups") {
				t.Fatalf("error %v; want one saying %q", err, tc.want)
			}
			if n := len(m.Requests()); n != tc.pages {
				t.Fatalf("%d pages requested, want %d", n, tc.pages)
			}
		})
	}
	t.Run("read_timeout", func(t *testing.T) {
		t.Parallel()
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		now := c.clock.Now()
		m.Inject(retryAfterFault(http.StatusForbidden, "86400")(now))
		_, err := c.ListRunnerGroupRepositories(context.Background(), Organization("acme"), 1)
		var limitErr *RateLimitError
		if !errors.As(err, &limitErr) || !strings.Contains(err.Error(), "read_timeout of 5m0s") {
			t.Fatalf("error %v; want a RateLimitError naming the read timeout", err)
		}
		if moved := c.clock.Now().Sub(now); moved != 0 || len(m.Requests()) != 1 {
			t.Fatalf("the client slept %s and sent %d requests; want no wait and 1 request", moved, len(m.Requests()))
		}
	})
}

// TestRetryBudget: whatever layers resend a request (retries after 5xx, waits for rate
// limits, a fresh App token after a 401), it is sent at most max_retries + 1 times.
func TestRetryBudget(t *testing.T) {
	t.Parallel()
	fault := func(status int, times int) mockgithub.Fault {
		f := mockgithub.Fault{Method: http.MethodGet, Times: times, Status: status, Body: `{"message":"boom"}`}
		if status == http.StatusTooManyRequests {
			f.Body, f.Header = secondaryLimitBody, http.Header{"Retry-After": {"1"}}
		}
		return f
	}
	for _, tc := range []struct {
		name       string
		maxRetries int
		faults     []mockgithub.Fault
		sent       int
		ok         bool
	}{
		{"5xx_then_limits", 3, []mockgithub.Fault{fault(502, 2), fault(429, 0)}, 4, false},
		{"limits_then_5xx", 3, []mockgithub.Fault{fault(429, 2), fault(503, 0)}, 4, false},
		{"alternating", 5, []mockgithub.Fault{fault(503, 1), fault(429, 1), fault(500, 1), fault(429, 0)}, 6, false},
		{"recovers_within_budget", 3, []mockgithub.Fault{fault(502, 1), fault(429, 2)}, 4, true},
		{"no_retries", 0, []mockgithub.Fault{fault(429, 0)}, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, func(cfg *Config) { cfg.MaxRetries = tc.maxRetries })
			m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
			after := 0
			for _, f := range tc.faults {
				f.After = after
				after += f.Times
				m.Inject(f)
			}
			_, err := c.GetHostedRunner(context.Background(), Organization("acme"), 1)
			if (err == nil) != tc.ok {
				t.Fatalf("error %v; want success %v", err, tc.ok)
			}
			if n := len(m.Requests()); n != tc.sent {
				t.Fatalf("the request was sent %d times, want %d (max_retries %d)", n, tc.sent, tc.maxRetries)
			}
		})
	}
}
