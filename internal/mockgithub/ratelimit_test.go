package mockgithub

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// linkRels parses a Link header into rel → URL.
func linkRels(t *testing.T, header string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if header == "" {
		return out
	}
	re := regexp.MustCompile(`^<([^>]+)>; rel="([a-z]+)"$`)
	for _, part := range strings.Split(header, ", ") {
		m := re.FindStringSubmatch(part)
		if m == nil {
			t.Fatalf("bad Link part %q", part)
		}
		out[m[2]] = m[1]
	}
	return out
}

// TestPagination lists 250 runners 100 at a time by following Link.
func TestPagination(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{})
			for i := range 250 {
				h.mock.AddRunner(sc.key, Runner{Name: fmt.Sprintf("r-%03d", i), ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
			}
			next := h.srv.URL + sc.prefix + "/actions/hosted-runners?per_page=100"
			var ids []float64
			var pages []map[string]string
			for next != "" {
				r := h.do(http.MethodGet, strings.TrimPrefix(next, h.srv.URL), nil).expect(t, http.StatusOK)
				if r.obj["total_count"] != 250.0 {
					t.Fatalf("total_count %v", r.obj["total_count"])
				}
				for _, it := range r.obj["runners"].([]any) {
					ids = append(ids, requireRunner(t, "runner", it)["id"].(float64))
				}
				rels := linkRels(t, r.header.Get("Link"))
				pages = append(pages, rels)
				next = rels["next"]
			}
			if len(pages) != 3 || len(ids) != 250 {
				t.Fatalf("%d pages, %d runners", len(pages), len(ids))
			}
			for i := 1; i < len(ids); i++ {
				if ids[i] <= ids[i-1] {
					t.Fatalf("not sorted by id at %d", i)
				}
			}
			self := h.srv.URL + sc.prefix + "/actions/hosted-runners"
			want := []map[string]string{
				{"next": self + "?page=2&per_page=100", "last": self + "?page=3&per_page=100"},
				{"prev": self + "?page=1&per_page=100", "next": self + "?page=3&per_page=100", "last": self + "?page=3&per_page=100", "first": self + "?page=1&per_page=100"},
				{"prev": self + "?page=2&per_page=100", "first": self + "?page=1&per_page=100"},
			}
			for i := range want {
				if fmt.Sprint(pages[i]) != fmt.Sprint(want[i]) {
					t.Errorf("page %d links %v, want %v", i+1, pages[i], want[i])
				}
			}
		})
	}
}

