package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
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

// Paths of the runner list and of one runner, as regexps for mockgithub.Mock.Count.
const (
	listPathRE = `/actions/hosted-runners$`
	onePathRE  = `/actions/hosted-runners/\d+$`
)

// countedRunnersConfig is n runners named <prefix>-<i> in sc, with maximum_runners max.
func countedRunnersConfig(e *testEnv, sc scopeCase, prefix string, n, maximum int) string {
	return e.providerConfig() + resourceBlock("githubactions_hosted_runner", "fleet", sc,
		fmt.Sprintf("count           = %d", n),
		fmt.Sprintf(`name            = "%s-${count.index}"`, prefix),
		`image           = { id = "ubuntu-latest" }`,
		`size            = "2-core"`,
		fmt.Sprintf("maximum_runners = %d", maximum))
}

// mockRequests is a plan check that asserts the requests the mock logged since the step's
// PreConfig reset its log, that is, during the step's refresh and plan.
type mockRequests struct {
	e     *testEnv
	check func(m *mockgithub.Mock) error
}

func (c mockRequests) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.check(c.e.Mock)
}

// TestAccHostedRunner_refreshByPages: a refresh of the scope's runners costs the pages of one
// list, however many runners there are; a runner deleted out of band is confirmed by one GET.
func TestAccHostedRunner_refreshByPages(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		// 150 runners nobody manages here: the list has two pages.
		for i := range 150 {
			e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: fmt.Sprintf("other-%d", i), ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
		}
		config := countedRunnersConfig(e, sc, "managed", 12, 2)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{Config: config},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						mockRequests{e, func(m *mockgithub.Mock) error {
							lists, ones := m.Count(http.MethodGet, listPathRE), m.Count(http.MethodGet, onePathRE)
							// The first page (which gives the scope's size), then the whole list: the
							// runners are on its second page, and a list of 2 pages is cheaper than 12 GETs.
							if lists != 3 || ones != 0 || len(m.Requests()) != 3 {
								return fmt.Errorf("refreshing 12 runners among 162 took %d list pages, %d single GETs and %d requests in all; want 3, 0 and 3",
									lists, ones, len(m.Requests()))
							}
							return nil
						}},
					}},
				},
				{
					PreConfig: func() {
						e.Mock.ResetRequests()
						for _, r := range e.Mock.Runners(sc.path) {
							if r.Name == "managed-3" {
								e.Mock.RemoveRunner(sc.path, r.ID)
							}
						}
					},
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("githubactions_hosted_runner.fleet[3]", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("githubactions_hosted_runner.fleet[4]", plancheck.ResourceActionNoop),
						mockRequests{e, func(m *mockgithub.Mock) error {
							if lists, ones := m.Count(http.MethodGet, listPathRE), m.Count(http.MethodGet, onePathRE); lists != 3 || ones != 1 {
								return fmt.Errorf("refresh with one runner deleted out of band: %d list pages and %d single GETs, want 3 and 1", lists, ones)
							}
							return nil
						}},
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("githubactions_hosted_runner.fleet[3]", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
					},
				},
			},
		})
	})
}

// TestAccHostedRunner_sharedWatcher: runners created together wait through one watcher that
// lists the scope per tick, not one poll loop per runner.
//
// It counts the reads shared by operations that Terraform starts in parallel, in real time,
// so it runs on the wall clock: on the fake clock, every sleep moves time on at once, and the
// watcher's ticks between two of Terraform's calls would depend on the machine's load.
func TestAccHostedRunner_sharedWatcher(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newWallClockEnv(t, mockgithub.Config{ProvisionDelay: time.Second, DeleteDelay: time.Second},
			WithPollInterval(200*time.Millisecond, time.Second))
		const n = 10
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: countedRunnersConfig(e, sc, "wave", n, 2),
					Check: func(*terraform.State) error {
						m := e.Mock
						if posts := m.Count(http.MethodPost, listPathRE); posts != n {
							return fmt.Errorf("%d create requests, want %d", posts, n)
						}
						// One poll loop per runner would need at least 5 polls each (1 s at 200 ms).
						// The first list is the creates' check for their names.
						lists, ones := m.Count(http.MethodGet, listPathRE)-1, m.Count(http.MethodGet, onePathRE)
						if ones != 0 || lists >= n {
							return fmt.Errorf("waiting for %d runners took %d lists and %d single GETs; want fewer lists than runners and no single GET", n, lists, ones)
						}
						for _, r := range m.Runners(sc.path) {
							if r.Status != "Ready" {
								return fmt.Errorf("runner %s is %s after apply", r.Name, r.Status)
							}
						}
						return nil
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{
					// The update of maximum_runners is answered on a Ready runner: no wait at all.
					PreConfig: e.Mock.ResetRequests,
					Config:    countedRunnersConfig(e, sc, "wave", n, 4),
					Check: func(*terraform.State) error {
						m := e.Mock
						if patches, gets := m.Count(http.MethodPatch, onePathRE), m.Count(http.MethodGet, ""); patches != n || gets > 2 {
							return fmt.Errorf("updating %d runners took %d PATCHes and %d GETs (refreshes included); want %d and at most 2", n, patches, gets, n)
						}
						return nil
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{
					// Destroy: the DELETEs, then lists until every runner is gone.
					PreConfig: e.Mock.ResetRequests,
					Config:    e.providerConfig(),
					Check: func(*terraform.State) error {
						m := e.Mock
						deletes, lists, ones := m.Count(http.MethodDelete, ""), m.Count(http.MethodGet, listPathRE), m.Count(http.MethodGet, onePathRE)
						if deletes != n || ones != 0 || lists >= n+1 {
							return fmt.Errorf("destroying %d runners took %d DELETEs, %d lists (the refresh's included) and %d single GETs", n, deletes, lists, ones)
						}
						if left := m.Runners(sc.path); len(left) != 0 {
							return fmt.Errorf("%d runners left after destroy", len(left))
						}
						return nil
					},
				},
			},
		})
	})
}

