package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// newFaultEnv is newTestEnv with the mock enforcing GitHub's asks (one request at a time, a
// second between writes) so that every fault test also checks the request caps; the provider runs with its
// production defaults for both. A negative cfg.MaxConcurrent or cfg.MinWriteSpacing turns
// that cap off. It returns the fake clock the mock and the provider share.
func newFaultEnv(t *testing.T, cfg mockgithub.Config, opts ...Option) (*testEnv, *clock.Fake) {
	t.Helper()
	if cfg.MaxConcurrent == 0 {
		cfg.MaxConcurrent = 1
	}
	if cfg.MinWriteSpacing == 0 {
		cfg.MinWriteSpacing = time.Second
	}
	e := newTestEnv(t, cfg, opts...)
	return e, e.clock
}

// newWrappedEnv is newFaultEnv with the mock served behind wrap, for tests that change the
// mock's state at a precise request.
func newWrappedEnv(t *testing.T, cfg mockgithub.Config, wrap func(*mockgithub.Mock, http.Handler) http.Handler) (*testEnv, *clock.Fake) {
	t.Helper()
	e, clock := newFaultEnv(t, cfg)
	srv := httptest.NewServer(e.flight.track(wrap(e.Mock, e.Mock)))
	t.Cleanup(srv.Close)
	e.URL = srv.URL
	return e, clock
}

// rewriteAnswers serves the mock behind a server that rewrites each answer's body with
// rewrite (a server that answers otherwise than the mock), dropping the mock's length and ETag.
func rewriteAnswers(rewrite func(r *http.Request, body []byte) []byte) func(*mockgithub.Mock, http.Handler) http.Handler {
	return func(_ *mockgithub.Mock, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				if k != "Content-Length" && k != "Etag" {
					w.Header()[k] = v
				}
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rewrite(r, rec.Body.Bytes()))
		})
	}
}

// faultProvider renders a provider block pointing at the mock with the production defaults
// for retries, concurrency and write spacing; extra adds arguments.
func faultProvider(e *testEnv, extra string) string {
	return providerBlock(fmt.Sprintf("base_url = %q", e.URL), fmt.Sprintf("token    = %q", e.Token), extra)
}

// faultRunner renders one runner named name in the organization acme; body adds arguments.
func faultRunner(e *testEnv, providerExtra, name, body string) string {
	return faultProvider(e, providerExtra) + resourceBlock("githubactions_hosted_runner", "test", scopeCases[0],
		fmt.Sprintf("name         = %q", name),
		`image        = { id = "ubuntu-latest" }`,
		`size         = "4-core"`,
		body)
}

const orgScope = "orgs/acme"

// runnersPath matches the runner collection of the organization acme (list and create).
const runnersPath = `^/orgs/acme/actions/hosted-runners$`

// runnerPath matches one runner of the organization acme.
const runnerPath = `^/orgs/acme/actions/hosted-runners/\d+$`

// checkInvariants asserts that the mock's runners are exactly the runners in state (same ids
// and names), that no create was answered "already exists" (none was sent for a runner that
// existed) and that no request broke the mock's concurrency or write-spacing caps.
func checkInvariants(e *testEnv) resource.TestCheckFunc { return checkInvariantsExcept(e, nil) }

// checkInvariantsExcept is checkInvariants ignoring the mock's runners seeded by the test.
func checkInvariantsExcept(e *testEnv, seeded map[int64]bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		inState := map[string]string{}
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "githubactions_hosted_runner" {
				inState[rs.Primary.ID] = rs.Primary.Attributes["name"]
			}
		}
		inMock := map[string]string{}
		for _, r := range e.Mock.Runners(orgScope) {
			if !seeded[r.ID] {
				inMock[strconv.FormatInt(r.ID, 10)] = r.Name
			}
		}
		if fmt.Sprint(sortedPairs(inState)) != fmt.Sprint(sortedPairs(inMock)) {
			return fmt.Errorf("state and GitHub disagree: state has runners %v, the mock has %v", sortedPairs(inState), sortedPairs(inMock))
		}
		return checkNoDuplicatesOrViolations(e)
	}
}

// checkNoDuplicatesOrViolations is the part of checkInvariants that does not need state.
func checkNoDuplicatesOrViolations(e *testEnv) error {
	for _, r := range e.Mock.Requests() {
		if r.Method == http.MethodPost && r.Status == http.StatusUnprocessableEntity && regexp.MustCompile(`already_exists`).Match(r.Body) {
			return fmt.Errorf("duplicate create: a create POST for %s was answered 422 already_exists", r.Body)
		}
	}
	if v := e.Mock.Violations(); v != 0 {
		return fmt.Errorf("request caps broken: %d requests broke the mock's concurrency or write-spacing caps", v)
	}
	return nil
}

func sortedPairs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for id, name := range m {
		out = append(out, id+"="+name)
	}
	sort.Strings(out)
	return out
}

// createStatuses returns the statuses of the create POSTs for the runner named name, in order.
func createStatuses(e *testEnv, name string) []int {
	var out []int
	for _, r := range e.Mock.Requests() {
		if r.Method != http.MethodPost || !regexp.MustCompile(runnersPath).MatchString(r.Path) {
			continue
		}
		var body struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(r.Body, &body) == nil && body.Name == name {
			out = append(out, r.Status)
		}
	}
	return out
}

// checkCreates asserts the exact sequence of create POST statuses for name (no duplicate create). The mock
// logs a request once it is answered, so a POST the provider gave up on may still be on its
// way to the log: it waits for the requests being answered, until the log holds as many
// POSTs as wanted.
func checkCreates(e *testEnv, name string, want ...int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		e.flight.waitUntil(func() bool { return len(createStatuses(e, name)) >= len(want) })
		got := createStatuses(e, name)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("duplicate create: create POSTs for %q were answered %v, want %v", name, got, want)
		}
		return nil
	}
}

// requestsAfter returns the logged requests that came after the first one matching method
// and path with status, and that one's arrival time on the mock's clock.
func requestsAfter(t *testing.T, e *testEnv, method, path string, status int) (time.Time, []mockgithub.Request) {
	t.Helper()
	re := regexp.MustCompile(path)
	reqs := e.Mock.Requests()
	for i, r := range reqs {
		if r.Method == method && re.MatchString(r.Path) && r.Status == status {
			return r.Time, reqs[i+1:]
		}
	}
	t.Fatalf("no %s %s answered %d in the mock's log", method, path, status)
	return time.Time{}, nil
}

// checkQuietUntil asserts that, after one rate-limited answer, no request reached the mock before
// notBefore (on the mock's clock).
func checkQuietUntil(t *testing.T, after []mockgithub.Request, notBefore time.Time) {
	t.Helper()
	if len(after) == 0 {
		t.Fatalf("rate limit broken: no request followed the limited answer")
	}
	for _, r := range after {
		if r.Time.Before(notBefore) {
			t.Fatalf("rate limit broken: %s %s reached GitHub at %s, before %s", r.Method, r.Path, r.Time.Format(time.RFC3339), notBefore.Format(time.RFC3339))
		}
	}
}

// noHeaders removes the given headers from an injected response.
func noHeaders(names ...string) http.Header {
	h := http.Header{}
	for _, n := range names {
		h[http.CanonicalHeaderKey(n)] = nil
	}
	return h
}

const (
	secondaryBody = `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits","status":"403"}`
	primaryBody   = `{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api","status":"403"}`
	notFoundBody  = `{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}`
	badGateway    = `{"message":"Server Error"}`
)
