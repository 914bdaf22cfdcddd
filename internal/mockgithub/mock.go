// Package mockgithub is an in-memory GitHub REST API for the 32 GitHub-hosted runner
// operations, the 31 runner group and hosted-compute networking operations, the 14
// budget and billing usage operations (organization and enterprise scopes: list, create,
// get, update and delete a budget; the usage report and the usage summary) and the 8
// self-hosted runner policy operations (85 operations in all, which Operations lists), with
// GitHub App installation tokens, rate limits, API versions, ETags, fault injection and a
// request log for tests. For integrations/github it also serves the repository and account
// operations github_repository calls (repositories.go, integrations_compat.go).
//
// Budgets follow billing.openapi.yaml per verb: create and update answer 200 with
// {message, budget}, get the bare budget, delete 200 with {message, id}; lists page by
// page/per_page (default 10, at most 100) with has_next_page and total_count and no Link
// header. Where the description is silent the mock assumes, and says so in budgets.go:
// a second budget for the same covered entity (scope, entity, user) and product or SKU
// answers 422 already_exists; every create needs budget_amount, budget_scope, budget_type
// and budget_product_sku (the answers require them and none has a default), an enterprise
// create also what its schema requires; a SKU is a product, an underscore and [a-z0-9_];
// alert recipients are well-formed logins; an owner off the enhanced billing platform
// answers 404 "Not Found" on every budget and usage operation; a caller without the billing
// role gets 403 on all of them. Cost centers are not modelled (a cost_center budget takes
// any name; no usage has a cost center), nor are the list's user filter and the enterprise
// user-states operation.
//
// Its JSON shapes are its own reading of the OpenAPI schemas in shared/api; it never
// imports the provider's client.
package mockgithub

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// DefaultToken is the personal access token accepted when Config.Tokens is nil.
const DefaultToken = "ghp_mockdefaulttoken000000000000000000"

// Config configures a Mock. The zero Config works: it accepts DefaultToken for the
// organization "acme" and the enterprise "acme-corp", with instant lifecycles.
type Config struct {
	// Tokens are the accepted personal access tokens; nil means {DefaultToken},
	// an empty non-nil slice accepts none (App installation tokens only).
	Tokens []string
	// Orgs and Enterprises name the scopes that exist (case-insensitive);
	// nil means {"acme"} and {"acme-corp"}.
	Orgs        []string
	Enterprises []string
	// ProvisionDelay is how long a created or re-provisioned runner stays Provisioning,
	// DeleteDelay how long a deleted runner stays Deleting before it is gone, and
	// StaticIPDelay how long public_ips stays empty after a static IP is enabled.
	// All are measured on Clock; 0 is instant.
	ProvisionDelay, DeleteDelay, StaticIPDelay time.Duration
	// Latency is a real sleep added to every request (for benchmarks).
	Latency time.Duration
	// Clock is the time source (the mock only reads it); nil means the wall clock.
	Clock clock.Clock
	// RateLimit is each token's primary limit per hour on Clock; 0 means 5000.
	RateLimit int
	// MaxConcurrent caps in-flight requests and MinWriteSpacing sets the least time on
	// Clock between POST, PATCH, PUT and DELETE requests; a request over either cap gets
	// a 403 secondary rate limit and counts in Violations. 0 turns a cap off. Requests
	// under /app/ (installation tokens) are exempt.
	MaxConcurrent   int
	MinWriteSpacing time.Duration
	// SupportedAPIVersions (nil means {"2022-11-28", "2026-03-10"}) and
	// DeprecatedAPIVersions (served with Deprecation and Sunset headers) are accepted
	// values of X-GitHub-Api-Version; RetiredAPIVersions (nil means {"2021-01-01"})
	// answer 410; any other value answers 400.
	SupportedAPIVersions, DeprecatedAPIVersions, RetiredAPIVersions []string
	// AppID and AppPublicKey verify the JWT of POST /app/installations/{id}/access_tokens;
	// InstallationID, when non-zero, is the only installation that exists.
	// TokenLifetime is how long an installation token lives; 0 means one hour.
	AppID          int64
	AppPublicKey   *rsa.PublicKey
	InstallationID int64
	TokenLifetime  time.Duration
	// PublicIPBaseUsage is added to every scope's limits.public_ips.current_usage.
	PublicIPBaseUsage int
	// AllowDuplicateNames accepts a runner whose name another runner of the scope has.
	// Whether GitHub does is not documented; by default the mock answers 422 already_exists.
	AllowDuplicateNames bool
	// ConsumedAmountUserScopeOnly renders consumed_amount only for user-scoped budgets, as the
	// schema's text says ("The amount consumed for a user-scoped budget"); by default every
	// budget in a list or update answer carries it (the property is optional, and what GitHub
	// sends for other scopes is not stated).
	ConsumedAmountUserScopeOnly bool
	// ExampleShapedBudgets renders budget answers as the description's examples do where they
	// contradict the schemas (billing.md items 1, 3 and 4), since real answers may follow the
	// examples: list items carry budget_product_skus (an array) instead of budget_product_sku,
	// list and get amounts have a decimal point (1000.0), and delete answers {message,
	// budget_id} without the required id.
	ExampleShapedBudgets bool
	// ReprovisionMovesStaticIPs gives a runner that has static IPs a new range whenever an
	// update re-provisions it (a new size, image or image generation), as GitHub may: nothing
	// it documents says a range survives a re-provisioning. By default the range stays.
	ReprovisionMovesStaticIPs bool
}

