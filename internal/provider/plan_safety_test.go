package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// wordsIn matches output holding each phrase in order, whatever line breaks the CLI wraps them with.
func wordsIn(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// writesTo lists the requests of the mock's log that could change something (anything but GET).
func writesTo(m *mockgithub.Mock) []string {
	var out []string
	for _, r := range m.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// catalogReadPattern matches the catalog requests a plan-time check makes.
var catalogReadPattern = regexp.MustCompile(`/(machine-sizes|platforms|limits|images/|runner-groups)`)

// catalogReads lists the catalog requests of the mock's log.
func catalogReads(m *mockgithub.Mock) []string {
	var out []string
	for _, r := range m.Requests() {
		if catalogReadPattern.MatchString(r.Path) {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// TestAccHostedRunner_catalogChecksFailAtPlan: a size, image, custom image version, runner
// group or static IP the catalog does not offer fails the plan on the attribute, naming the
// valid choices, and nothing is written.
func TestAccHostedRunner_catalogChecksFailAtPlan(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		cfg  mockgithub.Config
		want *regexp.Regexp
	}{
		"unknown size":          {`image = { id = "ubuntu-latest" }` + "\n size = \"3-core\"", mockgithub.Config{}, wordsIn("Unknown Machine Size", `no machine size "3-core"`, `Valid sizes: "2-core", "4-core"`)},
		"size in upper case":    {`image = { id = "ubuntu-latest" }` + "\n size = \"4-CORE\"", mockgithub.Config{}, wordsIn("Unknown Machine Size", `did you mean "4-core"`)},
		"unknown github image":  {`image = { id = "ubuntu-99" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Unknown Runner Image", `no github image "ubuntu-99"`, "ubuntu-latest (linux-x64)")},
		"github id as partner":  {`image = { id = "ubuntu-latest", source = "partner" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Unknown Runner Image", `no partner image "ubuntu-latest"`, "partner-docker-ubuntu-22.04")},
		"unknown custom image":  {`image = { id = "99", source = "custom" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Unknown Custom Image", "no custom image definition 99")},
		"custom id not numeric": {`image = { id = "ci-base", source = "custom" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Invalid Custom Image ID", "numeric ID")},
		"unknown version":       {`image = { id = "1", source = "custom", version = "9.9.9" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Unknown Custom Image Version", "no version 9.9.9", `Ready versions: "1.0.0", "1.1.0"`)},
		"failed version":        {`image = { id = "1", source = "custom", version = "1.2.0" }` + "\n size = \"4-core\"", mockgithub.Config{}, wordsIn("Custom Image Version Not Ready", "Version 1.2.0 of custom image 1 (ci-base) is Failed")},
		"unknown runner group":  {basicRunnerBody + "\n runner_group_id = 9", mockgithub.Config{}, wordsIn("Unknown Runner Group", "no runner group 9", "1 (Default), 2 (larger-runners), 3 (release)")},
		"static IP over limit":  {basicRunnerBody + "\n enable_static_ip = true", mockgithub.Config{PublicIPBaseUsage: 50}, wordsIn("No Static Public IP Left", "uses 50 of its 50")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			forEachScope(t, func(t *testing.T, sc scopeCase) {
				e := newTestEnv(t, tc.cfg)
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: e.factories(),
					Steps: []resource.TestStep{{
						Config:      runnerConfig(e, sc, "checked", tc.body),
						ExpectError: tc.want,
					}},
				})
				if w := writesTo(e.Mock); len(w) != 0 {
					t.Fatalf("a plan that failed its checks wrote to GitHub: %v", w)
				}
			})
		})
	}
}

// TestAccHostedRunner_quietTruthfulPlans: an update checks only what it changes and keeps the
// computed values it does not affect; a plan with no change reads no catalog, even for a runner
// that is not Ready; a bad size in an update fails at plan with no PATCH.
func TestAccHostedRunner_quietTruthfulPlans(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		static := basicRunnerBody + "  enable_static_ip = true\n"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: runnerConfig(e, sc, "quiet", static),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("runner_group_id"), knownvalue.Int64Exact(1)),
					}},
				},
				{
					// Only maximum_runners changes: nothing else reads as "known after apply".
					PreConfig: e.Mock.ResetRequests,
					Config:    runnerConfig(e, sc, "quiet", strings.Replace(static, "maximum_runners = 3", "maximum_runners = 5", 1)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("platform"), knownvalue.StringExact("linux-x64")),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ip_enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ips"), knownvalue.ListSizeExact(1)),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("image_details").AtMapKey("id"), knownvalue.StringExact("ubuntu-latest")),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("machine_size_details").AtMapKey("cpu_cores"), knownvalue.Int64Exact(4)),
					}},
				},
				{
					// That plan and apply read no catalog: maximum_runners is not checked against it.
					PreConfig: func() {
						if r := catalogReads(e.Mock); len(r) != 0 {
							t.Errorf("changing maximum_runners read the catalog: %v", r)
						}
						e.Mock.ResetRequests()
					},
					Config:   runnerConfig(e, sc, "quiet", strings.Replace(static, "maximum_runners = 3", "maximum_runners = 5", 1)),
					PlanOnly: true,
				},
				{
					// A new size: only what it affects is unknown.
					PreConfig: func() {
						if r := catalogReads(e.Mock); len(r) != 0 {
							t.Errorf("a plan with no change read the catalog: %v", r)
						}
					},
					Config: runnerConfig(e, sc, "quiet", strings.NewReplacer("maximum_runners = 3", "maximum_runners = 5", `"4-core"`, `"8-core"`).Replace(static)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(runnerAddr, tfjsonpath.New("machine_size_details")),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("platform"), knownvalue.StringExact("linux-x64")),
						// A resize re-provisions the runner: GitHub promises no range across it.
						plancheck.ExpectUnknownValue(runnerAddr, tfjsonpath.New("public_ips")),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ip_enabled"), knownvalue.Bool(true)),
					}},
				},
				{
					// A runner that is not Ready at refresh, with no change configured: no plan.
					PreConfig: func() {
						for _, r := range e.Mock.Runners(sc.path) {
							e.Mock.SetRunnerStatus(sc.path, r.ID, "Shutdown")
						}
					},
					Config:   runnerConfig(e, sc, "quiet", strings.NewReplacer("maximum_runners = 3", "maximum_runners = 5", `"4-core"`, `"8-core"`).Replace(static)),
					PlanOnly: true,
				},
				{
					// A bad size in an update fails at plan, with no PATCH.
					PreConfig: func() {
						for _, r := range e.Mock.Runners(sc.path) {
							e.Mock.SetRunnerStatus(sc.path, r.ID, "")
						}
						e.Mock.ResetRequests()
					},
					Config:      runnerConfig(e, sc, "quiet", strings.NewReplacer("maximum_runners = 3", "maximum_runners = 5", `"4-core"`, `"3-core"`).Replace(static)),
					ExpectError: regexp.MustCompile(`Unknown Machine Size`),
				},
				{
					PreConfig: func() {
						if w := writesTo(e.Mock); len(w) != 0 {
							t.Errorf("an update that failed its plan checks wrote to GitHub: %v", w)
						}
					},
					Config:   runnerConfig(e, sc, "quiet", strings.NewReplacer("maximum_runners = 3", "maximum_runners = 5", `"4-core"`, `"8-core"`).Replace(static)),
					PlanOnly: true,
				},
			},
		})
	})
}

// TestAccHostedRunner_importKeepsOmittedArguments: a runner in group 3 with a static IP,
// imported into a configuration that leaves out runner_group_id and enable_static_ip, plans
// no change at all, and the plan reads no catalog.
func TestAccHostedRunner_importKeepsOmittedArguments(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		r := e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "imported", RunnerGroupID: 3, ImageID: "ubuntu-latest",
			Size: "4-core", MaximumRunners: 3, EnableStaticIP: true})
		config := runnerConfig(e, sc, "imported", basicRunnerBody)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config:             config,
					ResourceName:       runnerAddr,
					ImportState:        true,
					ImportStateId:      fmt.Sprintf("%s/%d", sc.path, r.ID),
					ImportStatePersist: true,
				},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("runner_group_id"), knownvalue.Int64Exact(3)),
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("enable_static_ip"), knownvalue.Bool(true)),
					}},
					Check: func(*terraform.State) error {
						if w := writesTo(e.Mock); len(w) != 0 {
							return fmt.Errorf("a plan with no change wrote %v", w)
						}
						if r := catalogReads(e.Mock); len(r) != 0 {
							return fmt.Errorf("a plan with no change read the catalog: %v", r)
						}
						return nil
					},
				},
			},
		})
	})
}

// TestAccHostedRunner_unknownArgumentsAtPlan: an argument whose value is known only at apply
// is not mistaken for a left-out one (no default replaces it) and is not checked at plan.
func TestAccHostedRunner_unknownArgumentsAtPlan(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		config := runnerConfig(e, sc, "later", basicRunnerBody+"  runner_group_id = terraform_data.later.output.group\n"+
			"  enable_static_ip = terraform_data.later.output.static_ip\n") + `
resource "terraform_data" "later" {
  input = { group = 2, static_ip = true }
}
`
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(runnerAddr, tfjsonpath.New("runner_group_id")),
						plancheck.ExpectUnknownValue(runnerAddr, tfjsonpath.New("enable_static_ip")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkMockRunner(e, sc, func(r mockgithub.Runner) error {
					if r.RunnerGroupID != 2 || !r.EnableStaticIP {
						return fmt.Errorf("the mock runner is in group %d with static IP %v, want group 2 with a static IP", r.RunnerGroupID, r.EnableStaticIP)
					}
					return nil
				}),
			}},
		})
	})
}

// TestAccHostedRunner_catalogReadOncePerRun: a plan of several runners reads each catalog list
// (sizes, custom images, a custom image's versions, limits, runner groups) once per scope,
// not once per runner.
func TestAccHostedRunner_catalogReadOncePerRun(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		var config strings.Builder
		config.WriteString(e.providerConfig())
		for i, size := range []string{"2-core", "4-core", "8-core"} {
			config.WriteString(resourceBlock("githubactions_hosted_runner", fmt.Sprintf("r%d", i), sc,
				fmt.Sprintf(`name             = "many-%d"`, i),
				`image            = { id = "1", source = "custom", version = "1.0.0" }`,
				fmt.Sprintf("size             = %q", size),
				`runner_group_id  = 2`,
				`enable_static_ip = true`))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:             config.String(),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			}},
		})
		reads := map[string]int{}
		for _, r := range catalogReads(e.Mock) {
			reads[r]++
		}
		plans := reads["GET /"+sc.path+"/actions/hosted-runners/machine-sizes"]
		if plans == 0 || len(reads) < 5 {
			t.Fatalf("the plan read %v, want machine sizes, custom images, versions, limits and runner groups", reads)
		}
		for path, n := range reads {
			if n != plans {
				t.Errorf("%s was read %d times in %d plans of three runners, want once a plan", path, n, plans)
			}
		}
	})
}

// TestAccHostedRunner_staticIPsSummedAtPlan: runners that each fit the static IP limit but
// together pass it are counted together at plan (a warning there, shown by
// TestAccHostedRunner_destroyNotBlockedByCreateChecks through the CLI); the apply makes as many
// as fit and stops the others before their request, so the limit is never passed.
func TestAccHostedRunner_staticIPsSummedAtPlan(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{PublicIPBaseUsage: 48})
		config := func(n int) string {
			return e.providerConfig() + resourceBlock("githubactions_hosted_runner", "test", sc,
				fmt.Sprintf("count            = %d", n),
				`name             = "static-${count.index}"`,
				`image            = { id = "ubuntu-latest" }`,
				`size             = "4-core"`,
				`enable_static_ip = true`)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{
					Config: config(3),
					// The third create stops before its request, or, when the creates
					// race, GitHub refuses it.
					ExpectError: regexp.MustCompile(`No Static Public IP Left(?s:.*)uses 50 of its 50|Static public IP limit reached`),
				},
				{
					PreConfig: func() {
						if n := len(e.Mock.Runners(sc.path)); n != 2 {
							t.Errorf("the apply made %d static-IP runners, want the 2 that fit", n)
						}
						if n := e.Mock.Count("POST", "/hosted-runners$"); n > 3 {
							t.Errorf("the apply sent %d creates, want at most 3", n)
						}
					},
					Config:             config(3),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
				},
			},
		})
	})
}

// TestAccHostedRunner_reprovisionMovesStaticIPs: GitHub promises no static IP range across a
// change that re-provisions the runner, so where the answer carries a new range (as the mock
// gives one here) a resize and an image change each plan public_ips as unknown and apply
// without "inconsistent result after apply", storing the new range; a change that does not
// re-provision keeps the ranges known in the plan.
func TestAccHostedRunner_reprovisionMovesStaticIPs(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{ReprovisionMovesStaticIPs: true})
		config := func(size, image string, maximum int) string {
			return runnerConfig(e, sc, "moved", fmt.Sprintf("  image = { id = %q }\n  size = %q\n  maximum_runners = %d\n  enable_static_ip = true\n", image, size, maximum))
		}
		var prefixes []string
		prefix := resource.TestCheckFunc(func(s *terraform.State) error {
			p := s.RootModule().Resources[runnerAddr].Primary.Attributes["public_ips.0.prefix"]
			if p == "" || slices.Contains(prefixes, p) {
				return fmt.Errorf("public_ips.0.prefix = %q after %v: want a new range", p, prefixes)
			}
			prefixes = append(prefixes, p)
			return nil
		})
		unknownIPs := resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(runnerAddr, tfjsonpath.New("public_ips")),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, sc),
			Steps: []resource.TestStep{
				{Config: config("4-core", "ubuntu-latest", 3), Check: prefix},
				{Config: config("8-core", "ubuntu-latest", 3), ConfigPlanChecks: unknownIPs, Check: prefix},
				{Config: config("8-core", "ubuntu-22.04", 3), ConfigPlanChecks: unknownIPs, Check: prefix},
				{
					Config: config("8-core", "ubuntu-22.04", 5),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("public_ips").AtSliceIndex(0).AtMapKey("prefix"),
							knownvalue.StringFunc(func(p string) error {
								if p != prefixes[len(prefixes)-1] {
									return fmt.Errorf("planned prefix %q, want the current %q", p, prefixes[len(prefixes)-1])
								}
								return nil
							})),
					}},
				},
			},
		})
	})
}

// TestAccHostedRunner_destroyNotBlockedByCreateChecks: `terraform destroy` (which first plans
// the whole configuration to refresh it) removes what exists even though the configuration
// holds runners that could not be created now: static IPs over the limit, counted across the
// two spellings of one scope, and a size the catalog no longer offers. The checks that only
// matter to a create report at plan without blocking it, and stop the apply before any write.
func TestAccHostedRunner_destroyNotBlockedByCreateChecks(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
		mock := mockgithub.New(mockgithub.Config{PublicIPBaseUsage: 49})
		srv := httptest.NewServer(mock)
		t.Cleanup(srv.Close)
		runner := func(label, owner, size, extra string) string {
			in := sc
			in.owner = owner
			return resourceBlock("githubactions_hosted_runner", label, in,
				fmt.Sprintf("name  = %q", label),
				`image = { id = "ubuntu-latest" }`,
				fmt.Sprintf("size  = %q", size),
				extra)
		}
		head := envProviderHead
		work := t.TempDir()
		write := func(config string) {
			if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		env := []string{"GITHUB_BASE_URL=" + srv.URL, "GITHUB_TOKEN=" + mockgithub.DefaultToken}
		write(head + runner("kept", sc.owner, "4-core", ""))
		c.mustRun(work, env, "init", "-input=false", "-no-color")
		c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
		if n := len(mock.Runners(sc.path)); n != 1 {
			t.Fatalf("the mock has %d runners after the first apply, want 1", n)
		}
		static := "  enable_static_ip = true\n"
		write(head + runner("kept", sc.owner, "4-core", "") + runner("lower", sc.owner, "4-core", static) +
			runner("upper", strings.ToUpper(sc.owner), "4-core", static) + runner("gone", sc.owner, "3-core", ""))
		mock.ResetRequests()
		out, code := c.run(work, env, "plan", "-input=false", "-no-color")
		for _, want := range []*regexp.Regexp{
			wordsIn("Warning: No Static Public IP Left", "uses 49 of its 50", "refuse the 2 that this plan gives runners", "a destroy goes on"),
			wordsIn("Warning: Unknown Machine Size", `no machine size "3-core"`),
		} {
			if code != 0 || !want.MatchString(out) {
				t.Errorf("the plan of runners that cannot be created exited %d, want 0 with a warning matching %s:\n%s", code, want, out)
			}
		}
		if w := writesTo(mock); len(w) != 0 {
			t.Errorf("the plan wrote to GitHub: %v", w)
		}
		// The apply makes what fits (one static IP is left) and stops each other create
		// before its request, or GitHub refuses it.
		out, code = c.run(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
		for _, want := range []*regexp.Regexp{
			wordsIn("Error: Unknown Machine Size", `no machine size "3-core"`),
			regexp.MustCompile(`Error: No Static Public IP Left|Static public IP limit reached`),
		} {
			if code == 0 || !want.MatchString(out) {
				t.Errorf("the apply of runners that cannot be created exited %d, want an error matching %s:\n%s", code, want, out)
			}
		}
		staticRunners, gone := 0, 0
		for _, r := range mock.Runners(sc.path) {
			if r.EnableStaticIP {
				staticRunners++
			}
			if r.Name == "gone" {
				gone++
			}
		}
		if staticRunners > 1 || gone != 0 || mock.Count("POST", "/hosted-runners$") > 2 {
			t.Errorf("after the apply the mock has %d static-IP runners (want at most the 1 that fits) and %d of size 3-core; %d creates sent",
				staticRunners, gone, mock.Count("POST", "/hosted-runners$"))
		}
		wantDestroyed := len(mock.Runners(sc.path))
		out = c.mustRun(work, env, "destroy", "-input=false", "-no-color", "-auto-approve")
		if !strings.Contains(out, fmt.Sprintf("%d destroyed", wantDestroyed)) {
			t.Errorf("terraform destroy did not destroy the %d runners:\n%s", wantDestroyed, out)
		}
		if rs := mock.Runners(sc.path); len(rs) != 0 {
			t.Errorf("the mock still has %d runners after terraform destroy: %+v", len(rs), rs)
		}
	})
}
