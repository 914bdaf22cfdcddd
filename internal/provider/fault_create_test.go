package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// injectGETStatuses makes the reads of runners after the first skip answer the given statuses in order.
func injectGETStatuses(m *mockgithub.Mock, skip int, statuses ...int) {
	for i, status := range statuses {
		m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: runnerReadPath, After: skip + i, Times: 1, Status: status, Body: badGateway})
	}
}

// runnerReadPath matches the reads of runners: the scope's list and one runner.
const runnerReadPath = `^/orgs/acme/actions/hosted-runners(/\d+)?$`

// getStatuses returns the statuses of the reads of runners (list or one), in order.
func getStatuses(e *testEnv) []int {
	var out []int
	for _, r := range e.Mock.Requests() {
		if r.Method == http.MethodGet && regexp.MustCompile(runnerReadPath).MatchString(r.Path) {
			out = append(out, r.Status)
		}
	}
	return out
}

// Row 5: 500/502/503/504 on GETs: retried with backoff to the right final state; on give-up
// the error names the status and the request id, and the runner stays tracked.
func TestAccFaultServerErrorsOnReadsAreRetried(t *testing.T) {
	t.Parallel()
	fiveXX := []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}
	t.Run("recovers", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		injectGETStatuses(e.Mock, 0, fiveXX...)
		resource.Test(t, faultCase(e, "max_retries = 5", "flaky", "", http.StatusCreated))
		if got := getStatuses(e); fmt.Sprint(got[:5]) != fmt.Sprint(append(fiveXX, http.StatusOK)) {
			t.Fatalf("GETs were answered %v, want %v then 200", got, fiveXX)
		}
		t.Logf("%d simulated waits, %s in all", len(clock.Slept()), clock.Total())
	})
	t.Run("gives_up", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		// The create's check for a runner of the same name reads the list first; the faults hit the wait.
		// The wait's list gives up, then so does its fallback GET of the runner.
		injectGETStatuses(e.Mock, 1, append(fiveXX, fiveXX...)...)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{
					Config: faultRunner(e, "max_retries = 3", "flaky", ""),
					ExpectError: regexp.MustCompile(`(?s)Hosted Runner Did Not Become Ready.*runner 1 was created but did not become ready.*` +
						`504 Gateway Timeout.*request\s+id\s+[0-9A-F]{4}:[0-9A-F]{4}:`),
				},
				{
					// The runner is tracked, tainted: the next plan replaces it.
					Config:             faultRunner(e, "", "flaky", ""),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					Check:              checkInvariants(e),
				},
				{
					Config: faultRunner(e, "", "flaky", ""),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionDestroyBeforeCreate),
					}},
					Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "flaky", http.StatusCreated, http.StatusCreated)),
				},
			},
		})
		if got := getStatuses(e); fmt.Sprint(got[1:5]) != fmt.Sprint(fiveXX) {
			t.Fatalf("GETs were answered %v, want 200 then %v", got, fiveXX)
		}
	})
}

// Row 6: the create POST takes effect, then the answer is lost (502, dropped connection,
// client timeout): the provider finds the runner by name and adopts it; one POST, one runner.
func TestAccFaultAmbiguousCreateAdoptsNewRunner(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		fault  mockgithub.Fault
		logged int // the status the mock logs for the POST
		cfg    mockgithub.Config
		opts   []Option
	}{
		"502":     {mockgithub.Fault{Status: http.StatusBadGateway, Body: badGateway}, http.StatusBadGateway, mockgithub.Config{}, nil},
		"dropped": {mockgithub.Fault{Drop: true}, 0, mockgithub.Config{}, nil},
		// GitHub is still working on the timed-out POST when the provider lists the runners;
		// the mock's one-request-at-a-time cap is off so that the list is not refused for it.
		"timeout": {mockgithub.Fault{Delay: 4 * time.Second}, http.StatusCreated, mockgithub.Config{MaxConcurrent: -1},
			[]Option{WithRequestTimeout(1500 * time.Millisecond)}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, _ := newFaultEnv(t, tc.cfg, tc.opts...)
			f := tc.fault
			f.Method, f.Path, f.Times, f.Commit = http.MethodPost, runnersPath, 1, true
			e.Mock.Inject(f)
			resource.Test(t, faultCase(e, "", "adopted", "", tc.logged))
			if n := e.Mock.Count(http.MethodGet, runnersPath); n < 1 {
				t.Fatalf("the provider did not list the runners before deciding")
			}
		})
	}
}

