package mockgithub

import (
	"net/http"
	"regexp"
	"time"
)

// Fault is an injected misbehaviour for the requests it matches.
//
// Without Commit the request is not served: after Delay the fault's own response is sent
// (or the connection dropped). With Commit the request is served first, then after Delay
// the real response is replaced by the fault's. A fault with Status 0 and no Drop only
// delays: the real response is sent after Delay.
//
// The injected response carries the usual headers (request id, rate limit, and with Commit
// the real response's headers but ETag and Link), overlaid by Header; a Header key with no
// values removes that header.
type Fault struct {
	Method string        // "" = any
	Path   string        // regexp on URL path, "" = any
	After  int           // let this many matching requests through first
	Times  int           // apply to this many matching requests after that (0 = all)
	Status int           // the injected status
	Header http.Header   // headers to set on the injected response
	Body   string        // the injected body (raw JSON)
	Delay  time.Duration // real sleep before answering
	// Takes is how long the answer takes on the mock's clock: a clock.Fake is moved on by
	// Takes before the answer is sent (no real wait); on the wall clock it is a real sleep.
	Takes  time.Duration
	Commit bool // perform the real operation first, then answer with the fault instead
	Drop   bool // (with or without Commit) hijack and close the connection with no response
	// CommitAfter (with Status or Drop, without Commit) performs the real operation that long
	// after the request arrived, on the mock's clock: a write GitHub commits late, after its
	// answer was lost. It takes effect when the first request after that time arrives.
	CommitAfter time.Duration
}

// lateCommit is a request a CommitAfter fault accepted, to be performed at at.
type lateCommit struct {
	at    time.Time
	r     *http.Request
	body  []byte
	reqID string
}

// commitLate performs the late commits that are due at now. Call with m.mu held.
func (m *Mock) commitLate(now time.Time) {
	kept := m.late[:0]
	for _, l := range m.late {
		if now.Before(l.at) {
			kept = append(kept, l)
			continue
		}
		m.serve(l.r, l.body, l.reqID)
	}
	m.late = kept
}

// FaultHandle tracks an injected fault.
type FaultHandle struct {
	f    Fault
	path *regexp.Regexp
	seen int // matching requests so far
	hits int // requests the fault was applied to
	mock *Mock
}

// Inject adds a fault. Faults are consulted in the order they were injected; every
// matching fault counts the request towards its After, and the first one whose window
// includes it is applied. It panics if Path is not a valid regexp.
func (m *Mock) Inject(f Fault) *FaultHandle {
	h := &FaultHandle{f: f, mock: m}
	if f.Path != "" {
		h.path = regexp.MustCompile(f.Path)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.faults = append(m.faults, h)
	return h
}

// ClearFaults removes every injected fault.
func (m *Mock) ClearFaults() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.faults = nil
}

// Hits returns how many requests the fault was applied to.
func (h *FaultHandle) Hits() int {
	h.mock.mu.Lock()
	defer h.mock.mu.Unlock()
	return h.hits
}

// matchFault returns the fault to apply to r, or nil. Call with m.mu held.
func (m *Mock) matchFault(r *http.Request) *FaultHandle {
	var chosen *FaultHandle
	for _, h := range m.faults {
		if h.f.Method != "" && h.f.Method != r.Method || h.path != nil && !h.path.MatchString(r.URL.Path) {
			continue
		}
		h.seen++
		if chosen == nil && h.seen > h.f.After && (h.f.Times == 0 || h.seen <= h.f.After+h.f.Times) {
			chosen = h
			h.hits++
		}
	}
	return chosen
}

// apply turns the actual (or bare) response into the injected one.
func (h *FaultHandle) apply(actual *response) *response {
	if h.f.Drop {
		return &response{drop: true}
	}
	if h.f.Status == 0 {
		return actual
	}
	res := &response{status: h.f.Status, header: actual.header.Clone(), body: []byte(h.f.Body)}
	res.header.Del("Etag")
	res.header.Del("Link")
	for k, v := range h.f.Header {
		if len(v) == 0 {
			res.header.Del(k)
			continue
		}
		res.header[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
	}
	return res
}

// take lets d pass on the mock's clock before an answer: a clock that can be moved on is,
// the wall clock is waited out.
func (m *Mock) take(d time.Duration) {
	if c, ok := m.clock.(interface{ Advance(time.Duration) }); ok {
		c.Advance(d)
		return
	}
	time.Sleep(d)
}
