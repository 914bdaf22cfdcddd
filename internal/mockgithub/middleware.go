package mockgithub

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The checks a request passes, in order: the secondary limits (MaxConcurrent,
// MinWriteSpacing; ratelimit.go) and the faults (faults.go) as it arrives; then, under the
// mock's lock, Content-Length (411), User-Agent, the API version, the route, authentication
// and the primary rate limit (both skipped by the access-token endpoint, which checks its
// own credentials); then the endpoint. The request is logged before its answer is written.

// maxBody bounds how much of a request body the mock reads.
const maxBody = 1 << 20

// defaultAPIVersion is the version GitHub selects when X-GitHub-Api-Version is absent.
const defaultAPIVersion = "2022-11-28"

// ServeHTTP answers one request: secondary limits, faults, then the API itself.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))

	m.mu.Lock()
	arrival := m.clock.Now()
	m.commitLate(arrival)
	reqID := m.newRequestID()
	res, counted := m.admit(r, arrival, reqID)
	var fault *FaultHandle
	if res == nil {
		fault = m.matchFault(r)
	}
	m.mu.Unlock()

	if res == nil {
		res = m.serveAdmitted(r, body, reqID, fault)
	}

	m.mu.Lock()
	if counted {
		m.limits.inflight--
	}
	m.log = append(m.log, Request{
		Time: arrival, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, ContentLength: r.ContentLength, Status: res.status, Injected: fault != nil,
	})
	m.mu.Unlock()

	res.write(w)
}

// serveAdmitted answers a request that passed the secondary limits, applying fault
// (which may be nil).
func (m *Mock) serveAdmitted(r *http.Request, body []byte, reqID string, fault *FaultHandle) *response {
	if m.cfg.Latency > 0 {
		time.Sleep(m.cfg.Latency)
	}
	if fault == nil {
		return m.serveLocked(r, body, reqID)
	}
	if fault.f.CommitAfter > 0 {
		m.mu.Lock()
		m.late = append(m.late, lateCommit{at: m.clock.Now().Add(fault.f.CommitAfter), r: r, body: body, reqID: reqID})
		m.mu.Unlock()
	}
	var actual *response
	if fault.f.Commit {
		actual = m.serveLocked(r, body, reqID)
	}
	if fault.f.Delay > 0 {
		time.Sleep(fault.f.Delay)
	}
	if fault.f.Takes > 0 {
		m.take(fault.f.Takes)
	}
	if actual == nil && fault.f.Status == 0 && !fault.f.Drop {
		actual = m.serveLocked(r, body, reqID)
	}
	if actual == nil {
		m.mu.Lock()
		actual = &response{header: m.baseHeader(r, reqID)}
		m.mu.Unlock()
	}
	return fault.apply(actual)
}

// serveLocked runs the API under the mock's lock.
func (m *Mock) serveLocked(r *http.Request, body []byte, reqID string) *response {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.serve(r, body, reqID)
}

// serve answers a request that reached the API. Call with m.mu held.
func (m *Mock) serve(r *http.Request, body []byte, reqID string) *response {
	now := m.clock.Now()
	id := m.identify(r)
	b := m.limits.bucketFor(id, m.cfg.RateLimit, now)
	res := &response{header: http.Header{}}
	res.header.Set("Content-Type", "application/json; charset=utf-8")
	res.header.Set("X-GitHub-Request-Id", reqID)
	res.header.Set("X-GitHub-Media-Type", "github.v3; format=json")
	m.answer(&call{r: r, body: body, now: now, id: id, res: res}, b)
	if r.Method == http.MethodGet && res.status == http.StatusOK {
		setETag(res, r.Header.Get("If-None-Match"))
	}
	if res.status != http.StatusNotModified {
		b.count()
	}
	b.setHeaders(res.header)
	return res
}

