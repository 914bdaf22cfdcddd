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
// Its JSON shapes are its own reading of GitHub's OpenAPI schemas (github/rest-api-description); it never
// imports the provider's client.
package mockgithub

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
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
		m.scopes["orgs/"+strings.ToLower(o)] = newScope(now)
	}
	for _, e := range cfg.Enterprises {
		s := newScope(now)
		s.enterprise = true
		m.scopes["enterprises/"+strings.ToLower(e)] = s
	}
	m.seedAccess()
	return m
}
