package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// pinNewRunners serves e's mock behind a handler that, before each request reaches the mock,
// pins every new runner of the organization to status: a runner is pinned before any answer
// after its create can show it.
func pinNewRunners(t *testing.T, e *testEnv, status string) {
	t.Helper()
	var mu sync.Mutex
	pinned := map[int64]bool{}
	srv := httptest.NewServer(e.flight.track(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		for _, runner := range e.Mock.Runners(orgScope) {
			if !pinned[runner.ID] {
				e.Mock.SetRunnerStatus(orgScope, runner.ID, status)
				pinned[runner.ID] = true
			}
		}
		mu.Unlock()
		e.Mock.ServeHTTP(w, r)
	})))
	t.Cleanup(srv.Close)
	e.URL = srv.URL
}

// Row 9: provisioning never ends, or the runner gets Stuck: an error after the timeout (or
// at once for Stuck) with the id in state, tainted; the next plan replaces it and destroy
// removes it.
func TestAccFaultProvisioningNeverEndsTaints(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		pin  string
		want *regexp.Regexp
	}{
		"never_ready": {"", regexp.MustCompile(`(?s)runner 1 was created but did not become ready: timed out; the runner.s last\s+status was Provisioning,\s+at\s+the\s+end\s+of\s+the\s+create\s+timeout\s+of\s+\S+\s+\(raise\s+it\s+with\s+timeouts\s+=\s+\{\s+create\s+=.*tainted`)},
		"stuck":       {mockgithub.StatusStuck, regexp.MustCompile(`(?s)runner 1 was created but did not become ready: the runner's status is\s+Stuck`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{ProvisionDelay: time.Hour})
			if tc.pin != "" {
				pinNewRunners(t, e, tc.pin)
			}
			// Terraform's timeouts are deadlines on the wall clock: the wait lasts 3 s of real
			// time, polling on the fake clock (a few minutes of the mock's time, never the hour).
			config := faultRunner(e, "", "slow", `timeouts = { create = "3s" }`)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				CheckDestroy:             checkNoRunners(e, scopeCases[0]),
				Steps: []resource.TestStep{
					{Config: config, ExpectError: tc.want},
					{
						Config: config, PlanOnly: true, ExpectNonEmptyPlan: true,
						Check: checkInvariants(e),
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionDestroyBeforeCreate),
						}},
					},
				},
			})
		})
	}
}

// Row 9, deadline during a poll: the create timeout ends while a status request is in flight;
// the error is the same timeout as any other, and the runner stays tracked (tainted).
func TestAccFaultDeadlineDuringPollTaints(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{ProvisionDelay: time.Hour})
	// The first read is the create's check for the name; the second, the wait's, is slow.
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: runnerReadPath, After: 1, Times: 1, Delay: 3 * time.Second})
	config := faultRunner(e, "", "slow-answer", `timeouts = { create = "1s" }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{Config: config, ExpectError: regexp.MustCompile(`(?s)runner 1 was created but did not become ready: timed out.*tainted`)},
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true, Check: checkInvariants(e)},
		},
	})
}

// Row 10: a deletion that stays Deleting for a while is polled until GitHub answers 404;
// one that never ends times out, keeps the runner in state, and a re-run finishes it.
func TestAccFaultSlowDeleteWaitsUntilGone(t *testing.T) {
	t.Parallel()
	t.Run("k_polls", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{DeleteDelay: 5 * time.Minute}, WithPollInterval(10*time.Second, 30*time.Second))
		var deletedAt time.Time
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: faultRunner(e, "", "doomed", ""), Check: checkInvariants(e)},
				{
					Config: faultProvider(e, ""),
					Check: func(*terraform.State) error {
						deletedAt, _ = requestsAfter(t, e, http.MethodDelete, runnerPath, http.StatusAccepted)
						return checkNoRunners(e, scopeCases[0])(nil)
					},
				},
			},
		})
		// The scope's watcher polls the list (or the runner alone); the deletion ends when
		// the runner is absent from a complete list or GitHub answers 404.
		polls, last := 0, time.Time{}
		for _, r := range e.Mock.Requests() {
			if r.Method == http.MethodGet && r.Time.After(deletedAt) && regexp.MustCompile(runnerReadPath).MatchString(r.Path) {
				polls++
				last = r.Time
			}
		}
		if polls < 5 || last.Before(deletedAt.Add(5*time.Minute)) {
			t.Fatalf("polled %d times, the last at %s, through a 5-minute deletion from %s: want several, the last after it ended", polls, last, deletedAt)
		}
		t.Logf("%d polls through a 5-minute deletion, %s simulated", polls, clock.Total())
	})
	t.Run("forever_then_rerun", func(t *testing.T) {
		t.Parallel()
		e := newTestEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: faultRunner(e, "", "sticky", `timeouts = { delete = "1s" }`), Check: checkInvariants(e)},
				{
					PreConfig:   func() { e.Mock.SetRunnerStatus(orgScope, 1, mockgithub.StatusDeleting) },
					Config:      faultProvider(e, ""),
					ExpectError: regexp.MustCompile(`(?s)Hosted Runner Deletion Did Not Finish.*runner 1.*stays in state`),
				},
				{
					// Still tracked: the plan destroys it again.
					Config: faultProvider(e, ""), PlanOnly: true, ExpectNonEmptyPlan: true,
				},
				{
					PreConfig: func() { e.Mock.SetRunnerStatus(orgScope, 1, "") },
					Config:    faultProvider(e, ""),
					Check:     checkInvariants(e),
				},
			},
		})
	})
}

// Row 11: a runner deleted out of band shows as a create in the next plan; a DELETE that
// finds the runner already gone (404) is a successful destroy.
func TestAccFaultDeletedOutOfBandIsRecreated(t *testing.T) {
	t.Parallel()
	t.Run("plan_recreates", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		config := faultRunner(e, "", "vanishing", "")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: config, Check: checkInvariants(e)},
				{PreConfig: func() { e.Mock.RemoveRunner(orgScope, 1) }, Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
				{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionCreate),
					}},
					Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "vanishing", http.StatusCreated, http.StatusCreated)),
				},
			},
		})
	})
	t.Run("delete_finds_404", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: faultRunner(e, "", "raced", ""), Check: checkInvariants(e)},
				{
					// Someone else deletes it between the refresh and the DELETE.
					PreConfig: func() {
						e.Mock.Inject(mockgithub.Fault{Method: http.MethodDelete, Path: runnerPath, Times: 1, Commit: true, Status: http.StatusNotFound, Body: notFoundBody})
					},
					Config: faultProvider(e, ""),
					Check: func(s *terraform.State) error {
						if n := e.Mock.Count(http.MethodDelete, runnerPath); n != 1 {
							return fmt.Errorf("%d DELETEs, want 1", n)
						}
						return checkInvariants(e)(s)
					},
				},
			},
		})
	})
}
