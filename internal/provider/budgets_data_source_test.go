package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccBudgetsDataSource: an owner's Actions budgets with their consumed amounts, budgets of
// other products skipped, filtered by SKU and by what they cover.
func TestAccBudgetsDataSource(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		entity := sc.owner
		if sc.attr == "enterprise" {
			entity = ""
		}
		own := e.Mock.AddBudget(sc.path, mockgithub.Budget{Type: "ProductPricing", ProductSKU: "actions", Scope: sc.attr, EntityName: entity,
			Amount: 900, PreventFurtherUsage: true, AlertRecipients: []string{}, ConsumedAmount: 12.34})
		var seededActions mockgithub.Budget
		actions := 0
		for _, b := range e.Mock.Budgets(sc.path) {
			if b.Type != "BundlePricing" && regexp.MustCompile(`^actions(_|$)`).MatchString(b.ProductSKU) {
				actions++
				if b.ID != own.ID {
					seededActions = b
				}
			}
		}
		if actions != 2 || len(e.Mock.Budgets(sc.path)) < 4 {
			t.Fatalf("the mock's seed changed: %+v", e.Mock.Budgets(sc.path))
		}
		ds := func(name, filters string) string {
			return dataBlock("githubactions_budgets", name, sc, filters)
		}
		budget := func(b mockgithub.Budget, name string, consumed float64) knownvalue.Check {
			var product, sku knownvalue.Check = knownvalue.Null(), knownvalue.StringExact(b.ProductSKU)
			if b.ProductSKU == "actions" {
				product, sku = knownvalue.StringExact("actions"), knownvalue.Null()
			}
			return knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id": knownvalue.StringExact(b.ID), "product": product, "sku": sku, "amount": knownvalue.Int64Exact(int64(b.Amount)),
				"prevent_further_usage": knownvalue.Bool(b.PreventFurtherUsage),
				"alerting": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"enabled": knownvalue.Bool(b.AlertingEnabled), "recipients": knownvalue.ListSizeExact(len(b.AlertRecipients)),
				}),
				"applies_to":      knownvalue.ObjectExact(map[string]knownvalue.Check{"type": knownvalue.StringExact(b.Scope), "name": knownvalue.StringExact(name)}),
				"consumed_amount": knownvalue.Float64Exact(consumed),
			})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config: e.providerConfig() + ds("all", "") + ds("product", `sku = "actions"`) +
					ds("covered", fmt.Sprintf(`applies_to = { type = %q, name = %q }`, seededActions.Scope, seededActions.EntityName)) +
					ds("none", `sku = "actions_linux"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.githubactions_budgets.all", tfjsonpath.New("budgets"), knownvalue.ListExact([]knownvalue.Check{
						budget(seededActions, seededActions.EntityName, seededActions.ConsumedAmount), budget(own, sc.owner, 12.34),
					})),
					statecheck.ExpectKnownValue("data.githubactions_budgets.product", tfjsonpath.New("budgets"), knownvalue.ListExact([]knownvalue.Check{
						budget(own, sc.owner, 12.34),
					})),
					statecheck.ExpectKnownValue("data.githubactions_budgets.covered", tfjsonpath.New("budgets"), knownvalue.ListExact([]knownvalue.Check{
						budget(seededActions, seededActions.EntityName, seededActions.ConsumedAmount),
					})),
					statecheck.ExpectKnownValue("data.githubactions_budgets.none", tfjsonpath.New("budgets"), knownvalue.ListSizeExact(0)),
				},
			}},
		})
	})
}

// TestAccActionsUsageDataSource: a month's Actions usage per SKU with totals, other products
// left out, narrowed to a day or a repository.
func TestAccActionsUsageDataSource(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		line := func(product, sku string, minutes, discount float64, day int, repo string) mockgithub.UsageItem {
			return mockgithub.UsageItem{Product: product, SKU: sku, UnitType: "minutes", PricePerUnit: 0.008, GrossQuantity: minutes,
				GrossAmount: minutes * 0.008, DiscountQuantity: discount, DiscountAmount: discount * 0.008, NetQuantity: minutes - discount,
				NetAmount: (minutes - discount) * 0.008, Day: day, Repository: repo}
		}
		e.Mock.SetUsage(sc.path, 2026, 10, []mockgithub.UsageItem{
			line("Actions", "actions_linux", 1000, 250, 3, "acme/web"),
			line("Actions", "actions_linux", 500, 0, 4, "acme/infra"),
			line("Actions", "actions_macos", 100, 0, 4, "acme/web"),
			line("Packages", "packages_storage", 5000, 0, 4, "acme/web"),
		})
		ds := func(name, filters string) string {
			return dataBlock("githubactions_actions_usage", name, sc, "year  = 2026", "month = 10", filters)
		}
		sku := func(name string, quantity, net, gross float64) knownvalue.Check {
			return knownvalue.ObjectPartial(map[string]knownvalue.Check{"sku": knownvalue.StringExact(name), "unit": knownvalue.StringExact("minutes"),
				"quantity": knownvalue.Float64Exact(quantity), "net_amount": knownvalue.Float64Exact(net), "gross_amount": knownvalue.Float64Exact(gross)})
		}
		month, day, repo := "data.githubactions_actions_usage.month", "data.githubactions_actions_usage.day", "data.githubactions_actions_usage.repo"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      e.providerConfig() + ds("bad", "day = 32"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`day value must be between 1 and 31`),
			}, {
				Config: e.providerConfig() + ds("month", "") + ds("day", "day = 3") + ds("repo", `repository = "acme/infra"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(month, tfjsonpath.New("skus"), knownvalue.ListExact([]knownvalue.Check{
						sku("actions_linux", 1500, 10, 12), sku("actions_macos", 100, 0.8, 0.8)})),
					statecheck.ExpectKnownValue(month, tfjsonpath.New("total_gross_amount"), knownvalue.Float64Exact(12.8)),
					statecheck.ExpectKnownValue(month, tfjsonpath.New("total_discount_amount"), knownvalue.Float64Exact(2)),
					statecheck.ExpectKnownValue(month, tfjsonpath.New("total_net_amount"), knownvalue.Float64Exact(10.8)),
					statecheck.ExpectKnownValue(day, tfjsonpath.New("skus"), knownvalue.ListExact([]knownvalue.Check{sku("actions_linux", 1000, 6, 8)})),
					statecheck.ExpectKnownValue(repo, tfjsonpath.New("skus"), knownvalue.ListExact([]knownvalue.Check{sku("actions_linux", 500, 4, 4)})),
				},
			}},
		})
	})
}

// TestAccBudgetsDataSource_pagesThatNeverEnd: a list whose every page says has_next_page: true
// and repeats the same budgets stops at the second page with a clear error.
func TestAccBudgetsDataSource_pagesThatNeverEnd(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	e.Mock.Inject(mockgithub.Fault{Method: "GET", Path: budgetsPathRe + `$`, Status: 200, Body: `{"budgets":[{"id":"B1","budget_type":"SkuPricing",
	  "budget_product_sku":"actions_linux","budget_scope":"organization","budget_amount":1,"prevent_further_usage":true,
	  "budget_alerting":{"will_alert":false,"alert_recipients":[]}}],"has_next_page":true,"total_count":1000}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      e.providerConfig() + dataBlock("githubactions_budgets", "all", sc),
			ExpectError: regexp.MustCompile(`Unable to List Budgets[\s\S]*repeats\s+budgets\s+already\s+read`),
		}},
	})
	if n := e.Mock.Count("GET", budgetsPathRe+`$`); n != 2 {
		t.Fatalf("%d list pages read, want 2 (the second repeats the first)", n)
	}
}
