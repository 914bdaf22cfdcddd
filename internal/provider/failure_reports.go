package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// failureReports remembers which causes of failure this provider process (one Terraform
// operation) has reported, so that a cause that every resource and data source meets, such as
// a token GitHub refuses, is reported once and not once per caller.
type failureReports struct {
	mu   sync.Mutex
	seen map[string]bool
}

// first reports whether cause has not been reported yet, and records it as reported.
func (r *failureReports) first(cause string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[cause] {
		return false
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[cause] = true
	return true
}

// lastingCause names the cause of err when every later read of the run would meet it again:
// GitHub refusing the credentials (401), refusing them access to a kind of endpoint of the
// scope (403), not knowing the scope, or not letting the credentials see it (404 for a list
// of the scope), or answering slower than read_timeout. Otherwise it returns "".
func lastingCause(err error, scope client.Scope) string {
	var timeoutErr *client.ReadTimeoutError
	var apiErr *client.APIError
	switch {
	case errors.As(err, &timeoutErr):
		return "read_timeout"
	case !errors.As(err, &apiErr):
		return ""
	case apiErr.StatusCode == http.StatusUnauthorized:
		return "401"
	case apiErr.StatusCode == http.StatusForbidden:
		return fmt.Sprintf("403 %s %d", scope.Key(), neededAccess(apiErr.Method, apiErr.Path, scope).family)
	case apiErr.StatusCode == http.StatusNotFound && !endsInID(apiErr.Path):
		return "404 " + scope.Key()
	}
	return ""
}

// endsInID reports a path that names one object (its last segment is a number), whose 404
// says that object is gone rather than that the scope is unknown.
func endsInID(p string) bool {
	last := p[strings.LastIndexByte(p, '/')+1:]
	return last != "" && strings.Trim(last, "0123456789") == ""
}

// addReadError is addError for a read (a data source, a plan's check): a lasting cause that an
// earlier caller of this run reported already adds nothing, since the run fails on that one.
func (d *providerData) addReadError(diags *diag.Diagnostics, summary string, err error, scope client.Scope) {
	if cause := lastingCause(err, scope); cause != "" && !d.reports.first(cause) {
		return
	}
	addError(diags, summary, err, scope, nil)
}

// planCheckFailed reports that a plan's check of what against GitHub could not read what it
// needs. A lasting cause (refused or unknown credentials or scope, read_timeout) is an error,
// once per run: the apply would fail the same way. A passing failure (5xx after the retries, no
// answer) is a warning, once per cause and scope, saying which check did not run: GitHub checks
// the value itself at apply.
func (d *providerData) planCheckFailed(what string, err error, scope client.Scope) diag.Diagnostics {
	var diags diag.Diagnostics
	var apiErr *client.APIError
	// Reading runner groups needs more than managing runners (admin:org for a classic token):
	// a 403 there says nothing about the change itself.
	groupsRefused := errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden &&
		neededAccess(apiErr.Method, apiErr.Path, scope).family == familyRunnerGroups
	if lastingCause(err, scope) != "" && !groupsRefused {
		d.addReadError(&diags, "Unable to Check the Plan Against GitHub", err, scope)
		return diags
	}
	if !d.reports.first("skipped " + scope.Key() + " " + what) {
		return diags
	}
	diags.AddWarning("Plan Check Not Run",
		fmt.Sprintf("The plan's check of %s against the %s %q did not run, nor the checks of the same runner that come after "+
			"it (size, image, static IP limit, runner group, in that order): %v\n\nThe plan goes on without them; GitHub "+
			"checks the values when the change is applied. Plan again later to have them checked now.", what, scope.Noun(), scope.Name, err))
	return diags
}
