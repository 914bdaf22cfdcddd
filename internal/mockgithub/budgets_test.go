package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// billingScopes are the two billing path prefixes (organizations, not orgs) with their
// test-API owner strings and the entity a budget on the owner itself names.
var billingScopes = []billingScope{
	{"/organizations/acme/settings/billing", "orgs/acme", "organization"},
	{"/enterprises/acme-corp/settings/billing", "enterprises/acme-corp", "enterprise"},
}

// billingScope is one owner of the billing tests.
type billingScope struct{ prefix, key, ownScope string }

// forEachBillingScope runs test in parallel subtests, once per owner, each with its own mock.
func forEachBillingScope(t *testing.T, cfg Config, test func(t *testing.T, h *harness, sc billingScope)) {
	t.Helper()
	for _, sc := range billingScopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			test(t, newHarness(t, cfg), sc)
		})
	}
}

// Budget shapes: the fields each answer's schema gives a budget (kinds as in requireFields).
var (
	budgetAlertingFields = map[string]string{"will_alert": kBool, "alert_recipients": kArray}
	getBudgetFields      = map[string]string{
		"id": kString, "budget_type": kString, "budget_product_sku": kString, "budget_scope": kString,
		"budget_entity_name": kString, "budget_amount": kNumber, "prevent_further_usage": kBool, "budget_alerting": kObject,
	}
	listBudgetFields = withFields(getBudgetFields, map[string]string{"consumed_amount": kNumber})
)

// withFields returns base plus extra.
func withFields(base, extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// requireBudget checks a budget object and its budget_alerting against a shape.
func requireBudget(t *testing.T, where string, v any, fields map[string]string) map[string]any {
	t.Helper()
	b := requireFields(t, where, v, fields)
	requireFields(t, where+".budget_alerting", b["budget_alerting"], budgetAlertingFields)
	return b
}

// requireWrapped checks a {message, budget} answer (create, update) and returns the budget.
func requireWrapped(t *testing.T, r *result, message string, fields map[string]string) map[string]any {
	t.Helper()
	r.expect(t, http.StatusOK)
	requireFields(t, "answer", r.obj, map[string]string{"message": kString, "budget": kObject})
	if r.obj["message"] != message {
		t.Errorf("message %q, want %q", r.obj["message"], message)
	}
	return requireBudget(t, "budget", r.obj["budget"], fields)
}

// budgetPage is the list answer, decoded strictly.
type budgetPage struct {
	Budgets     []map[string]any `json:"budgets"`
	HasNextPage *bool            `json:"has_next_page"`
	TotalCount  *int             `json:"total_count"`
}

// listPage gets one page of budgets and decodes it with unknown fields refused.
func listPage(t *testing.T, h *harness, path string) budgetPage {
	t.Helper()
	r := h.do(http.MethodGet, path, nil).expect(t, http.StatusOK)
	var p budgetPage
	dec := json.NewDecoder(strings.NewReader(string(r.raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || p.Budgets == nil || p.HasNextPage == nil || p.TotalCount == nil {
		t.Fatalf("list page %s: %v: %s", path, err, r.raw)
	}
	if r.header.Get("Link") != "" {
		t.Errorf("a budget list answered a Link header %q; the description declares none", r.header.Get("Link"))
	}
	return p
}

// actionsBudget is a valid create body for an Actions budget of the given coverage.
func actionsBudget(scope, entity, sku string) map[string]any {
	typ := "SkuPricing"
	if sku == "actions" {
		typ = "ProductPricing"
	}
	return map[string]any{
		"budget_amount": 100, "prevent_further_usage": true, "budget_scope": scope, "budget_entity_name": entity,
		"budget_type": typ, "budget_product_sku": sku,
		"budget_alerting": map[string]any{"will_alert": true, "alert_recipients": []string{"octocat", "mona"}},
	}
}

func TestBudgetLifecycle(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{}, func(t *testing.T, h *harness, sc billingScope) {
		seeded := len(h.mock.Budgets(sc.key))
		created := requireWrapped(t, h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget(sc.ownScope, "", "actions")),
			"Budget successfully created.", getBudgetFields)
		id := created["id"].(string)
		if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(id) ||
			created["budget_amount"] != 100.0 || created["budget_type"] != "ProductPricing" || created["budget_scope"] != sc.ownScope {
			t.Fatalf("created %v", created)
		}
		// The organization's own budget names the organization (as the create example does);
		// the enterprise's names nothing ("enterprise does not require a name").
		if want := map[string]string{"organization": "acme", "enterprise": ""}[sc.ownScope]; created["budget_entity_name"] != want {
			t.Errorf("entity %q, want %q", created["budget_entity_name"], want)
		}
		if !strings.Contains(string(h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget(sc.ownScope, "", "actions_linux")).raw), `"budget_amount":100,`) {
			t.Error("an amount is not rendered as a JSON integer")
		}

		got := h.do(http.MethodGet, sc.prefix+"/budgets/"+id, nil).expect(t, http.StatusOK)
		b := requireBudget(t, "get", got.obj, getBudgetFields)
		if b["id"] != id || b["budget_alerting"].(map[string]any)["alert_recipients"].([]any)[1] != "mona" {
			t.Errorf("get %v", b)
		}
		h.mock.SetBudgetConsumed(sc.key, id, 42.5)
		page := listPage(t, h, sc.prefix+"/budgets")
		if *page.TotalCount != seeded+2 || len(page.Budgets) != seeded+2 || *page.HasNextPage {
			t.Fatalf("list of %d budgets: %d items, total %d, next %v", seeded+2, len(page.Budgets), *page.TotalCount, *page.HasNextPage)
		}
		mine := requireBudget(t, "list item", page.Budgets[seeded], listBudgetFields)
		if mine["id"] != id || mine["consumed_amount"] != 42.5 {
			t.Errorf("list item %v", mine)
		}

		upd := requireWrapped(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{"budget_amount": 0}),
			"Budget successfully updated.", listBudgetFields)
		if upd["budget_amount"] != 0.0 || upd["prevent_further_usage"] != true || upd["budget_product_sku"] != "actions" || upd["consumed_amount"] != 42.5 ||
			len(upd["budget_alerting"].(map[string]any)["alert_recipients"].([]any)) != 2 {
			t.Errorf("a partial update changed what it did not send: %v", upd)
		}
		upd = requireWrapped(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{
			"prevent_further_usage": false, "budget_alerting": map[string]any{"will_alert": false, "alert_recipients": []string{}},
		}), "Budget successfully updated.", listBudgetFields)
		if stored, _ := h.mock.GetBudget(sc.key, id); stored.Amount != 0 || stored.PreventFurtherUsage || stored.AlertingEnabled ||
			len(stored.AlertRecipients) != 0 || upd["prevent_further_usage"] != false {
			t.Errorf("stored %+v after update %v", stored, upd)
		}

		del := h.do(http.MethodDelete, sc.prefix+"/budgets/"+id, nil).expect(t, http.StatusOK)
		requireFields(t, "delete", del.obj, map[string]string{"message": kString, "id": kString})
		if del.obj["id"] != id || del.obj["message"] != "Budget successfully deleted." {
			t.Errorf("delete answered %s", del.raw)
		}
		if _, ok := h.mock.GetBudget(sc.key, id); ok {
			t.Error("the deleted budget is still stored")
		}
		for _, method := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
			requireError(t, h.do(method, sc.prefix+"/budgets/"+id, map[string]any{}), http.StatusNotFound, "Budget with ID "+id+" not found.")
		}
	})
}

