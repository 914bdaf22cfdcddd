package provider

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// runnerAccessGuide is the configuration of the guide "Who may use which runners".
const runnerAccessGuide = "../../examples/guides/who-may-use-which-runners"

// TestAccRunnerAccessGuide applies the guide as written, with integrations/github from bin/
// creating the vended repositories, against one mock that both providers reach (the github
// provider under /api/v3, as for any base URL but github.com's). It checks the organization's
// policy, the group and each repository's access in the mock, that the next plan is empty, and
// that destroy removes the repositories and the group and puts the policy's default back.
func TestAccRunnerAccessGuide(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	if _, err := os.Stat("../../bin/terraform-provider-github_v" + integrationsGitHubVersion); err != nil {
		t.Fatalf("the guide needs integrations/github v%s in bin/ (make tools): %v", integrationsGitHubVersion, err)
	}
	e := newWallClockEnv(t, mockgithub.Config{})
	both := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/v3/") {
			http.StripPrefix("/api/v3", e.Mock).ServeHTTP(w, r)
			return
		}
		e.Mock.ServeHTTP(w, r)
	}))
	t.Cleanup(both.Close)
	work := t.TempDir()
	err := filepath.WalkDir(runnerAccessGuide, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(runnerAccessGuide, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(work, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(work, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"GITHUB_BASE_URL=" + both.URL + "/", "GITHUB_TOKEN=" + e.Token, "TF_VAR_organization=acme"}
	c.mustRun(work, env, "init", "-input=false", "-no-color")
	c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")

	if p := e.Mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "none" {
		t.Errorf("the organization's self-hosted runner policy is %+v, want none", p)
	}
	var group mockgithub.RunnerGroup
	for _, g := range e.Mock.RunnerGroups("orgs/acme") {
		if g.Name == "vended-repositories" {
			group = g
		}
	}
	vended := map[string]int64{}
	for _, r := range e.Mock.Repositories("orgs/acme") {
		if r.Name == "payments-api" || r.Name == "search-indexer" {
			vended[r.Name] = r.ID
			if !r.Private {
				t.Errorf("repository %s is not private", r.Name)
			}
		}
	}
	if len(vended) != 2 || group.Visibility != "selected" || len(group.SelectedIDs) != 2 ||
		!containsAll(group.SelectedIDs, vended["payments-api"], vended["search-indexer"]) {
		t.Fatalf("group %+v should hold exactly the vended repositories %v", group, vended)
	}

	if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Errorf("the plan after apply exited %d, want 0 (no changes):\n%s", code, out)
	}

	c.mustRun(work, env, "destroy", "-input=false", "-no-color", "-auto-approve")
	for _, r := range e.Mock.Repositories("orgs/acme") {
		if r.Name == "payments-api" || r.Name == "search-indexer" {
			t.Errorf("repository %s survived the destroy", r.Name)
		}
	}
	if _, ok := e.Mock.GetRunnerGroup("orgs/acme", group.ID); ok {
		t.Errorf("group %d survived the destroy", group.ID)
	}
	if p := e.Mock.SelfHostedRunnerPolicy("orgs/acme"); p.EnabledRepositories != "all" {
		t.Errorf("after destroy the policy is %+v, want GitHub's default all", p)
	}
}

// containsAll reports whether ids holds every one of want.
func containsAll(ids []int64, want ...int64) bool {
	for _, w := range want {
		found := false
		for _, id := range ids {
			found = found || id == w
		}
		if !found {
			return false
		}
	}
	return true
}
