// Package client is a thin, typed client for GitHub's hosted-runner REST API: one method per
// operation of both the organization and the enterprise scope, with GitHub's errors, pagination,
// rate limits and retries handled once for all of them.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is GitHub's public API.
const DefaultBaseURL = "https://api.github.com/"

// DefaultAPIVersion is the X-GitHub-Api-Version sent unless configured otherwise.
const DefaultAPIVersion = "2026-03-10"

// Config configures a Client. Zero values take the documented defaults.
type Config struct {
	// BaseURL is the API root, for example https://api.github.com/ or https://api.SUB.ghe.com/.
	BaseURL string
	// Token is a personal access token or OAuth token. Exactly one of Token and App is set.
	Token string
	// App authenticates as a GitHub App installation.
	App *AppAuth
	// APIVersion is sent as X-GitHub-Api-Version on every request.
	APIVersion string
	// UserAgent is sent on every request; GitHub rejects requests without one.
	UserAgent string
	// MaxRetries bounds retries of idempotent requests on transport errors and 5xx answers.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the jittered backoff between those retries.
	RetryWaitMin, RetryWaitMax time.Duration
	// MaxConcurrent bounds requests in flight at once (GitHub asks for serial requests: 1).
	MaxConcurrent int
	// WriteDelay is the least time between one POST/PATCH/PUT/DELETE request being answered and
	// the next one starting; writes are sent one at a time.
	WriteDelay time.Duration
	// RequestTimeout bounds one HTTP attempt, so that a request GitHub never answers ends as
	// an ambiguous transport error (and, for a create, the provider looks for the runner)
	// rather than using up the whole operation's deadline. 0 means no bound of its own.
	RequestTimeout time.Duration
	// MaxRateLimitRetries bounds how often one request waits out a rate limit before giving up.
	MaxRateLimitRetries int
	// Clock measures and sleeps every wait; tests inject a fake one.
	Clock Clock
	// Transport is the base HTTP transport (TLS settings, test servers). Default: a pooled
	// transport that verifies TLS with the system roots (SSL_CERT_FILE is honoured).
	Transport http.RoundTripper
}

// AppAuth is a GitHub App installation's credentials.
type AppAuth struct {
	AppID          int64
	InstallationID int64
	PrivateKeyPEM  []byte
}

// Client calls GitHub's hosted-runner API.
type Client struct {
	base       *url.URL
	apiVersion string
	userAgent  string
	http       *retryablehttp.Client
	clock      Clock
	limits     *rateLimits
	maxLimited int
	catalog    catalogMemo // catalog lists, read once per scope (catalog.go)
}

// New builds a Client from cfg. It makes no request.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultAPIVersion
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-githubactions"
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 1
	}
	if cfg.MaxRateLimitRetries <= 0 {
		cfg.MaxRateLimitRetries = 5
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = time.Second
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 30 * time.Second
	}
	if cfg.Transport == nil {
		cfg.Transport = defaultTransport()
	}
	rt, err := newTransportStack(cfg, base)
	if err != nil {
		return nil, err
	}
	return &Client{
		base:       base,
		apiVersion: cfg.APIVersion,
		userAgent:  cfg.UserAgent,
		http:       newRetryingClient(cfg, rt),
		clock:      cfg.Clock,
		limits:     sharedRateLimits(cfg, base),
		maxLimited: cfg.MaxRateLimitRetries,
	}, nil
}

// ParseBaseURL checks an API root: an absolute http(s) URL, HTTPS unless the host is a
// loopback address. The returned URL has no trailing slash in its path.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("base URL %q is not a URL: %w", raw, err)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("base URL %q must be an absolute http(s) URL such as %s", raw, DefaultBaseURL)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q uses plain HTTP; HTTPS is required except for loopback addresses (localhost, 127.0.0.0/8, ::1)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// do sends one request and decodes a success answer into out.
func (c *Client) do(ctx context.Context, method, path string, in, out any, want ...int) error {
	_, err := c.doStatus(ctx, method, path, in, out, want...)
	return err
}

