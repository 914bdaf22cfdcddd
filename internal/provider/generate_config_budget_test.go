package provider

import (
	"net/http/httptest"
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
		main := envProviderHead +
			importBlock("githubactions_budget.seeded", sc.path+"/"+seeded.ID) +
			importBlock("githubactions_budget.own", sc.path+"/"+own.ID)
		c.importByGeneratedConfig(srv.URL, main, 2,
			`sku\s+= "`+seeded.ProductSKU+`"`, `name = "`+regexp.QuoteMeta(seeded.EntityName)+`"`,
			`type = "`+seeded.Scope+`"`, `product\s+= "actions"`, `amount\s+= 1000`, `recipients = \["mona", "hubot"\]`,
			`name = "`+sc.owner+`"`)
		if n := mock.Count("POST", ".*") + mock.Count("PATCH", ".*") + mock.Count("PUT", ".*") + mock.Count("DELETE", ".*"); n != 0 {
			t.Errorf("importing sent %d writing requests, want none", n)
		}
	})
}
