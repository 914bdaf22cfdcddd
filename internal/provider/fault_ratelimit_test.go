package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// faultCase is the usual single-step test of one runner named name: applied, Ready, an
// empty plan afterwards, the invariants held, and the create POSTs answered wantCreates.
func faultCase(e *testEnv, providerExtra, name, body string, wantCreates ...int) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{{
			Config: faultRunner(e, providerExtra, name, body),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, name, wantCreates...)),
		}},
	}
}

// rateLimited is the header set of a primary rate limit answer that resets at reset.
func rateLimited(reset time.Time) http.Header {
	return http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {strconv.FormatInt(reset.Unix(), 10)}}
}

// Row 1: a primary rate limit (403 or 429 with remaining 0) is waited out to its reset when
// that fits the deadline, with no request meanwhile; otherwise it fails at once naming the reset.
func TestAccFaultPrimaryRateLimitWaitsForReset(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusForbidden, http.StatusTooManyRequests} {
		t.Run(fmt.Sprintf("%d_waits_for_reset", status), func(t *testing.T) {
			t.Parallel()
			e, clock := newFaultEnv(t, mockgithub.Config{})
			reset := clock.Now().Add(10 * time.Minute)
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Status: status, Body: primaryBody, Header: rateLimited(reset)})
			resource.Test(t, faultCase(e, "", "primary", "", status, http.StatusCreated))
			limitedAt, after := requestsAfter(t, e, http.MethodPost, runnersPath, status)
			checkQuietUntil(t, after, reset)
			t.Logf("limited at %s, next request %s later (reset in %s); simulated sleep %s, longest %s",
				limitedAt.Format(time.TimeOnly), after[0].Time.Sub(limitedAt), reset.Sub(limitedAt), clock.Total(), clock.Longest())
		})
	}
	t.Run("fails_naming_reset", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		reset := clock.Now().Add(2 * time.Hour)
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Status: http.StatusForbidden, Body: primaryBody, Header: rateLimited(reset)})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{{
				Config:      faultRunner(e, "", "primary", `timeouts = { create = "10m" }`),
				ExpectError: regexp.MustCompile(`(?s)Unable to Create Hosted Runner.*resets at\s+` + regexp.QuoteMeta(reset.UTC().Format(time.RFC3339)) + `.*deadline`),
			}},
		})
		if _, after := requestsAfter(t, e, http.MethodPost, runnersPath, http.StatusForbidden); len(after) != 0 {
			t.Fatalf("rate limit broken: %d requests reached GitHub after the limited one, want none", len(after))
		}
		if d := clock.Total(); d != 0 {
			t.Fatalf("the provider slept %s before failing, want no wait", d)
		}
	})
	t.Run("exhausted_window", func(t *testing.T) {
		// The mock's own limit: 4 requests an hour. Each answer says how many remain; after
		// "remaining: 0" the client waits for the reset instead of being refused.
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{RateLimit: 4})
		// Reads (the refreshes between steps) wait out the window too: read_timeout allows it.
		tc := faultCase(e, `read_timeout = "3h"`, "window", `timeouts = { create = "3h", delete = "3h" }`, http.StatusCreated)
		tc.CheckDestroy = resource.ComposeAggregateTestCheckFunc(checkNoRunners(e, scopeCases[0]), func(*terraform.State) error {
			for _, r := range e.Mock.Requests() {
				if r.Status == http.StatusForbidden || r.Status == http.StatusTooManyRequests {
					return fmt.Errorf("rate limit broken: %s %s was refused with %d: the client sent it inside an exhausted window", r.Method, r.Path, r.Status)
				}
			}
			return nil
		})
		resource.Test(t, tc)
		t.Logf("%d requests over %s of simulated time, longest wait %s", len(e.Mock.Requests()), clock.Total(), clock.Longest())
	})
}

// Row 2: a secondary rate limit with retry-after on the create POST: wait, send the same POST
// once more, exactly one runner.
func TestAccFaultSecondaryLimitResendsPostOnce(t *testing.T) {
	t.Parallel()
	e, clock := newFaultEnv(t, mockgithub.Config{})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Status: http.StatusForbidden, Body: secondaryBody,
		Header: http.Header{"Retry-After": {"30"}}})
	resource.Test(t, faultCase(e, "", "secondary", "", http.StatusForbidden, http.StatusCreated))
	limitedAt, after := requestsAfter(t, e, http.MethodPost, runnersPath, http.StatusForbidden)
	checkQuietUntil(t, after, limitedAt.Add(30*time.Second))
	t.Logf("next request %s after the limit (retry-after 30s); simulated sleep %s", after[0].Time.Sub(limitedAt), clock.Total())
}

