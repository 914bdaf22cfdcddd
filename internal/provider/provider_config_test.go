package provider

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// credentialsProvider is a provider block at the mock with token (empty for none), writes
// unspaced; lines add arguments.
func credentialsProvider(e *testEnv, token string, lines ...string) string {
	return providerBlock(append([]string{fmt.Sprintf("base_url       = %q", e.URL), fmt.Sprintf("token          = %q", token), "write_delay_ms = 0"}, lines...)...)
}

// TestAccProvider_noCredentials: a plan that creates a runner needs credentials for its checks
// against GitHub: without them it fails once, saying how to supply them, as the apply does.
func TestAccProvider_noCredentials(t *testing.T) {
	unsetCredentialEnv(t)
	e := newTestEnv(t, mockgithub.Config{})
	config := providerBlock(fmt.Sprintf("base_url = %q", e.URL)) + `
resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "no-credentials"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true, ExpectError: regexp.MustCompile(`(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`)},
			{Config: config, ExpectError: regexp.MustCompile(`(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`)},
		},
	})
	if n := len(e.Mock.Requests()); n != 0 {
		t.Fatalf("%d requests reached GitHub without credentials, want 0", n)
	}
}

// TestAccProvider_noCredentialsOneError: a plan that must refresh several resources (of both
// scopes) without credentials fails on one error, not one per resource or data source, and
// sends no request.
func TestAccProvider_noCredentialsOneError(t *testing.T) {
	unsetCredentialEnv(t)
	e := newTestEnv(t, mockgithub.Config{})
	config := func(token, extra string) string {
		return credentialsProvider(e, token) + `
resource "githubactions_hosted_runner" "test" {
  count        = 3
  organization = "acme"
  name         = "no-credentials-${count.index}"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}

resource "githubactions_hosted_runner" "enterprise" {
  enterprise = "acme-corp"
  name       = "no-credentials"
  image      = { id = "ubuntu-latest" }
  size       = "4-core"
}

resource "githubactions_runner_group" "test" {
  organization = "acme"
  name         = "no-credentials"
}
` + extra
	}
	const dataSource = `
data "githubactions_machine_sizes" "all" {
  organization = "acme"
}
`
	const summary = "Unable to Create GitHub Client"
	var failed []int // how often each failed plan reported the error
	var before int
	noRequests := func() {
		if n := len(e.Mock.Requests()) - before; n != 0 {
			t.Errorf("%d requests reached GitHub without credentials, want 0", n)
		}
	}
	planWithout := func(extra string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { before = len(e.Mock.Requests()) },
			Config:    config("", extra), PlanOnly: true,
			Check: func(*terraform.State) error { return errors.New("the plan without credentials succeeded") },
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		// Only the plans without credentials may fail: each says how to supply them.
		ErrorCheck: func(err error) error {
			if !regexp.MustCompile(`(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`).MatchString(err.Error()) {
				return fmt.Errorf("the error does not say how to supply credentials: %w", err)
			}
			failed = append(failed, strings.Count(err.Error(), summary))
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config(e.Token, "")},
			planWithout(""),
			{PreConfig: noRequests, Config: config(e.Token, "")},
			planWithout(dataSource),
			{PreConfig: noRequests, Config: config(e.Token, "")},
		},
	})
	switch {
	case len(failed) != 2:
		t.Fatalf("%d of the 2 plans without credentials failed", len(failed))
	case failed[0] != 1:
		t.Fatalf("%q reported %d times for 5 refreshed resources, want once", summary, failed[0])
	case failed[1] != 1:
		t.Fatalf("%q reported %d times with one data source, want once", summary, failed[1])
	}
}

// TestAccProvider_noCredentialsStaticIPPlan: the plan of a new runner with static IPs, checked
// against its group's private networking, does not take the missing-credentials error for
// itself without reporting it: a runner refreshed after it (depends_on) still fails the plan.
func TestAccProvider_noCredentialsStaticIPPlan(t *testing.T) {
	unsetCredentialEnv(t)
	e := newTestEnv(t, mockgithub.Config{})
	config := func(token, extra string) string {
		return credentialsProvider(e, token) + resourceBlock("githubactions_hosted_runner", "existing", scopeCases[0],
			`name         = "existing"`,
			`image        = { id = "ubuntu-latest" }`,
			`size         = "4-core"`,
			extra)
	}
	const fresh = `  depends_on   = [githubactions_hosted_runner.fresh]
}

resource "githubactions_hosted_runner" "fresh" {
  organization     = "acme"
  name             = "fresh"
  image            = { id = "ubuntu-latest" }
  size             = "4-core"
  runner_group_id  = 1
  enable_static_ip = true
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config(e.Token, "")},
			{Config: config("", fresh), PlanOnly: true, ExpectNonEmptyPlan: true, ExpectError: regexp.MustCompile(`(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`)},
			{Config: config(e.Token, "")},
		},
	})
}

// TestAccProvider_tokenWithLineBreak: a token with a line break inside is a configuration
// error that does not repeat the token.
func TestAccProvider_tokenWithLineBreak(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	secret := "ghp_abcdefghij\nklmnopqrstuvwxyz0123456789"
	config := providerBlock(fmt.Sprintf("base_url = %q", e.URL), fmt.Sprintf("token    = %q", secret)) + `
resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "newline"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)Invalid GitHub Token.*whitespace or a control character`),
			PlanOnly:    true,
		}},
	})
	p := &githubActionsProvider{version: "test"}
	_, diags := p.clientConfig(providerModel{Token: types.StringValue(secret), BaseURL: types.StringValue(e.URL)})
	if !diags.HasError() {
		t.Fatal("a token with a line break was accepted")
	}
	for _, d := range diags {
		for _, part := range strings.Split(secret, "\n") {
			if strings.Contains(d.Summary()+d.Detail(), part) {
				t.Fatalf("the diagnostic repeats part of the token: %s: %s", d.Summary(), d.Detail())
			}
		}
	}
}

// TestAccProvider_plainHTTPRefused: plain HTTP is refused except for loopback addresses.
func TestAccProvider_plainHTTPRefused(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: `
provider "githubactions" {
  base_url = "http://api.example.com/"
  token    = "ghp_unused0000000000"
}

resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "plain-http"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid GitHub Base URL.*HTTPS is required`),
		}},
	})
}

// unsetCredentialEnv clears, for the test, every environment variable the provider takes
// credentials from.
func unsetCredentialEnv(t *testing.T) {
	for _, name := range []string{"GITHUB_TOKEN", "GITHUB_APP_ID", "GITHUB_APP_INSTALLATION_ID", "GITHUB_APP_PEM_FILE"} {
		t.Setenv(name, "")
	}
}
