package mockgithub

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestAccountEndpoints checks GET /orgs/{org} and GET /user, which
// integrations/terraform-provider-github calls when it is configured.
func TestAccountEndpoints(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{Orgs: []string{"My-Org"}})

	org := h.do(http.MethodGet, "/orgs/my-org", nil)
	if org.status != http.StatusOK || org.obj["login"] != "My-Org" || org.obj["type"] != "Organization" || org.obj["id"] != float64(firstOrgID) {
		t.Fatalf("GET /orgs/my-org: %d %s", org.status, org.raw)
	}
	for _, field := range []string{"node_id", "url", "repos_url", "events_url", "hooks_url", "issues_url", "members_url",
		"public_members_url", "avatar_url", "description", "html_url", "has_organization_projects",
		"has_repository_projects", "public_repos", "public_gists", "followers", "following", "created_at", "updated_at", "archived_at"} {
		if _, ok := org.obj[field]; !ok {
			t.Errorf("GET /orgs/my-org lacks %s, required by organization-full", field)
		}
	}
	if got := h.do(http.MethodGet, "/orgs/someone-else", nil); got.status != http.StatusNotFound {
		t.Errorf("GET of an unknown organization: want 404, got %d %s", got.status, got.raw)
	}
	if got := h.do(http.MethodPatch, "/orgs/my-org", map[string]any{"name": "x"}); got.status != http.StatusNotFound {
		t.Errorf("PATCH /orgs/my-org: want 404 (not served), got %d", got.status)
	}
	if n := h.mock.Count(http.MethodGet, "^/orgs/my-org$"); n != 1 {
		t.Errorf("want the GET of the organization logged once, got %d", n)
	}

	user := h.do(http.MethodGet, "/user", nil)
	if user.status != http.StatusOK || user.obj["login"] != mockUserLogin || user.obj["type"] != "User" {
		t.Fatalf("GET /user: %d %s", user.status, user.raw)
	}
	if got := h.do(http.MethodGet, "/user", nil, func(r *http.Request) { r.Header.Del("Authorization") }); got.status != http.StatusUnauthorized {
		t.Errorf("GET /user without credentials: want 401, got %d", got.status)
	}
}

// TestAccountURLsOverTLS checks that the account answers link back over the scheme and host
// the request came in on.
func TestAccountURLsOverTLS(t *testing.T) {
	t.Parallel()
	m := New(Config{Orgs: []string{"acme"}})
	srv := httptest.NewTLSServer(m)
	t.Cleanup(srv.Close)
	h := &harness{t: t, mock: m, srv: srv}
	if got := h.do(http.MethodGet, "/orgs/acme", nil).expect(t, http.StatusOK).obj["url"]; got != srv.URL+"/orgs/acme" {
		t.Errorf("organization url %v, want %s/orgs/acme", got, srv.URL)
	}
	if got := h.do(http.MethodGet, "/user", nil).expect(t, http.StatusOK).obj["url"]; got != srv.URL+"/users/"+mockUserLogin {
		t.Errorf("user url %v, want %s/users/%s", got, srv.URL, mockUserLogin)
	}
}

// TestOrganizationIsOneAccount checks that an organization has the same id and node id in
// GET /orgs/{org}, in its enterprise's organization lists and as the owner of its repositories.
func TestOrganizationIsOneAccount(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	org := h.do(http.MethodGet, "/orgs/acme", nil).expect(t, http.StatusOK).obj
	listed := requireList(t, h.do(http.MethodGet, "/enterprises/acme-corp/actions/runner-groups/3/organizations", nil).expect(t, http.StatusOK), "organizations")
	repos := requireList(t, h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/3/repositories", nil).expect(t, http.StatusOK), "repositories")
	if len(listed) != 1 || len(repos) != 1 {
		t.Fatalf("release group members: %d organizations, %d repositories, want 1 each", len(listed), len(repos))
	}
	for name, other := range map[string]any{"enterprise member": listed[0], "repository owner": repos[0].(map[string]any)["owner"]} {
		o := other.(map[string]any)
		if o["login"] != org["login"] || o["id"] != org["id"] || o["node_id"] != org["node_id"] {
			t.Errorf("%s %v/%v/%v, GET /orgs/acme %v/%v/%v", name, o["login"], o["id"], o["node_id"], org["login"], org["id"], org["node_id"])
		}
	}
}