// TestPerPage covers the default, the cap and pages past the end.
func TestPerPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for i := range 150 {
		h.mock.AddRunner("orgs/acme", Runner{Name: fmt.Sprintf("r-%03d", i), ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	}
	cases := []struct {
		query string
		n     int
		last  string
	}{
		{"", 30, "page=5"},
		{"?per_page=500", 100, "page=2&per_page=500"},
		{"?per_page=abc&page=x", 30, "page=5&per_page=abc"},
		{"?per_page=100&page=2", 50, ""},
		{"?page=9", 0, ""},
		{"?page=2305843009213693953", 0, ""}, // (page-1)*per_page is past the int range
		{"?per_page=100&page=100000000000000000", 0, ""},
	}
	for _, c := range cases {
		r := h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners"+c.query, nil).expect(t, http.StatusOK)
		if n := len(requireListItems(r)); n != c.n {
			t.Errorf("%q: %d runners, want %d", c.query, n, c.n)
		}
		if last := linkRels(t, r.header.Get("Link"))["last"]; c.last != "" && !strings.HasSuffix(last, c.last) {
			t.Errorf("%q: last %q, want suffix %q", c.query, last, c.last)
		}
	}
	// A single page has no Link header.
	h2 := newHarness(t, Config{})
	if link := h2.do(http.MethodGet, "/orgs/acme/actions/hosted-runners", nil).header.Get("Link"); link != "" {
		t.Errorf("Link %q on a single page", link)
	}
}

// requireListItems returns a runner list's items.
func requireListItems(r *result) []any { return r.obj["runners"].([]any) }

// TestRateLimitHeaders covers the x-ratelimit headers, exhaustion and the window reset.
func TestRateLimitHeaders(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	h := newHarness(t, Config{Clock: clock, RateLimit: 3, Tokens: []string{"ghp_one", "ghp_two"}})
	get := func(token string) *result {
		return h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/platforms", nil, withHeader("Authorization", "token "+token))
	}
	ids := map[string]bool{}
	for i := 1; i <= 3; i++ {
		r := get("ghp_one").expect(t, http.StatusOK)
		want := map[string]string{
			"X-Ratelimit-Limit": "3", "X-Ratelimit-Remaining": strconv.Itoa(3 - i), "X-Ratelimit-Used": strconv.Itoa(i),
			"X-Ratelimit-Reset": strconv.FormatInt(epoch.Add(time.Hour).Unix(), 10), "X-Ratelimit-Resource": "core",
		}
		for k, v := range want {
			if got := r.header.Get(k); got != v {
				t.Errorf("request %d: %s %q, want %q", i, k, got, v)
			}
		}
		ids[r.header.Get("X-GitHub-Request-Id")] = true
	}
	r := get("ghp_one")
	requireError(t, r, http.StatusForbidden, r.obj["message"].(string))
	if !strings.HasPrefix(r.obj["message"].(string), "API rate limit exceeded for ") || r.header.Get("X-Ratelimit-Remaining") != "0" {
		t.Errorf("exhausted: %s remaining %q", r.raw, r.header.Get("X-Ratelimit-Remaining"))
	}
	ids[r.header.Get("X-GitHub-Request-Id")] = true
	get("ghp_two").expect(t, http.StatusOK) // each token has its own limit
	clock.Advance(time.Hour)
	r = get("ghp_one").expect(t, http.StatusOK)
	if r.header.Get("X-Ratelimit-Remaining") != "2" {
		t.Errorf("after reset: remaining %q", r.header.Get("X-Ratelimit-Remaining"))
	}
	if len(ids) != 4 {
		t.Errorf("request ids not unique: %v", ids)
	}
}

// TestETag covers ETags, 304s (not counted) and a write changing the ETag.
func TestETag(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.mock.AddRunner("orgs/acme", Runner{Name: "e", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	for _, path := range []string{"/orgs/acme/actions/hosted-runners/" + itoa(r.ID), "/orgs/acme/actions/hosted-runners"} {
		first := h.do(http.MethodGet, path, nil).expect(t, http.StatusOK)
		etag := first.header.Get("ETag")
		if !regexp.MustCompile(`^"[0-9a-f]+"$`).MatchString(etag) {
			t.Fatalf("ETag %q", etag)
		}
		used := first.header.Get("X-Ratelimit-Used")
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag} {
			nm := h.do(http.MethodGet, path, nil, withHeader("If-None-Match", inm)).expect(t, http.StatusNotModified)
			if len(nm.raw) != 0 || nm.header.Get("ETag") != etag || nm.header.Get("X-Ratelimit-Used") != used {
				t.Errorf("304 body %q etag %q used %q (was %q)", nm.raw, nm.header.Get("ETag"), nm.header.Get("X-Ratelimit-Used"), used)
			}
		}
		h.do(http.MethodGet, path, nil, withHeader("If-None-Match", `"stale"`)).expect(t, http.StatusOK)
		h.do(http.MethodPatch, "/orgs/acme/actions/hosted-runners/"+itoa(r.ID), map[string]any{"maximum_runners": 7 + len(path)}).expect(t, http.StatusOK)
		changed := h.do(http.MethodGet, path, nil, withHeader("If-None-Match", etag)).expect(t, http.StatusOK)
		if changed.header.Get("ETag") == etag {
			t.Error("ETag unchanged after a write")
		}
	}
	if n := h.mock.Count(http.MethodGet, ""); n != 12 {
		t.Errorf("logged %d GETs, want 12 (304s included)", n)
	}
}

// TestETagOnEveryGet checks that the runner group, networking and account answers carry an
// ETag and honour If-None-Match as the hosted-runner ones do.
func TestETagOnEveryGet(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for _, path := range []string{"/orgs/acme/actions/runner-groups", "/enterprises/acme-corp/actions/runner-groups/1",
		"/orgs/acme/settings/network-configurations", "/orgs/acme", "/user"} {
		etag := h.do(http.MethodGet, path, nil).expect(t, http.StatusOK).header.Get("ETag")
		if etag == "" {
			t.Errorf("%s: no ETag", path)
			continue
		}
		h.do(http.MethodGet, path, nil, withHeader("If-None-Match", etag)).expect(t, http.StatusNotModified)
	}
}

// TestSecondaryLimits covers MaxConcurrent and MinWriteSpacing.
func TestSecondaryLimits(t *testing.T) {
	t.Parallel()
	t.Run("write spacing", func(t *testing.T) {
		t.Parallel()
		clock := clock.NewFake(epoch)
		h := newHarness(t, Config{Clock: clock, MinWriteSpacing: time.Second})
		base := "/orgs/acme/actions/hosted-runners"
		h.do(http.MethodPost, base, createBody("a")).expect(t, http.StatusCreated)
		h.do(http.MethodGet, base, nil).expect(t, http.StatusOK) // reads are not spaced
		r := h.do(http.MethodPost, base, createBody("b"))
		r.expect(t, http.StatusForbidden)
		if !strings.HasPrefix(r.obj["message"].(string), "You have exceeded a secondary rate limit") ||
			!strings.HasSuffix(r.obj["documentation_url"].(string), "#about-secondary-rate-limits") || r.header.Get("Retry-After") != "60" {
			t.Errorf("secondary limit answer %s retry-after %q", r.raw, r.header.Get("Retry-After"))
		}
		clock.Advance(time.Second)
		h.do(http.MethodPost, base, createBody("b")).expect(t, http.StatusCreated)
		if h.mock.Violations() != 1 || len(h.mock.Runners("orgs/acme")) != 2 {
			t.Errorf("violations %d, runners %d", h.mock.Violations(), len(h.mock.Runners("orgs/acme")))
		}
	})
	t.Run("concurrency", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, Config{MaxConcurrent: 2, Latency: 300 * time.Millisecond})
		var wg sync.WaitGroup
		statuses := make([]int, 4)
		for i := range statuses {
			wg.Go(func() { statuses[i] = h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/platforms", nil).status })
		}
		wg.Wait()
		ok, refused := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusForbidden:
				refused++
			}
		}
		if ok != 2 || refused != 2 || h.mock.Violations() != 2 {
			t.Errorf("statuses %v, violations %d", statuses, h.mock.Violations())
		}
		h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/platforms", nil).expect(t, http.StatusOK)
	})
}
