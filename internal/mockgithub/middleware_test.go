package mockgithub

import (
	"net/http"
	"strings"
	"testing"
)

// TestRequestChecks covers authentication, User-Agent and API versions.
func TestRequestChecks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{Tokens: []string{"ghp_a", "ghp_b"}, DeprecatedAPIVersions: []string{"2024-01-01"}})
	path := "/orgs/acme/actions/hosted-runners/platforms"
	cases := []struct {
		name    string
		edit    []func(*http.Request)
		status  int
		message string
	}{
		{"no auth", []func(*http.Request){withHeader("Authorization", "")}, 401, "Requires authentication"},
		{"unknown token", []func(*http.Request){withHeader("Authorization", "Bearer ghp_c")}, 401, "Bad credentials"},
		{"default token not accepted with Tokens set", nil, 401, "Bad credentials"},
		{"basic scheme", []func(*http.Request){withHeader("Authorization", "Basic ghp_a")}, 401, "Bad credentials"},
		{"bearer", []func(*http.Request){withHeader("Authorization", "Bearer ghp_a")}, 200, ""},
		{"token scheme", []func(*http.Request){withHeader("Authorization", "token ghp_b")}, 200, ""},
		{"no user agent", []func(*http.Request){withHeader("Authorization", "token ghp_b"), noUserAgent}, 403, ""},
		{"no version", []func(*http.Request){withHeader("Authorization", "token ghp_a"), withHeader("X-GitHub-Api-Version", "")}, 200, ""},
		{"old supported version", []func(*http.Request){withHeader("Authorization", "token ghp_a"), withHeader("X-GitHub-Api-Version", "2022-11-28")}, 200, ""},
		{"deprecated version", []func(*http.Request){withHeader("Authorization", "token ghp_a"), withHeader("X-GitHub-Api-Version", "2024-01-01")}, 200, ""},
		{"retired version", []func(*http.Request){withHeader("Authorization", "token ghp_a"), withHeader("X-GitHub-Api-Version", "2021-01-01")}, 410, ""},
		{"unknown version", []func(*http.Request){withHeader("Authorization", "token ghp_a"), withHeader("X-GitHub-Api-Version", "2099-01-01")}, 400,
			"API version '2099-01-01' is not a supported version."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := h.do(http.MethodGet, path, nil, c.edit...)
			if c.message != "" {
				requireError(t, r, c.status, c.message)
			} else {
				r.expect(t, c.status)
			}
			if c.status == 403 && !strings.Contains(r.obj["message"].(string), "User-Agent") {
				t.Errorf("403 message %q does not mention the User-Agent", r.obj["message"])
			}
			deprecated := r.header.Get("Deprecation") != "" && r.header.Get("Sunset") != ""
			if deprecated != (c.name == "deprecated version") {
				t.Errorf("Deprecation %q Sunset %q", r.header.Get("Deprecation"), r.header.Get("Sunset"))
			}
			for _, k := range []string{"X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Used", "X-Ratelimit-Reset", "X-GitHub-Request-Id"} {
				if r.header.Get(k) == "" {
					t.Errorf("missing %s", k)
				}
			}
		})
	}
}

// TestLengthRequired: a PUT, POST or PATCH without a Content-Length (sent chunked) gets 411
// Length Required and changes nothing, as on GitHub; the same request with its length (0 when
// it has no body) is served. A GET or DELETE without a body needs no length.
func TestLengthRequired(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.mock.AddRunner("orgs/acme", Runner{Name: "r", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	g := h.do(http.MethodPost, "/orgs/acme/actions/runner-groups", map[string]any{"name": "g", "visibility": "selected"}).expect(t, http.StatusCreated)
	group := "/orgs/acme/actions/runner-groups/" + itoa(int64(g.obj["id"].(float64)))
	repo := h.mock.Repositories("orgs/acme")[0].ID
	writes := []struct {
		method, path string
		body         any
		status       int
	}{
		{http.MethodPut, group + "/repositories/" + itoa(repo), nil, http.StatusNoContent},
		{http.MethodPost, "/orgs/acme/actions/hosted-runners", createBody("new"), http.StatusCreated},
		{http.MethodPatch, "/orgs/acme/actions/hosted-runners/" + itoa(r.ID), map[string]any{"maximum_runners": 3}, http.StatusOK},
	}
	for _, w := range writes {
		before := len(h.mock.Requests())
		res := h.do(w.method, w.path, w.body, chunked)
		if res.status != http.StatusLengthRequired || !strings.Contains(string(res.raw), "411 Length Required") {
			t.Errorf("%s %s chunked: %d %s, want 411 Length Required", w.method, w.path, res.status, res.raw)
		}
		if got := h.mock.Requests()[before]; got.ContentLength != -1 {
			t.Errorf("%s %s chunked: logged Content-Length %d, want -1", w.method, w.path, got.ContentLength)
		}
	}
	if n := len(h.mock.Runners("orgs/acme")); n != 1 {
		t.Errorf("%d runners after the refused create, want 1", n)
	}
	if got, _ := h.mock.Runner("orgs/acme", r.ID); got.MaximumRunners == 3 {
		t.Error("the refused update changed the runner")
	}
	for _, w := range writes {
		h.do(w.method, w.path, w.body).expect(t, w.status)
	}
	h.do(http.MethodGet, group+"/repositories", nil).expect(t, http.StatusOK)
	h.do(http.MethodDelete, group+"/repositories/"+itoa(repo), nil).expect(t, http.StatusNoContent)
}