// TestBudgetCreateDefaults covers an organization create that leaves out what the
// organization schema does not require, and the entity spellings stored.
func TestBudgetCreateDefaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	base := "/organizations/ACME/settings/billing/budgets"
	b := requireWrapped(t, h.do(http.MethodPost, base, map[string]any{
		"budget_amount": 5, "budget_scope": "repository", "budget_entity_name": "ACME/Api",
		"budget_type": "SkuPricing", "budget_product_sku": "actions_linux_4_core",
	}), "Budget successfully created.", getBudgetFields)
	if b["budget_entity_name"] != "acme/api" || b["prevent_further_usage"] != false || b["budget_alerting"].(map[string]any)["will_alert"] != false {
		t.Errorf("created %v", b)
	}
	e := requireWrapped(t, h.do(http.MethodPost, "/enterprises/acme-corp/settings/billing/budgets", withBody(actionsBudget("organization", "ACME", "actions"), nil)),
		"Budget successfully created.", getBudgetFields)
	r := requireWrapped(t, h.do(http.MethodPost, "/enterprises/acme-corp/settings/billing/budgets", withBody(actionsBudget("repository", "acme/WEB", "actions"), nil)),
		"Budget successfully created.", getBudgetFields)
	if e["budget_entity_name"] != "acme" || r["budget_entity_name"] != "acme/web" {
		t.Errorf("enterprise entities %q and %q", e["budget_entity_name"], r["budget_entity_name"])
	}
}

