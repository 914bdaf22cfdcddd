package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccProvider_noCredentials: validate and plan need no credentials; the first API call
// reports how to supply them.
func TestAccProvider_noCredentials(t *testing.T) {
	for _, name := range []string{"GITHUB_TOKEN", "GITHUB_APP_ID", "GITHUB_APP_INSTALLATION_ID", "GITHUB_APP_PEM_FILE"} {
		t.Setenv(name, "")
	}
	e := newTestEnv(t, mockgithub.Config{})
	config := fmt.Sprintf(`
provider "githubactions" {
  base_url = %[1]q
}

resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "no-credentials"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`, e.URL)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: config, ExpectError: regexp.MustCompile(`(?s)no GitHub credentials.*GITHUB_TOKEN.*app_auth`)},
		},
	})
	if n := len(e.Mock.Requests()); n != 0 {
		t.Fatalf("%d requests reached GitHub without credentials, want 0", n)
	}
}

// TestAccProvider_tokenWithLineBreak: a token with a line break inside is a configuration
// error that does not repeat the token.
func TestAccProvider_tokenWithLineBreak(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	secret := "ghp_abcdefghij\nklmnopqrstuvwxyz0123456789"
	config := fmt.Sprintf(`
provider "githubactions" {
  base_url = %[1]q
  token    = %[2]q
}

resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "newline"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`, e.URL, secret)
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
