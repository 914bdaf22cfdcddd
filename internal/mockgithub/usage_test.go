package mockgithub

import (
	"net/http"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

var (
	usageSummaryItemFields = map[string]string{
		"product": kString, "sku": kString, "unitType": kString, "pricePerUnit": kNumber, "grossQuantity": kNumber,
		"grossAmount": kNumber, "discountQuantity": kNumber, "discountAmount": kNumber, "netQuantity": kNumber, "netAmount": kNumber,
	}
	usageReportItemFields = map[string]string{
		"date": kString, "product": kString, "sku": kString, "quantity": kNumber, "unitType": kString, "pricePerUnit": kNumber,
		"grossAmount": kNumber, "discountAmount": kNumber, "netAmount": kNumber, "organizationName": kString, "repositoryName": kString,
	}
)

// summaryOf gets a usage summary and checks its shape: timePeriod, the owner field of its
// scope, the echoed filters, and every item. It returns the items by SKU.
func summaryOf(t *testing.T, h *harness, prefix, query string, top map[string]string) (map[string]any, map[string]map[string]any) {
	t.Helper()
	r := h.do(http.MethodGet, prefix+"/usage/summary"+query, nil).expect(t, http.StatusOK)
	obj := requireFields(t, "summary", r.obj, withFields(top, map[string]string{"timePeriod": kObject, "usageItems": kArray}))
	bySKU := map[string]map[string]any{}
	for _, it := range obj["usageItems"].([]any) {
		item := requireFields(t, "summary item", it, usageSummaryItemFields)
		bySKU[item["sku"].(string)] = item
	}
	return obj, bySKU
}

func TestUsageSummary(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{Clock: clock.NewFake(epoch)}, func(t *testing.T, h *harness, sc billingScope) { // March 2026
		owner := map[string]string{"organization": "organization", "enterprise": "enterprise"}[sc.ownScope]
		top := map[string]string{owner: kString}
		obj, items := summaryOf(t, h, sc.prefix, "", top)
		period := requireFields(t, "timePeriod", obj["timePeriod"], map[string]string{"year": kNumber, "month": kNumber})
		if period["year"] != 2026.0 || period["month"] != 3.0 || obj[owner] != map[string]string{"orgs/acme": "acme", "enterprises/acme-corp": "acme-corp"}[sc.key] {
			t.Errorf("summary %v", obj)
		}
		for _, sku := range []string{"actions_linux", "actions_linux_4_core", "actions_windows", "actions_macos", "packages_data_transfer"} {
			if items[sku] == nil {
				t.Errorf("no %s in the seeded summary", sku)
			}
		}
		if linux := items["actions_linux"]; linux["product"] != "Actions" || linux["unitType"] != "minutes" || linux["grossQuantity"] != 12000.0 ||
			linux["grossAmount"] != 96.0 || linux["discountAmount"] != 24.0 || linux["netQuantity"] != 9000.0 || linux["netAmount"] != 72.0 {
			t.Errorf("actions_linux %v", linux)
		}
		_, feb := summaryOf(t, h, sc.prefix, "?year=2026&month=2", top)
		if feb["actions_linux"]["grossQuantity"] != 9600.0 {
			t.Errorf("the previous month's actions_linux %v", feb["actions_linux"])
		}
		if _, none := summaryOf(t, h, sc.prefix, "?year=2025&month=3", top); len(none) != 0 {
			t.Errorf("a month without usage has items %v", none)
		}

		// Filters narrow the lines summed and are echoed.
		obj, only := summaryOf(t, h, sc.prefix, "?product=ACTIONS&sku=actions_windows", withFields(top, map[string]string{"product": kString, "sku": kString}))
		if len(only) != 1 || only["actions_windows"] == nil || obj["product"] != "ACTIONS" || obj["sku"] != "actions_windows" {
			t.Errorf("filtered summary %v", obj)
		}
		if _, actions := summaryOf(t, h, sc.prefix, "?product=actions", withFields(top, map[string]string{"product": kString})); len(actions) != 4 {
			t.Errorf("product filter kept %d SKUs", len(actions))
		}
		if _, repo := summaryOf(t, h, sc.prefix, "?repository=acme/api", withFields(top, map[string]string{"repository": kString})); len(repo) != 1 || repo["actions_linux"] == nil {
			t.Errorf("repository filter kept %v", repo)
		}
		obj, day := summaryOf(t, h, sc.prefix, "?day=7", top)
		if len(day) != 1 || day["actions_windows"] == nil || obj["timePeriod"].(map[string]any)["day"] != 7.0 {
			t.Errorf("day filter: %v", obj)
		}

		// SetUsage replaces a month; lines of one SKU sum into one item.
		h.mock.SetUsage(sc.key, 2026, 3, []UsageItem{
			{Product: "Actions", SKU: "actions_linux", UnitType: "minutes", PricePerUnit: 0.008, GrossQuantity: 100, GrossAmount: 0.8, NetQuantity: 100, NetAmount: 0.8, Day: 1},
			{Product: "Actions", SKU: "actions_linux", UnitType: "minutes", PricePerUnit: 0.008, GrossQuantity: 200, GrossAmount: 1.6, NetQuantity: 200, NetAmount: 1.6, Day: 2},
		})
		_, replaced := summaryOf(t, h, sc.prefix, "?month=3", top)
		if len(replaced) != 1 || replaced["actions_linux"]["grossQuantity"] != 300.0 || replaced["actions_linux"]["netAmount"] != 2.4 {
			t.Errorf("replaced summary %v", replaced)
		}

		for _, q := range []string{"?month=13", "?month=0", "?day=32", "?year=26", "?year=abc"} {
			h.do(http.MethodGet, sc.prefix+"/usage/summary"+q, nil).expect(t, http.StatusBadRequest)
		}
	})
}

