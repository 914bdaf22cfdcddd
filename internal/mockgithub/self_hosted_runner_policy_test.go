package mockgithub

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const (
	orgPolicyPath = "/orgs/acme/actions/permissions/self-hosted-runners"
	entPolicyPath = "/enterprises/acme-corp/actions/permissions/self-hosted-runners"
)

func TestSelfHostedPolicy_organizationDefaultsAndWrites(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.do(http.MethodGet, orgPolicyPath, nil).expect(t, http.StatusOK)
	if r.obj["enabled_repositories"] != "all" || r.obj["selected_repositories_url"] != nil {
		t.Fatalf("a fresh organization's policy is %v, want enabled_repositories all and no URL", r.obj)
	}
	h.do(http.MethodPut, orgPolicyPath, map[string]any{"enabled_repositories": "selected"}).expect(t, http.StatusNoContent)
	r = h.do(http.MethodGet, orgPolicyPath, nil).expect(t, http.StatusOK)
	if url, _ := r.obj["selected_repositories_url"].(string); r.obj["enabled_repositories"] != "selected" ||
		!strings.HasSuffix(url, "/organizations/1001/actions/permissions/self-hosted-runners/repositories") {
		t.Fatalf("after PUT selected the policy is %v", r.obj)
	}

	repos := h.mock.Repositories("orgs/acme")
	h.do(http.MethodPut, orgPolicyPath+"/repositories", map[string]any{"selected_repository_ids": []int64{repos[2].ID, repos[0].ID}}).
		expect(t, http.StatusNoContent)
	h.do(http.MethodPut, orgPolicyPath+"/repositories/"+itoa(repos[1].ID), nil).expect(t, http.StatusNoContent)
	h.do(http.MethodDelete, orgPolicyPath+"/repositories/"+itoa(repos[2].ID), nil).expect(t, http.StatusNoContent)
	items := requireList(t, h.do(http.MethodGet, orgPolicyPath+"/repositories", nil), "repositories")
	var got []string
	for _, it := range items {
		obj := it.(map[string]any)
		for _, k := range []string{"id", "full_name", "owner", "clone_url", "default_branch", "license", "pushed_at", "watchers_count"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("listed repository lacks the repository schema's required %s: %v", k, obj)
			}
		}
		got = append(got, fmt.Sprint(obj["id"]))
	}
	if want := fmt.Sprint(repos[0].ID) + " " + fmt.Sprint(repos[1].ID); strings.Join(got, " ") != want {
		t.Errorf("listed %v, want %s", got, want)
	}
	if p := h.mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "selected" || len(p.SelectedRepositoryIDs) != 2 {
		t.Errorf("SelfHostedRunnerPolicy = %+v", p)
	}
}

func TestSelfHostedPolicy_refusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for _, c := range []struct {
		name, method, path string
		body               any
		status             int
	}{
		{"missing enabled_repositories", http.MethodPut, orgPolicyPath, map[string]any{}, http.StatusUnprocessableEntity},
		{"unknown enabled_repositories", http.MethodPut, orgPolicyPath, map[string]any{"enabled_repositories": "some"}, http.StatusUnprocessableEntity},
		{"not JSON", http.MethodPut, orgPolicyPath, "{", http.StatusBadRequest},
		{"unknown repository in list", http.MethodPut, orgPolicyPath + "/repositories", map[string]any{"selected_repository_ids": []int64{99}}, http.StatusUnprocessableEntity},
		{"unknown repository added", http.MethodPut, orgPolicyPath + "/repositories/99", nil, http.StatusNotFound},
		{"add while all", http.MethodPut, orgPolicyPath + "/repositories/100001", nil, http.StatusUnprocessableEntity},
		{"enterprise without the boolean", http.MethodPut, entPolicyPath, map[string]any{}, http.StatusUnprocessableEntity},
		{"unknown organization", http.MethodGet, "/orgs/nobody/actions/permissions/self-hosted-runners", nil, http.StatusNotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			h.do(c.method, c.path, c.body).expect(t, c.status)
		})
	}
	if p := h.mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "all" || len(p.SelectedRepositoryIDs) != 0 {
		t.Errorf("refused writes changed the policy: %+v", p)
	}
}

// TestSelfHostedPolicy_enterpriseForbids checks the documented 409: once the enterprise
// disables repository-level runners, its organizations' policy writes are refused.
func TestSelfHostedPolicy_enterpriseForbids(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.do(http.MethodGet, entPolicyPath, nil).expect(t, http.StatusOK)
	if r.obj["disable_self_hosted_runners_for_all_orgs"] != false {
		t.Fatalf("a fresh enterprise's policy is %v", r.obj)
	}
	h.do(http.MethodPut, orgPolicyPath, map[string]any{"enabled_repositories": "selected"}).expect(t, http.StatusNoContent)
	h.do(http.MethodPut, entPolicyPath, map[string]any{"disable_self_hosted_runners_for_all_orgs": true}).expect(t, http.StatusNoContent)
	if !h.mock.SelfHostedRunnerPolicy("enterprises/acme-corp").DisableForAllOrgs {
		t.Fatal("the enterprise PUT was not stored")
	}
	r = h.do(http.MethodPut, orgPolicyPath, map[string]any{"enabled_repositories": "all"})
	requireError(t, r, http.StatusConflict, "Self-hosted runners are disabled for every organization of the enterprise acme-corp "+
		"(disable_self_hosted_runners_for_all_orgs); the organization's setting cannot be changed.")
	h.do(http.MethodPut, orgPolicyPath+"/repositories/100001", nil).expect(t, http.StatusConflict)
	if p := h.mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "selected" || len(p.SelectedRepositoryIDs) != 0 {
		t.Errorf("refused writes changed the policy: %+v", p)
	}
	h.mock.SetSelfHostedRunnerPolicy("enterprises/acme-corp", SelfHostedRunnerPolicy{})
	h.do(http.MethodPut, orgPolicyPath, map[string]any{"enabled_repositories": "none"}).expect(t, http.StatusNoContent)
}
