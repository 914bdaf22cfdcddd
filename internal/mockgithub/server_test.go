package mockgithub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestHandlerServesEnterpriseServerPrefix: the same runner list answers at the root and under
// /api/v3, and the request log records both without the prefix.
func TestHandlerServesEnterpriseServerPrefix(t *testing.T) {
	t.Parallel()
	m := New(Config{})
	srv := httptest.NewServer(Handler(m))
	t.Cleanup(srv.Close)
	for _, path := range []string{"/orgs/acme/actions/hosted-runners", "/api/v3/orgs/acme/actions/hosted-runners"} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		req.Header.Set("User-Agent", "test")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %d, want 200", path, resp.StatusCode)
		}
	}
	// Any other path reaches the mock as it came: an empty organization is its 404, not a redirect.
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/orgs//actions/hosted-runners", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	req.Header.Set("User-Agent", "test")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || m.Count(http.MethodGet, "^/orgs//actions/hosted-runners$") != 1 {
		t.Errorf("GET /orgs//actions/hosted-runners answered %d, want the mock's 404", resp.StatusCode)
	}
	if n := m.Count(http.MethodGet, "^/orgs/acme/actions/hosted-runners$"); n != 2 {
		t.Errorf("the log holds %d GETs of /orgs/acme/actions/hosted-runners, want 2: %+v", n, m.Requests())
	}
	if n := m.Count("", "^/api/v3"); n != 0 {
		t.Errorf("the log holds %d paths with the /api/v3 prefix", n)
	}
}

// TestOperationsAreServed: every operation Operations lists reaches its own route (the same
// method and pattern), and none is listed twice.
func TestOperationsAreServed(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, op := range Operations() {
		if seen[op] {
			t.Errorf("%s is listed twice", op)
		}
		seen[op] = true
		method, path, _ := strings.Cut(op, " ")
		if got := patternOf(method, concrete(path)); got != op {
			t.Errorf("%s (%s %s) reaches %q", op, method, concrete(path), got)
		}
	}
}

// concrete fills a path's placeholders: "acme" for the owner, "1.0.0" for a version and 7
// for every id.
func concrete(path string) string {
	path = strings.NewReplacer("{org}", "acme", "{enterprise}", "acme-corp", "{version}", "1.0.0").Replace(path)
	return regexp.MustCompile(`\{[^}]*\}`).ReplaceAllString(path, "7")
}

// patternOf returns the pattern of the route that a method and path reach, "" for none.
func patternOf(method, path string) string {
	_, r := route(httptest.NewRequestWithContext(context.Background(), method, path, nil))
	return r.Pattern
}

// openAPIOperations are the operations of GitHub's OpenAPI descriptions of hosted runners,
// runner groups and networking, and billing.
var openAPIOperations = []string{
	// hosted-runners.openapi.yaml (32)
	"GET /orgs/{org}/actions/hosted-runners",
	"POST /orgs/{org}/actions/hosted-runners",
	"GET /orgs/{org}/actions/hosted-runners/images/custom",
	"GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}",
	"DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}",
	"GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions",
	"GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}",
	"DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}",
	"GET /orgs/{org}/actions/hosted-runners/images/github-owned",
	"GET /orgs/{org}/actions/hosted-runners/images/partner",
	"GET /orgs/{org}/actions/hosted-runners/limits",
	"GET /orgs/{org}/actions/hosted-runners/machine-sizes",
	"GET /orgs/{org}/actions/hosted-runners/platforms",
	"GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}",
	"PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}",
	"DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}",
	"GET /enterprises/{enterprise}/actions/hosted-runners",
	"POST /enterprises/{enterprise}/actions/hosted-runners",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/custom",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}",
	"DELETE /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}",
	"DELETE /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/github-owned",
	"GET /enterprises/{enterprise}/actions/hosted-runners/images/partner",
	"GET /enterprises/{enterprise}/actions/hosted-runners/limits",
	"GET /enterprises/{enterprise}/actions/hosted-runners/machine-sizes",
	"GET /enterprises/{enterprise}/actions/hosted-runners/platforms",
	"GET /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}",
	"PATCH /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}",
	"DELETE /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}",
	// runner-groups-and-networking.openapi.yaml (31)
	"GET /orgs/{org}/actions/runner-groups",
	"POST /orgs/{org}/actions/runner-groups",
	"GET /orgs/{org}/actions/runner-groups/{runner_group_id}",
	"PATCH /orgs/{org}/actions/runner-groups/{runner_group_id}",
	"DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}",
	"GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners",
	"GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
	"PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories",
	"PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
	"DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}",
	"GET /enterprises/{enterprise}/actions/runner-groups",
	"POST /enterprises/{enterprise}/actions/runner-groups",
	"GET /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}",
	"PATCH /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}",
	"DELETE /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}",
	"GET /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations",
	"PUT /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations",
	"PUT /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations/{org_id}",
	"DELETE /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations/{org_id}",
	"GET /orgs/{org}/settings/network-configurations",
	"POST /orgs/{org}/settings/network-configurations",
	"GET /orgs/{org}/settings/network-configurations/{network_configuration_id}",
	"PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}",
	"DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}",
	"GET /orgs/{org}/settings/network-settings/{network_settings_id}",
	"GET /enterprises/{enterprise}/network-configurations",
	"POST /enterprises/{enterprise}/network-configurations",
	"GET /enterprises/{enterprise}/network-configurations/{network_configuration_id}",
	"PATCH /enterprises/{enterprise}/network-configurations/{network_configuration_id}",
	"DELETE /enterprises/{enterprise}/network-configurations/{network_configuration_id}",
	"GET /enterprises/{enterprise}/network-settings/{network_settings_id}",
	// billing.openapi.yaml (30)
	"GET /organizations/{org}/settings/billing/budgets",
	"POST /organizations/{org}/settings/billing/budgets",
	"GET /organizations/{org}/settings/billing/budgets/{budget_id}",
	"PATCH /organizations/{org}/settings/billing/budgets/{budget_id}",
	"DELETE /organizations/{org}/settings/billing/budgets/{budget_id}",
	"GET /organizations/{org}/settings/billing/usage",
	"GET /organizations/{org}/settings/billing/usage/summary",
	"GET /enterprises/{enterprise}/settings/billing/budgets",
	"POST /enterprises/{enterprise}/settings/billing/budgets",
	"GET /enterprises/{enterprise}/settings/billing/budgets/{budget_id}",
	"PATCH /enterprises/{enterprise}/settings/billing/budgets/{budget_id}",
	"DELETE /enterprises/{enterprise}/settings/billing/budgets/{budget_id}",
	"GET /enterprises/{enterprise}/settings/billing/budgets/{budget_id}/user-states",
	"GET /enterprises/{enterprise}/settings/billing/cost-centers",
	"POST /enterprises/{enterprise}/settings/billing/cost-centers",
	"GET /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}",
	"PATCH /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}",
	"DELETE /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}",
	"POST /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}/resource",
	"DELETE /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}/resource",
	"GET /enterprises/{enterprise}/settings/billing/usage",
	"GET /enterprises/{enterprise}/settings/billing/usage/summary",
	"GET /orgs/{org}/actions/permissions/self-hosted-runners",
	"PUT /orgs/{org}/actions/permissions/self-hosted-runners",
	"GET /orgs/{org}/actions/permissions/self-hosted-runners/repositories",
	"PUT /orgs/{org}/actions/permissions/self-hosted-runners/repositories",
	"PUT /orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}",
	"DELETE /orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}",
	"GET /enterprises/{enterprise}/actions/permissions/self-hosted-runners",
	"PUT /enterprises/{enterprise}/actions/permissions/self-hosted-runners",
}