// withBody returns a copy of body with edits applied; a nil value removes the key.
func withBody(body, edits map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for k, v := range edits {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}

func TestBudgetValidation(t *testing.T) {
	t.Parallel()
	org := actionsBudget("organization", "", "actions")
	ent := actionsBudget("enterprise", "", "actions")
	aiUser := map[string]any{"budget_scope": "user", "user": "octocat", "budget_type": "BundlePricing", "budget_product_sku": "ai_credits",
		"budget_alerting": map[string]any{"will_alert": false, "alert_recipients": []string{}}}
	cases := []struct {
		name, owner string
		body        any
		fields      []string // the errors[].field values, in order
	}{
		{"org: no fields", "org", map[string]any{}, []string{"budget_amount", "budget_scope", "budget_type", "budget_product_sku"}},
		{"ent: no fields", "ent", map[string]any{}, []string{"budget_amount", "budget_scope", "budget_type", "budget_product_sku", "prevent_further_usage", "budget_alerting"}},
		{"ent: empty alerting", "ent", withBody(ent, map[string]any{"budget_alerting": map[string]any{}}),
			[]string{"budget_alerting.will_alert", "budget_alerting.alert_recipients"}},
		{"negative amount", "org", withBody(org, map[string]any{"budget_amount": -1}), []string{"budget_amount"}},
		{"fractional amount", "ent", withBody(ent, map[string]any{"budget_amount": 10.5}), []string{"budget_amount"}},
		{"string amount", "org", withBody(org, map[string]any{"budget_amount": "10"}), []string{"budget_amount"}},
		{"null amount", "org", `{"budget_amount":null,"budget_scope":"organization","budget_type":"ProductPricing","budget_product_sku":"actions"}`,
			[]string{"budget_amount"}},
		{"bool as string", "org", withBody(org, map[string]any{"prevent_further_usage": "yes"}), []string{"prevent_further_usage"}},
		{"unknown type", "org", withBody(org, map[string]any{"budget_type": "FlatPricing"}), []string{"budget_type"}},
		{"unknown scope", "ent", withBody(ent, map[string]any{"budget_scope": "team"}), []string{"budget_scope"}},
		{"org: enterprise scope", "org", withBody(org, map[string]any{"budget_scope": "enterprise"}), []string{"budget_scope"}},
		{"org: cost center scope", "org", withBody(org, map[string]any{"budget_scope": "cost_center", "budget_entity_name": "x"}), []string{"budget_scope"}},
		{"product type with a SKU", "org", withBody(org, map[string]any{"budget_product_sku": "actions_linux"}), []string{"budget_product_sku"}},
		{"SKU type with a product", "org", withBody(org, map[string]any{"budget_type": "SkuPricing"}), []string{"budget_product_sku"}},
		{"SKU type with a bad SKU", "org", withBody(org, map[string]any{"budget_type": "SkuPricing", "budget_product_sku": "Actions Linux"}), []string{"budget_product_sku"}},
		{"bundle type with actions", "org", withBody(org, map[string]any{"budget_type": "BundlePricing"}), []string{"budget_product_sku"}},
		{"unknown product", "org", withBody(org, map[string]any{"budget_product_sku": "pages"}), []string{"budget_product_sku"}},
		{"user scope for actions", "org", withBody(org, map[string]any{"budget_scope": "user", "user": "octocat",
			"budget_alerting": map[string]any{"will_alert": false, "alert_recipients": []string{}}}), []string{"budget_scope"}},
		{"multi-user scope for actions", "ent", withBody(ent, map[string]any{"budget_scope": "multi_user_cost_center",
			"budget_alerting": map[string]any{"will_alert": false, "alert_recipients": []string{}}}), []string{"budget_scope"}},
		{"user scope that may overspend", "org", withBody(aiUser, map[string]any{"budget_amount": 5, "prevent_further_usage": false}), []string{"prevent_further_usage"}},
		{"user scope with alerting", "org", withBody(aiUser, map[string]any{"budget_amount": 5, "budget_alerting": map[string]any{"will_alert": true, "alert_recipients": []string{"mona"}}}),
			[]string{"budget_alerting"}},
		{"user scope without user", "ent", withBody(aiUser, map[string]any{"budget_amount": 5, "prevent_further_usage": true, "user": nil}), []string{"user"}},
		{"repository of another owner", "org", withBody(org, map[string]any{"budget_scope": "repository", "budget_entity_name": "other/api"}), []string{"budget_entity_name"}},
		{"missing repository", "org", withBody(org, map[string]any{"budget_scope": "repository", "budget_entity_name": "acme/nope"}), []string{"budget_entity_name"}},
		{"bare repository name", "org", withBody(org, map[string]any{"budget_scope": "repository", "budget_entity_name": "api"}), []string{"budget_entity_name"}},
		{"ent: repository of an organization outside", "ent", withBody(ent, map[string]any{"budget_scope": "repository", "budget_entity_name": "other/api"}), []string{"budget_entity_name"}},
		{"ent: repository of the sandbox", "ent", withBody(ent, map[string]any{"budget_scope": "repository", "budget_entity_name": "acme-corp-sandbox/api"}), []string{"budget_entity_name"}},
		{"org: another organization", "org", withBody(org, map[string]any{"budget_entity_name": "other"}), []string{"budget_entity_name"}},
		{"ent: organization outside", "ent", withBody(ent, map[string]any{"budget_scope": "organization", "budget_entity_name": "other"}), []string{"budget_entity_name"}},
		{"ent: another enterprise", "ent", withBody(ent, map[string]any{"budget_entity_name": "other-corp"}), []string{"budget_entity_name"}},
		{"ent: unnamed cost center", "ent", withBody(ent, map[string]any{"budget_scope": "cost_center"}), []string{"budget_entity_name"}},
		{"bad login", "org", withBody(org, map[string]any{"budget_alerting": map[string]any{"will_alert": true, "alert_recipients": []string{"-bad-"}}}),
			[]string{"budget_alerting.alert_recipients"}},
		{"recipients not strings", "org", withBody(org, map[string]any{"budget_alerting": map[string]any{"will_alert": true, "alert_recipients": []int{1}}}),
			[]string{"budget_alerting.alert_recipients"}},
		{"expiry on an organization budget", "org", withBody(org, map[string]any{"expires_at": "2026-12-31"}), []string{"expires_at"}},
		{"expiry in the past", "org", withBody(aiUser, map[string]any{"budget_amount": 5, "prevent_further_usage": true, "expires_at": "2026-03-10"}), []string{"expires_at"}},
		{"expiry not a date", "org", withBody(aiUser, map[string]any{"budget_amount": 5, "prevent_further_usage": true, "expires_at": "31/12/2026"}), []string{"expires_at"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{Clock: clock.NewFake(epoch)})
			sc := billingScopes[0]
			if c.owner == "ent" {
				sc = billingScopes[1]
			}
			before := len(h.mock.Budgets(sc.key))
			r := h.do(http.MethodPost, sc.prefix+"/budgets", c.body)
			requireValidationFailed(t, r, c.fields)
			if n := len(h.mock.Budgets(sc.key)); n != before {
				t.Errorf("a refused create stored a budget: %d, was %d", n, before)
			}
		})
	}
	h := newHarness(t, Config{})
	for _, body := range []string{`{"budget_amount":`, `[1]`, `null`} {
		requireError(t, h.do(http.MethodPost, billingScopes[0].prefix+"/budgets", body), http.StatusBadRequest, "Problems parsing JSON")
	}
}

