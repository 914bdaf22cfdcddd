package provider

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccGenerateConfig_budget proves that `terraform plan -generate-config-out` on import
// blocks of budgets (the owner's seeded SKU budget of a repository or organization, and one on
// all of Actions for the owner itself) writes a configuration that, once the import is applied,
// plans no changes, and that importing writes nothing.
func TestAccGenerateConfig_budget(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
		mock := mockgithub.New(mockgithub.Config{})
		srv := httptest.NewServer(mock)
		t.Cleanup(srv.Close)
		var seeded mockgithub.Budget
		for _, b := range mock.Budgets(sc.path) {
			if strings.HasPrefix(b.ProductSKU, "actions_") {
				seeded = b
			}
		}
		entity := sc.owner
		if sc.attr == "enterprise" {
			entity = ""
		}
		own := mock.AddBudget(sc.path, mockgithub.Budget{Type: "ProductPricing", ProductSKU: "actions", Scope: sc.attr, EntityName: entity,
			Amount: 1000, PreventFurtherUsage: true, AlertingEnabled: true, AlertRecipients: []string{"mona", "hubot"}})
		work := t.TempDir()
		main := envProviderHead +
			importBlock("githubactions_budget.seeded", sc.path+"/"+seeded.ID) +
			importBlock("githubactions_budget.own", sc.path+"/"+own.ID)
		if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(main), 0o600); err != nil {
			t.Fatal(err)
		}
		env := []string{"GITHUB_BASE_URL=" + srv.URL, "GITHUB_TOKEN=" + mockgithub.DefaultToken}
		c.mustRun(work, env, "init", "-input=false", "-no-color")
		out := c.mustRun(work, env, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
		if !strings.Contains(out, "2 to import, 0 to add, 0 to change, 0 to destroy") {
			t.Fatalf("the generating plan is not a pure import:\n%s", out)
		}
		generated, err := os.ReadFile(filepath.Join(work, "generated.tf"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`sku\s+= "` + seeded.ProductSKU + `"`, `name = "` + regexp.QuoteMeta(seeded.EntityName) + `"`,
			`type = "` + seeded.Scope + `"`, `product\s+= "actions"`, `amount\s+= 1000`, `recipients = \["mona", "hubot"\]`,
			`name = "` + sc.owner + `"`} {
			if !regexp.MustCompile(want).Match(generated) {
				t.Errorf("generated.tf does not match %s:\n%s", want, generated)
			}
		}
		c.mustRun(work, env, "apply", "-input=false", "-no-color", "-auto-approve")
		if out, code := c.run(work, env, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
			t.Fatalf("the plan after importing with the generated configuration exited %d, want 0 (no changes):\n%s\ngenerated.tf:\n%s",
				code, out, generated)
		}
		if n := mock.Count("POST", ".*") + mock.Count("PATCH", ".*") + mock.Count("PUT", ".*") + mock.Count("DELETE", ".*"); n != 0 {
			t.Errorf("importing sent %d writing requests, want none", n)
		}
	})
}