// Row 3: a secondary rate limit with no retry-after and no exhausted primary limit: back off
// from 60 s, doubling; give up when the request's retries (max_retries, default 3) are used, with a clear error.
func TestAccFaultSecondaryLimitWithoutHeadersBacksOff(t *testing.T) {
	t.Parallel()
	t.Run("recovers", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 3, Status: http.StatusForbidden, Body: secondaryBody,
			Header: noHeaders("Retry-After")})
		resource.Test(t, faultCase(e, "", "backoff", "", http.StatusForbidden, http.StatusForbidden, http.StatusForbidden, http.StatusCreated))
		checkBackoff(t, e, 4)
		t.Logf("simulated sleep %s, longest %s", clock.Total(), clock.Longest())
	})
	t.Run("gives_up", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Status: http.StatusForbidden, Body: secondaryBody,
			Header: noHeaders("Retry-After")})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{{
				Config:      faultRunner(e, "", "backoff", ""),
				ExpectError: regexp.MustCompile(`(?s)kept answering with a rate limit;\s+gave\s+up\s+after\s+4\s+tries.*secondary rate limit`),
			}},
		})
		checkBackoff(t, e, 4)
		t.Logf("gave up after %d POSTs and %s of simulated waiting", len(createStatuses(e, "backoff")), clock.Total())
	})
}

// checkBackoff asserts that n create POSTs were sent at least 60 s, 120 s, 240 s ... apart.
func checkBackoff(t *testing.T, e *testEnv, n int) {
	t.Helper()
	var times []time.Time
	for _, r := range e.Mock.Requests() {
		if r.Method == http.MethodPost {
			times = append(times, r.Time)
		}
	}
	if len(times) != n {
		t.Fatalf("%d create POSTs, want %d", len(times), n)
	}
	for i := 1; i < len(times); i++ {
		if gap, least := times[i].Sub(times[i-1]), time.Minute<<(i-1); gap < least {
			t.Fatalf("rate limit backoff broken: POST %d came %s after the previous one, want at least %s", i+1, gap, least)
		}
	}
}

// Row 4: 20 runners with Terraform's parallelism 10 against a mock that refuses more than 2
// requests at once or writes less than 10 ms apart: the provider stays under both caps and
// creates each runner once. Real clock, scaled delays. (The mock measures write spacing at
// arrival; the provider starts a write only after the previous one was answered, so a write
// on a slow fresh connection cannot be overtaken by the next.)
func TestAccFaultStaysUnderConcurrencyAndWriteCaps(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{MaxConcurrent: 2, MinWriteSpacing: 10 * time.Millisecond})
	config := providerBlock(
		fmt.Sprintf("base_url                = %q", e.URL),
		fmt.Sprintf("token                   = %q", e.Token),
		"max_concurrent_requests = 2",
		"write_delay_ms          = 50") + `
resource "githubactions_hosted_runner" "test" {
  count        = 20
  organization = "acme"
  name         = "fleet-${count.index}"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`
	start := time.Now()
	eachOnce := func(*terraform.State) error {
		for i := range 20 {
			if err := checkCreates(e, fmt.Sprintf("fleet-%d", i), http.StatusCreated)(nil); err != nil {
				return err
			}
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(s *terraform.State) error {
			if err := checkNoRunners(e, scopeCases[0])(s); err != nil {
				return err
			}
			return checkNoDuplicatesOrViolations(e)
		},
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("githubactions_hosted_runner.test[19]", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), eachOnce, func(*terraform.State) error {
				if n := len(e.Mock.Runners(orgScope)); n != 20 {
					return fmt.Errorf("the mock has %d runners, want 20", n)
				}
				return nil
			}),
		}},
	})
	t.Logf("%d requests (%d writes) in %s, %d cap violations", len(e.Mock.Requests()),
		e.Mock.Count(http.MethodPost, "")+e.Mock.Count(http.MethodDelete, ""), time.Since(start).Round(time.Millisecond), e.Mock.Violations())
}
