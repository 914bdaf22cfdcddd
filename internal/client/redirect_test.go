package client

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// otherHost is another host: a second mock GitHub, which logs whatever reaches it (and
// would accept the token, as a host that wants it would).
type otherHost struct {
	*httptest.Server
	mock *mockgithub.Mock
}

func newOtherHost(t *testing.T) *otherHost {
	t.Helper()
	m := mockgithub.New(mockgithub.Config{})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return &otherHost{Server: srv, mock: m}
}

// requests describes every request that reached the other host, credentials included.
func (o *otherHost) requests() []string {
	var out []string
	for _, r := range o.mock.Requests() {
		out = append(out, fmt.Sprintf("%s %s authorization=%q body=%q", r.Method, r.Path, r.Header.Get("Authorization"), r.Body))
	}
	return out
}

// TestRedirectOffHostKeepsCredentials: a redirect of any kind to another host, answering a
// read or a create, is not followed: the other host receives nothing (no token, no body),
// the request is not retried, and the error names where the redirect pointed.
func TestRedirectOffHostKeepsCredentials(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			t.Run(fmt.Sprintf("%s_%d", method, status), func(t *testing.T) {
				t.Parallel()
				other := newOtherHost(t)
				c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
				m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
				location := other.URL + "/orgs/acme/actions/hosted-runners/1?from=redirect"
				m.Inject(mockgithub.Fault{Method: method, Status: status, Header: http.Header{"Location": {location}}})
				var err error
				if method == http.MethodGet {
					_, err = c.GetHostedRunner(context.Background(), Organization("acme"), 1)
				} else {
					_, err = c.CreateHostedRunner(context.Background(), Organization("acme"), CreateHostedRunnerRequest{Name: "x", Size: "4-core"})
				}
				var redirectErr *RedirectError
				if !errors.As(err, &redirectErr) || !strings.Contains(err.Error(), location) || redirectErr.Status != status {
					t.Fatalf("error %v; want a RedirectError naming %s", err, location)
				}
				var transportErr *TransportError
				if errors.As(err, &transportErr) {
					t.Fatalf("error %v is a TransportError; a redirect is a definite answer, not an ambiguous one", err)
				}
				if seen := other.requests(); len(seen) != 0 {
					t.Fatalf("the other host received %q; it must receive nothing", seen)
				}
				if n := len(m.Requests()); n != 1 {
					t.Fatalf("%d requests reached the API, want 1: a redirect is not retried", n)
				}
			})
		}
	}
}

// TestRedirectSameHostFollowed: a redirect within the configured API is followed as net/http
// does, with the credentials (the mock refuses requests without them).
func TestRedirectSameHostFollowed(t *testing.T) {
	t.Parallel()
	c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
	m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
	// The first GET is moved to the same path with a query: the second one is answered.
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/hosted-runners/1$`, Times: 1, Status: http.StatusMovedPermanently,
		Header: http.Header{"Location": {c.base.String() + "/orgs/acme/actions/hosted-runners/1?moved=1"}}})
	r, err := c.GetHostedRunner(context.Background(), Organization("acme"), 1)
	if err != nil || r.ID != 1 {
		t.Fatalf("GetHostedRunner = %+v, %v; want runner 1 through the same-host redirect", r, err)
	}
	reqs := m.Requests()
	if len(reqs) != 2 || reqs[1].Status != http.StatusOK {
		t.Fatalf("requests %+v; want the redirect and then runner 1 answered 200", reqs)
	}
}

// TestRedirectOffHostKeepsAppJWT: when the request for an App installation token (sent with
// the App's JWT) is redirected to another host, the redirect is not followed: the other host
// receives nothing and the error names where it pointed.
func TestRedirectOffHostKeepsAppJWT(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	other := newOtherHost(t)
	m := mockgithub.New(mockgithub.Config{Tokens: []string{}, AppID: 9, AppPublicKey: &key.PublicKey, InstallationID: 3, TokenLifetime: time.Hour})
	location := other.URL + "/app/installations/3/access_tokens"
	m.Inject(mockgithub.Fault{Method: http.MethodPost, Path: `/access_tokens$`, Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {location}}})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, App: &AppAuth{AppID: 9, InstallationID: 3, PrivateKeyPEM: pemBytes}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListHostedRunners(context.Background(), Organization("acme"))
	var redirectErr *RedirectError
	if !errors.As(err, &redirectErr) || !strings.Contains(err.Error(), location) {
		t.Fatalf("error %v; want a RedirectError naming %s", err, location)
	}
	if seen := other.requests(); len(seen) != 0 {
		t.Fatalf("the other host received %q; it must receive nothing", seen)
	}
}

// TestLinkToAnotherHostNotFollowed: a next page on another host is refused, not fetched.
func TestLinkToAnotherHostNotFollowed(t *testing.T) {
	t.Parallel()
	other := newOtherHost(t)
	c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
	m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/hosted-runners$`, Status: http.StatusOK,
		Body:   `{"total_count":2,"runners":[` + runnerJSON(1, "r") + `]}`,
		Header: http.Header{"Link": {`<` + other.URL + `/orgs/acme/actions/hosted-runners?page=2>; rel="next"`}}})
	_, err := c.ListHostedRunners(context.Background(), Organization("acme"))
	if err == nil || !strings.Contains(err.Error(), other.Listener.Addr().String()) {
		t.Fatalf("error %v; want a refusal naming the other host", err)
	}
	if seen := other.requests(); len(seen) != 0 {
		t.Fatalf("the other host received %q; it must receive nothing", seen)
	}
}
