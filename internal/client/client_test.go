package client

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// newTestClient starts cfg's mock behind wrap, and a client for it, both on one fake clock that
// every wait of the client moves on at once.
func newTestClient(t *testing.T, cfg mockgithub.Config, wrap func(*mockgithub.Mock) http.Handler, adjust func(*Config)) (*Client, *mockgithub.Mock) {
	t.Helper()
	fake := clock.NewAutoFake(time.Now().Truncate(time.Second))
	cfg.Clock = fake
	m := mockgithub.New(cfg)
	var h http.Handler = m
	if wrap != nil {
		h = wrap(m)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := Config{BaseURL: srv.URL, Token: mockgithub.DefaultToken, MaxRetries: 3, RetryWaitMin: time.Second, RetryWaitMax: 30 * time.Second, Clock: fake}
	if adjust != nil {
		adjust(&c)
	}
	client, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return client, m
}

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	for raw, wantErr := range map[string]string{
		"https://api.github.com/":           "",
		"https://api.octocorp.ghe.com":      "",
		"http://127.0.0.1:8080/":            "",
		"http://localhost:1234/api/v3/":     "",
		"http://[::1]:99/":                  "",
		"http://api.github.com/":            "plain HTTP",
		"http://10.0.0.1/":                  "plain HTTP",
		"http://localhost.evil.example.com": "plain HTTP",
		"ftp://api.github.com/":             "absolute http(s) URL",
		"api.github.com":                    "absolute http(s) URL",
		"https://":                          "absolute http(s) URL",
	} {
		u, err := ParseBaseURL(raw)
		switch {
		case wantErr == "" && err != nil:
			t.Errorf("ParseBaseURL(%q): %v", raw, err)
		case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
			t.Errorf("ParseBaseURL(%q) = %v, %v; want an error about %q", raw, u, err, wantErr)
		case err == nil && strings.HasSuffix(u.Path, "/"):
			t.Errorf("ParseBaseURL(%q) kept a trailing slash: %q", raw, u.Path)
		}
	}
}

// TestRetryPolicy: idempotent requests are retried on 500/502/503/504 and transport errors,
// never on 501 or a 4xx, and a POST never; the waits go through the Clock and honour
// Retry-After.
func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		method string
		status int
		tries  int
	}{
		{http.MethodGet, 500, 4}, {http.MethodGet, 502, 4}, {http.MethodGet, 503, 4}, {http.MethodGet, 504, 4},
		{http.MethodPatch, 503, 4}, {http.MethodDelete, 502, 4},
		{http.MethodGet, 501, 1}, {http.MethodGet, 400, 1}, {http.MethodGet, 409, 1},
		{http.MethodPost, 502, 1}, {http.MethodPost, 503, 1},
	} {
		t.Run(fmt.Sprintf("%s_%d", tc.method, tc.status), func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			m.Inject(mockgithub.Fault{Method: tc.method, Status: tc.status, Body: `{"message":"boom"}`})
			var err error
			switch tc.method {
			case http.MethodGet:
				_, err = c.GetHostedRunner(context.Background(), Organization("acme"), 1)
			case http.MethodPatch:
				_, err = c.UpdateHostedRunner(context.Background(), Organization("acme"), 1, UpdateHostedRunnerRequest{})
			case http.MethodDelete:
				_, err = c.DeleteHostedRunner(context.Background(), Organization("acme"), 1)
			case http.MethodPost:
				_, err = c.CreateHostedRunner(context.Background(), Organization("acme"), CreateHostedRunnerRequest{Name: "x"})
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || apiErr.Message != "boom" || apiErr.RequestID == "" {
				t.Fatalf("error %v; want GitHub's %d with its message and request id", err, tc.status)
			}
			if n := len(m.Requests()); n != tc.tries {
				t.Fatalf("%d tries, want %d", n, tc.tries)
			}
		})
	}
	t.Run("retry_after_on_the_clock", func(t *testing.T) {
		t.Parallel()
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		m.AddRunner("orgs/acme", mockgithub.Runner{Name: "r", ImageID: "ubuntu-latest", Size: "4-core"})
		m.Inject(mockgithub.Fault{Method: http.MethodGet, Times: 1, Status: 503, Header: http.Header{"Retry-After": {"42"}}})
		start := time.Now()
		if _, err := c.GetHostedRunner(context.Background(), Organization("acme"), 1); err != nil {
			t.Fatal(err)
		}
		reqs := m.Requests()
		if len(reqs) != 2 || reqs[1].Time.Sub(reqs[0].Time) < 42*time.Second {
			t.Fatalf("rate limit broken: retried %d requests, %s apart; want the retry 42 s (mock time) later", len(reqs), reqs[len(reqs)-1].Time.Sub(reqs[0].Time))
		}
		if wall := time.Since(start); wall > 5*time.Second {
			t.Fatalf("the wait took %s of real time; it must go through the Clock", wall)
		}
	})
	t.Run("untrusted_certificate_not_retried", func(t *testing.T) {
		t.Parallel()
		var conns atomic.Int32
		srv := httptest.NewUnstartedServer(http.NotFoundHandler())
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}
		srv.StartTLS()
		t.Cleanup(srv.Close)
		c, err := New(Config{BaseURL: srv.URL, Token: "t", MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetHostedRunner(context.Background(), Organization("acme"), 1)
		var tErr *TransportError
		if !errors.As(err, &tErr) || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
			t.Fatalf("error %v; want a certificate error", err)
		}
		if n := conns.Load(); n != 1 {
			t.Fatalf("%d connections, want 1: a certificate that does not verify is not retried", n)
		}
	})
}

