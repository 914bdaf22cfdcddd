package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// TestAddErrorOneDiagnosticPerFailure: a 422 whose field errors all have an attribute becomes
// one error per field, on that attribute (nested image.* included), in plain words with the
// request id; a field error without an attribute stays in the one resource-level error.
func TestAddErrorOneDiagnosticPerFailure(t *testing.T) {
	scope := client.Organization("acme")
	unprocessable := func(errs ...client.FieldError) error {
		return &client.APIError{StatusCode: 422, Method: "POST", Path: "/orgs/acme/actions/hosted-runners",
			Message: "Validation Failed", Errors: errs, RequestID: "ABCD:1234"}
	}
	cases := map[string]struct {
		err       error
		wantPaths []path.Path // nil path: the resource-level error
		wantText  []string
		notText   []string
	}{
		"static IP limit": {
			err:       unprocessable(client.FieldError{Resource: "HostedRunner", Field: "enable_static_ip", Code: "custom", Message: "Static public IP limit reached: 50 of 50 in use."}),
			wantPaths: []path.Path{path.Root("enable_static_ip")},
			wantText:  []string{"GitHub refused the value: Static public IP limit reached", "X-GitHub-Request-Id ABCD:1234"},
			notText:   []string{"enable_static_ip:", "custom"},
		},
		"nested image id": {
			err:       unprocessable(client.FieldError{Field: "image.id", Code: "invalid"}),
			wantPaths: []path.Path{path.Root("image").AtName("id")},
			wantText:  []string{"GitHub refused the value as invalid."},
		},
		"update image version": {
			err:       unprocessable(client.FieldError{Field: "image_version", Code: "missing_field"}),
			wantPaths: []path.Path{path.Root("image").AtName("version")},
			wantText:  []string{"GitHub requires a value here."},
		},
		"unknown field": {
			err:       unprocessable(client.FieldError{Field: "colour", Code: "invalid"}),
			wantPaths: []path.Path{{}},
			wantText:  []string{"GitHub answered 422", "colour: invalid", "X-GitHub-Request-Id ABCD:1234"},
		},
		"transport": {
			err:       &client.TransportError{Method: "GET", Path: "/orgs/acme/actions/hosted-runners", Err: errors.New("connection reset by peer")},
			wantPaths: []path.Path{{}},
			wantText:  []string{"connection reset by peer", "base_url", "max_retries"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addError(&diags, "Unable to Create Hosted Runner", tc.err, scope, runnerFieldPaths)
			if len(diags) != len(tc.wantPaths) {
				t.Fatalf("got %d diagnostics, want %d: %v", len(diags), len(tc.wantPaths), diags)
			}
			for i, d := range diags {
				var got path.Path
				if wp, ok := d.(diag.DiagnosticWithPath); ok {
					got = wp.Path()
				}
				if !got.Equal(tc.wantPaths[i]) {
					t.Errorf("diagnostic %d is on %q, want %q", i, got, tc.wantPaths[i])
				}
				for _, s := range tc.wantText {
					if !strings.Contains(d.Detail(), s) {
						t.Errorf("detail %q lacks %q", d.Detail(), s)
					}
				}
				for _, s := range tc.notText {
					if strings.Contains(d.Detail(), s) {
						t.Errorf("detail %q repeats %q", d.Detail(), s)
					}
				}
			}
		})
	}
}

// TestCredentialHintByEndpoint: the 403 and 404 hints name what GitHub documents for the
// endpoint that refused: hosted runners, runner groups or network configurations, per scope.
func TestCredentialHintByEndpoint(t *testing.T) {
	org, ent := client.Organization("acme"), client.Enterprise("acme-corp")
	cases := map[string]struct {
		scope        client.Scope
		method, path string
		want, not    []string
	}{
		"org runner":         {org, "POST", "/orgs/acme/actions/hosted-runners", []string{"manage_runners:org", `"Administration" organization permission`}, nil},
		"enterprise runner":  {ent, "GET", "/enterprises/acme-corp/actions/hosted-runners/5", []string{"manage_runners:enterprise"}, nil},
		"org group":          {org, "POST", "/orgs/acme/actions/runner-groups", []string{"admin:org", "GitHub App needs"}, []string{"manage_runners", "fine-grained"}},
		"enterprise group":   {ent, "PATCH", "/enterprises/acme-corp/actions/runner-groups/3", []string{"manage_runners:enterprise", "does not let GitHub Apps"}, []string{"admin:org"}},
		"org network read":   {org, "GET", "/orgs/acme/settings/network-configurations", []string{"read:network_configurations"}, []string{"manage_runners", "admin:org"}},
		"org network write":  {org, "DELETE", "/orgs/acme/settings/network-configurations/AB12", []string{"write:network_configurations"}, []string{"manage_runners"}},
		"enterprise network": {ent, "POST", "/enterprises/acme-corp/network-configurations", []string{"owner of the enterprise", "no scope", "does not let GitHub Apps"}, []string{"manage_runners", "admin:org"}},
		"org settings":       {org, "GET", "/orgs/acme/settings/network-settings/NS1", []string{"read:network_configurations"}, nil},
		"org self-hosted policy": {org, "PUT", "/orgs/acme/actions/permissions/self-hosted-runners/repositories/5",
			[]string{"admin:org", `"Actions policies" organization permission`}, []string{"manage_runners", "Administration"}},
		"enterprise self-hosted policy": {ent, "PUT", "/enterprises/acme-corp/actions/permissions/self-hosted-runners",
			[]string{"owner of the enterprise", "no scope", "does not let GitHub Apps"}, []string{"manage_runners", "admin:org"}},
		"org budget update": {org, "PATCH", "/organizations/acme/settings/billing/budgets/B1",
			[]string{"organization owner (admin) or billing manager", "does not let GitHub Apps update"}, []string{"manage_runners", "admin:org", "enterprise"}},
		"org budget create": {org, "POST", "/organizations/acme/settings/billing/budgets",
			[]string{"billing manager", "GitHub App installed on the organization may call them"}, []string{"manage_runners", "admin:org"}},
		"enterprise budget list": {ent, "GET", "/enterprises/acme-corp/settings/billing/budgets",
			[]string{"enterprise owner or billing manager", "read access to enterprise billing"}, []string{"write access", "manage_runners"}},
		"enterprise usage": {ent, "GET", "/enterprises/acme-corp/settings/billing/usage/summary",
			[]string{"read access to enterprise billing"}, []string{"manage_runners"}},
		"enterprise budget delete": {ent, "DELETE", "/enterprises/acme-corp/settings/billing/budgets/B1",
			[]string{"write access to enterprise billing"}, []string{"read access"}},
	}
	for name, tc := range cases {
		for _, status := range []int{403, 404} {
			hint := credentialHint(&client.APIError{StatusCode: status, Method: tc.method, Path: tc.path, Message: "Forbidden"}, tc.scope)
			if billing := strings.Contains(tc.path, "/settings/billing/"); billing && status == 404 != strings.Contains(hint, "enhanced billing platform") {
				t.Errorf("%s, %d: hint %q names the enhanced billing platform only on a billing 404", name, status, hint)
			}
			for _, s := range tc.want {
				if !strings.Contains(hint, s) {
					t.Errorf("%s, %d: hint %q lacks %q", name, status, hint, s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(hint, s) {
					t.Errorf("%s, %d: hint %q names %q", name, status, hint, s)
				}
			}
		}
	}
}