// requireValidationFailed checks a 422 Validation Failed whose errors name the fields, in order.
func requireValidationFailed(t *testing.T, r *result, fields []string) {
	t.Helper()
	r.expect(t, http.StatusUnprocessableEntity)
	requireFields(t, "error", r.obj, map[string]string{"message": kString, "errors": kArray, "documentation_url": kString, "status": kString})
	var got []string
	for _, e := range r.obj["errors"].([]any) {
		fe := e.(map[string]any)
		if fe["resource"] != "Budget" || fe["code"] == "" {
			t.Errorf("error entry %v", fe)
		}
		got = append(got, fe["field"].(string))
	}
	if r.obj["message"] != "Validation Failed" || fmt.Sprint(got) != fmt.Sprint(fields) {
		t.Errorf("errors on %v, want %v: %s", got, fields, r.raw)
	}
}

func TestBudgetUpdateValidation(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{}, func(t *testing.T, h *harness, sc billingScope) {
		id := requireWrapped(t, h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget(sc.ownScope, "", "actions_linux")),
			"Budget successfully created.", getBudgetFields)["id"].(string)
		before, _ := h.mock.GetBudget(sc.key, id)
		for _, c := range []struct {
			body   map[string]any
			fields []string
		}{
			{map[string]any{"budget_amount": -5}, []string{"budget_amount"}},
			{map[string]any{"budget_type": "ProductPricing"}, []string{"budget_product_sku"}},
			{map[string]any{"budget_product_sku": "copilot"}, []string{"budget_product_sku"}},
			{map[string]any{"budget_scope": "repository"}, []string{"budget_entity_name"}},
			{map[string]any{"budget_scope": "multi_user_customer"}, []string{"budget_scope"}},
			{map[string]any{"budget_alerting": map[string]any{"alert_recipients": "mona"}}, []string{"budget_alerting.alert_recipients"}},
		} {
			requireValidationFailed(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, c.body), c.fields)
		}
		if after, _ := h.mock.GetBudget(sc.key, id); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("refused updates changed the budget: %+v, was %+v", after, before)
		}
		moved := requireWrapped(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{
			"budget_scope": "repository", "budget_entity_name": "acme/infra", "budget_product_sku": "actions_windows",
		}), "Budget successfully updated.", listBudgetFields)
		if moved["budget_scope"] != "repository" || moved["budget_entity_name"] != "acme/infra" || moved["budget_product_sku"] != "actions_windows" {
			t.Errorf("moved %v", moved)
		}
		for _, body := range []string{`{"budget_amount":`, `[1]`, `null`} {
			requireError(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, body), http.StatusBadRequest, "Problems parsing JSON")
		}
		unchanged := requireWrapped(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{}), "Budget successfully updated.", listBudgetFields)
		if unchanged["budget_amount"] != 100.0 || unchanged["budget_entity_name"] != "acme/infra" {
			t.Errorf("an empty update changed the budget: %v", unchanged)
		}
	})
}

// TestBudgetUserScopeAlertingIgnored covers an update of a user-scoped budget: alerting is
// "Ignored for user-scopes" (a create refuses it).
func TestBudgetUserScopeAlertingIgnored(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	var id string
	for _, b := range h.mock.Budgets("orgs/acme") {
		if b.Scope == "user" {
			id = b.ID
		}
	}
	upd := requireWrapped(t, h.do(http.MethodPatch, billingScopes[0].prefix+"/budgets/"+id, map[string]any{
		"budget_amount": 30, "budget_alerting": map[string]any{"will_alert": true, "alert_recipients": []string{"mona"}},
	}), "Budget successfully updated.", withFields(listBudgetFields, map[string]string{"user": kString}))
	alerting := upd["budget_alerting"].(map[string]any)
	if upd["budget_amount"] != 30.0 || alerting["will_alert"] != false || len(alerting["alert_recipients"].([]any)) != 0 {
		t.Errorf("updated %v", upd)
	}
	requireValidationFailed(t, h.do(http.MethodPatch, billingScopes[0].prefix+"/budgets/"+id, map[string]any{"prevent_further_usage": false}),
		[]string{"prevent_further_usage"}) // "must remain true"
}

