package mockgithub

import (
	"net/http"
	"regexp"
	"time"
)

// Request is one logged request: when it arrived (on the mock's clock), what it asked
// and the status it got (0 for a dropped connection). Injected tells whether a fault
// matched and was applied.
type Request struct {
	Time          time.Time
	Method        string
	Path          string
	Query         string
	Header        http.Header
	Body          []byte
	ContentLength int64
	Status        int
	Injected      bool
}

// Requests returns a copy of the request log, in the order the answers were decided.
func (m *Mock) Requests() []Request {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Request(nil), m.log...)
}

// ResetRequests empties the request log.
func (m *Mock) ResetRequests() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.log = nil
}

// Count returns how many logged requests have method ("" = any) and a path matching
// pathRegexp ("" = any). It panics if pathRegexp is not a valid regexp.
func (m *Mock) Count(method, pathRegexp string) int {
	re := regexp.MustCompile(pathRegexp)
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, r := range m.log {
		if (method == "" || r.Method == method) && re.MatchString(r.Path) {
			n++
		}
	}
	return n
}
