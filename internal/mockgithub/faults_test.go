package mockgithub

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestFaultWindow covers After and Times, matching by method and path, and ClearFaults.
func TestFaultWindow(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	path := "/orgs/acme/actions/hosted-runners/platforms"
	f := h.mock.Inject(Fault{Method: http.MethodGet, Path: `/platforms$`, After: 1, Times: 2, Status: http.StatusBadGateway,
		Body: `{"message":"Server Error"}`})
	other := h.mock.Inject(Fault{Method: http.MethodPost, Status: http.StatusTeapot})
	want := []int{200, 502, 502, 200, 200}
	for i, w := range want {
		r := h.do(http.MethodGet, path, nil).expect(t, w)
		if w == 502 && (r.obj["message"] != "Server Error" || r.header.Get("X-GitHub-Request-Id") == "" || r.header.Get("X-Ratelimit-Limit") == "") {
			t.Errorf("request %d: injected answer %s %v", i, r.raw, r.header)
		}
	}
	h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/limits", nil).expect(t, http.StatusOK)
	if f.Hits() != 2 || other.Hits() != 0 {
		t.Errorf("hits %d and %d", f.Hits(), other.Hits())
	}
	logged := h.mock.Requests()
	injected := 0
	for _, r := range logged {
		if r.Injected {
			injected++
			if r.Status != http.StatusBadGateway {
				t.Errorf("injected request logged with status %d", r.Status)
			}
		}
	}
	if len(logged) != 6 || injected != 2 || h.mock.Count("GET", "/platforms$") != 5 {
		t.Errorf("log %d requests, %d injected", len(logged), injected)
	}
	h.mock.ClearFaults()
	h.do(http.MethodPost, "/orgs/acme/actions/hosted-runners", createBody("x")).expect(t, http.StatusCreated)
	h.mock.ResetRequests()
	if len(h.mock.Requests()) != 0 {
		t.Error("ResetRequests left entries")
	}
}

// TestFaultSequence covers two faults on the same requests taking turns.
func TestFaultSequence(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	h.mock.Inject(Fault{Method: http.MethodGet, Times: 1, Status: http.StatusInternalServerError, Body: `{"message":"a"}`})
	h.mock.Inject(Fault{Method: http.MethodGet, After: 1, Times: 1, Status: http.StatusServiceUnavailable, Body: `{"message":"b"}`})
	for _, want := range []int{500, 503, 200} {
		h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners", nil).expect(t, want)
	}
}

// TestFaultHeaders covers header overrides and removals, and string errors[] bodies.
func TestFaultHeaders(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	h.mock.Inject(Fault{
		Status: http.StatusUnprocessableEntity,
		Header: http.Header{"x-ratelimit-remaining": {"0"}, "X-Ratelimit-Reset": nil, "Retry-After": {"5"}},
		Body:   `{"message":"Validation Failed","errors":["name is reserved"],"documentation_url":"https://docs.github.com/rest"}`,
	})
	r := h.do(http.MethodPost, "/orgs/acme/actions/hosted-runners", createBody("x")).expect(t, http.StatusUnprocessableEntity)
	if r.header.Get("X-Ratelimit-Remaining") != "0" || r.header.Get("Retry-After") != "5" || r.header.Get("X-Ratelimit-Reset") != "" {
		t.Errorf("headers %v", r.header)
	}
	if errs := r.obj["errors"].([]any); len(errs) != 1 || errs[0] != "name is reserved" {
		t.Errorf("errors %v", r.obj["errors"])
	}
	if len(h.mock.Runners("orgs/acme")) != 0 {
		t.Error("a fault without Commit created the runner")
	}
}

// TestFaultCommit covers committing the real operation before answering with the fault.
func TestFaultCommit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	base := "/orgs/acme/actions/hosted-runners"
	f := h.mock.Inject(Fault{Method: http.MethodPost, Path: `/hosted-runners$`, Times: 1, Commit: true, Status: http.StatusBadGateway})
	r := h.do(http.MethodPost, base, createBody("committed")).expect(t, http.StatusBadGateway)
	if len(r.raw) != 0 || r.header.Get("ETag") != "" {
		t.Errorf("injected answer body %q etag %q", r.raw, r.header.Get("ETag"))
	}
	runners := h.mock.Runners("orgs/acme")
	if len(runners) != 1 || runners[0].Name != "committed" || f.Hits() != 1 {
		t.Fatalf("runners %+v hits %d", runners, f.Hits())
	}
	// A second POST of the same name is a real duplicate now.
	if got := fieldErrors(t, h.do(http.MethodPost, base, createBody("committed"))); len(got) != 1 || got[0] != "name:already_exists" {
		t.Errorf("errors %v", got)
	}
}

// TestFaultDrop covers dropped connections with and without Commit.
func TestFaultDrop(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	base := "/orgs/acme/actions/hosted-runners"
	send := func(name string) error {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, h.srv.URL+base, strings.NewReader(`{"name":"`+name+`","image":{"id":"ubuntu-latest"},"size":"2-core","runner_group_id":1}`))
		req.Header.Set("Authorization", "token "+DefaultToken)
		resp, err := h.srv.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	h.mock.Inject(Fault{Method: http.MethodPost, Times: 1, Drop: true})
	if err := send("dropped"); err == nil {
		t.Fatal("dropped request got an answer")
	}
	h.mock.ClearFaults()
	h.mock.Inject(Fault{Method: http.MethodPost, Times: 1, Drop: true, Commit: true})
	if err := send("committed"); err == nil {
		t.Fatal("dropped request got an answer")
	}
	runners := h.mock.Runners("orgs/acme")
	if len(runners) != 1 || runners[0].Name != "committed" {
		t.Errorf("runners %+v", runners)
	}
	for _, r := range h.mock.Requests() {
		if !r.Injected || r.Status != 0 || !strings.Contains(string(r.Body), `"name"`) {
			t.Errorf("logged %+v", r)
		}
	}
}

// TestFaultDelay covers a delay-only fault and a delayed injected answer.
func TestFaultDelay(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	h.mock.Inject(Fault{Path: `/limits$`, Delay: 50 * time.Millisecond})
	h.mock.Inject(Fault{Path: `/platforms$`, Delay: 50 * time.Millisecond, Status: http.StatusGatewayTimeout})
	start := time.Now()
	h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/limits", nil).expect(t, http.StatusOK)
	h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners/platforms", nil).expect(t, http.StatusGatewayTimeout)
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("took %v, want at least 100ms", d)
	}
}