// TestBudgetOnePerCoverage covers the mock's assumption: one budget per covered entity and
// product or SKU.
func TestBudgetOnePerCoverage(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{}, func(t *testing.T, h *harness, sc billingScope) {
		base := sc.prefix + "/budgets"
		first := requireWrapped(t, h.do(http.MethodPost, base, actionsBudget("repository", "acme/api", "actions_linux")),
			"Budget successfully created.", getBudgetFields)["id"].(string)
		n := len(h.mock.Budgets(sc.key))
		dup := h.do(http.MethodPost, base, withBody(actionsBudget("repository", "ACME/API", "actions_linux"), map[string]any{"budget_amount": 7}))
		requireValidationFailed(t, dup, []string{"budget_product_sku"})
		fe := dup.obj["errors"].([]any)[0].(map[string]any)
		if fe["code"] != "already_exists" || !strings.Contains(fe["message"].(string), first) {
			t.Errorf("duplicate error %v does not name the existing budget %s", fe, first)
		}
		if len(h.mock.Budgets(sc.key)) != n {
			t.Error("the duplicate was stored")
		}
		// Another SKU, another repository, the whole product: all different coverage.
		for _, body := range []map[string]any{
			actionsBudget("repository", "acme/api", "actions_windows"),
			actionsBudget("repository", "acme/web", "actions_linux"),
			actionsBudget("repository", "acme/api", "actions"),
		} {
			requireWrapped(t, h.do(http.MethodPost, base, body), "Budget successfully created.", getBudgetFields)
		}
		other := h.mock.Budgets(sc.key)[n].ID
		requireValidationFailed(t, h.do(http.MethodPatch, base+"/"+other, map[string]any{"budget_product_sku": "actions_linux"}), []string{"budget_product_sku"})
		// An update that keeps its own coverage is no duplicate of itself.
		requireWrapped(t, h.do(http.MethodPatch, base+"/"+first, map[string]any{"budget_amount": 1}), "Budget successfully updated.", listBudgetFields)
		h.do(http.MethodDelete, base+"/"+first, nil).expect(t, http.StatusOK)
		again := requireWrapped(t, h.do(http.MethodPost, base, actionsBudget("repository", "acme/api", "actions_linux")), "Budget successfully created.", getBudgetFields)
		if again["id"] == first {
			t.Error("a new budget reused a deleted budget's id")
		}
	})
}

// TestBudgetAccess covers "Feature not enabled" (404) and a caller without the billing role (403).
func TestBudgetAccess(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{}, func(t *testing.T, h *harness, sc billingScope) {
		id := h.mock.Budgets(sc.key)[0].ID
		ops := []struct{ method, path, action string }{
			{http.MethodGet, "/budgets", "view budgets"},
			{http.MethodPost, "/budgets", "create a budget"},
			{http.MethodGet, "/budgets/" + id, "view a budget"},
			{http.MethodPatch, "/budgets/" + id, "update a budget"},
			{http.MethodDelete, "/budgets/" + id, "delete a budget"},
			{http.MethodGet, "/usage", "view usage"},
			{http.MethodGet, "/usage/summary", "view usage"},
		}
		before := h.mock.Budgets(sc.key)
		h.mock.SetEnhancedBilling(sc.key, false)
		for _, op := range ops {
			requireError(t, h.do(op.method, sc.prefix+op.path, actionsBudget(sc.ownScope, "", "actions")), http.StatusNotFound, "Not Found")
		}
		h.mock.SetBillingRole(sc.key, false) // the role is checked first
		for _, op := range ops {
			requireError(t, h.do(op.method, sc.prefix+op.path, actionsBudget(sc.ownScope, "", "actions")), http.StatusForbidden,
				"Insufficient permissions to "+op.action+".")
		}
		if after := h.mock.Budgets(sc.key); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("refused requests changed the budgets: %v", after)
		}
		other := billingScopes[0]
		if other.key == sc.key {
			other = billingScopes[1]
		}
		h.do(http.MethodGet, other.prefix+"/budgets", nil).expect(t, http.StatusOK)
		h.mock.SetBillingRole(sc.key, true)
		h.mock.SetEnhancedBilling(sc.key, true)
		for _, op := range ops[:3] {
			h.do(op.method, sc.prefix+op.path, actionsBudget(sc.ownScope, "", "actions")).expect(t, http.StatusOK)
		}
	})
}

// TestBudgetPaths covers paths that are not billing operations.
func TestBudgetPaths(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for _, path := range []string{
		"/orgs/acme/settings/billing/budgets",                  // organization budgets are under /organizations/
		"/organizations/nobody/settings/billing/budgets",       // unknown organization
		"/enterprises/nobody/settings/billing/budgets",         // unknown enterprise
		"/organizations/acme-corp/settings/billing/budgets",    // an enterprise is no organization
		"/organizations/acme/settings/billing/budgets/x/extra", // no such operation
		"/organizations/acme/settings/billing/cost-centers",    // cost centers are not modelled
	} {
		requireError(t, h.do(http.MethodGet, path, nil), http.StatusNotFound, "Not Found")
	}
	requireError(t, h.do(http.MethodPut, "/organizations/acme/settings/billing/budgets", map[string]any{}), http.StatusNotFound, "Not Found")
}

