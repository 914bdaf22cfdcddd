package provider

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// runnerFieldPaths maps the field names in GitHub's 422 errors to a runner's attribute paths.
var runnerFieldPaths = map[string]path.Path{
	"name":             path.Root("name"),
	"size":             path.Root("size"),
	"image":            path.Root("image"),
	"image_id":         path.Root("image").AtName("id"),
	"image.id":         path.Root("image").AtName("id"),
	"image_source":     path.Root("image").AtName("source"),
	"image.source":     path.Root("image").AtName("source"),
	"image_version":    path.Root("image").AtName("version"),
	"image.version":    path.Root("image").AtName("version"),
	"runner_group_id":  path.Root("runner_group_id"),
	"maximum_runners":  path.Root("maximum_runners"),
	"enable_static_ip": path.Root("enable_static_ip"),
	"image_gen":        path.Root("image_gen"),
}

// addError turns an error from the client into diagnostics: GitHub's status, message and
// request id, each field error on its attribute where one matches, and for 401/403/404 what
// credentials GitHub accepts.
//
// An error that wraps the APIError (the resource adding what it was doing) keeps its own text
// first; a rate limit the client did not wait out is reported as such.
func addError(diags *diag.Diagnostics, summary string, err error, scope client.Scope, fields map[string]path.Path) {
	var apiErr *client.APIError
	var rateErr *client.RateLimitError
	if errors.As(err, &rateErr) || !errors.As(err, &apiErr) {
		detail := err.Error()
		var certErr *tls.CertificateVerificationError
		var transportErr *client.TransportError
		var timeoutErr *client.ReadTimeoutError
		switch {
		case errors.As(err, &timeoutErr):
			detail += fmt.Sprintf("\n\nThe read, its retries included, did not end within the provider's read_timeout (%s), so it "+
				"was stopped and is not tried again in this run. If GitHub is slow rather than unreachable, raise read_timeout "+
				"in the provider block; otherwise check that base_url (or GITHUB_BASE_URL) names a reachable API root.", timeoutErr.Timeout)
		case errors.As(err, &certErr):
			detail += "\n\nThe server's TLS certificate did not verify, so nothing was sent. If base_url is served with a " +
				"certificate from a private CA, add that CA to the system's trust store or point SSL_CERT_FILE at a PEM file holding it."
		case errors.As(err, &transportErr):
			detail += "\n\nNo answer came from the GitHub API at the provider's base_url (or GITHUB_BASE_URL). Check that " +
				"base_url names the API root (https://api.github.com/ by default) and that it is reachable; reading requests " +
				"and updates were retried up to max_retries times before giving up, a create is never retried blindly."
		}
		diags.AddError(summary, detail)
		return
	}
	var b strings.Builder
	if wrapped := err.Error(); wrapped != apiErr.Error() {
		// The wrapping text already holds GitHub's status, message and request id.
		b.WriteString(wrapped)
	} else {
		fmt.Fprintf(&b, "GitHub answered %d %s", apiErr.StatusCode, http.StatusText(apiErr.StatusCode))
		if apiErr.Message != "" {
			fmt.Fprintf(&b, ": %s", apiErr.Message)
		}
		fmt.Fprintf(&b, "\n\nRequest: %s %s", apiErr.Method, apiErr.Path)
		if apiErr.RequestID != "" {
			fmt.Fprintf(&b, " (X-GitHub-Request-Id %s)", apiErr.RequestID)
		}
	}
	if hint := credentialHint(apiErr, scope); hint != "" {
		b.WriteString("\n\n" + hint)
	}
	if apiErr.DocumentationURL != "" {
		b.WriteString("\n\nSee " + apiErr.DocumentationURL)
	}
	// Each field error GitHub names goes on its attribute, once, with the request id; what no
	// attribute holds stays in the one error on the resource.
	var unplaced []string
	for _, fe := range apiErr.Errors {
		if p, ok := fields[fe.Field]; ok {
			diags.AddAttributeError(p, summary, fieldErrorDetail(fe, apiErr))
			continue
		}
		unplaced = append(unplaced, "- "+fe.String())
	}
	if len(apiErr.Errors) > 0 && len(unplaced) == 0 {
		return
	}
	if len(unplaced) > 0 {
		b.WriteString("\n\nErrors:\n" + strings.Join(unplaced, "\n"))
	}
	diags.AddError(summary, b.String())
}

