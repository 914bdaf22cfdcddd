package mockgithub

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// endpoint is what a route serves: the pattern's method and what to do for it.
type endpoint struct {
	method               string
	checksOwnCredentials bool // see integrationRoute
	serve                func(m *Mock, c *call)
}

// router finds the endpoint of a request's method and path. Its patterns match path
// segments exactly (case included); the organization or enterprise name is looked up
// case-insensitively by the operation.
var router = newRouter()

// newRouter registers every operation and integration route on a ServeMux.
func newRouter() *http.ServeMux {
	mux := http.NewServeMux()
	for _, op := range operations {
		mux.Handle(op.pattern, endpoint{method: methodOf(op.pattern), serve: op.serve})
	}
	for _, rt := range integrationRoutes {
		mux.Handle(rt.pattern, endpoint{method: methodOf(rt.pattern), checksOwnCredentials: rt.checksOwnCredentials, serve: rt.handle})
	}
	return mux
}

// methodOf is the method of a ServeMux pattern.
func methodOf(pattern string) string {
	method, _, _ := strings.Cut(pattern, " ")
	return method
}

// notFound is the endpoint of every path and method that no route serves: GitHub's JSON
// 404, after authentication, also for a known path with another method (not ServeMux's 405).
var notFound = endpoint{serve: func(_ *Mock, c *call) { c.notFound() }}

// routed carries the router's choice out of ServeMux.
type routed struct {
	ep endpoint
	r  *http.Request // the request as ServeMux matched it, with its path values
}

type routedKey struct{}

// ServeHTTP records the endpoint the router chose.
func (ep endpoint) ServeHTTP(_ http.ResponseWriter, r *http.Request) {
	if found, ok := r.Context().Value(routedKey{}).(*routed); ok {
		*found = routed{ep: ep, r: r}
	}
}

// route returns the endpoint of a request and the request with its path values. ServeMux
// sees the decoded path split at every "/", each segment kept as it came: "." and ".." are
// escaped so that they are not cleaned away, and an empty segment inside the path, which
// ServeMux would redirect, becomes "\x00", a value that fits a wildcard no better than ""
// (no organization, repository or id has it). Whatever ServeMux would answer itself (404,
// 405, a redirect) is notFound.
func route(r *http.Request) (endpoint, *http.Request) {
	segs := strings.Split(r.URL.Path, "/")
	escaped := make([]string, len(segs))
	for i, s := range segs {
		switch {
		case s == "" && i > 0 && i < len(segs)-1:
			segs[i], escaped[i] = "\x00", "%00"
		case s == "." || s == "..":
			escaped[i] = strings.ReplaceAll(s, ".", "%2E")
		default:
			escaped[i] = url.PathEscape(s)
		}
	}
	var found routed
	req := r.WithContext(context.WithValue(r.Context(), routedKey{}, &found))
	req.URL = &url.URL{Path: strings.Join(segs, "/"), RawPath: strings.Join(escaped, "/")}
	router.ServeHTTP(discard{}, req)
	// GET patterns match HEAD in ServeMux; GitHub's descriptions have no HEAD operation.
	if found.r == nil || found.ep.method != r.Method || !wildcardsFit(found.r) {
		return notFound, r
	}
	found.r.URL = r.URL // the path values stay
	return found.ep, found.r
}

// discard is the ResponseWriter of ServeMux's own answers, which the mock never sends.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// Wildcards whose values have a form: an integer id or a version. A value of another form
// makes the path match no operation (404), as on GitHub.
var (
	integerWildcards = []string{"hosted_runner_id", "image_definition_id", "runner_group_id", "repository_id", "org_id"}
	versionPattern   = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
)

// wildcardsFit reports whether the matched request's integer and version wildcards have
// their form.
func wildcardsFit(r *http.Request) bool {
	for _, name := range integerWildcards {
		if v := r.PathValue(name); v != "" {
			if _, err := strconv.ParseInt(v, 10, 64); err != nil {
				return false
			}
		}
	}
	v := r.PathValue("version")
	return v == "" || versionPattern.MatchString(v)
}

// serve answers an operation for its organization or enterprise: 404 when that does not
// exist, 403 when an installation token calls an operation Apps may not, else the handler.
func (op operation) serve(m *Mock, c *call) {
	key := "orgs/" + strings.ToLower(c.r.PathValue("org"))
	if ent := c.r.PathValue("enterprise"); ent != "" {
		key = "enterprises/" + strings.ToLower(ent)
	}
	s := m.scopes[key]
	if s == nil {
		c.notFound()
		return
	}
	c.res.header.Set("X-Accepted-OAuth-Scopes", op.oauth)
	if c.id.kind == idInstallation && !op.forApps {
		perm := "organization_administration=write"
		if s.enterprise {
			perm = "enterprise_administration=write"
		}
		if !strings.Contains(op.pattern, " /organizations/") { // the billing descriptions name no permission
			c.res.header.Set("X-Accepted-GitHub-Permissions", perm)
		}
		c.res.setError(http.StatusForbidden, "Resource not accessible by integration", runnersDocs)
		return
	}
	s.sweep(c.now)
	c.scope = s
	op.handle(m, c)
}
