package mockgithub

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestHandlerServesEnterpriseServerPrefix: the same runner list answers at the root and under
// /api/v3, and the request log records both without the prefix.
func TestHandlerServesEnterpriseServerPrefix(t *testing.T) {
	t.Parallel()
	m := New(Config{})
	srv := httptest.NewServer(Handler(m))
	t.Cleanup(srv.Close)
	for _, path := range []string{"/orgs/acme/actions/hosted-runners", "/api/v3/orgs/acme/actions/hosted-runners"} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		req.Header.Set("User-Agent", "test")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %d, want 200", path, resp.StatusCode)
		}
	}
	// Any other path reaches the mock as it came: an empty organization is its 404, not a redirect.
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/orgs//actions/hosted-runners", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	req.Header.Set("User-Agent", "test")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || m.Count(http.MethodGet, "^/orgs//actions/hosted-runners$") != 1 {
		t.Errorf("GET /orgs//actions/hosted-runners answered %d, want the mock's 404", resp.StatusCode)
	}
	if n := m.Count(http.MethodGet, "^/orgs/acme/actions/hosted-runners$"); n != 2 {
		t.Errorf("the log holds %d GETs of /orgs/acme/actions/hosted-runners, want 2: %+v", n, m.Requests())
	}
	if n := m.Count("", "^/api/v3"); n != 0 {
		t.Errorf("the log holds %d paths with the /api/v3 prefix", n)
	}
}

// TestOperationsAreServed: every operation Operations lists reaches its handler, and none is
// listed twice.
func TestOperationsAreServed(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, op := range Operations() {
		if seen[op] {
			t.Errorf("%s is listed twice", op)
		}
		seen[op] = true
		method, path, _ := strings.Cut(op, " ")
		path = strings.NewReplacer("{name}", "acme", "{id}", "7", "{version}", "1.0.0", "{key}", "abc").Replace(path)
		if _, _, _, _, ok := matchAnyRoute(method, strings.Split(strings.TrimPrefix(path, "/"), "/")); !ok {
			t.Errorf("%s (%s %s) is not routed", op, method, path)
		}
	}
	if len(seen) < 63 {
		t.Errorf("Operations lists %d operations, want at least the 63 of hosted runners, runner groups and networking", len(seen))
	}
}

// TestREADMEOperationCount keeps the README's count of the mock's operations true.
func TestREADMEOperationCount(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`implements all (\d+) [\w -]*operations`).FindSubmatch(readme)
	if m == nil {
		t.Fatal(`README.md does not say "implements all N operations" of the mock`)
	}
	if got, want := string(m[1]), strconv.Itoa(len(Operations())); got != want {
		t.Errorf("README.md says the mock implements all %s operations; it serves %d: write %s", got, len(Operations()), want)
	}
}