// TestAccHostedRunner_listForbiddenFallsBackToGets: where GitHub refuses the list (an App on an
// enterprise may read one runner but not list them), reads and waits use single GETs.
func TestAccHostedRunner_listForbiddenFallsBackToGets(t *testing.T) {
	t.Parallel()
	sc := scopeCases[1]
	e := newTestEnv(t, mockgithub.Config{ProvisionDelay: 300 * time.Millisecond})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: listPathRE, Status: http.StatusForbidden,
		Body: `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, sc),
		Steps: []resource.TestStep{{
			Config: countedRunnersConfig(e, sc, "app", 3, 2),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("githubactions_hosted_runner.fleet[2]", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				if n := e.Mock.Count(http.MethodGet, onePathRE); n < 3 {
					return fmt.Errorf("only %d single GETs with the list refused", n)
				}
				return nil
			},
		}},
	})
}

// TestAccFaultConditionalPollsNeverStale (fault matrix row 17): polls are conditional and an
// unchanged list answers 304; a write of the provider's own changes the ETag and is never
// answered from the remembered body.
func TestAccFaultConditionalPollsNeverStale(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{ProvisionDelay: 800 * time.Millisecond},
			WithPollInterval(50*time.Millisecond, 100*time.Millisecond))
		runner := func(name, size, extra string) string {
			return resourceBlock("githubactions_hosted_runner", name, sc,
				fmt.Sprintf("name  = %q", name),
				`image = { id = "ubuntu-latest" }`,
				fmt.Sprintf("size  = %q", size),
				extra)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: e.providerConfig() + runner("a", "2-core", ""),
					Check: func(*terraform.State) error {
						return expectConditionalPolls(e.Mock.Requests())
					},
				},
				{
					// b is created and polled first (its list is remembered), then a's PATCH
					// re-provisions it: the polls after the PATCH must see the new size.
					PreConfig: e.Mock.ResetRequests,
					Config:    e.providerConfig() + runner("b", "2-core", "") + runner("a", "8-core", `  depends_on = [githubactions_hosted_runner.b]`),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("githubactions_hosted_runner.a", plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction("githubactions_hosted_runner.b", plancheck.ResourceActionCreate),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("githubactions_hosted_runner.a", tfjsonpath.New("machine_size_details").AtMapKey("id"), knownvalue.StringExact("8-core")),
						statecheck.ExpectKnownValue("githubactions_hosted_runner.a", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
					},
					Check: func(*terraform.State) error {
						return expectNoStaleAfterPatch(e.Mock.Requests())
					},
				},
			},
		})
	})
}

// expectConditionalPolls checks that the create's polls of an unchanged list were conditional
// and answered 304.
func expectConditionalPolls(reqs []mockgithub.Request) error {
	notModified := 0
	for _, r := range reqs {
		if r.Method != http.MethodGet || !regexp.MustCompile(listPathRE).MatchString(r.Path) {
			continue
		}
		if r.Status == http.StatusNotModified {
			notModified++
			if r.Header.Get("If-None-Match") == "" {
				return fmt.Errorf("GET %s answered 304 without If-None-Match", r.Path)
			}
		}
	}
	if notModified == 0 {
		return fmt.Errorf("no poll of the provisioning runner was answered 304; requests: %s", describeRequests(reqs))
	}
	return nil
}

// expectNoStaleAfterPatch checks that polls went on with 304s before the PATCH, that the first
// list after it was unconditional (the remembered page was dropped), and that the ETag changed.
func expectNoStaleAfterPatch(reqs []mockgithub.Request) error {
	listRE := regexp.MustCompile(listPathRE)
	patch := -1
	for i, r := range reqs {
		if r.Method == http.MethodPatch {
			patch = i
		}
	}
	if patch < 0 {
		return fmt.Errorf("no PATCH; requests: %s", describeRequests(reqs))
	}
	var before, after []mockgithub.Request
	for i, r := range reqs {
		if r.Method != http.MethodGet || !listRE.MatchString(r.Path) {
			continue
		}
		if i < patch {
			before = append(before, r)
		} else {
			after = append(after, r)
		}
	}
	if err := expectConditionalPolls(before); err != nil {
		return fmt.Errorf("before the PATCH: %w", err)
	}
	if len(after) == 0 {
		return fmt.Errorf("no list after the PATCH; requests: %s", describeRequests(reqs))
	}
	if inm := after[0].Header.Get("If-None-Match"); inm != "" || after[0].Status != http.StatusOK {
		return fmt.Errorf("the first list after the PATCH was sent with If-None-Match %q and answered %d: it could have served the pre-PATCH page", inm, after[0].Status)
	}
	// A wait that learned how long provisioning takes may need a single list; a second one
	// (the refresh after the apply) shows the ETag the PATCH made.
	if len(after) < 2 {
		return nil
	}
	old := before[len(before)-1].Header.Get("If-None-Match")
	if fresh := after[1].Header.Get("If-None-Match"); fresh == "" || fresh == old {
		return fmt.Errorf("the ETag did not change with the PATCH: %q before, %q after", old, fresh)
	}
	return nil
}

func describeRequests(reqs []mockgithub.Request) string {
	parts := make([]string, len(reqs))
	for i, r := range reqs {
		parts[i] = fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status)
	}
	return strings.Join(parts, "; ")
}
