package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// Row 18: a runner with the name already exists when the create starts (made elsewhere, or
// left by a killed run): the create fails before any POST, naming the runner and the import
// command; importing it as told then manages it.
func TestAccFaultCreateRefusesExistingName(t *testing.T) {
	t.Parallel()
	e, _ := newFaultEnv(t, mockgithub.Config{})
	left := e.Mock.AddRunner(orgScope, mockgithub.Runner{Name: "leftover", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1})
	config := faultRunner(e, "", "leftover", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)already has a runner named "leftover" \(id %d\).*no create\s+request was sent.*terraform import ADDRESS orgs/acme/%d`,
					left.ID, left.ID)),
				Check: checkCreates(e, "leftover"),
			},
			{
				Config:             config,
				ResourceName:       runnerAddr,
				ImportState:        true,
				ImportStateId:      "orgs/acme/" + strconv.FormatInt(left.ID, 10),
				ImportStatePersist: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "leftover")),
			},
		},
	})
}

// Row 19: where GitHub accepts duplicate names, another runner with the name appears between
// the create's check and its POST, and the POST's answer is lost (502 after the commit). The
// look finds two new runners with the name and adopts only the one that is what this create
// asked for, never the other; one POST.
func TestAccFaultAmbiguousCreateNeverAdoptsTwin(t *testing.T) {
	t.Parallel()
	var twin mockgithub.Runner
	var once sync.Once
	e, _ := newWrappedEnv(t, mockgithub.Config{AllowDuplicateNames: true}, func(m *mockgithub.Mock, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				once.Do(func() {
					twin = m.AddRunner(orgScope, mockgithub.Runner{Name: "twin", ImageID: "ubuntu-latest", Size: "8-core", RunnerGroupID: 1})
				})
			}
			next.ServeHTTP(w, r)
		})
	})
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusBadGateway, Body: badGateway})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if left := e.Mock.Runners(orgScope); len(left) != 1 || left[0].ID != twin.ID {
				return fmt.Errorf("after destroy the mock has %v, want only the twin %d", left, twin.ID)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: faultRunner(e, "", "twin", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("size"), knownvalue.StringExact("4-core")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(s *terraform.State) error {
					if id := s.RootModule().Resources[runnerAddr].Primary.ID; id == strconv.FormatInt(twin.ID, 10) {
						return fmt.Errorf("the twin %s, which this run did not create, was adopted", id)
					}
					return checkInvariantsExcept(e, map[int64]bool{twin.ID: true})(s)
				},
				checkCreates(e, "twin", http.StatusBadGateway)),
		}},
	})
}

// Row 20: the user's Ctrl-C arrives while the create POST is in flight and GitHub commits
// it: the look for the runner outlives the cancellation and finds it, so Create records it
// (and, its wait cut short, Terraform taints it). A POST that never commits ends the look
// after its window, with no second POST.
func TestFaultCreateSurvivesCancel(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		commit bool
	}{"committed": {true}, "never_committed": {false}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// The user's Ctrl-C comes the moment the POST reaches GitHub, which (committing
			// it at once, if it does) holds the answer back and then drops the connection.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			e, clock := newWrappedEnv(t, mockgithub.Config{MaxConcurrent: -1}, func(_ *mockgithub.Mock, next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
					if req.Method == http.MethodPost && regexp.MustCompile(runnersPath).MatchString(req.URL.Path) {
						cancel()
					}
					next.ServeHTTP(w, req)
				})
			})
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: tc.commit, Delay: 300 * time.Millisecond, Drop: true})
			r, c := protocolResource(t, e, clock)
			started := clock.Now()
			got, err := r.createRunner(ctx, c, client.Organization("acme"), client.CreateHostedRunnerRequest{
				Name: "interrupted", Image: client.RunnerImage{ID: "ubuntu-latest"}, Size: "4-core", RunnerGroupID: 1,
			}, started)
			// The mock logs the dropped POST (status 0) once its delay is over.
			if err := checkCreates(e, "interrupted", 0)(nil); err != nil {
				t.Fatal(err)
			}
			mockRunners := e.Mock.Runners(orgScope)
			if tc.commit {
				if err != nil || got == nil || len(mockRunners) != 1 || got.ID != mockRunners[0].ID {
					t.Fatalf("createRunner = %v, %v; the mock has %v: want the committed runner found", got, err, mockRunners)
				}
				return
			}
			if err == nil || got != nil || len(mockRunners) != 0 {
				t.Fatalf("createRunner = %v, %v with %d runners in the mock: want an error and nothing", got, err, len(mockRunners))
			}
			if looked := clock.Now().Sub(started); looked < createLookWindow || looked > createLookWindow+10*time.Second {
				t.Fatalf("the look lasted %s of the clock, want its window %s", looked, createLookWindow)
			}
		})
	}
}

// protocolResource is the hosted runner resource on env's mock and clock, outside Terraform.
func protocolResource(t *testing.T, e *testEnv, clock clock.Clock) (*hostedRunnerResource, *client.Client) {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: e.URL, Token: e.Token, Clock: clock, WriteDelay: time.Second, RequestTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	s := settings{clock: clock, pollMin: time.Second, pollMax: 15 * time.Second, reqTimeout: time.Minute}
	data := &providerData{settings: s, runners: runnerwatch.New(clock, runnerwatch.Config{PollMin: s.pollMin, PollMax: s.pollMax, ReadWindow: runnerReadWindow})}
	return &hostedRunnerResource{configuredResource{configured{data: data}}}, c
}

// Row 21: GitHub commits the create only after the client's request timeout (the POST got
// no answer; the runner appears 20 s later). The look keeps reading the list within its
// window, finds it before any second POST, and adopts it: exactly one runner.
func TestAccFaultLateCommitFoundBeforeSecondPost(t *testing.T) {
	t.Parallel()
	// The POST is held past the request timeout; the one-request-at-a-time cap is off so that
	// the look's list is not refused while the mock still holds the POST.
	e, clock := newFaultEnv(t, mockgithub.Config{MaxConcurrent: -1}, WithRequestTimeout(time.Second))
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Delay: 1500 * time.Millisecond, Drop: true, CommitAfter: 20 * time.Second})
	start := clock.Now()
	resource.Test(t, faultCase(e, "", "late", "", 0))
	if took := clock.Now().Sub(start); took < 20*time.Second {
		t.Fatalf("the apply ended %s after it began on the mock's clock, before the late commit", took)
	}
}

// Row 22: a 2xx whose body is not a runner with an id. On create it is ambiguous: the
// runner is found by name and adopted (one POST, never id 0). On a refresh it is an error
// that leaves state as it was.
func TestAccFaultUnusableBodies(t *testing.T) {
	t.Parallel()
	bodies := map[string]string{
		"empty":      "",
		"truncated":  `{"id": 7, "name": "trunc`,
		"wrong_type": `[{"id": 7}]`,
		"no_id":      `{"name":"no-id","status":"Provisioning"}`,
		"zero_id":    `{"id":0,"name":"zero","status":"Provisioning"}`,
	}
	for name, body := range bodies {
		t.Run("create_"+name, func(t *testing.T) {
			t.Parallel()
			e, _ := newFaultEnv(t, mockgithub.Config{})
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusCreated, Body: body})
			resource.Test(t, faultCase(e, "", "odd-body", "", http.StatusCreated))
		})
	}
	for _, status := range []int{http.StatusOK, http.StatusAccepted} {
		// A success status GitHub does not document for a create may still have created it.
		t.Run(fmt.Sprintf("create_answered_%d", status), func(t *testing.T) {
			t.Parallel()
			e, _ := newFaultEnv(t, mockgithub.Config{})
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: status, Body: `{"message":"Accepted"}`})
			resource.Test(t, faultCase(e, "", "odd-status", "", status))
		})
	}
	t.Run("refresh", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		config := faultRunner(e, "", "kept", "")
		var id string
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: config, Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[runnerAddr].Primary.ID
					return checkInvariants(e)(s)
				}},
				{
					PreConfig: func() {
						for i, b := range []string{`{"total_count":1}`, `{"id":0}`} {
							e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: []string{runnersPath, runnerPath}[i], Status: http.StatusOK, Body: b})
						}
					},
					Config:      config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Unable to Read Hosted Runner.*not a hosted runner`),
				},
				{
					PreConfig:        e.Mock.ClearFaults,
					Config:           config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), func(s *terraform.State) error {
						if got := s.RootModule().Resources[runnerAddr].Primary.ID; got != id || got == "0" {
							return fmt.Errorf("state id %q after the unusable answers, want %q", got, id)
						}
						return nil
					}),
				},
			},
		})
	})
}

// Row 26: a destroy interrupted while GitHub is deleting the runner leaves it in state,
// Deleting. The next plan replaces it (not "No changes"), and the apply waits for the
// deletion to finish before it creates the new runner.
func TestAccFaultDeletingRunnerIsReplaced(t *testing.T) {
	t.Parallel()
	e, clock := newFaultEnv(t, mockgithub.Config{DeleteDelay: 45 * time.Second})
	config := faultRunner(e, "", "phoenix", "")
	var oldID int64
	var goneAt time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{Config: config, Check: func(s *terraform.State) error {
				oldID, _ = strconv.ParseInt(s.RootModule().Resources[runnerAddr].Primary.ID, 10, 64)
				return checkInvariants(e)(s)
			}},
			{
				// GitHub accepted the DELETE of the interrupted destroy.
				PreConfig: func() {
					goneAt = clock.Now().Add(45 * time.Second)
					if !e.Mock.StartDeletion(orgScope, oldID) {
						t.Fatalf("runner %d is not in the mock", oldID)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "phoenix", http.StatusCreated, http.StatusCreated),
					func(s *terraform.State) error {
						if id := s.RootModule().Resources[runnerAddr].Primary.ID; id == strconv.FormatInt(oldID, 10) {
							return fmt.Errorf("state still holds the deleted runner %s", id)
						}
						return nil
					}),
			},
		},
	})
	// The new runner's POST came after the old runner was gone.
	_, after := requestsAfter(t, e, http.MethodDelete, runnerPath, http.StatusAccepted)
	posted := false
	for _, r := range after {
		if r.Method == http.MethodPost {
			posted = true
			if r.Time.Before(goneAt) {
				t.Fatalf("the replacement was POSTed at %s, before the old runner was gone at %s", r.Time, goneAt)
			}
		}
	}
	if !posted {
		t.Fatalf("no POST after the DELETE")
	}
}

// Row 27: one list of the scope fails (after the client's retries) while several runners
// wait on it: the watcher reads the due runners one by one for that tick instead of failing
// every waiter, and the apply succeeds.
func TestAccFaultFailedListFallsBackToGets(t *testing.T) {
	t.Parallel()
	e, _ := newFaultEnv(t, mockgithub.Config{ProvisionDelay: 10 * time.Second, MaxConcurrent: -1, MinWriteSpacing: -1})
	// The first list is the creates' check for their names; the next one, with its retry, fails.
	e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: runnersPath, After: 1, Times: 2, Status: http.StatusBadGateway, Body: badGateway})
	config := faultProvider(e, "max_retries = 1\n  max_concurrent_requests = 4\n  write_delay_ms = 0") + `
