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

// Client calls GitHub's hosted-runner API.
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

// maxPages bounds a list whose first page gives no total_count, and any list however large
// its total_count: 1,000 pages of 100 are far more than any scope holds.
const maxPages = 1000

// pageSlack is how many pages beyond what total_count needs a list may take, for items added
// while it is read.
const pageSlack = 2

// paginate GETs path and every page its Link headers name as next, handing each body to fn.
// It stops with an error when the pages do not end: a page that is empty yet links to a next
// one, a next page already read, or more pages than the first page's total_count needs at its
// page size (plus pageSlack), or than maxPages.
func (c *Client) paginate(ctx context.Context, path string, fn func(body []byte) error) error {
	return c.walkPages(ctx, path, fn, nil)
}

// walkPages is paginate that, for a page without any Link header, asks unlinked (when not
// nil) for the URL of the page after page number page, "" when that page was the last. The
// same bounds hold for pages reached either way.
func (c *Client) walkPages(ctx context.Context, path string, fn func(body []byte) error, unlinked func(page int) string) error {
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	next := c.base.String() + path
	visited := map[string]bool{}
	limit, bound := maxPages, fmt.Sprintf("no list is read past %d pages", maxPages)
	for page := 1; next != ""; page++ {
		if visited[next] {
			return fmt.Errorf("GitHub's pagination of %s loops back to %s", path, next)
		}
		if page > limit {
			return fmt.Errorf("GitHub's pagination of %s does not end: page %d still links to a next page, but %s; stopping", path, page-1, bound)
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
		if unlinked != nil && len(resp.Header.Values("Link")) == 0 {
			next = unlinked(page)
		} else if next, err = c.nextPage(resp.Header); err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		items, total := pageCounts(body)
		if items == 0 {
			return fmt.Errorf("GitHub's pagination of %s does not end: page %d is empty yet links to a next page; stopping", path, page)
		}
		if page == 1 && total >= 0 && (total+items-1)/items+pageSlack < maxPages {
			limit = (total+items-1)/items + pageSlack
			bound = fmt.Sprintf("the first page's total_count of %d at %d a page needs %d (and %d more are allowed for items added meanwhile)",
				total, items, limit-pageSlack, pageSlack)
		}
	}
	return nil
}

// pageCounts returns how many items a list page holds (the length of its longest top-level
// array) and its total_count, or -1 when it has none.
func pageCounts(body []byte) (items, total int) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return 0, -1
	}
	total = -1
	if raw, ok := fields["total_count"]; ok && json.Unmarshal(raw, &total) != nil {
		total = -1
	}
	for _, raw := range fields {
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			items = max(items, len(list))
		}
	}
	return items, total
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
// was hit (the request was then not processed, so resending a POST is safe). Every resend, of
// whatever kind, draws on one budget of the client's max retries. It returns the final
// response with its body read and closed.
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

// describeSendError returns a wait the client refused and a redirect it did not follow as
// they are, and anything else as a TransportError.
func describeSendError(method, rawURL string, err error) error {
	var limitErr *RateLimitError
	if errors.As(err, &limitErr) {
		return limitErr // nothing more was sent
	}
	var redirectErr *RedirectError
	if errors.As(err, &redirectErr) {
		if redirectErr.Method == method && redirectErr.Path == pathOfRaw(rawURL) {
			return redirectErr
		}
		// The redirect answered a request made on this one's behalf (an App's token).
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("%s %s: %w", method, pathOfRaw(rawURL), err)
	}
	return describeTransportError(method, rawURL, err)
}

// describeTransportError keeps the URL path but not the query in transport errors.
func describeTransportError(method, rawURL string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &TransportError{Method: method, Path: pathOfRaw(rawURL), Err: err}
}

// pathOfRaw returns the path of a URL (without its query), or the URL as is if it does not parse.
func pathOfRaw(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return pathOf(u)
	}
	return rawURL
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
	var notSent *NotSentError
	return isPermanent(e.Err) || errors.As(e.Err, &dnsErr) || errors.Is(e.Err, syscall.ECONNREFUSED) || errors.As(e.Err, &notSent)
}

// NotSentError ends a request that never left, or was not sent again after GitHub refused it
// under a rate limit: its context ended, or its wait could not fit, while it waited for its
// turn at the write spacing, a place among the requests in flight or a rate limit's reset.
// GitHub did not act on it, so it is not ambiguous, even for a POST. It wraps the cause.
type NotSentError struct {
	Err error
}

func (e *NotSentError) Error() string { return e.Err.Error() }

// Unwrap returns the cause (a context's end, a *RateLimitError).
func (e *NotSentError) Unwrap() error { return e.Err }

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
