package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// dataConfig renders one data source of type typ named "test" in sc with body.
func dataConfig(e *testEnv, sc scopeCase, typ, body string) string {
	return e.providerConfig() + dataBlock(typ, "test", sc, body)
}

func TestAccHostedRunnerDataSources_paginationAndFilters(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		// 250 runners: pages of 100, so runner 230 is on page 3.
		for i := 1; i <= 250; i++ {
			r := mockgithub.Runner{Name: fmt.Sprintf("runner-%03d", i), ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1}
			if i%50 == 0 {
				r.ImageID, r.Size = "windows-latest", "8-core"
			}
			if i == 7 {
				r.Status = mockgithub.StatusStuck
			}
			e.Mock.AddRunner(sc.path, r)
		}
		target, _ := mockRunnerByName(e.Mock, sc.path, "runner-230")
		const all, single = "data.githubactions_hosted_runners.test", "data.githubactions_hosted_runner.test"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config: dataConfig(e, sc, "githubactions_hosted_runners", "") +
						dataBlock("githubactions_hosted_runner", "test", sc, `name = "runner-230"`) +
						dataBlock("githubactions_hosted_runner", "by_id", sc, `id = data.githubactions_hosted_runner.test.id`) +
						dataBlock("githubactions_hosted_runners", "windows", sc, `platform = "win-x64"`) +
						dataBlock("githubactions_hosted_runners", "stuck", sc, `status = "Stuck"`) +
						dataBlock("githubactions_hosted_runners", "regex", sc, `name_regex = "^runner-1[0-4]\\d$"`, `platform   = "linux-x64"`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(all, tfjsonpath.New("runners"), knownvalue.ListSizeExact(250)),
						statecheck.ExpectKnownValue(all, tfjsonpath.New("runners").AtSliceIndex(249).AtMapKey("name"), knownvalue.StringExact("runner-250")),
						statecheck.ExpectKnownValue(single, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprint(target.ID))),
						statecheck.ExpectKnownValue(single, tfjsonpath.New("size"), knownvalue.StringExact("4-core")),
						statecheck.ExpectKnownValue(single, tfjsonpath.New("image"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("ubuntu-latest"), "source": knownvalue.StringExact("github"), "version": knownvalue.Null(),
						})),
						statecheck.ExpectKnownValue(single, tfjsonpath.New("machine_size_details").AtMapKey("cpu_cores"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue(single, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
						statecheck.ExpectKnownValue("data.githubactions_hosted_runner.by_id", tfjsonpath.New("name"), knownvalue.StringExact("runner-230")),
						statecheck.ExpectKnownValue("data.githubactions_hosted_runners.windows", tfjsonpath.New("runners"), knownvalue.ListSizeExact(5)),
						statecheck.ExpectKnownValue("data.githubactions_hosted_runners.windows", tfjsonpath.New("runners").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("runner-050")),
						statecheck.ExpectKnownValue("data.githubactions_hosted_runners.stuck", tfjsonpath.New("runners"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("runner-007"), "status": knownvalue.StringExact("Stuck")}),
						})),
						// runner-100 .. runner-149 but not runner-100 (windows, every 50th).
						statecheck.ExpectKnownValue("data.githubactions_hosted_runners.regex", tfjsonpath.New("runners"), knownvalue.ListSizeExact(49)),
					},
					Check: func(*terraform.State) error {
						// Every list walked all three pages of 100.
						if n := e.Mock.Count("GET", `/actions/hosted-runners$`); n < 3 {
							return fmt.Errorf("the mock saw %d list requests, want at least 3 (pages of 100)", n)
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccHostedRunnerDataSource_errors(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "only", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config:      dataConfig(e, sc, "githubactions_hosted_runner", `id = "1"`+"\n"+`name = "only"`),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_hosted_runners", `name_regex = "(["`),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Invalid Regular Expression`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_hosted_runner", `id = "9999"`),
					ExpectError: regexp.MustCompile(`(?s)Hosted Runner Not Found.*no hosted runner with ID 9999`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_hosted_runner", `name = "missing"`),
					ExpectError: regexp.MustCompile(`(?s)Hosted Runner Not Found.*No hosted runner matches the name "missing".*Those\s+that\s+exist:\s+\S+\s+\(ID\s+\d+\)`),
				},
			},
		})
	})
}

// TestAccHostedRunnerDataSources_groupLeftOut: a server whose runner answers leave out
// runner_group_id (optional in GitHub's schema) gives null in both data sources, never group 0.
func TestAccHostedRunnerDataSources_groupLeftOut(t *testing.T) {
	t.Parallel()
	groupField := regexp.MustCompile(`"runner_group_id":\d+,?`)
	e, _ := newWrappedEnv(t, mockgithub.Config{}, rewriteAnswers(func(r *http.Request, body []byte) []byte {
		if strings.Contains(r.URL.Path, "/hosted-runners") {
			return groupField.ReplaceAll(body, nil)
		}
		return body
	}))
	e.Mock.AddRunner(orgScope, mockgithub.Runner{Name: "ungrouped", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 3})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: faultProvider(e, "") + `
data "githubactions_hosted_runner" "one" {
  organization = "acme"
  name         = "ungrouped"
}
data "githubactions_hosted_runners" "all" {
  organization = "acme"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.githubactions_hosted_runner.one", tfjsonpath.New("runner_group_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.githubactions_hosted_runners.all", tfjsonpath.New("runners").AtSliceIndex(0).AtMapKey("runner_group_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.githubactions_hosted_runners.all", tfjsonpath.New("runners").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("ungrouped")),
			},
		}},
	})
}