func TestBudgetPagination(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{}, func(t *testing.T, h *harness, sc billingScope) {
		seeded := len(h.mock.Budgets(sc.key))
		for i := 0; i < 250-seeded; i++ {
			h.mock.AddBudget(sc.key, Budget{Type: "SkuPricing", ProductSKU: "actions_linux", Scope: "repository",
				EntityName: fmt.Sprintf("acme/r%d", i), Amount: float64(i), AlertRecipients: []string{}})
		}
		all := h.mock.Budgets(sc.key)
		check := func(query string, wantIDs []Budget, next bool) {
			t.Helper()
			p := listPage(t, h, sc.prefix+"/budgets"+query)
			if *p.TotalCount != 250 || *p.HasNextPage != next || len(p.Budgets) != len(wantIDs) {
				t.Fatalf("%s: %d items, total %d, next %v", query, len(p.Budgets), *p.TotalCount, *p.HasNextPage)
			}
			for i, b := range p.Budgets {
				if b["id"] != wantIDs[i].ID {
					t.Fatalf("%s: item %d is %v, want %s", query, i, b["id"], wantIDs[i].ID)
				}
			}
		}
		check("", all[:10], true) // the description's default per_page is 10
		check("?page=2", all[10:20], true)
		check("?page=25", all[240:], false)
		check("?page=26", nil, false)
		check("?per_page=100", all[:100], true)
		check("?per_page=100&page=3", all[200:], false)
		check("?per_page=1000&page=2", all[100:200], true) // "max 100"
		check("?per_page=0&page=-1", all[:10], true)
		check("?per_page=250", all[:100], true)
		filtered := listPage(t, h, sc.prefix+"/budgets?scope=user&per_page=100")
		var users int
		for _, b := range all {
			if b.Scope == "user" {
				users++
			}
		}
		if *filtered.TotalCount != users || len(filtered.Budgets) != users || *filtered.HasNextPage {
			t.Errorf("scope filter: %d of total %d, want %d", len(filtered.Budgets), *filtered.TotalCount, users)
		}
	})
}

// TestBudgetHTTP covers ETags, faults, the request log, rate limits and version checks on the
// budget routes.
func TestBudgetHTTP(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	sc := billingScopes[0]
	id := h.mock.Budgets(sc.key)[0].ID
	for _, path := range []string{sc.prefix + "/budgets", sc.prefix + "/budgets/" + id, sc.prefix + "/usage/summary", sc.prefix + "/usage"} {
		first := h.do(http.MethodGet, path, nil).expect(t, http.StatusOK)
		etag := first.header.Get("ETag")
		used := first.header.Get("X-Ratelimit-Used")
		if etag == "" || used == "" || first.header.Get("X-GitHub-Request-Id") == "" {
			t.Fatalf("%s: headers %v", path, first.header)
		}
		nm := h.do(http.MethodGet, path, nil, withHeader("If-None-Match", etag)).expect(t, http.StatusNotModified)
		if len(nm.raw) != 0 || nm.header.Get("X-Ratelimit-Used") != used {
			t.Errorf("%s: 304 body %q, used %s (was %s)", path, nm.raw, nm.header.Get("X-Ratelimit-Used"), used)
		}
	}
	etag := h.do(http.MethodGet, sc.prefix+"/budgets", nil).header.Get("ETag")
	h.mock.SetBudgetConsumed(sc.key, id, 99)
	if h.do(http.MethodGet, sc.prefix+"/budgets", nil, withHeader("If-None-Match", etag)).expect(t, http.StatusOK).header.Get("ETag") == etag {
		t.Error("the list's ETag did not change with a consumed amount")
	}

	// A create committed before its answer is lost: the budget exists, the caller saw a 502.
	h.mock.Inject(Fault{Method: http.MethodPost, Path: `/settings/billing/budgets$`, Times: 1, Commit: true, Status: http.StatusBadGateway, Body: `{"message":"Server Error"}`})
	before := len(h.mock.Budgets(sc.key))
	h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget("organization", "", "actions")).expect(t, http.StatusBadGateway)
	if len(h.mock.Budgets(sc.key)) != before+1 {
		t.Error("a committed fault did not store the budget")
	}
	// An uncommitted fault stores nothing.
	h.mock.Inject(Fault{Method: http.MethodPatch, Path: `/budgets/`, Times: 1, Status: http.StatusServiceUnavailable, Body: `{"message":"Unable to update budget."}`})
	h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{"budget_amount": 1}).expect(t, http.StatusServiceUnavailable)
	if b, _ := h.mock.GetBudget(sc.key, id); b.Amount == 1 {
		t.Error("an uncommitted fault updated the budget")
	}
	logged := h.mock.Requests()
	last := logged[len(logged)-1]
	if !last.Injected || last.Method != http.MethodPatch || last.Path != "/organizations/acme/settings/billing/budgets/"+id ||
		string(last.Body) != `{"budget_amount":1}` || last.Status != http.StatusServiceUnavailable {
		t.Errorf("last logged request %+v", last)
	}
	if n := h.mock.Count(http.MethodPost, `^/organizations/acme/settings/billing/budgets$`); n != 1 {
		t.Errorf("request log counts %d budget POSTs", n)
	}
	// A late commit: the answer is dropped, the budget appears once the clock passes.
	clock := clock.NewFake(epoch)
	late := newHarness(t, Config{Clock: clock})
	late.mock.Inject(Fault{Method: http.MethodPost, Times: 1, Status: http.StatusGatewayTimeout, CommitAfter: time.Minute})
	n := len(late.mock.Budgets(sc.key))
	late.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget("organization", "", "actions")).expect(t, http.StatusGatewayTimeout)
	late.do(http.MethodGet, sc.prefix+"/budgets", nil).expect(t, http.StatusOK)
	if len(late.mock.Budgets(sc.key)) != n {
		t.Fatal("a late commit took effect early")
	}
	clock.Advance(time.Minute)
	late.do(http.MethodGet, sc.prefix+"/budgets", nil).expect(t, http.StatusOK)
	if len(late.mock.Budgets(sc.key)) != n+1 {
		t.Error("a late commit never took effect")
	}

	requireError(t, h.do(http.MethodGet, sc.prefix+"/budgets", nil, withHeader("X-GitHub-Api-Version", "2099-01-01")), http.StatusBadRequest,
		"API version '2099-01-01' is not a supported version.")
	requireError(t, h.do(http.MethodGet, sc.prefix+"/budgets", nil, withHeader("Authorization", "")), http.StatusUnauthorized, "Requires authentication")

	limited := newHarness(t, Config{RateLimit: 2})
	limited.do(http.MethodGet, sc.prefix+"/budgets", nil).expect(t, http.StatusOK)
	limited.do(http.MethodGet, sc.prefix+"/usage/summary", nil).expect(t, http.StatusOK)
	r := limited.do(http.MethodGet, sc.prefix+"/budgets", nil).expect(t, http.StatusForbidden)
	if !strings.HasPrefix(r.obj["message"].(string), "API rate limit exceeded") || r.header.Get("X-Ratelimit-Remaining") != "0" {
		t.Errorf("rate limited answer %s %v", r.raw, r.header)
	}
}

