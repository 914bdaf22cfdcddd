package mockgithub

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestRoutingEdgeCases: paths that are not clean, a known path with another method, the case
// of path segments and placeholders of the wrong form answer as GitHub's API does (the mock's
// JSON 404, never a redirect or a plain-text 405), after the checks every request passes.
func TestRoutingEdgeCases(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	h.do(http.MethodPost, "/orgs/acme/repos", map[string]any{"name": "payments"}).expect(t, http.StatusCreated)
	h.mock.SetBillingRole("orgs/acme", false)
	noAuth := withHeader("Authorization", "")
	for _, c := range []struct {
		method, path string
		edit         []func(*http.Request)
		status       int
		message      string // the error's message; "" for a success
	}{
		{http.MethodGet, "/orgs/ACME/actions/hosted-runners", nil, http.StatusOK, ""},
		{http.MethodGet, "/ORGS/acme/actions/hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/Actions/hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/limits/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme//actions/hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/./actions/hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/actions/hosted%2Drunners", nil, http.StatusOK, ""},
		{http.MethodGet, "/orgs/acme%2Factions/hosted-runners", nil, http.StatusOK, ""},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/../hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/abc", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/1/versions/latest", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/settings/network-configurations/..", nil, http.StatusNotFound, "Not Found"},
		{http.MethodPut, "/orgs/acme/actions/hosted-runners", nil, http.StatusNotFound, "Not Found"},
		{http.MethodPatch, "/orgs/acme/actions/hosted-runners/limits", nil, http.StatusNotFound, "Not Found"},
		{http.MethodPost, "/user", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/user/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/acme/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/repos/acme/payments/", nil, http.StatusOK, ""},
		{http.MethodPost, "/repos/acme/payments", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/repos/acme/payments/topics", nil, http.StatusNotFound, "Not Found"},
		// The billing role is checked on any budget id, "." and ".." too.
		{http.MethodGet, "/organizations/acme/settings/billing/budgets/..", nil, http.StatusForbidden, "Insufficient permissions to view a budget."},
		// Authentication comes before routing, and the token endpoint checks its own.
		{http.MethodGet, "/no/such/path", []func(*http.Request){noAuth}, http.StatusUnauthorized, "Requires authentication"},
		{http.MethodGet, "/orgs/acme//actions", []func(*http.Request){noAuth}, http.StatusUnauthorized, "Requires authentication"},
		{http.MethodPost, "/app/installations/1/access_tokens", nil, http.StatusUnauthorized, "A JSON web token could not be decoded"},
		{http.MethodPost, "/app/installations//access_tokens", nil, http.StatusUnauthorized, "A JSON web token could not be decoded"},
		{http.MethodPut, "/repos/acme//topics", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/orgs//", nil, http.StatusNotFound, "Not Found"},
		{http.MethodGet, "/app/installations/1/access_tokens", nil, http.StatusNotFound, "Not Found"},
	} {
		r := h.do(c.method, c.path, nil, c.edit...)
		if r.status != c.status || c.message != "" && r.obj["message"] != c.message {
			t.Errorf("%s %s answered %d %s, want %d %q", c.method, c.path, r.status, r.raw, c.status, c.message)
		}
		if loc := r.header.Get("Location"); loc != "" {
			t.Errorf("%s %s redirects to %s", c.method, c.path, loc)
		}
	}
	// HEAD is not GET: GitHub's descriptions have no HEAD operation.
	if r := h.do(http.MethodHead, "/orgs/acme/actions/hosted-runners", nil); r.status != http.StatusNotFound {
		t.Errorf("HEAD answered %d, want 404", r.status)
	}
}

// TestHandlerDoesNotCleanPaths: under /api/v3 too, a path that is not clean reaches the mock
// as it came and gets its JSON 404.
func TestHandlerDoesNotCleanPaths(t *testing.T) {
	t.Parallel()
	m := New(Config{})
	srv := httptest.NewServer(Handler(m))
	t.Cleanup(srv.Close)
	h := &harness{t: t, mock: m, srv: srv}
	for _, path := range []string{"/api/v3/orgs/acme/actions/hosted-runners/", "/api/v3/orgs/acme//actions/hosted-runners",
		"/api/v3/orgs/acme/./actions/hosted-runners", "/api/v3", "/api/v3/"} {
		r := h.do(http.MethodGet, path, nil)
		if r.status != http.StatusNotFound || r.obj["message"] != "Not Found" || r.header.Get("Location") != "" {
			t.Errorf("GET %s answered %d %s (Location %q), want the mock's 404", path, r.status, r.raw, r.header.Get("Location"))
		}
	}
	if r := h.do(http.MethodGet, "/api/v3/orgs/acme/actions/hosted-runners", nil); r.status != http.StatusOK {
		t.Errorf("GET under /api/v3 answered %d, want 200", r.status)
	}
}
