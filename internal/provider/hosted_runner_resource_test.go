package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
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

const runnerAddr = "githubactions_hosted_runner.test"

// runnerConfig is a hosted runner in sc named name; body adds or overrides arguments.
func runnerConfig(e *testEnv, sc scopeCase, name, body string) string {
	return e.providerConfig() + resourceBlock("githubactions_hosted_runner", "test", sc, fmt.Sprintf("name  = %q", name), body)
}

const basicRunnerBody = `
  image = { id = "ubuntu-latest" }
  size  = "4-core"
  maximum_runners = 3
`

// mockRunnerByName finds the mock's runner named name in scope.
func mockRunnerByName(m *mockgithub.Mock, scope, name string) (mockgithub.Runner, bool) {
	for _, r := range m.Runners(scope) {
		if r.Name == name {
			return r, true
		}
	}
	return mockgithub.Runner{}, false
}

// checkMockRunner asserts that the runner in state exists in the mock, Ready, with want applied.
func checkMockRunner(e *testEnv, sc scopeCase, want func(mockgithub.Runner) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[runnerAddr]
		if !ok {
			return fmt.Errorf("%s not in state", runnerAddr)
		}
		id, err := strconv.ParseInt(rs.Primary.ID, 10, 64)
		if err != nil {
			return err
		}
		r, ok := e.Mock.Runner(sc.path, id)
		if !ok {
			return fmt.Errorf("runner %d is in state but not in the mock", id)
		}
		if n := len(e.Mock.Runners(sc.path)); n != 1 {
			return fmt.Errorf("the mock has %d runners in %s, want exactly 1", n, sc.path)
		}
		if r.Status != "Ready" {
			return fmt.Errorf("mock runner %d is %s, want Ready", id, r.Status)
		}
		return want(r)
	}
}

// checkNoRunners is CheckDestroy: the mock has no runner left, not even one still deleting.
func checkNoRunners(e *testEnv, sc scopeCase) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if rs := e.Mock.Runners(sc.path); len(rs) != 0 {
			return fmt.Errorf("the mock still has %d runners in %s after destroy: %+v", len(rs), sc.path, rs)
		}
		return nil
	}
}

func runnerImportID(sc scopeCase) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		return sc.path + "/" + s.RootModule().Resources[runnerAddr].Primary.ID, nil
	}
}

func TestAccHostedRunner_lifecycle(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: runnerConfig(e, sc, "linux-4core", basicRunnerBody),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("platform"), knownvalue.StringExact("linux-x64")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("ubuntu-latest"), "source": knownvalue.StringExact("github"), "version": knownvalue.Null(),
						})),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("machine_size_details").AtMapKey("cpu_cores"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("maximum_runners"), knownvalue.Int64Exact(3)),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("runner_group_id"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New(sc.attr), knownvalue.StringExact(sc.owner)),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkMockRunner(e, sc, func(r mockgithub.Runner) error {
						if r.Name != "linux-4core" || r.Size != "4-core" || r.ImageID != "ubuntu-latest" || r.MaximumRunners != 3 {
							return fmt.Errorf("mock runner %+v does not match the configuration", r)
						}
						return nil
					}),
				},
				{
					ResourceName:      runnerAddr,
					ImportState:       true,
					ImportStateVerify: true,
					ImportStateIdFunc: runnerImportID(sc),
				},
				{
					ResourceName:      runnerAddr,
					ImportState:       true,
					ImportStateKind:   resource.ImportBlockWithID,
					ImportStateIdFunc: runnerImportID(sc),
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionNoop)},
					},
				},
				{
					Config: runnerConfig(e, sc, "linux-8core", `
  image = { id = "ubuntu-24.04", source = "github" }
  size  = "8-core"
  runner_group_id = 2
  maximum_runners = 7
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("machine_size_details").AtMapKey("id"), knownvalue.StringExact("8-core")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image_details").AtMapKey("id"), knownvalue.StringExact("ubuntu-24.04")),
					},
					Check: checkMockRunner(e, sc, func(r mockgithub.Runner) error {
						if r.Name != "linux-8core" || r.Size != "8-core" || r.ImageID != "ubuntu-24.04" || r.RunnerGroupID != 2 || r.MaximumRunners != 7 {
							return fmt.Errorf("mock runner %+v does not show the update", r)
						}
						return nil
					}),
				},
				{
					// Deleted out of band: the refresh drops it and the plan creates it again.
					PreConfig: func() {
						for _, r := range e.Mock.Runners(sc.path) {
							e.Mock.RemoveRunner(sc.path, r.ID)
						}
					},
					Config:             runnerConfig(e, sc, "linux-8core", "  image = { id = \"ubuntu-24.04\" }\n  size = \"8-core\"\n  runner_group_id = 2\n  maximum_runners = 7\n"),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
				},
				{
					Config: runnerConfig(e, sc, "linux-8core", "  image = { id = \"ubuntu-24.04\" }\n  size = \"8-core\"\n  runner_group_id = 2\n  maximum_runners = 7\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionCreate)},
					},
					Check: checkMockRunner(e, sc, func(mockgithub.Runner) error { return nil }),
				},
			},
		})
	})
}

func TestAccHostedRunner_customImage(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: runnerConfig(e, sc, "custom", `
  image = { id = "1", source = "custom", version = "1.0.0" }
  size  = "2-core"
  enable_static_ip = true
`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image_details").AtMapKey("version"), knownvalue.StringExact("1.0.0")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ip_enabled"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ips"), knownvalue.ListSizeExact(1)),
					},
				},
				{
					ResourceName:      runnerAddr,
					ImportState:       true,
					ImportStateVerify: true,
					ImportStateIdFunc: runnerImportID(sc),
				},
				{
					Config: runnerConfig(e, sc, "custom", `
  image = { id = "1", source = "custom", version = "1.1.0" }
  size  = "2-core"
  enable_static_ip = false
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image_details").AtMapKey("version"), knownvalue.StringExact("1.1.0")),
						statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ip_enabled"), knownvalue.Bool(false)),
					},
				},
			},
		})
	})
}