// doStatus is do that also returns which of the wanted statuses GitHub answered.
func (c *Client) doStatus(ctx context.Context, method, path string, in, out any, want ...int) (int, error) {
	resp, body, err := c.send(ctx, method, c.base.String()+path, in) //nolint:bodyclose // send reads and closes the body
	if err != nil {
		return 0, err
	}
	if !slices.Contains(want, resp.StatusCode) {
		return resp.StatusCode, decodeAPIError(method, pathOf(resp.Request.URL), resp.StatusCode, resp.Header, body)
	}
	if out != nil && len(bytes.TrimSpace(body)) > 0 {
		if err := decodeJSON(body, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

// paginate GETs path and every page its Link headers name as next, handing each body to fn.
func (c *Client) paginate(ctx context.Context, path string, fn func(body []byte) error) error {
	next := c.base.String() + path
	visited := map[string]bool{}
	for next != "" {
		if visited[next] {
			return fmt.Errorf("GitHub's pagination loops back to %s", next)
		}
		visited[next] = true
		resp, body, err := c.send(ctx, http.MethodGet, next, nil) //nolint:bodyclose // send reads and closes the body
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return decodeAPIError(http.MethodGet, pathOf(resp.Request.URL), resp.StatusCode, resp.Header, body)
		}
		if err := fn(body); err != nil {
			return fmt.Errorf("GET %s: %w", pathOf(resp.Request.URL), err)
		}
		if next, err = c.nextPage(resp.Header); err != nil {
			return err
		}
	}
	return nil
}

// nextPage returns the Link header's next URL, refusing one on another host: the credentials
// must never follow a link off the configured API.
func (c *Client) nextPage(h http.Header) (string, error) {
	next := NextLink(h.Values("Link"))
	if next == "" {
		return "", nil
	}
	u, err := c.base.Parse(next)
	if err != nil {
		return "", fmt.Errorf("GitHub's Link header names an invalid next page %q: %w", next, err)
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
		return "", fmt.Errorf("GitHub's Link header points to %s://%s, not the configured API %s://%s; refusing to follow it", u.Scheme, u.Host, c.base.Scheme, c.base.Host)
	}
	return u.String(), nil
}

// NextLink returns the URL of rel="next" in RFC 8288 Link header values, or "".
func NextLink(values []string) string {
	for _, value := range values {
		for _, link := range splitLinks(value) {
			lt, gt := strings.IndexByte(link, '<'), strings.IndexByte(link, '>')
			if lt != 0 || gt < 0 {
				continue
			}
			for _, param := range strings.Split(link[gt+1:], ";") {
				name, val, ok := strings.Cut(strings.TrimSpace(param), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(val), `"`)) {
					if strings.EqualFold(rel, "next") {
						return link[1:gt]
					}
				}
			}
		}
	}
	return ""
}

// splitLinks splits a Link header value at the commas between links (not inside <...>).
func splitLinks(value string) []string {
	var links []string
	depth, start := 0, 0
	for i, r := range value {
		switch r {
		case '<':
			depth++
		case '>':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				links = append(links, strings.TrimSpace(value[start:i]))
				start = i + 1
			}
		}
	}
	return append(links, strings.TrimSpace(value[start:]))
}

// send performs one logical request: it waits out known rate limits, lets the retrying
// client handle transport errors and 5xx, and waits and resends when GitHub says a rate limit
// was hit (the request was then not processed, so resending a POST is safe). It returns the
// final response with its body read and closed.
func (c *Client) send(ctx context.Context, method, rawURL string, in any) (*http.Response, []byte, error) {
	var payload []byte
	if in != nil {
		var err error
		if payload, err = json.Marshal(in); err != nil {
			return nil, nil, fmt.Errorf("encoding the %s %s body: %w", method, rawURL, err)
		}
	}
	for attempt := 0; ; attempt++ {
		if err := c.limits.waitForReset(ctx, c.clock); err != nil {
			return nil, nil, err
		}
		req, err := retryablehttp.NewRequestWithContext(withRetryState(ctx, method), method, rawURL, payload)
		if err != nil {
			return nil, nil, err
		}
		req.Header.Set("Accept", "application/vnd.github+json")
		req.Header.Set("X-GitHub-Api-Version", c.apiVersion)
		req.Header.Set("User-Agent", c.userAgent)
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.http.Do(req)
		var limitErr *RateLimitError
		if errors.As(err, &limitErr) {
			return nil, nil, limitErr // nothing was sent
		}
		if err != nil {
			return nil, nil, describeTransportError(method, rawURL, err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s: reading the response: %w", method, pathOf(resp.Request.URL), err)
		}
		c.limits.observe(resp.Header, c.clock.Now())
		wait, cause, limited := rateLimitWait(resp, body, attempt, c.clock.Now())
		if !limited {
			return resp, body, nil
		}
		if attempt >= c.maxLimited {
			return nil, nil, &RateLimitError{Cause: cause, Tries: attempt + 1,
				Last: decodeAPIError(method, pathOf(resp.Request.URL), resp.StatusCode, resp.Header, body)}
		}
		if err := waitWithin(ctx, c.clock, wait, cause, method, pathOf(resp.Request.URL)); err != nil {
			return nil, nil, err
		}
	}
}

// describeTransportError keeps the URL path but not the query in transport errors.
func describeTransportError(method, rawURL string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	path := rawURL
	if u, perr := url.Parse(rawURL); perr == nil {
		path = pathOf(u)
	}
	return &TransportError{Method: method, Path: path, Err: err}
}

// TransportError is a request that got no HTTP answer (connection refused or reset, TLS
// failure, timeout). For a POST it is ambiguous: GitHub may or may not have acted on it.
type TransportError struct {
	Method, Path string
	Err          error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// NotSent reports whether the request certainly never reached GitHub: the name did not
// resolve, the connection was refused, or the server's certificate did not verify. Such a
// failure is not ambiguous, even for a POST.
func (e *TransportError) NotSent() bool {
	var dnsErr *net.DNSError
	return isPermanent(e.Err) || errors.As(e.Err, &dnsErr) || errors.Is(e.Err, syscall.ECONNREFUSED)
}

func pathOf(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.EscapedPath()
}

func decodeJSON(body []byte, out any) error {
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("decoding GitHub's answer: %w", err)
	}
	return nil
}
