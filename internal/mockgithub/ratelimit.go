package mockgithub

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// anonymousLimit is the hourly primary limit of unauthenticated requests.
const anonymousLimit = 60

// rateLimitDocs and secondaryDocs are the documentation_url values of rate-limit errors.
const (
	rateLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
	secondaryDocs = rateLimitDocs + "#about-secondary-rate-limits"
)

// rateLimiter holds the primary buckets and the secondary-limit state. Guarded by Mock.mu.
type rateLimiter struct {
	buckets    map[string]*bucket
	inflight   int
	lastWrite  time.Time
	violations int
}

// bucket is one identity's primary rate-limit window.
type bucket struct {
	limit int
	used  int
	reset time.Time
}

// bucketFor returns the bucket of an identity, starting a new window if the old one ended.
// Tokens (personal or installation) each have their own bucket of limit requests; the
// App JWT has one; everything unauthenticated shares one of anonymousLimit.
func (l *rateLimiter) bucketFor(id identity, limit int, now time.Time) *bucket {
	key := "anonymous"
	switch id.kind {
	case idPAT, idInstallation:
		key = "token:" + id.token
	case idJWT:
		key = "app"
	default:
		limit = anonymousLimit
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{limit: limit}
		l.buckets[key] = b
	}
	if !now.Before(b.reset) {
		b.used = 0
		b.reset = now.Add(time.Hour)
	}
	return b
}

// exhausted reports whether the window has no request left.
func (b *bucket) exhausted() bool { return b.used >= b.limit }

// count spends one request of the window.
func (b *bucket) count() {
	if b.used < b.limit {
		b.used++
	}
}

// setHeaders writes the x-ratelimit-* headers.
func (b *bucket) setHeaders(h http.Header) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(b.limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(b.limit-b.used))
	h.Set("X-Ratelimit-Used", strconv.Itoa(b.used))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(b.reset.Unix(), 10))
	h.Set("X-Ratelimit-Resource", "core")
}

// isWrite reports whether a method counts for MinWriteSpacing.
func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// admit applies the secondary limits at a request's arrival. It returns the 403 answer for
// a request over a cap (counted in Violations), or nil; counted tells whether the request
// now counts as in flight. Call with m.mu held.
func (m *Mock) admit(r *http.Request, now time.Time, reqID string) (res *response, counted bool) {
	if strings.HasPrefix(r.URL.Path, "/app/") {
		return nil, false
	}
	l := &m.limits
	write := isWrite(r.Method) && m.cfg.MinWriteSpacing > 0
	tooMany := m.cfg.MaxConcurrent > 0 && l.inflight >= m.cfg.MaxConcurrent
	tooSoon := write && !l.lastWrite.IsZero() && now.Sub(l.lastWrite) < m.cfg.MinWriteSpacing
	if tooMany || tooSoon {
		l.violations++
		res = &response{header: m.baseHeader(r, reqID)}
		res.header.Set("Retry-After", "60")
		res.setError(http.StatusForbidden, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "+
			"If you reach out to GitHub Support for help, please include the request ID "+reqID+".", secondaryDocs)
		return res, false
	}
	if write {
		l.lastWrite = now
	}
	l.inflight++
	return nil, true
}

// Violations returns how many requests were refused for breaking MaxConcurrent or
// MinWriteSpacing.
func (m *Mock) Violations() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.limits.violations
}