// notImplemented are the operations of billing.openapi.yaml the mock does not serve.
var notImplemented = map[string]bool{
	"GET /enterprises/{enterprise}/settings/billing/budgets/{budget_id}/user-states":           true,
	"GET /enterprises/{enterprise}/settings/billing/cost-centers":                              true,
	"POST /enterprises/{enterprise}/settings/billing/cost-centers":                             true,
	"GET /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}":             true,
	"PATCH /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}":           true,
	"DELETE /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}":          true,
	"POST /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}/resource":   true,
	"DELETE /enterprises/{enterprise}/settings/billing/cost-centers/{cost_center_id}/resource": true,
}

// TestOperationsMatchOpenAPI: Operations lists exactly the operations of the OpenAPI
// descriptions but those not implemented, with their paths as written there; every operation
// the mock routes is listed, and the ones not implemented are not routed.
func TestOperationsMatchOpenAPI(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, op := range Operations() {
		listed[op] = true
	}
	if len(openAPIOperations) != 93 {
		t.Fatalf("the OpenAPI descriptions have 93 operations, the list here %d", len(openAPIOperations))
	}
	for _, op := range openAPIOperations {
		method, path, _ := strings.Cut(op, " ")
		routed := patternOf(method, concrete(path)) != ""
		switch {
		case notImplemented[op] && (routed || listed[op]):
			t.Errorf("%s is served: take it out of notImplemented and name it in the README", op)
		case !notImplemented[op] && !routed:
			t.Errorf("%s is not routed", op)
		case !notImplemented[op] && !listed[op]:
			t.Errorf("%s is routed but Operations does not list it", op)
		}
		delete(listed, op)
	}
	for op := range listed {
		t.Errorf("Operations lists %s, which no OpenAPI description has", op)
	}
	if got, want := len(Operations()), len(openAPIOperations)-len(notImplemented); got != want {
		t.Errorf("Operations lists %d operations, want %d", got, want)
	}
}

// TestREADMEOperationCount keeps the count of the mock's operations true where it is stated:
// the README and the package documentation.
func TestREADMEOperationCount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ file, pattern string }{
		{"../../README.md", `implements (\d+) operations`},
		{"mock.go", `\((\d+) operations in all`},
	} {
		text, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(c.pattern).FindSubmatch(text)
		if m == nil {
			t.Errorf("%s does not state the mock's operation count (%s)", c.file, c.pattern)
			continue
		}
		if got, want := string(m[1]), strconv.Itoa(len(Operations())); got != want {
			t.Errorf("%s says the mock implements %s operations; it serves %d: write %s", c.file, got, len(Operations()), want)
		}
	}
}