resource "githubactions_hosted_runner" "fleet" {
  count        = 3
  organization = "acme"
  name         = "fleet-${count.index}"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), func(*terraform.State) error {
				failed, ones := 0, 0
				for _, r := range e.Mock.Requests() {
					switch {
					case r.Method == http.MethodGet && r.Injected:
						failed++
					case r.Method == http.MethodGet && regexp.MustCompile(runnerPath).MatchString(r.Path):
						ones++
					}
				}
				if failed != 2 || ones == 0 {
					return fmt.Errorf("%d failed lists and %d single GETs; want the list to fail (2 tries) and single GETs to follow", failed, ones)
				}
				for _, r := range e.Mock.Runners(orgScope) {
					if r.Status != "Ready" {
						return fmt.Errorf("runner %s is %s", r.Name, r.Status)
					}
				}
				return nil
			}),
		}},
	})
}

// TestAccFaultAnswerIsAnotherRunner: a create or an update answered with the body of another
// runner of the scope never puts that runner in state: the create finds the runner it made
// by its name, the update reads its own runner, and the other runner is untouched.
func TestAccFaultAnswerIsAnotherRunner(t *testing.T) {
	t.Parallel()
	e, _ := newFaultEnv(t, mockgithub.Config{})
	bystander := e.Mock.AddRunner(orgScope, mockgithub.Runner{Name: "bystander", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	body := fmt.Sprintf(`{"id":%d,"name":"bystander","status":"Ready","runner_group_id":1,"platform":"linux-x64",`+
		`"image_details":{"id":"ubuntu-latest","size_gb":86,"display_name":"Ubuntu Latest","source":"github"},`+
		`"machine_size_details":{"id":"2-core","cpu_cores":2,"memory_gb":8,"storage_gb":75},"maximum_runners":10,`+
		`"public_ip_enabled":false,"public_ips":[]}`, bystander.ID)
	seeded := map[int64]bool{bystander.ID: true}
	notBystander := func(s *terraform.State) error {
		if got := s.RootModule().Resources[runnerAddr].Primary.ID; got == strconv.FormatInt(bystander.ID, 10) {
			return fmt.Errorf("state holds the bystander runner %s", got)
		}
		if r, ok := mockRunnerByName(e.Mock, orgScope, "bystander"); !ok || r.Size != "2-core" || r.MaximumRunners != bystander.MaximumRunners {
			return fmt.Errorf("the bystander runner changed or went: %+v (%t)", r, ok)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if left := e.Mock.Runners(orgScope); len(left) != 1 || left[0].ID != bystander.ID {
				return fmt.Errorf("after destroy the mock has %+v, want only the bystander", left)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusCreated, Body: body})
				},
				Config: faultRunner(e, "", "mine", ""),
				Check:  resource.ComposeAggregateTestCheckFunc(checkInvariantsExcept(e, seeded), checkCreates(e, "mine", http.StatusCreated), notBystander),
			},
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodPatch, Path: runnerPath, Times: 1, Commit: true, Status: http.StatusOK, Body: body})
				},
				Config: faultRunner(e, "", "mine", "maximum_runners = 7"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkInvariantsExcept(e, seeded), notBystander,
					resource.TestCheckResourceAttr(runnerAddr, "maximum_runners", "7"),
					func(*terraform.State) error {
						if r, ok := mockRunnerByName(e.Mock, orgScope, "mine"); !ok || r.MaximumRunners != 7 {
							return fmt.Errorf("the managed runner was not updated: %+v (%t)", r, ok)
						}
						return nil
					}),
			},
		},
	})
}