// recordingLogger is a Logger that keeps every line as text, one per line.
type recordingLogger struct {
	mu  sync.Mutex
	out strings.Builder
}

func (l *recordingLogger) Log(_ context.Context, level Level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.out, "level=%d msg=%q fields=%v\n", level, msg, fields)
}

func (l *recordingLogger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out.String()
}

// TestLogsMaskSecretsAndWarnDeprecation: request logs (DEBUG and TRACE) never contain the
// token, JWT or key, even when GitHub echoes one; a Deprecation header is a WARN line.
func TestLogsMaskSecretsAndWarnDeprecation(t *testing.T) {
	t.Parallel()
	rec := &recordingLogger{}
	c, m := newTestClient(t, mockgithub.Config{SupportedAPIVersions: []string{"2026-03-10"}, DeprecatedAPIVersions: []string{"2022-11-28"}},
		nil, func(cfg *Config) { cfg.APIVersion = "2022-11-28"; cfg.Logger = rec })
	const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiI0MiJ9.c2lnbmF0dXJlc2lnbmF0dXJl"
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Times: 1, Status: 404, Body: fmt.Sprintf(`{"message":"echo %s %s"}`, mockgithub.DefaultToken, jwt)})
	ctx := context.Background()
	_, _ = c.GetHostedRunner(ctx, Organization("acme"), 1)
	_, _ = c.ListHostedRunners(ctx, Organization("acme"))
	logs := rec.String()
	for _, secret := range []string{mockgithub.DefaultToken, jwt} {
		if strings.Contains(logs, secret) {
			t.Fatalf("the log contains a secret:\n%s", logs)
		}
	}
	for _, want := range []string{`msg="GitHub API request"`, `msg="GitHub API response body"`, fmt.Sprintf("level=%d", LevelWarn), `deprecated`, `sunset:`} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the log lacks %s:\n%s", want, logs)
		}
	}
}

// TestAppTokenRefreshedBeforeExpiry: an installation token is replaced before it expires
// (ghinstallation refreshes a minute ahead, on the wall clock), so GitHub never sees an
// expired one. The mock's clock stands still and issues 59 s tokens: each is within its last
// minute as soon as it is issued, so the next request needs a new one, with no sleep.
func TestAppTokenRefreshedBeforeExpiry(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	m := mockgithub.New(mockgithub.Config{Tokens: []string{}, AppID: 9, AppPublicKey: &key.PublicKey, InstallationID: 3, TokenLifetime: 59 * time.Second,
		Clock: clock.NewFake(time.Now())})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, App: &AppAuth{AppID: 9, InstallationID: 3, PrivateKeyPEM: pemBytes}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.ListHostedRunners(context.Background(), Organization("acme")); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(m.IssuedTokens()); n != 2 {
		t.Fatalf("%d tokens issued, want 2 (the second before the first expired)", n)
	}
	for _, r := range m.Requests() {
		if r.Status == http.StatusUnauthorized {
			t.Fatalf("%s %s was refused with 401", r.Method, r.Path)
		}
	}
}