// TestAccHostedRunner_planTimeValidation: bad arguments fail at plan, before any request.
func TestAccHostedRunner_planTimeValidation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		name, body string
		want       *regexp.Regexp
	}{
		"name with a space":    {"bad name", basicRunnerBody, regexp.MustCompile(`must be 1 to 64 characters`)},
		"name too long":        {"n" + fmt.Sprintf("%065d", 0), basicRunnerBody, regexp.MustCompile(`must be 1 to 64 characters`)},
		"version on github":    {"ok", `image = { id = "ubuntu-latest", version = "1.0.0" }` + "\n size = \"4-core\"", regexp.MustCompile(`Only custom images have\s+versions`)},
		"unknown source":       {"ok", `image = { id = "x", source = "docker" }` + "\n size = \"4-core\"", regexp.MustCompile(`value must be one of`)},
		"malformed version":    {"ok", `image = { id = "1", source = "custom", version = "latest" }` + "\n size = \"4-core\"", regexp.MustCompile(`must be a version such as 1.2.0`)},
		"maximum_runners zero": {"ok", `image = { id = "ubuntu-latest" }` + "\n size = \"4-core\"\n maximum_runners = 0", regexp.MustCompile(`must be at least 1`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			forEachScope(t, func(t *testing.T, sc scopeCase) {
				e := newTestEnv(t, mockgithub.Config{})
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: e.factories(),
					Steps: []resource.TestStep{{
						Config:      runnerConfig(e, sc, tc.name, tc.body),
						PlanOnly:    true,
						ExpectError: tc.want,
					}},
				})
				if n := len(e.Mock.Requests()); n != 0 {
					t.Fatalf("plan-time validation sent %d requests to GitHub, want 0", n)
				}
			})
		})
	}
}

// TestAccHostedRunner_customImageLatest: a custom image without a pinned version follows the
// latest version; GitHub reports "latest", which neither shows as a diff nor breaks import.
func TestAccHostedRunner_customImageLatest(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, sc),
		Steps: []resource.TestStep{
			{
				Config: runnerConfig(e, sc, "custom-latest", "  image = { id = \"2\", source = \"custom\" }\n  size = \"4-core\"\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image").AtMapKey("version"), knownvalue.Null()),
					statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("platform"), knownvalue.StringExact("win-x64")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      runnerAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: runnerImportID(sc),
			},
		},
	})
}

// TestAccHostedRunner_imageResolvedByGitHub: a server that reports a different image ID than
// the one requested (an alias resolved) does not fail the apply; image_details shows what it
// resolved to, and the next plan shows the difference instead of hiding it.
func TestAccHostedRunner_imageResolvedByGitHub(t *testing.T) {
	t.Parallel()
	e, _ := newWrappedEnv(t, mockgithub.Config{}, rewriteAnswers(func(r *http.Request, body []byte) []byte {
		if strings.Contains(r.URL.Path, "/images/") { // the catalog still lists the alias
			return body
		}
		return bytes.ReplaceAll(body, []byte(`"id":"ubuntu-latest"`), []byte(`"id":"ubuntu-24.04"`))
	}))
	sc := scopeCases[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, sc),
		Steps: []resource.TestStep{{
			Config: runnerConfig(e, sc, "alias", basicRunnerBody),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image").AtMapKey("id"), knownvalue.StringExact("ubuntu-latest")),
				statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image_details").AtMapKey("id"), knownvalue.StringExact("ubuntu-24.04")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate)},
			},
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccHostedRunner_destroyWhenListHidesDeleting: a server whose list leaves out runners that
// are still being deleted; destroy still waits until GitHub answers 404 for the runner.
func TestAccHostedRunner_destroyWhenListHidesDeleting(t *testing.T) {
	t.Parallel()
	e, _ := newWrappedEnv(t, mockgithub.Config{DeleteDelay: 2 * time.Minute}, func(_ *mockgithub.Mock, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/actions/hosted-runners") && rec.Code == http.StatusOK {
				var page struct {
					TotalCount int              `json:"total_count"`
					Runners    []map[string]any `json:"runners"`
				}
				if err := json.Unmarshal(body, &page); err != nil {
					t.Error(err)
				}
				kept := page.Runners[:0]
				for _, runner := range page.Runners {
					if runner["status"] != "Deleting" {
						kept = append(kept, runner)
					}
				}
				page.Runners, page.TotalCount = kept, len(kept)
				body, _ = json.Marshal(page)
			}
			for k, v := range rec.Header() {
				if k != "Content-Length" && k != "Etag" {
					w.Header()[k] = v
				}
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	})
	sc := scopeCases[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, sc),
		Steps:                    []resource.TestStep{{Config: runnerConfig(e, sc, "hidden-while-deleting", basicRunnerBody)}},
	})
}
