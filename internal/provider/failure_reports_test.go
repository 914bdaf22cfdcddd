package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// TestPlanCheckFailed: a lasting cause fails the plan once per run, whichever check or scope
// meets it; a passing one warns once per check and scope; a 403 on the runner groups (which
// need more than managing runners) only warns.
func TestPlanCheckFailed(t *testing.T) {
	t.Parallel()
	acme, other := client.Organization("acme"), client.Organization("other")
	apiErr := func(status int, path string) error {
		return &client.APIError{StatusCode: status, Method: http.MethodGet, Path: path, Message: http.StatusText(status)}
	}
	sizes, groups := "/orgs/acme/actions/hosted-runners/machine-sizes", "/orgs/acme/actions/runner-groups/5"
	type call struct {
		what  string
		err   error
		scope client.Scope
	}
	for name, tc := range map[string]struct {
		calls            []call
		errors, warnings int
	}{
		"refused_token_once": {calls: []call{
			{"size", apiErr(http.StatusUnauthorized, sizes), acme},
			{"image.id", apiErr(http.StatusUnauthorized, "/orgs/acme/actions/hosted-runners/images/github-owned"), acme},
			{"size", apiErr(http.StatusUnauthorized, "/orgs/other/actions/hosted-runners/machine-sizes"), other},
		}, errors: 1},
		"unknown_scope_once_per_scope": {calls: []call{
			{"size", apiErr(http.StatusNotFound, sizes), acme},
			{"size", apiErr(http.StatusNotFound, sizes), acme},
			{"size", apiErr(http.StatusNotFound, "/orgs/other/actions/hosted-runners/machine-sizes"), other},
		}, errors: 2},
		"read_timeout_once": {calls: []call{
			{"size", &client.ReadTimeoutError{Method: http.MethodGet, Path: sizes, Timeout: 2 * time.Second}, acme},
			{"enable_static_ip", &client.ReadTimeoutError{Method: http.MethodGet, Path: "/orgs/acme/actions/hosted-runners/limits", Timeout: 2 * time.Second}, acme},
		}, errors: 1},
		"server_error_warns_per_check": {calls: []call{
			{"size", fmt.Errorf("GET %s: %w", sizes, apiErr(http.StatusBadGateway, sizes)), acme},
			{"size", apiErr(http.StatusBadGateway, sizes), acme},
			{"enable_static_ip", apiErr(http.StatusBadGateway, "/orgs/acme/actions/hosted-runners/limits"), acme},
		}, warnings: 2},
		"groups_refused_warns": {calls: []call{
			{"runner_group_id", apiErr(http.StatusForbidden, groups), acme},
		}, warnings: 1},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := &providerData{}
			var diags diag.Diagnostics
			for _, c := range tc.calls {
				diags.Append(d.planCheckFailed(c.what, c.err, c.scope)...)
			}
			if n := diags.ErrorsCount(); n != tc.errors {
				t.Errorf("%d errors, want %d: %v", n, tc.errors, diags)
			}
			if n := diags.WarningsCount(); n != tc.warnings {
				t.Errorf("%d warnings, want %d: %v", n, tc.warnings, diags)
			}
		})
	}
}

// TestPlanClientFor: the plan's checks get no client, and say so once per run, when the
// provider's configuration is known only at apply (a warning) or has no credentials (an error).
func TestPlanClientFor(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		data             *providerData
		errors, warnings int
	}{
		"configuration_unknown": {data: &providerData{configUnknown: true}, warnings: 1},
		"no_credentials":        {data: &providerData{cfg: client.Config{BaseURL: "http://127.0.0.1:1"}}, errors: 1},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			for range 3 {
				c, _, d := tc.data.planClientFor(scopeNameValue("acme"), scopeNameNull())
				if c != nil {
					t.Fatal("the plan's checks got a client")
				}
				diags.Append(d...)
			}
			if diags.ErrorsCount() != tc.errors || diags.WarningsCount() != tc.warnings {
				t.Fatalf("%d errors and %d warnings for 3 checks, want %d and %d: %v", diags.ErrorsCount(), diags.WarningsCount(), tc.errors, tc.warnings, diags)
			}
		})
	}
}