// Mock is an in-memory GitHub. It implements http.Handler and is safe for concurrent use.
type Mock struct {
	cfg       Config
	clock     clock.Clock
	reqPrefix string

	mu           sync.Mutex
	scopes       map[string]*scope // key "orgs/<org>" or "enterprises/<enterprise>", lowercase
	nextRunnerID int64
	reqSeq       uint64
	limits       rateLimiter
	faults       []*FaultHandle
	late         []lateCommit // requests accepted by a CommitAfter fault, performed later
	log          []Request
	installs     map[string]time.Time // installation token → expiry
	issued       []string
}

// New returns a Mock configured by cfg, with its catalog seeded.
func New(cfg Config) *Mock {
	if cfg.Tokens == nil {
		cfg.Tokens = []string{DefaultToken}
	}
	if cfg.Orgs == nil {
		cfg.Orgs = []string{"acme"}
	}
	if cfg.Enterprises == nil {
		cfg.Enterprises = []string{"acme-corp"}
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.Real{}
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 5000
	}
	if cfg.SupportedAPIVersions == nil {
		cfg.SupportedAPIVersions = []string{"2022-11-28", "2026-03-10"}
	}
	if cfg.RetiredAPIVersions == nil {
		cfg.RetiredAPIVersions = []string{"2021-01-01"}
	}
	if cfg.TokenLifetime == 0 {
		cfg.TokenLifetime = time.Hour
	}
	prefix := make([]byte, 2)
	_, _ = rand.Read(prefix)
	m := &Mock{
		cfg:          cfg,
		clock:        cfg.Clock,
		reqPrefix:    strings.ToUpper(hex.EncodeToString(prefix)),
		scopes:       map[string]*scope{},
		nextRunnerID: 1,
		limits:       rateLimiter{buckets: map[string]*bucket{}},
		installs:     map[string]time.Time{},
	}
	now := m.clock.Now()
	for _, o := range cfg.Orgs {
		m.scopes["orgs/"+strings.ToLower(o)] = newScope(false, now)
	}
	for _, e := range cfg.Enterprises {
		m.scopes["enterprises/"+strings.ToLower(e)] = newScope(true, now)
	}
	m.seedAccess()
	return m
}

// response is a complete answer, built before anything is written.
type response struct {
	status int
	header http.Header
	body   []byte
	drop   bool // close the connection without answering
}

// maxBody bounds how much of a request body the mock reads.
const maxBody = 1 << 20

// ServeHTTP answers one request: secondary limits, faults, then the API itself.
// The request is logged before its answer is written.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))

	m.mu.Lock()
	arrival := m.clock.Now()
	m.commitLate(arrival)
	reqID := m.newRequestID()
	res, counted := m.admit(r, arrival, reqID)
	var fault *FaultHandle
	if res == nil {
		fault = m.matchFault(r)
	}
	m.mu.Unlock()

	if res == nil {
		res = m.serveAdmitted(r, body, reqID, fault)
	}

	m.mu.Lock()
	if counted {
		m.limits.inflight--
	}
	m.log = append(m.log, Request{
		Time: arrival, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, ContentLength: r.ContentLength, Status: res.status, Injected: fault != nil,
	})
	m.mu.Unlock()

	res.write(w)
}

// serveAdmitted answers a request that passed the secondary limits, applying fault
// (which may be nil).
func (m *Mock) serveAdmitted(r *http.Request, body []byte, reqID string, fault *FaultHandle) *response {
	if m.cfg.Latency > 0 {
		time.Sleep(m.cfg.Latency)
	}
	if fault == nil {
		return m.serveLocked(r, body, reqID)
	}
	if fault.f.CommitAfter > 0 {
		m.mu.Lock()
		m.late = append(m.late, lateCommit{at: m.clock.Now().Add(fault.f.CommitAfter), r: r, body: body, reqID: reqID})
		m.mu.Unlock()
	}
	var actual *response
	if fault.f.Commit {
		actual = m.serveLocked(r, body, reqID)
	}
	if fault.f.Delay > 0 {
		time.Sleep(fault.f.Delay)
	}
	if fault.f.Takes > 0 {
		m.take(fault.f.Takes)
	}
	if actual == nil && fault.f.Status == 0 && !fault.f.Drop {
		actual = m.serveLocked(r, body, reqID)
	}
	if actual == nil {
		m.mu.Lock()
		actual = &response{header: m.baseHeader(r, reqID)}
		m.mu.Unlock()
	}
	return fault.apply(actual)
}

// serveLocked runs the API under the mock's lock.
func (m *Mock) serveLocked(r *http.Request, body []byte, reqID string) *response {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.serve(r, body, reqID)
}

// newRequestID returns a unique X-GitHub-Request-Id. Call with m.mu held.
func (m *Mock) newRequestID() string {
	m.reqSeq++
	return fmt.Sprintf("%s:%04X:%06X:%08X", m.reqPrefix, m.reqSeq>>24, (m.reqSeq>>8)&0xFFFF, m.reqSeq)
}

// baseHeader returns the headers every response carries, with the rate-limit headers of
// the request's identity (not counting this request). Call with m.mu held.
func (m *Mock) baseHeader(r *http.Request, reqID string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-GitHub-Request-Id", reqID)
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	m.limits.bucketFor(m.identify(r), m.cfg.RateLimit, m.clock.Now()).setHeaders(h)
	return h
}

// write sends the response, or closes the connection for a dropped one.
func (res *response) write(w http.ResponseWriter) {
	if res.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	for k, v := range res.header {
		w.Header()[k] = v
	}
	if len(res.body) > 0 {
		w.Header().Set("Content-Length", fmt.Sprint(len(res.body)))
	}
	w.WriteHeader(res.status)
	_, _ = w.Write(res.body)
}
