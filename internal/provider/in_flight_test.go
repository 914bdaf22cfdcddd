package provider

import (
	"net/http"
	"sync"
)

// inFlight counts the requests a test env's servers are answering, so that a check can wait,
// without polling, until the mock's log holds every request sent so far: the mock logs a
// request before it answers it.
type inFlight struct {
	mu       sync.Mutex
	serving  int
	answered chan struct{} // closed and replaced when a request is answered
}

func newInFlight() *inFlight { return &inFlight{answered: make(chan struct{})} }

// track counts the requests h answers.
func (f *inFlight) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.serving++
		f.mu.Unlock()
		defer f.answer()
		h.ServeHTTP(w, r)
	})
}

func (f *inFlight) answer() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.serving--
	close(f.answered)
	f.answered = make(chan struct{})
}

// waitUntil returns once enough holds or no request is being answered, asking enough again
// whenever a request is answered.
func (f *inFlight) waitUntil(enough func() bool) {
	for {
		f.mu.Lock()
		serving, answered := f.serving, f.answered
		f.mu.Unlock()
		if serving == 0 || enough() {
			return
		}
		<-answered
	}
}
