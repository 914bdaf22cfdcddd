package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// errorLines matches the start of each error diagnostic the CLI prints.
var errorLines = regexp.MustCompile(`(?m)^Error: `)

// failsOnce runs one plan of config that must fail on exactly one error diagnostic, which
// matches want, and send GitHub no write.
func failsOnce(t *testing.T, e *testEnv, config string, want *regexp.Regexp) {
	t.Helper()
	var failed bool
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		ErrorCheck: func(err error) error {
			failed = true
			if n := len(errorLines.FindAllString(err.Error(), -1)); n != 1 {
				return fmt.Errorf("%d error diagnostics, want exactly one: %w", n, err)
			}
			if !want.MatchString(err.Error()) {
				return fmt.Errorf("the error does not match %s: %w", want, err)
			}
			return nil
		},
		Steps: []resource.TestStep{{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true}},
	})
	if !failed {
		t.Fatal("the plan succeeded")
	}
	noWrites(t, e)()
}

// planDiagnosticsConfig is a provider block with extra settings, two new runners of scope
// (each with a plan-time check of its size and image) and, when withData, a machine sizes data
// source of that scope.
func planDiagnosticsConfig(e *testEnv, token, provider, scope string, withData bool) string {
	var data string
	if withData {
		data = hclBlock(`data "githubactions_machine_sizes" "all"`, scope)
	}
	return credentialsProvider(e, token, provider) +
		hclBlock(`resource "githubactions_hosted_runner" "test"`,
			"count = 2",
			scope,
			`name  = "plan-check-${count.index}"`,
			`image = { id = "ubuntu-latest" }`,
			`size  = "4-core"`) +
		data
}

// TestAccPlanDiagnostics_slowAPI: with every answer of a catalog endpoint taking 3 s (on the
// fake clock) and read_timeout = "2s", a plan with a catalog data source, or with only the
// plan-time checks of new runners, ends with one error that names read_timeout, and the
// endpoint is asked once: nothing starts the read again.
func TestAccPlanDiagnostics_slowAPI(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ endpoint, extra string }{
		"data_source": {`/platforms$`, `
data "githubactions_platforms" "all" {
  organization = "acme"
}
`},
		"plan_check": {`/machine-sizes$`, ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: tc.endpoint, Takes: 3 * time.Second})
			config := planDiagnosticsConfig(e, e.Token, `  read_timeout   = "2s"`+"\n", `organization = "acme"`, false) + tc.extra
			failsOnce(t, e, config, regexp.MustCompile(`(?s)read_timeout\s+of\s+2s`))
			if n := e.Mock.Count(http.MethodGet, tc.endpoint); n != 1 {
				t.Fatalf("GET %s sent %d times, want once: a read that ran out of time was started again", tc.endpoint, n)
			}
		})
	}
}

// TestAccPlanDiagnostics_definiteAnswers: a plan creating runners, with a data source of the
// same scope, fails once when GitHub refuses the token (401) or does not know the
// organization (404), or when there is no token at all; no write is sent. (Not parallel: it
// clears the credential environment.)
func TestAccPlanDiagnostics_definiteAnswers(t *testing.T) {
	unsetCredentialEnv(t)
	for name, tc := range map[string]struct {
		token, scope string
		want         string
	}{
		"refused_token":        {"ghp_" + strings.Repeat("x", 36), `organization = "acme"`, `(?s)401 Unauthorized.*did not accept the credentials`},
		"unknown_organization": {"", `organization = "acm"`, `(?s)404 Not Found.*organization name "acm"`},
		"no_token":             {"-", `organization = "acme"`, `(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`},
	} {
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t, mockgithub.Config{})
			token := tc.token
			switch token {
			case "":
				token = e.Token
			case "-":
				token = ""
			}
			for _, withData := range []bool{false, true} {
				failsOnce(t, e, planDiagnosticsConfig(e, token, "", tc.scope, withData), regexp.MustCompile(tc.want))
			}
		})
	}
}

// TestAccPlanDiagnostics_slowRefresh: with every answer about runners taking 3 s and
// read_timeout = "2s", the refresh of two runners fails on one error that names read_timeout,
// not on "No answer came … check base_url".
func TestAccPlanDiagnostics_slowRefresh(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	config := func(provider string) string {
		return planDiagnosticsConfig(e, e.Token, provider, `organization = "acme"`, false)
	}
	var errs []int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		ErrorCheck: func(err error) error {
			errs = append(errs, len(errorLines.FindAllString(err.Error(), -1)))
			if !regexp.MustCompile(`(?s)Unable to Read Hosted Runner.*read_timeout\s+of\s+2s`).MatchString(err.Error()) {
				return fmt.Errorf("the refresh error does not name read_timeout: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config("")},
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/hosted-runners(/\d+)?$`, Takes: 3 * time.Second})
				},
				Config: config(`  read_timeout   = "2s"` + "\n"), PlanOnly: true,
			},
			{PreConfig: e.Mock.ClearFaults, Config: config("")},
		},
	})
	if len(errs) != 1 || errs[0] != 1 {
		t.Fatalf("error diagnostics per failed step: %v, want one step with exactly one", errs)
	}
}