// Row 7: the create POST is refused with 502 before it takes effect: the provider finds
// nothing by name and POSTs once more; exactly one runner.
func TestAccFaultRejectedCreatePostsOnceMore(t *testing.T) {
	t.Parallel()
	e, _ := newFaultEnv(t, mockgithub.Config{})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Status: http.StatusBadGateway, Body: badGateway})
	resource.Test(t, faultCase(e, "", "second-try", "", http.StatusBadGateway, http.StatusCreated))
	var posts, lists int
	var first, second time.Time
	for _, r := range e.Mock.Requests() {
		switch {
		case r.Method == http.MethodPost:
			posts++
			if posts == 1 {
				first = r.Time
			} else {
				second = r.Time
			}
		case posts == 1 && r.Method == http.MethodGet && regexp.MustCompile(runnersPath).MatchString(r.Path):
			lists++
		}
	}
	// The look reads the list at once and then after pauses that double from 2 s, for a minute.
	if lists < 2 || lists > 7 {
		t.Fatalf("listed the runners %d times between the POSTs, want 2 to 7", lists)
	}
	if gap := second.Sub(first); gap < createLookWindow {
		t.Fatalf("the second POST came %s after the first, before the %s look ended", gap, createLookWindow)
	}
}

// Row 8: right after the create GitHub has not caught up: the scope's list leaves the new
// runner out and a GET of it answers 404, three times each. The wait keeps going within the
// read-after-write window: no "inconsistent result after apply", exactly one runner.
func TestAccFaultReadAfterWriteOutlasts404s(t *testing.T) {
	t.Parallel()
	e, _ := newFaultEnv(t, mockgithub.Config{})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: runnerPath, Times: 3, Status: http.StatusNotFound, Body: notFoundBody})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: runnersPath, Times: 3, Status: http.StatusOK, Body: `{"total_count":0,"runners":[]}`})
	resource.Test(t, faultCase(e, "", "eventually", "", http.StatusCreated))
	var stale, fresh int
	for _, r := range e.Mock.Requests() {
		if r.Method != http.MethodGet || !regexp.MustCompile(runnerPath+"|"+runnersPath).MatchString(r.Path) {
			continue
		}
		switch {
		case r.Injected:
			stale++
		case stale > 0 && r.Status == http.StatusOK:
			fresh++
		}
	}
	if stale < 3 || fresh == 0 {
		t.Fatalf("the wait saw %d stale answers and %d fresh ones after them; want at least 3 stale, then fresh", stale, fresh)
	}
}

// Row 15 (provider side): 250 runners already exist, the create POST takes effect but its
// answer is lost, and a runner disappears between the list's pages. The provider follows
// Link to page 3, notices the list changed, reads it again and adopts the new runner.
func TestAccFaultPaginatedAdoptFollowsLinks(t *testing.T) {
	t.Parallel()
	var once sync.Once
	e, _ := newWrappedEnv(t, mockgithub.Config{}, func(m *mockgithub.Mock, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && r.URL.Query().Get("page") == "2" {
				once.Do(func() { m.RemoveRunner(orgScope, 5) })
			}
			next.ServeHTTP(w, r)
		})
	})
	seeded := map[int64]bool{}
	for i := range 250 {
		r := e.Mock.AddRunner(orgScope, mockgithub.Runner{Name: fmt.Sprintf("existing-%03d", i), ImageID: "ubuntu-latest", Size: "4-core"})
		seeded[r.ID] = true
	}
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusBadGateway, Body: badGateway})
	tc := faultCase(e, "", "needle", "", http.StatusBadGateway)
	tc.Steps[0].Check = resource.ComposeAggregateTestCheckFunc(checkInvariantsExcept(e, seeded), checkCreates(e, "needle", http.StatusBadGateway))
	tc.CheckDestroy = func(*terraform.State) error {
		if _, ok := mockRunnerByName(e.Mock, orgScope, "needle"); ok {
			return fmt.Errorf("the adopted runner is still in the mock after destroy")
		}
		return nil
	}
	resource.Test(t, tc)
	var pages []string
	for _, r := range e.Mock.Requests() {
		if r.Method == http.MethodGet && regexp.MustCompile(runnersPath).MatchString(r.Path) {
			pages = append(pages, r.Query)
		}
	}
	// The adopt reads the list twice (the first pass saw it change); the lists after those are
	// the scope watcher's, waiting for the adopted runner to be Ready.
	want := []string{"per_page=100", "page=2&per_page=100", "page=3&per_page=100", "per_page=100", "page=2&per_page=100", "page=3&per_page=100"}
	if len(pages) < len(want) || fmt.Sprint(pages[:len(want)]) != fmt.Sprint(want) {
		t.Fatalf("list requests %q, want two passes of three pages of 100 first", pages)
	}
}
