package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// newMockClient starts a mock GitHub and a client for it.
func newMockClient(t *testing.T, cfg mockgithub.Config) (*Client, *mockgithub.Mock) {
	t.Helper()
	m := mockgithub.New(cfg)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: mockgithub.DefaultToken, MaxConcurrent: 4})
	if err != nil {
		t.Fatal(err)
	}
	return c, m
}

func TestETagCache_pollsWith304AndNeverServesStaleAfterOwnWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, m := newMockClient(t, mockgithub.Config{})
	scope := Organization("acme")
	created, err := c.CreateHostedRunner(ctx, scope, CreateHostedRunnerRequest{
		Name: "etag", Image: RunnerImage{ID: "ubuntu-latest", Source: SourceGitHub}, Size: "4-core", RunnerGroupID: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		r, err := c.GetHostedRunner(ctx, scope, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Name != "etag" || r.Maximum() != 10 {
			t.Fatalf("GET served %+v", r)
		}
	}
	gets := getsOf(m)
	if len(gets) != 3 || gets[0].Status != http.StatusOK || gets[1].Status != http.StatusNotModified || gets[2].Status != http.StatusNotModified {
		t.Fatalf("want 200, 304, 304 for three GETs of an unchanged runner, got %v", statuses(gets))
	}
	if gets[1].Header.Get("If-None-Match") == "" {
		t.Fatal("the second GET carried no If-None-Match")
	}

	seven := int64(7)
	if _, err := c.UpdateHostedRunner(ctx, scope, created.ID, UpdateHostedRunnerRequest{MaximumRunners: &seven}); err != nil {
		t.Fatal(err)
	}
	r, err := c.GetHostedRunner(ctx, scope, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Maximum() != 7 {
		t.Fatalf("the GET after the PATCH served maximum_runners %d, want 7", r.Maximum())
	}
	after := getsOf(m)[3]
	if after.Header.Get("If-None-Match") != "" || after.Status != http.StatusOK {
		t.Fatalf("the GET after the client's own PATCH must not be conditional: If-None-Match %q, status %d",
			after.Header.Get("If-None-Match"), after.Status)
	}
}

// TestETagCache_writeInvalidatesEvenWhenServerLies: a server that answers 304 to any
// If-None-Match would serve the pre-write body from the cache; the cache must have dropped it.
func TestETagCache_writeInvalidatesEvenWhenServerLies(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	value := "before"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPatch {
			value = "after"
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(runnerJSON(1, "after")))
			return
		}
		if r.Header.Get("If-None-Match") != "" {
			w.WriteHeader(http.StatusNotModified) // lies: the body may have changed
			return
		}
		w.Header().Set("ETag", `"constant"`)
		_, _ = w.Write([]byte(runnerJSON(1, value)))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: "ghp_test0000000000"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	scope := Enterprise("Acme-Corp")
	for range 2 {
		if r, err := c.GetHostedRunner(ctx, scope, 1); err != nil || r.Name != "before" {
			t.Fatalf("GET: %+v, %v", r, err)
		}
	}
	name := "after"
	if _, err := c.UpdateHostedRunner(ctx, Enterprise("acme-corp"), 1, UpdateHostedRunnerRequest{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if r, err := c.GetHostedRunner(ctx, scope, 1); err != nil || r.Name != "after" {
		t.Fatalf("GET after the client's own PATCH served %+v, %v; want the new name", r, err)
	}
}

// TestETagCache_keyedByCredential: two credentials never share a remembered answer.
func TestETagCache_keyedByCredential(t *testing.T) {
	t.Parallel()
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
		}
		w.Header().Set("ETag", `"`+r.Header.Get("Authorization")+`"`)
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	t.Cleanup(srv.Close)
	cache := newETagCache(http.DefaultTransport, nil)
	for _, token := range []string{"Bearer a", "Bearer b"} {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/orgs/acme/actions/hosted-runners/1", nil)
		req.Header.Set("Authorization", token)
		resp, err := cache.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	if n := conditional.Load(); n != 0 {
		t.Fatalf("a GET under a second credential reused the first one's ETag (%d conditional requests)", n)
	}
}

// TestCatalog_readOncePerScopeTransientErrorsNotCached: concurrent callers share one read per
// list and scope; a 502 that outlasts the retries is not remembered, so the next call reads again.
func TestCatalog_readOncePerScopeTransientErrorsNotCached(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, m := newMockClient(t, mockgithub.Config{})
	org, ent := Organization("acme"), Enterprise("acme-corp")
	// The client has no retries: one failed try.
	fail := m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/machine-sizes$`, Times: 1, Status: http.StatusBadGateway, Body: `{"message":"Bad Gateway"}`})
	if _, err := c.ListMachineSizes(ctx, org); err == nil {
		t.Fatal("the injected 404 did not surface")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range []Scope{org, ent} {
				sizes, err := c.ListMachineSizes(ctx, s)
				if err != nil || len(sizes) == 0 {
					t.Errorf("ListMachineSizes(%s): %d sizes, %v", s, len(sizes), err)
				}
				sizes[0].ID = "mutated" // a caller's copy must not change the memo
				if _, err := c.ListPlatforms(ctx, s); err != nil {
					t.Error(err)
				}
				if _, err := c.ListGitHubOwnedImages(ctx, s); err != nil {
					t.Error(err)
				}
				if _, err := c.ListPartnerImages(ctx, s); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if fail.Hits() != 1 {
		t.Fatalf("fault hits %d, want 1", fail.Hits())
	}
	sizes, _ := c.ListMachineSizes(ctx, org)
	if sizes[0].ID == "mutated" {
		t.Fatal("the memo handed out a shared slice")
	}
	for path, want := range map[string]int{
		`^/orgs/acme/actions/hosted-runners/machine-sizes$`:             2, // the failed one, then one
		`^/enterprises/acme-corp/actions/hosted-runners/machine-sizes$`: 1,
		`/platforms$`:           2,
		`/images/github-owned$`: 2,
		`/images/partner$`:      2,
	} {
		if n := m.Count(http.MethodGet, path); n != want {
			t.Errorf("GET %s: %d requests, want %d", path, n, want)
		}
	}
}

func getsOf(m *mockgithub.Mock) []mockgithub.Request {
	var out []mockgithub.Request
	for _, r := range m.Requests() {
		if r.Method == http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

func statuses(rs []mockgithub.Request) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.Status
	}
	return out
}