// TestUsageSummaryEnterpriseFilters covers the enterprise-only organization and cost center filters.
func TestUsageSummaryEnterpriseFilters(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{Clock: clock.NewFake(epoch)})
	prefix := billingScopes[1].prefix
	top := map[string]string{"enterprise": kString}
	if _, items := summaryOf(t, h, prefix, "?organization=ACME", withFields(top, map[string]string{"organization": kString})); len(items) != 5 {
		t.Errorf("organization filter kept %d SKUs", len(items))
	}
	if _, items := summaryOf(t, h, prefix, "?organization=acme-corp-sandbox", withFields(top, map[string]string{"organization": kString})); len(items) != 0 {
		t.Errorf("the sandbox organization has usage %v", items)
	}
	if _, items := summaryOf(t, h, prefix, "?cost_center_id=none", top); len(items) != 5 {
		t.Errorf("cost_center_id=none kept %d SKUs", len(items))
	}
	if _, items := summaryOf(t, h, prefix, "?cost_center_id=cc-1", top); len(items) != 0 {
		t.Errorf("an unknown cost center has usage %v", items)
	}
}

func TestUsageReport(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{Clock: clock.NewFake(epoch)}, func(t *testing.T, h *harness, sc billingScope) {
		year := h.do(http.MethodGet, sc.prefix+"/usage", nil).expect(t, http.StatusOK)
		requireFields(t, "report", year.obj, map[string]string{"usageItems": kArray})
		items := year.obj["usageItems"].([]any)
		if len(items) != 10 { // two seeded months of five lines
			t.Fatalf("report of the year has %d items", len(items))
		}
		first := items[0].(map[string]any)
		if first["date"] != "2026-02-03" || first["quantity"] != 9600.0 || first["organizationName"] != "acme" || first["repositoryName"] != "acme/api" {
			t.Errorf("first item %v", first)
		}
		for _, it := range items {
			fields := usageReportItemFields
			if _, has := it.(map[string]any)["repositoryName"]; !has {
				fields = withoutField(usageReportItemFields, "repositoryName")
			}
			requireFields(t, "report item", it, fields)
		}
		day := h.do(http.MethodGet, sc.prefix+"/usage?month=3&day=9", nil).expect(t, http.StatusOK).obj["usageItems"].([]any)
		if len(day) != 1 || day[0].(map[string]any)["sku"] != "actions_macos" || day[0].(map[string]any)["date"] != "2026-03-09" {
			t.Errorf("one day's report %v", day)
		}
		h.do(http.MethodGet, sc.prefix+"/usage?month=13", nil).expect(t, http.StatusBadRequest)
	})
}
