package mockgithub

import (
	"net/http"
	"testing"
)

// TestRepositories_lifecycle creates, reads, edits and deletes an organization repository the
// way integrations/github's github_repository does, and checks that a deleted repository
// leaves the runner groups and the self-hosted runner policy.
func TestRepositories_lifecycle(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.do(http.MethodPost, "/orgs/acme/repos", map[string]any{"name": "payments", "private": true, "has_wiki": false}).
		expect(t, http.StatusCreated)
	id := int64(r.obj["id"].(float64))
	if r.obj["full_name"] != "acme/payments" || r.obj["visibility"] != "private" || r.obj["has_wiki"] != false ||
		r.obj["has_issues"] != true || r.obj["default_branch"] != "main" {
		t.Fatalf("created repository: %v", r.obj)
	}
	for _, k := range []string{"node_id", "owner", "clone_url", "topics", "license", "pushed_at", "network_count"} {
		if _, ok := r.obj[k]; !ok {
			t.Errorf("the created repository lacks %s", k)
		}
	}
	h.do(http.MethodPost, "/orgs/acme/repos", map[string]any{"name": "Payments"}).expect(t, http.StatusUnprocessableEntity)
	h.do(http.MethodPost, "/orgs/acme/repos", map[string]any{"name": "bad name"}).expect(t, http.StatusUnprocessableEntity)
	h.do(http.MethodPost, "/orgs/acme/repos", map[string]any{}).expect(t, http.StatusUnprocessableEntity)
	h.do(http.MethodPost, "/orgs/nobody/repos", map[string]any{"name": "x"}).expect(t, http.StatusNotFound)

	r = h.do(http.MethodPatch, "/repos/acme/payments", map[string]any{"description": "Payments API", "merge_commit_title": "", "has_issues": false}).
		expect(t, http.StatusOK)
	if r.obj["description"] != "Payments API" || r.obj["has_issues"] != false || r.obj["merge_commit_title"] != "MERGE_MESSAGE" {
		t.Errorf("edited repository: %v", r.obj)
	}
	h.do(http.MethodPut, "/repos/acme/payments/topics", map[string]any{"names": []string{"payments"}}).expect(t, http.StatusOK)
	h.do(http.MethodGet, "/repos/acme/payments/vulnerability-alerts", nil).expect(t, http.StatusNotFound)
	h.do(http.MethodPut, "/repos/acme/payments/vulnerability-alerts", nil).expect(t, http.StatusNoContent)
	h.do(http.MethodGet, "/repos/acme/payments/vulnerability-alerts", nil).expect(t, http.StatusNoContent)
	r = h.do(http.MethodGet, "/repos/acme/payments", nil).expect(t, http.StatusOK)
	if topics, _ := r.obj["topics"].([]any); len(topics) != 1 || r.obj["description"] != "Payments API" {
		t.Errorf("read back: %v", r.obj)
	}

	h.do(http.MethodPut, "/orgs/acme/actions/runner-groups/3/repositories/"+itoa(id), nil).expect(t, http.StatusNoContent)
	h.mock.SetSelfHostedRunnerPolicy("orgs/acme", SelfHostedRunnerPolicy{EnabledRepositories: "selected", SelectedRepositoryIDs: []int64{id}})
	h.do(http.MethodDelete, "/repos/acme/payments", nil).expect(t, http.StatusNoContent)
	h.do(http.MethodGet, "/repos/acme/payments", nil).expect(t, http.StatusNotFound)
	if g, _ := h.mock.GetRunnerGroup("orgs/acme", 3); containsID(g.SelectedIDs, id) {
		t.Errorf("the deleted repository is still in group 3: %v", g.SelectedIDs)
	}
	if p := h.mock.SelfHostedRunnerPolicy("orgs/acme"); len(p.SelectedRepositoryIDs) != 0 {
		t.Errorf("the deleted repository is still allowed self-hosted runners: %v", p.SelectedRepositoryIDs)
	}
}