// fieldErrorDetail says in plain words what GitHub refused about one attribute, and names the
// request for GitHub Support.
func fieldErrorDetail(fe client.FieldError, e *client.APIError) string {
	var b strings.Builder
	switch {
	case fe.Message != "":
		b.WriteString("GitHub refused the value: " + fe.Message)
	case fe.Code == "missing_field":
		b.WriteString("GitHub requires a value here.")
	case fe.Code == "already_exists":
		b.WriteString("GitHub refused the value: another object already has it.")
	default:
		b.WriteString("GitHub refused the value as invalid.")
	}
	fmt.Fprintf(&b, "\n\nRequest: %s %s answered %d", e.Method, e.Path, e.StatusCode)
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (X-GitHub-Request-Id %s)", e.RequestID)
	}
	b.WriteString(".")
	return b.String()
}

// credentialHint says what to fix: which scopes or permissions GitHub accepts (401, 403, 404),
// or the provider's api_version (400 and 410 about the API version).
func credentialHint(e *client.APIError, scope client.Scope) string {
	if (e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusGone) && strings.Contains(e.Message, "API version") {
		return "GitHub does not serve the REST API version this provider sent as X-GitHub-Api-Version. Set the provider's " +
			"api_version to a supported version (the default is " + client.DefaultAPIVersion + "), or remove it."
	}
	need := neededAccess(e.Method, e.Path, scope)
	switch e.StatusCode {
	case http.StatusUnauthorized:
		return "GitHub did not accept the credentials. Check that the token (or GITHUB_TOKEN) is current and " +
			"not revoked, or that the GitHub App's ID, installation ID and private key belong together."
	case http.StatusForbidden:
		var b strings.Builder
		b.WriteString("The credentials are not allowed to do this. ")
		if e.AcceptedOAuthScopes != "" {
			fmt.Fprintf(&b, "GitHub accepts the scopes [%s]", e.AcceptedOAuthScopes)
			if e.OAuthScopes != "" {
				fmt.Fprintf(&b, "; the token has [%s]", e.OAuthScopes)
			}
			b.WriteString(". ")
		}
		if e.AcceptedPermissions != "" {
			fmt.Fprintf(&b, "GitHub accepts the permissions [%s]. ", e.AcceptedPermissions)
		}
		b.WriteString(need.sentence())
		if strings.Contains(e.Message, "integration") && need.family == familyHostedRunners {
			b.WriteString(" GitHub does not let GitHub Apps use the enterprise hosted-runner endpoints (except reading one " +
				"runner) or delete organization runners: use a token with " + need.classic + " for those.")
		}
		return b.String()
	case http.StatusNotFound:
		hint := fmt.Sprintf("GitHub answers 404 both for what does not exist and for what the credentials may not see. "+
			"Check the %s name %q and the credentials: %s", scope.Noun(), scope.Name, need.sentence())
		if need.family == familyBilling {
			hint += " Budgets and usage also need the " + scope.Noun() + " on GitHub's enhanced billing platform: GitHub " +
				"answers 404 (\"Feature not enabled\") to an account that is not."
		}
		return hint
	}
	return ""
}

// endpointFamily is a group of endpoints that GitHub guards with the same credentials.
type endpointFamily int

const (
	familyHostedRunners endpointFamily = iota
	familyRunnerGroups
	familyNetworking
	familySelfHostedPolicy
	familyBilling
)

// access is what credentials GitHub documents for one request, on the endpoint's page under
// https://docs.github.com/en/rest.
type access struct {
	family  endpointFamily
	scope   client.Scope
	classic string // the classic token scope; "" where GitHub documents none
	apps    bool   // whether GitHub lets GitHub Apps use the endpoint
	method  string // the request's method, for the billing endpoints
}