// TestBudgetInstallationTokens covers the one billing operation GitHub Apps may not call:
// the organization budget update.
func TestBudgetInstallationTokens(t *testing.T) {
	t.Parallel()
	h, auth := installationHarness(t)
	for _, sc := range billingScopes {
		id := requireWrapped(t, h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget(sc.ownScope, "", "actions"), auth),
			"Budget successfully created.", getBudgetFields)["id"].(string)
		h.do(http.MethodGet, sc.prefix+"/budgets/"+id, nil, auth).expect(t, http.StatusOK)
		h.do(http.MethodGet, sc.prefix+"/budgets", nil, auth).expect(t, http.StatusOK)
		h.do(http.MethodGet, sc.prefix+"/usage/summary", nil, auth).expect(t, http.StatusOK)
		upd := h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{"budget_amount": 3}, auth)
		if sc.key == "orgs/acme" {
			requireError(t, upd, http.StatusForbidden, "Resource not accessible by integration")
			if b, _ := h.mock.GetBudget(sc.key, id); b.Amount != 100 {
				t.Errorf("a refused App update changed the budget: %+v", b)
			}
		} else {
			upd.expect(t, http.StatusOK)
		}
		h.do(http.MethodDelete, sc.prefix+"/budgets/"+id, nil, auth).expect(t, http.StatusOK)
	}
}

// TestBudgetSeed checks the seeded budgets: Actions ones and other products' ones in each owner.
func TestBudgetSeed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for _, sc := range billingScopes {
		p := listPage(t, h, sc.prefix+"/budgets")
		var actions, bundle, other int
		for _, item := range p.Budgets {
			b := requireBudget(t, sc.key, item, withUserIfScoped(item, listBudgetFields))
			sku := b["budget_product_sku"].(string)
			switch {
			case b["budget_type"] == "BundlePricing":
				bundle++
			case sku == "actions" || strings.HasPrefix(sku, "actions_"):
				actions++
			default:
				other++
			}
		}
		if actions == 0 || bundle == 0 || other == 0 || len(p.Budgets) > 5 {
			t.Errorf("%s seeds %d Actions, %d BundlePricing, %d other budgets", sc.key, actions, bundle, other)
		}
	}
}

func TestBudgetTestAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	b := h.mock.AddBudget("ORGS/ACME", Budget{Type: "ProductPricing", ProductSKU: "actions", Scope: "organization", EntityName: "acme",
		Amount: 12.5, AlertRecipients: []string{"mona"}})
	if b.ID == "" {
		t.Fatal("AddBudget assigned no id")
	}
	b.AlertRecipients[0] = "changed"
	got, ok := h.mock.GetBudget("orgs/acme", b.ID)
	if !ok || got.AlertRecipients[0] != "mona" || got.Amount != 12.5 {
		t.Errorf("GetBudget %+v %v", got, ok)
	}
	// An out-of-band budget is stored as given, even one no create would accept.
	raw := h.do(http.MethodGet, billingScopes[0].prefix+"/budgets/"+b.ID, nil).expect(t, http.StatusOK)
	if raw.obj["budget_amount"] != 12.5 {
		t.Errorf("get %s", raw.raw)
	}
	replaced := h.mock.AddBudget("orgs/acme", Budget{ID: b.ID, Type: "SkuPricing", ProductSKU: "actions_linux", Scope: "organization", EntityName: "acme"})
	all := h.mock.Budgets("orgs/acme")
	if replaced.ID != b.ID || all[len(all)-1].ProductSKU != "actions_linux" || len(all) != 4 {
		t.Errorf("replacing in place: %+v", all)
	}
	if !h.mock.SetBudgetConsumed("orgs/acme", b.ID, 3.25) || h.mock.SetBudgetConsumed("orgs/acme", "nope", 1) {
		t.Error("SetBudgetConsumed reports wrongly")
	}
	if got, _ := h.mock.GetBudget("orgs/acme", b.ID); got.ConsumedAmount != 3.25 {
		t.Errorf("consumed %v", got.ConsumedAmount)
	}
	if !h.mock.RemoveBudget("orgs/acme", b.ID) || h.mock.RemoveBudget("orgs/acme", b.ID) || h.mock.RemoveBudget("orgs/nobody", b.ID) {
		t.Error("RemoveBudget reports wrongly")
	}
	if h.mock.Budgets("orgs/nobody") != nil {
		t.Error("an unknown owner has budgets")
	}
	if _, ok := h.mock.GetBudget("orgs/acme", b.ID); ok {
		t.Error("a removed budget is still there")
	}
}

