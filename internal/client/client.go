// Package client is a typed client for the GitHub REST endpoints the provider uses
// (hosted runners, custom images, runner groups, network configurations, budgets, usage and the
// self-hosted runner policy): one method per operation, for organizations and enterprises, with
// GitHub's errors, pagination, rate limits and retries handled once for all of them.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runcache"
)

// DefaultBaseURL is GitHub's public API.
const DefaultBaseURL = "https://api.github.com/"

// DefaultAPIVersion is the X-GitHub-Api-Version sent unless configured otherwise.
const DefaultAPIVersion = "2026-03-10"

// DefaultReadTimeout bounds an operation whose context has no deadline, unless configured otherwise.
const DefaultReadTimeout = 5 * time.Minute

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
	// MaxRetries is the one budget of retries of a request, whatever resends it: transport
	// errors and 5xx answers (idempotent requests only), rate limits, a 401 to an App token.
	// A request is sent at most MaxRetries + 1 times.
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
	// ReadTimeout bounds one operation (every request, retry and wait of it) whose context
	// has no deadline: Terraform gives reads none. Default DefaultReadTimeout.
	ReadTimeout time.Duration
	// Clock measures and sleeps every wait; tests inject a fake one.
	Clock clock.Clock
	// Logger receives the client's log lines, secrets masked. Nil logs nothing.
	Logger Logger
}

// AppAuth is a GitHub App installation's credentials.
type AppAuth struct {
	AppID          int64
	InstallationID int64
	PrivateKeyPEM  []byte
}

// Client calls GitHub's REST API.
type Client struct {
	base        *url.URL
	apiVersion  string
	userAgent   string
	http        *retryablehttp.Client
	clock       clock.Clock
	gate        *gate
	log         *maskingLogger
	maxRetries  int
	readTimeout time.Duration
	runs        runcache.Cache // lists read once per run (run_cache.go)
	caller      string         // whose requests these are (callerID)
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
		cfg.Clock = clock.Real{}
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 1
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = time.Second
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 30 * time.Second
	}
	log := newMaskingLogger(cfg.Logger, cfg.Token)
	g := sharedGate(cfg, base)
	rt, err := newTransportStack(cfg, base, g, log)
	if err != nil {
		return nil, err
	}
	return &Client{
		caller:      callerID(cfg),
		base:        base,
		apiVersion:  cfg.APIVersion,
		userAgent:   cfg.UserAgent,
		http:        newRetryingClient(cfg, rt, log),
		clock:       cfg.Clock,
		gate:        g,
		log:         log,
		maxRetries:  max(cfg.MaxRetries, 0),
		readTimeout: cfg.ReadTimeout,
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
	ctx, cancel := c.bounded(ctx)
	defer cancel()
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

// send performs one logical request, waiting out rate limits and resending within one budget
// of retries (a rate-limited POST was not processed, so resending it is safe). It returns the
// final response with its body read and closed.
func (c *Client) send(ctx context.Context, method, rawURL string, in any) (*http.Response, []byte, error) {
	var payload []byte
	if in != nil {
		var err error
		if payload, err = json.Marshal(in); err != nil {
			return nil, nil, fmt.Errorf("encoding the %s %s body: %w", method, rawURL, err)
		}
	}
	ctx, budget := withRetryState(ctx, method, c.maxRetries)
	for {
		if err := c.gate.limits.waitForReset(ctx, c.clock, c.log); err != nil {
			return nil, nil, &NotSentError{Err: err}
		}
		req, err := newRequest(ctx, method, rawURL, payload)
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
		if late := c.pastReadDeadline(ctx, method, rawURL, err); late != nil {
			return nil, nil, late
		}
		if err != nil {
			return nil, nil, describeSendError(method, rawURL, err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s: reading the response: %w", method, pathOf(resp.Request.URL), err)
		}
		c.gate.limits.observe(resp.Header, c.clock.Now())
		wait, cause, limited := rateLimitWait(resp, body, budget.tries, c.clock.Now())
		if !limited {
			return resp, body, nil
		}
		if !budget.spend() {
			return nil, nil, &RateLimitError{Cause: cause, Tries: budget.tries + 1,
				Last: decodeAPIError(method, pathOf(resp.Request.URL), resp.StatusCode, resp.Header, body)}
		}
		if err := waitWithin(ctx, c.clock, c.log, wait, cause, method, pathOf(resp.Request.URL)); err != nil {
			return nil, nil, &NotSentError{Err: err} // GitHub did not act on the rate-limited try
		}
	}
}

// newRequest builds one try of a request. A request without a payload has no body at all (not
// an empty one), so that a PUT, POST, PATCH or DELETE goes out with "Content-Length: 0", as
// GitHub asks (it answers 411 Length Required to a chunked request without a length), and a
// GET with neither header.
func newRequest(ctx context.Context, method, rawURL string, payload []byte) (*retryablehttp.Request, error) {
	if payload == nil {
		return retryablehttp.NewRequestWithContext(ctx, method, rawURL, nil)
	}
	return retryablehttp.NewRequestWithContext(ctx, method, rawURL, payload)
}

// pathOfRaw returns the path of a URL (without its query), or the URL as is if it does not parse.
func pathOfRaw(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return pathOf(u)
	}
	return rawURL
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
