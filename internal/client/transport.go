package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// newTransportStack builds, from the outside in: throttle (concurrency, write spacing and the
// known rate-limit state), logging (outside auth, so it never sees credentials), auth, the
// conditional-GET cache (below auth, so it is keyed by credential), the origin guard (below
// everything that adds credentials) and a pooled transport that verifies TLS with the system
// roots (SSL_CERT_FILE is honoured).
func newTransportStack(cfg Config, base *url.URL, g *gate, log *maskingLogger) (http.RoundTripper, error) {
	bottom := newETagCache(&originGuard{base: base, next: cleanhttp.DefaultPooledTransport()}, log)
	var auth http.RoundTripper
	switch {
	case cfg.App != nil:
		app, err := newAppTransport(bottom, *cfg.App, base)
		if err != nil {
			return nil, err
		}
		auth = app
	case cfg.Token != "":
		auth = &tokenTransport{token: cfg.Token, next: bottom}
	default:
		return nil, errors.New("no GitHub credentials: set the provider's token (or GITHUB_TOKEN), or its app_auth block (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE)")
	}
	return &throttle{gate: g, log: log, next: &loggingTransport{next: auth, log: log}}, nil
}

// tokenTransport adds a personal access token.
type tokenTransport struct {
	token string
	next  http.RoundTripper
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.next.RoundTrip(r)
}

// appTransport authenticates as a GitHub App installation through ghinstallation, which
// refreshes the installation token before its expiry. When GitHub still answers 401 (a token
// revoked or expired early), it drops the cached token and retries the request once, if the
// request has a retry left.
type appTransport struct {
	mu     sync.Mutex
	newTr  func() (*ghinstallation.Transport, error)
	active *ghinstallation.Transport
}

func newAppTransport(base http.RoundTripper, app AppAuth, apiBase *url.URL) (*appTransport, error) {
	newTr := func() (*ghinstallation.Transport, error) {
		tr, err := ghinstallation.New(base, app.AppID, app.InstallationID, app.PrivateKeyPEM)
		if err != nil {
			return nil, fmt.Errorf("reading the GitHub App private key: %w", err)
		}
		tr.BaseURL = apiBase.String()
		return tr, nil
	}
	first, err := newTr()
	if err != nil {
		return nil, err
	}
	return &appTransport{newTr: newTr, active: first}, nil
}

func (t *appTransport) current() *ghinstallation.Transport {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.active
}

func (t *appTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	used := t.current()
	resp, err := used.RoundTrip(cloneWithBody(req))
	if err != nil || resp.StatusCode != http.StatusUnauthorized || !retryStateOf(req.Context()).spend() {
		return resp, err
	}
	t.mu.Lock()
	if t.active == used {
		fresh, ferr := t.newTr()
		if ferr != nil {
			t.mu.Unlock()
			return resp, nil //nolint:nilerr // with no fresh token to try, GitHub's 401 is the answer
		}
		t.active = fresh
	}
	retry := t.active
	t.mu.Unlock()
	_ = resp.Body.Close()
	return retry.RoundTrip(cloneWithBody(req))
}

// cloneWithBody clones req with a fresh copy of its body, so it can be sent twice.
func cloneWithBody(req *http.Request) *http.Request {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			r.Body = body
		}
	}
	return r
}

// retryKey carries a request's retryState on its context.
type retryKey struct{}

// retryState is one logical request's retry bookkeeping: its method (retryablehttp's
// CheckRetry does not see the request when the transport failed), the one budget of retries
// that every layer which resends it draws on (retries after transport errors and 5xx answers,
// after rate limits, after a 401 to an App token), and the wait CheckRetry chose before the
// next attempt. A request is thus sent at most budget + 1 times, whichever layers resend it.
type retryState struct {
	method string
	budget int
	tries  int // retries so far, of every kind
	wait   time.Duration
	cause  string
}

// withRetryState records a fresh retryState for one logical request on the context.
func withRetryState(ctx context.Context, method string, budget int) (context.Context, *retryState) {
	st := &retryState{method: method, budget: budget}
	return context.WithValue(ctx, retryKey{}, st), st
}