// TestConsumedAmountUserScopeOnly covers the option that follows the schema's text strictly.
func TestConsumedAmountUserScopeOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{ConsumedAmountUserScopeOnly: true})
	p := listPage(t, h, billingScopes[0].prefix+"/budgets")
	for _, b := range p.Budgets {
		if _, has := b["consumed_amount"]; has != (b["budget_scope"] == "user") {
			t.Errorf("%s budget: consumed_amount present %v", b["budget_scope"], has)
		}
	}
}

// TestBudgetExpiry covers expires_at on an organization's user-scoped budget.
func TestBudgetExpiry(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{Clock: clock.NewFake(epoch)})
	sc := billingScopes[0]
	body := map[string]any{"budget_amount": 5, "prevent_further_usage": true, "budget_scope": "user", "user": "octocat",
		"budget_type": "BundlePricing", "budget_product_sku": "ai_credits", "expires_at": "2026-12-31"}
	b := requireWrapped(t, h.do(http.MethodPost, sc.prefix+"/budgets", body), "Budget successfully created.",
		withFields(getBudgetFields, map[string]string{"expires_at": kString}))
	id := b["id"].(string)
	requireBudget(t, "get", h.do(http.MethodGet, sc.prefix+"/budgets/"+id, nil).expect(t, http.StatusOK).obj,
		withFields(getBudgetFields, map[string]string{"user": kString})) // get-budget has no expires_at
	cleared := requireWrapped(t, h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, `{"expires_at":null}`), "Budget successfully updated.",
		withFields(listBudgetFields, map[string]string{"user": kString}))
	if _, has := cleared["expires_at"]; has {
		t.Error("expires_at null did not remove the expiry")
	}
	h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, map[string]any{"expires_at": "2027-01-31"}).expect(t, http.StatusOK)
	h.do(http.MethodPatch, sc.prefix+"/budgets/"+id, `{"expires_at":0}`).expect(t, http.StatusOK)
	if got, _ := h.mock.GetBudget(sc.key, id); got.ExpiresAt != "" {
		t.Errorf("expires_at 0 left %q", got.ExpiresAt)
	}
	// The enterprise bodies have no expires_at: one sent there is ignored.
	ent := requireWrapped(t, h.do(http.MethodPost, billingScopes[1].prefix+"/budgets", withBody(body, map[string]any{
		"budget_alerting": map[string]any{"will_alert": false, "alert_recipients": []string{}}})), "Budget successfully created.", getBudgetFields)
	if _, has := ent["expires_at"]; has {
		t.Error("an enterprise budget took an expiry")
	}
}

// TestExampleShapedBudgets covers the option that answers as the description's examples do.
func TestExampleShapedBudgets(t *testing.T) {
	t.Parallel()
	forEachBillingScope(t, Config{ExampleShapedBudgets: true}, func(t *testing.T, h *harness, sc billingScope) {
		created := requireWrapped(t, h.do(http.MethodPost, sc.prefix+"/budgets", actionsBudget(sc.ownScope, "", "actions_linux")),
			"Budget successfully created.", getBudgetFields)
		id := created["id"].(string)
		list := h.do(http.MethodGet, sc.prefix+"/budgets", nil).expect(t, http.StatusOK)
		if !strings.Contains(string(list.raw), `"budget_product_skus":["actions_linux"],`) || strings.Contains(string(list.raw), `"budget_product_sku":`) ||
			!strings.Contains(string(list.raw), `"budget_amount":100.0,`) {
			t.Errorf("list is not example-shaped: %s", list.raw)
		}
		shape := withFields(withoutField(listBudgetFields, "budget_product_sku"), map[string]string{"budget_product_skus": kArray})
		for _, item := range list.obj["budgets"].([]any) {
			requireBudget(t, "list item", item, withUserIfScoped(item, shape))
		}
		get := h.do(http.MethodGet, sc.prefix+"/budgets/"+id, nil).expect(t, http.StatusOK)
		if !strings.Contains(string(get.raw), `"budget_product_sku":"actions_linux",`) || !strings.Contains(string(get.raw), `"budget_amount":100.0,`) {
			t.Errorf("get is not example-shaped: %s", get.raw)
		}
		del := h.do(http.MethodDelete, sc.prefix+"/budgets/"+id, nil).expect(t, http.StatusOK)
		requireFields(t, "delete", del.obj, map[string]string{"message": kString, "budget_id": kString})
		if del.obj["budget_id"] != id {
			t.Errorf("delete answered %s", del.raw)
		}
	})
}

// withoutField returns fields without one.
func withoutField(fields map[string]string, name string) map[string]string {
	out := withFields(fields, nil)
	delete(out, name)
	return out
}

// withUserIfScoped adds user to a budget shape when the budget is user-scoped.
func withUserIfScoped(budget any, fields map[string]string) map[string]string {
	if b, ok := budget.(map[string]any); ok && b["budget_scope"] == "user" {
		return withFields(fields, map[string]string{"user": kString})
	}
	return fields
}
