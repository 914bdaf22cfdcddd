package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// runnerBlock is one runner in the organization acme (or the given scope argument).
func runnerBlock(scopeAttr, owner, name string) string {
	return hclBlock(`resource "githubactions_hosted_runner" "test"`,
		fmt.Sprintf("%s = %q", scopeAttr, owner),
		fmt.Sprintf("name  = %q", name),
		`image = { id = "ubuntu-latest" }`,
		`size  = "4-core"`)
}

// expectOnlyError is a one-step test case whose apply fails with want and leaves nothing
// behind; the create POSTs must have been answered wantCreates (no retry of a 4xx).
func expectOnlyError(e *testEnv, config string, want *regexp.Regexp, name string, wantCreates ...int) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if _, ok := mockRunnerByName(e.Mock, orgScope, name); ok && len(wantCreates) > 0 && wantCreates[0] == http.StatusCreated {
				return fmt.Errorf("runner %q was left behind", name)
			}
			return checkCreates(e, name, wantCreates...)(nil)
		},
		Steps: []resource.TestStep{{Config: config, ExpectError: want}},
	}
}

// Row 12: a token GitHub rejects fails the plan at once (no retry, no write) with a diagnostic
// that names the problem, not the token; an App installation token that expires mid-apply is refreshed
// and retried once, and no 401 reaches the user.
func TestAccFaultBadCredentialsAndAppTokenExpiry(t *testing.T) {
	t.Parallel()
	t.Run("bad_credentials", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		e.Token = "ghp_revokedRevokedRevoked0123456789abcd"
		resource.Test(t, expectOnlyError(e, faultRunner(e, "", "denied", ""),
			regexp.MustCompile(`(?s)Unable to Check the Plan Against GitHub.*401\s+Unauthorized:\s+Bad\s+credentials.*did not accept the\s+credentials`),
			"denied"))
		// The plan's first catalog read is refused: the plan fails on it, nothing more is sent.
		if n, reads := len(e.Mock.Requests()), len(catalogReads(e.Mock)); n != 1 || reads != 1 {
			t.Fatalf("%d requests (%d catalog reads), want only the refused catalog read", n, reads)
		}
	})
	t.Run("app_token_expires_mid_apply", func(t *testing.T) {
		t.Parallel()
		app := newTestApp(t)
		// The installation token lives 70 s of mock time and the runner takes 80 s to
		// provision, polled every 5 s: the token expires while Create is waiting. (GitHub's
		// JWT rules keep the mock's clock within a minute or so of the real one.)
		e, clock := newFaultEnv(t, app.mockConfig(mockgithub.Config{TokenLifetime: 70 * time.Second, ProvisionDelay: 80 * time.Second}),
			WithPollInterval(5*time.Second, 5*time.Second))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{{
				Config: app.providerBlock(e, "") + runnerBlock("organization", "acme", "app-made"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "app-made", http.StatusCreated)),
			}, {
				// GitHub does not let Apps delete organization runners: destroy with a token.
				Config:   faultProvider(e, "") + runnerBlock("organization", "acme", "app-made"),
				PlanOnly: true,
			}},
		})
		tokens := e.Mock.IssuedTokens()
		unauthorized := 0
		for _, r := range e.Mock.Requests() {
			if r.Status == http.StatusUnauthorized {
				unauthorized++
			}
		}
		if len(tokens) < 2 || unauthorized < 1 {
			t.Fatalf("%d tokens issued and %d requests refused with 401; want the expired token refused and replaced", len(tokens), unauthorized)
		}
		t.Logf("%d installation tokens issued, %d 401s absorbed, %s simulated", len(tokens), unauthorized, clock.Total())
	})
}

// Row 13: 403 "not accessible" and GitHub's 404 that hides what a token may not see are not
// retried, and the diagnostic names the scope or permission GitHub accepts; a 404 for the
// scope fails the plan.
func TestAccFaultForbiddenAndMaskedNotFoundNamePermissions(t *testing.T) {
	t.Parallel()
	t.Run("app_on_enterprise", func(t *testing.T) {
		t.Parallel()
		app := newTestApp(t)
		e, _ := newFaultEnv(t, app.mockConfig(mockgithub.Config{}))
		resource.Test(t, expectOnlyError(e, app.providerBlock(e, "")+runnerBlock("enterprise", "acme-corp", "ent"),
			regexp.MustCompile(`(?s)403 Forbidden: Resource not accessible by integration.*GitHub accepts the\s+permissions\s+\[enterprise_administration=write\].*manage_runners:enterprise`),
			"ent", http.StatusForbidden))
	})
	t.Run("token_scopes", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Status: http.StatusForbidden,
			Body:   `{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/actions/hosted-runners","status":"403"}`,
			Header: http.Header{"X-Accepted-Oauth-Scopes": {"manage_runners:org"}, "X-Oauth-Scopes": {"repo, workflow"}}})
		resource.Test(t, expectOnlyError(e, faultRunner(e, "", "scoped", ""),
			regexp.MustCompile(`(?s)GitHub accepts the scopes\s+\[manage_runners:org\]; the token has \[repo,\s+workflow\]`),
			"scoped", http.StatusForbidden))
	})
	t.Run("masked_404", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      faultProvider(e, "") + runnerBlock("organization", "hidden-org", "masked"),
				ExpectError: regexp.MustCompile(`(?s)404\s+Not\s+Found.*404 both for what does not exist and for what the credentials\s+may not see.*"hidden-org".*manage_runners:org`),
			}},
		})
		// The plan's first catalog read gets the 404: the plan fails on it, nothing more is sent.
		if n, reads := len(e.Mock.Requests()), len(catalogReads(e.Mock)); n != 1 || reads != 1 {
			t.Fatalf("%d requests (%d catalog reads), want only the catalog read that got the 404 (no retry, no create)", n, reads)
		}
	})
}

