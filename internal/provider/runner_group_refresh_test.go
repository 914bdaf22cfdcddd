package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccRunnerGroup_refresh250 refreshes 250 runner groups in each scope (imported, so no
// write is needed to make them) and checks that one plan costs at most ceil(250/100)+1 = 4
// requests to the runner groups of each scope.
func TestAccRunnerGroup_refresh250(t *testing.T) {
	t.Parallel()
	const n = 250
	c := newCLIEnv(t)
	mock := mockgithub.New(mockgithub.Config{})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	var b strings.Builder
	b.WriteString(envProviderHead)
	for _, sc := range scopeCases {
		groups := mock.AddRunnerGroups(sc.path, "bulk", n)
		b.WriteString(resourceBlock("githubactions_runner_group", sc.name, sc,
			fmt.Sprintf("count = %d", n),
			`name  = format("bulk-%03d", count.index + 1)`))
		for i, g := range groups {
			b.WriteString(importBlock(fmt.Sprintf("githubactions_runner_group.%s[%d]", sc.name, i), fmt.Sprintf("%s/%d", sc.path, g.ID)))
		}
	}
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"GITHUB_BASE_URL=" + srv.URL, "GITHUB_TOKEN=" + mockgithub.DefaultToken}
	c.mustRun(work, env, "init", "-input=false", "-no-color")
	c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
	mock.ResetRequests()
	if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the refresh plan exited %d, want 0 (no changes):\n%s", code, out)
	}
	for _, sc := range scopeCases {
		got := mock.Count("", "^/"+sc.path+"/actions/runner-groups")
		t.Logf("refresh of %d runner groups in %s: %d requests", n, sc.path, got)
		if limit := (n+99)/100 + 1; got > limit || got == 0 {
			t.Errorf("refreshing %d groups in %s sent %d requests, want between 1 and %d", n, sc.path, got, limit)
		}
	}
	if total := len(mock.Requests()); total > 2*((n+99)/100+1) {
		t.Errorf("the refresh sent %d requests in all", total)
	}
}
