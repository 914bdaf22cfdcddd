package client

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// originGuard keeps every request on the configured API: it refuses to send one anywhere
// else, and turns a redirect that points anywhere else into a RedirectError instead of a
// response net/http would follow. It sits below the credentials (and below ghinstallation,
// which fetches installation tokens with the App's JWT), so neither a token, a JWT nor a
// request body ever leaves for another host. Redirects within the API are left to net/http.
type originGuard struct {
	base *url.URL
	next http.RoundTripper
}

func (g *originGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, g.base) {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, &RedirectError{Method: req.Method, Path: pathOf(req.URL), Location: req.URL.String(), Base: g.base}
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil || !isRedirect(resp.StatusCode) {
		return resp, err
	}
	loc, lerr := resp.Location()
	if lerr != nil || sameOrigin(loc, g.base) {
		return resp, nil //nolint:nilerr // without a usable Location net/http does not follow it; GitHub's answer stands
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	_ = resp.Body.Close()
	return nil, &RedirectError{Method: req.Method, Path: pathOf(req.URL), Status: resp.StatusCode, Location: loc.String(), Base: g.base}
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// sameOrigin reports whether u has base's scheme, host and port (default ports filled in).
func sameOrigin(u, base *url.URL) bool {
	return strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Hostname(), base.Hostname()) && portOf(u) == portOf(base)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// RedirectError is an answer that redirected a request away from the configured API, which
// the client did not follow: nothing, neither credentials nor a body, was sent there. It is
// a definite answer, not an ambiguous one: the request it answers was not carried out.
type RedirectError struct {
	Method, Path string
	// Status is the redirect's status; 0 when the request itself named another host.
	Status int
	// Location is where the redirect pointed.
	Location string
	// Base is the configured API.
	Base *url.URL
}

func (e *RedirectError) Error() string {
	origin := e.Base.Scheme + "://" + e.Base.Host
	if e.Status == 0 {
		return fmt.Sprintf("%s %s: refusing to send a request to %s, which is not the configured API %s", e.Method, e.Path, e.Location, origin)
	}
	return fmt.Sprintf("%s %s: the server answered %d %s, redirecting to %s, which is not the configured API %s. "+
		"The redirect was not followed: no credentials and no request body were sent there. If the API has moved, set the provider's base_url to its new address",
		e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Location, origin)
}