// Row 14: 422 Validation Failed with object and plain-string errors[], and already_exists:
// no retry, the field errors on their attributes, nothing in state.
func TestAccFaultValidationFailedOnAttributes(t *testing.T) {
	t.Parallel()
	t.Run("already_exists", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		// The runner appears between the provider's check for its name and the POST.
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Status: http.StatusUnprocessableEntity,
			Body: `{"message":"Validation Failed","errors":[{"resource":"HostedRunner","field":"name","code":"already_exists"}],"documentation_url":"https://docs.github.com/rest","status":"422"}`})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      faultRunner(e, "", "taken", ""),
				ExpectError: regexp.MustCompile(`(?s)in resource "githubactions_hosted_runner" "test":\s+\d+:\s+name\s+= "taken".*GitHub refused the value: another object already\s+has it`),
			}},
		})
		if got := createStatuses(e, "taken"); fmt.Sprint(got) != "[422]" {
			t.Fatalf("create POSTs answered %v, want one 422", got)
		}
		if n := len(e.Mock.Runners(orgScope)); n != 0 {
			t.Fatalf("the mock has %d runners, want none", n)
		}
	})
	t.Run("object_and_string_errors", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Status: http.StatusUnprocessableEntity,
			Body: `{"message":"Validation Failed","errors":[{"resource":"HostedRunner","field":"size","code":"invalid","message":"Size 4-core is not available"},` +
				`"Image ubuntu-latest is not available in this region"],"documentation_url":"https://docs.github.com/rest/actions/hosted-runners","status":"422"}`})
		resource.Test(t, expectOnlyError(e, faultRunner(e, "", "invalid", ""),
			regexp.MustCompile(`(?s)\d+:\s+size\s+= "4-core".*GitHub refused the value: Size 4-core is not\s+available|Image ubuntu-latest is not available in this region`),
			"invalid", http.StatusUnprocessableEntity))
		resource.Test(t, expectOnlyError(e, faultRunner(e, "", "invalid2", ""),
			regexp.MustCompile(`(?s)Validation Failed.*Errors:\s+- Image ubuntu-latest is not available in this region`),
			"invalid2", http.StatusUnprocessableEntity))
	})
}

// Row 16: an unknown API version (400) or a retired one (410) is a clear configuration
// error; a deprecated one works (the client logs a warning, see the client's tests).
func TestAccFaultAPIVersionsAreConfigErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		version string
		want    *regexp.Regexp
	}{
		"unknown": {"2099-01-01", regexp.MustCompile(`(?s)400\s+Bad\s+Request:\s+API\s+version\s+'2099-01-01'\s+is\s+not\s+a\s+supported\s+version.*Set the provider's\s+api_version`)},
		"retired": {"2021-01-01", regexp.MustCompile(`(?s)410\s+Gone:\s+API\s+version\s+'2021-01-01'\s+has\s+been\s+retired.*Set the provider's\s+api_version`)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, _ := newFaultEnv(t, mockgithub.Config{})
			resource.Test(t, expectOnlyError(e, faultRunner(e, fmt.Sprintf("api_version = %q", tc.version), "versioned", ""), tc.want, "versioned"))
		})
	}
	t.Run("deprecated", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{SupportedAPIVersions: []string{"2026-03-10"}, DeprecatedAPIVersions: []string{"2022-11-28"}})
		resource.Test(t, faultCase(e, `api_version = "2022-11-28"`, "old-version", "", http.StatusCreated))
		for _, r := range e.Mock.Requests() {
			if v := r.Header.Get("X-Github-Api-Version"); v != "2022-11-28" {
				t.Fatalf("%s %s sent X-GitHub-Api-Version %q", r.Method, r.Path, v)
			}
		}
	})
}