// answer runs the checks every request passes, then the request's endpoint.
func (m *Mock) answer(c *call, b *bucket) {
	if lengthRequired(c.r) {
		// GitHub's front end answers this before it looks at anything else, in HTML.
		c.res.status = http.StatusLengthRequired
		c.res.header.Set("Content-Type", "text/html")
		c.res.body = []byte("<html><head><title>411 Length Required</title></head><body><h1>411 Length Required</h1></body></html>\n")
		return
	}
	if c.r.Header.Get("User-Agent") == "" {
		c.res.setError(http.StatusForbidden, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header "+
			"(https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required). "+
			"Check https://developer.github.com for other possible causes.", docsRoot)
		return
	}
	if !m.checkAPIVersion(c.res, c.r.Header.Get("X-GitHub-Api-Version"), c.now) {
		return
	}
	ep, r := route(c.r)
	c.r = r
	if !ep.checksOwnCredentials && (!authenticated(c) || !m.withinRateLimit(c, b)) {
		return
	}
	ep.serve(m, c)
}

// lengthRequired reports a write (PUT, POST or PATCH) sent without a Content-Length, such as a
// chunked one: GitHub asks for the length, "Content-Length: 0" when there is no body.
func lengthRequired(r *http.Request) bool {
	switch r.Method {
	case http.MethodPut, http.MethodPost, http.MethodPatch:
		return r.ContentLength < 0
	}
	return false
}

// checkAPIVersion validates X-GitHub-Api-Version and reports whether to go on.
func (m *Mock) checkAPIVersion(res *response, v string, now time.Time) bool {
	if v == "" {
		res.header.Set("X-GitHub-Api-Version-Selected", defaultAPIVersion)
		return true
	}
	switch {
	case slices.Contains(m.cfg.SupportedAPIVersions, v):
	case slices.Contains(m.cfg.DeprecatedAPIVersions, v):
		res.header.Set("Deprecation", fmt.Sprintf("@%d", now.Unix()))
		res.header.Set("Sunset", now.AddDate(0, 3, 0).UTC().Format(http.TimeFormat))
	case slices.Contains(m.cfg.RetiredAPIVersions, v):
		res.setError(http.StatusGone, fmt.Sprintf("API version '%s' has been retired and is no longer supported.", v), docsRoot)
		return false
	default:
		res.setError(http.StatusBadRequest, fmt.Sprintf("API version '%s' is not a supported version.", v), docsRoot)
		return false
	}
	res.header.Set("X-GitHub-Api-Version-Selected", v)
	return true
}

// authenticated answers 401 unless the request carries a personal access token or a live
// installation token, and reports whether it does.
func authenticated(c *call) bool {
	switch c.id.kind {
	case idNone:
		c.res.setError(http.StatusUnauthorized, "Requires authentication", docsRoot)
		return false
	case idBad, idJWT:
		c.res.setError(http.StatusUnauthorized, "Bad credentials", docsRoot)
		return false
	}
	return true
}

// withinRateLimit answers 403 when the caller's primary rate limit is spent, and reports
// whether it is not.
func (m *Mock) withinRateLimit(c *call, b *bucket) bool {
	if !b.exhausted() {
		return true
	}
	who := "user ID 1"
	if c.id.kind == idInstallation {
		who = fmt.Sprintf("installation ID %d", m.cfg.InstallationID)
	}
	c.res.setError(http.StatusForbidden, "API rate limit exceeded for "+who+". If you reach out to GitHub Support for help, please include the request ID "+
		c.res.header.Get("X-GitHub-Request-Id")+".", rateLimitDocs)
	return false
}

// setETag adds the body's ETag and turns a matching If-None-Match into a 304.
func setETag(res *response, ifNoneMatch string) {
	sum := sha256.Sum256(res.body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	res.header.Set("ETag", etag)
	for _, cand := range strings.Split(ifNoneMatch, ",") {
		cand = strings.TrimPrefix(strings.TrimSpace(cand), "W/")
		if cand == etag || cand == "*" {
			res.status = http.StatusNotModified
			res.body = nil
			res.header.Del("Link")
			return
		}
	}
}