// neededAccess returns the credentials GitHub documents for method and path in scope.
func neededAccess(method, path string, scope client.Scope) access {
	a := access{family: familyHostedRunners, scope: scope, apps: true}
	switch {
	case strings.Contains(path, "/runner-groups"):
		a.family = familyRunnerGroups
	case strings.Contains(path, "/network-configurations") || strings.Contains(path, "/network-settings"):
		a.family = familyNetworking
	case strings.Contains(path, "/permissions/self-hosted-runners"):
		a.family = familySelfHostedPolicy
	case strings.Contains(path, "/settings/billing/"):
		a.family = familyBilling
		a.method = method
		return a
	}
	enterprise := scope.IsEnterprise()
	switch {
	case a.family == familyHostedRunners && enterprise:
		a.classic = "manage_runners:enterprise"
	case a.family == familyHostedRunners:
		a.classic = "manage_runners:org"
	case a.family == familyRunnerGroups && enterprise:
		a.classic, a.apps = "manage_runners:enterprise", false
	case a.family == familyRunnerGroups, a.family == familySelfHostedPolicy && !enterprise:
		a.classic = "admin:org"
	case enterprise: // enterprise networking and self-hosted policy: no scope documented, no Apps
		a.apps = false
	case method == http.MethodGet:
		a.classic = "read:network_configurations"
	default:
		a.classic = "write:network_configurations"
	}
	return a
}

// sentence says what the credentials need, in one or two sentences.
func (a access) sentence() string {
	if a.family == familyBilling {
		return a.billingSentence()
	}
	var b strings.Builder
	if a.classic != "" {
		fmt.Fprintf(&b, "A classic token needs the %s scope", a.classic)
	} else {
		fmt.Fprintf(&b, "A classic token needs to belong to an owner of the %s (GitHub documents no scope for these endpoints)", a.scope.Noun())
	}
	switch {
	case !a.apps:
		b.WriteString("; GitHub does not let GitHub Apps use these endpoints.")
	case a.family == familyNetworking:
		b.WriteString("; a GitHub App may use these endpoints (GitHub documents no fine-grained permission for them).")
	case a.family == familyRunnerGroups:
		b.WriteString("; a GitHub App needs the \"Administration\" organization permission (read and write).")
	case a.family == familySelfHostedPolicy:
		b.WriteString("; a fine-grained token or GitHub App needs the \"Actions policies\" organization permission.")
	default:
		fmt.Fprintf(&b, "; a fine-grained token or GitHub App needs the \"Administration\" %s permission (read and write).", a.scope.Noun())
	}
	return b.String()
}

// billingSentence says who may call the billing endpoints (budgets, usage): GitHub names roles,
// not token scopes, for them (https://docs.github.com/en/rest/billing).
func (a access) billingSentence() string {
	if !a.scope.IsEnterprise() {
		s := "The billing endpoints need an organization owner (admin) or billing manager; GitHub documents no classic " +
			"token scope or fine-grained permission for them."
		if a.method == http.MethodPatch {
			return s + " GitHub does not let GitHub Apps update an organization budget: use a token of an owner or billing manager."
		}
		return s + " A GitHub App installed on the organization may call them (except to update a budget)."
	}
	access := "write"
	if a.method == http.MethodGet {
		access = "read"
	}
	return "The enterprise billing endpoints need an enterprise owner or billing manager (an organization owner may manage " +
		"only budgets of what they administer), a custom role with fine-grained " + access + " access to enterprise billing, " +
		"or a GitHub App installed on the enterprise with " + access + " access to enterprise billing; GitHub documents no " +
		"classic token scope for them."
}

// warnOnly returns diags with every error turned into a warning on the same attribute, its
// detail followed by note: for a check whose error must not stop the operation at hand.
func warnOnly(diags diag.Diagnostics, note string) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(diags))
	for _, d := range diags {
		if d.Severity() != diag.SeverityError {
			out = append(out, d)
			continue
		}
		detail := d.Detail() + "\n\n" + note
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			out.AddAttributeWarning(withPath.Path(), d.Summary(), detail)
		} else {
			out.AddWarning(d.Summary(), detail)
		}
	}
	return out
}