// spend takes one retry from the request's budget, reporting false when none is left.
func (st *retryState) spend() bool {
	if st.tries >= st.budget {
		return false
	}
	st.tries++
	return true
}

func retryStateOf(ctx context.Context) *retryState {
	st, _ := ctx.Value(retryKey{}).(*retryState)
	if st == nil {
		st = &retryState{}
	}
	return st
}

// retryPolicy decides retries and waits between them on the client's Clock: CheckRetry
// chooses the wait, retryablehttp's own timer gets 0 (Backoff), and PrepareRetry sleeps on
// the Clock, logging the wait at WARN and returning when the context ends.
type retryPolicy struct {
	clock            clock.Clock
	log              *maskingLogger
	waitMin, waitMax time.Duration
}

func newRetryingClient(cfg Config, rt http.RoundTripper, log *maskingLogger) *retryablehttp.Client {
	p := &retryPolicy{clock: cfg.Clock, log: log, waitMin: cfg.RetryWaitMin, waitMax: cfg.RetryWaitMax}
	rc := retryablehttp.NewClient()
	rc.HTTPClient = &http.Client{Transport: rt, Timeout: cfg.RequestTimeout}
	rc.Logger = nil
	rc.RetryMax = cfg.MaxRetries
	rc.CheckRetry = p.checkRetry
	rc.Backoff = func(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 }
	rc.PrepareRetry = p.prepareRetry
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return rc
}

// checkRetry retries idempotent requests (everything but POST) on transport errors and
// 500/502/503/504, never 501 nor any 4xx. A POST is never replayed: GitHub may have acted on it.
func (p *retryPolicy) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		if err != nil {
			return false, err // keeps what the attempt knew, such as that it was never sent
		}
		return false, ctx.Err()
	}
	st := retryStateOf(ctx)
	if st.method == http.MethodPost {
		return false, nil
	}
	if err != nil {
		var urlErr *url.Error
		var limitErr *RateLimitError
		var redirectErr *RedirectError
		if errors.As(err, &limitErr) || errors.As(err, &redirectErr) || (errors.As(err, &urlErr) && isPermanent(urlErr.Err)) || !st.spend() {
			return false, nil
		}
		st.plan(p, nil, "transport error: "+err.Error())
		return true, nil
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if !st.spend() {
			return false, nil
		}
		st.plan(p, resp, fmt.Sprintf("GitHub answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
		return true, nil
	}
	return false, nil
}

// plan records the wait before the next try: Retry-After when GitHub sent it, otherwise
// jittered exponential backoff.
func (st *retryState) plan(p *retryPolicy, resp *http.Response, cause string) {
	st.cause = cause
	if resp != nil {
		if d, ok := retryAfter(resp.Header, p.clock.Now()); ok {
			st.wait = d
			return
		}
	}
	st.wait = jitteredBackoff(p.waitMin, p.waitMax, st.tries-1)
}

// prepareRetry sleeps the planned wait on the Clock before retryablehttp sends the next try,
// or fails at once when the wait would outlast the request's deadline.
func (p *retryPolicy) prepareRetry(req *http.Request) error {
	ctx := req.Context()
	st := retryStateOf(ctx)
	if d, ok := ctx.Value(readDeadlineKey{}).(readDeadline); ok && p.clock.Now().After(d.at) {
		return &ReadTimeoutError{Method: req.Method, Path: pathOf(req.URL), Timeout: d.timeout}
	}
	if err := waitPastDeadline(ctx, p.clock, st.wait, st.cause); err != nil {
		return err
	}
	p.log.logRetry(ctx, req.Method, pathOf(req.URL), st.tries, st.wait, st.cause)
	return p.clock.Sleep(ctx, st.wait)
}

// isPermanent reports transport errors that a retry cannot fix: certificates that do not verify.
func isPermanent(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	return errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr)
}

// jitteredBackoff doubles from minWait for each earlier try, up to maxWait, with ±50% jitter.
func jitteredBackoff(minWait, maxWait time.Duration, tries int) time.Duration {
	d := minWait << min(tries, 20)
	if d <= 0 || d > maxWait {
		d = maxWait
	}
	return time.Duration(float64(d) * (0.5 + rand.Float64()))
}

// retryAfter parses Retry-After as seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
