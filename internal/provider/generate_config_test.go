package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccGenerateConfig_hostedRunner proves that `terraform plan -generate-config-out` on an
// import block writes a configuration that, once the import is applied, plans no changes.
func TestAccGenerateConfig_hostedRunner(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
		mock := mockgithub.New(mockgithub.Config{})
		srv := httptest.NewServer(mock)
		t.Cleanup(srv.Close)
		runners := []mockgithub.Runner{
			{Name: "imported-linux", ImageID: "ubuntu-24.04", Size: "8-core", RunnerGroupID: 2, MaximumRunners: 7},
			{Name: "imported-custom", ImageID: "1", ImageSource: "custom", ImageVersion: "1.1.0", Size: "4-core",
				RunnerGroupID: 1, EnableStaticIP: true},
			{Name: "imported-latest", ImageID: "2", ImageSource: "custom", Size: "4-core", RunnerGroupID: 1, ImageGen: true},
		}
		var imports strings.Builder
		for i, r := range runners {
			added := mock.AddRunner(sc.path, r)
			imports.WriteString(importBlock(fmt.Sprintf("githubactions_hosted_runner.r%d", i), fmt.Sprintf("%s/%d", sc.path, added.ID)))
		}
		main := envProviderHead + imports.String()
		c.importByGeneratedConfig(srv.URL, main, 3,
			`name\s+= "imported-linux"`, `size\s+= "8-core"`, `runner_group_id\s+= 2\n`,
			`maximum_runners\s+= 7\n`, `version\s+= "1.1.0"`, `enable_static_ip\s+= true`, `image_gen\s+= true`,
			`id\s+= "2"\s+source\s+= "custom"\s+version\s+= null`)
		if n := len(mock.Runners(sc.path)); n != 3 {
			t.Errorf("the mock has %d runners after the import, want the 3 it started with", n)
		}
		if n := mock.Count("POST", ".*") + mock.Count("PATCH", ".*") + mock.Count("DELETE", ".*"); n != 0 {
			t.Errorf("importing sent %d writing requests, want none", n)
		}
	})
}

// importByGeneratedConfig runs the CLI on the root module main, made of import blocks, against
// the mock at url: a plan that imports that many resources and changes nothing, writing
// generated.tf, which must match every pattern of wants; then an apply and an empty plan.
func (c *cliEnv) importByGeneratedConfig(url, main string, imports int, wants ...string) {
	t := c.t
	t.Helper()
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"GITHUB_BASE_URL=" + url, "GITHUB_TOKEN=" + mockgithub.DefaultToken}
	c.mustRun(work, env, "init", "-input=false", "-no-color")
	out := c.mustRun(work, env, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	if !strings.Contains(out, fmt.Sprintf("%d to import, 0 to add, 0 to change, 0 to destroy", imports)) {
		t.Fatalf("the generating plan is not a pure import:\n%s", out)
	}
	generated, err := os.ReadFile(filepath.Join(work, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range wants {
		if !regexp.MustCompile(want).Match(generated) {
			t.Errorf("generated.tf does not match %s:\n%s", want, generated)
		}
	}
	c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
	if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after importing with the generated configuration exited %d, want 0 (no changes):\n%s\ngenerated.tf:\n%s",
			code, out, generated)
	}
}