// TestPaginationReadsAChangingListOnce: 250 runners in pages of at most 100, following Link; the list
// changes between pages (a runner inserted before the page being read, then one removed):
// every runner is returned once, and one on page 3 is found.
func TestPaginationReadsAChangingListOnce(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(m *mockgithub.Mock){
		"inserted": func(m *mockgithub.Mock) {
			m.AddRunner("orgs/acme", mockgithub.Runner{ID: 1, Name: "late", ImageID: "ubuntu-latest", Size: "4-core"})
		},
		"removed": func(m *mockgithub.Mock) { m.RemoveRunner("orgs/acme", 1010) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var once sync.Once
			c, m := newTestClient(t, mockgithub.Config{}, func(m *mockgithub.Mock) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Query().Get("page") == "2" {
						once.Do(func() { change(m) })
					}
					m.ServeHTTP(w, r)
				})
			}, nil)
			for i := range 250 {
				m.AddRunner("orgs/acme", mockgithub.Runner{ID: int64(1000 + i), Name: fmt.Sprintf("r%03d", i), ImageID: "ubuntu-latest", Size: "4-core"})
			}
			got, err := c.ListHostedRunners(context.Background(), Organization("acme"))
			if err != nil {
				t.Fatal(err)
			}
			want := m.Runners("orgs/acme")
			ids := map[int64]bool{}
			for _, r := range got {
				if ids[r.ID] {
					t.Fatalf("runner %d returned twice", r.ID)
				}
				ids[r.ID] = true
			}
			if len(got) != len(want) {
				t.Fatalf("%d runners listed, the mock has %d", len(got), len(want))
			}
			if !ids[1240] {
				t.Fatalf("runner 1240 (page 3) not found")
			}
			var queries []string
			for _, r := range m.Requests() {
				queries = append(queries, r.Query)
				if !strings.Contains(r.Query, "per_page=100") {
					t.Fatalf("request %q does not ask for pages of 100", r.Query)
				}
			}
			if len(queries) != 6 || !strings.Contains(queries[2], "page=3") {
				t.Fatalf("requests %q, want two passes over three pages", queries)
			}
		})
	}
}

// TestQueuedRequestWaitsForReset: a request queued behind another for its place (one at a
// time) waits for the reset when the answer it queued behind exhausts the primary limit.
func TestQueuedRequestWaitsForReset(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{})
	var once sync.Once
	c, m := newTestClient(t, mockgithub.Config{}, func(m *mockgithub.Mock) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/platforms") {
				once.Do(func() { close(arrived) })
			}
			m.ServeHTTP(w, r)
		})
	}, func(cfg *Config) { cfg.MaxConcurrent = 1; cfg.ReadTimeout = time.Hour })
	reset := time.Unix(c.clock.Now().Add(10*time.Minute).Unix(), 0)
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/platforms$`, Times: 1, Delay: 300 * time.Millisecond,
		Status: http.StatusOK, Body: `{"total_count":0,"platforms":[]}`,
		Header: http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}}})
	scope := Organization("acme")
	first := make(chan error, 1)
	go func() {
		_, err := c.ListPlatforms(t.Context(), scope)
		first <- err
	}()
	<-arrived // the first request holds the only place; the next one queues behind it
	if _, err := c.GetLimits(t.Context(), scope); err != nil {
		t.Fatal(err)
	}
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Requests() {
		if r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/limits") && r.Time.Before(reset) {
			t.Fatalf("the queued request was sent at %s, before the reset at %s", r.Time, reset)
		}
	}
}
