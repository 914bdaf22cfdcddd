package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// cannedServer answers each request with the next of bodies (status 200 unless the body
// starts with a status line "NNN "), recording the requests' method, path and query.
type cannedServer struct {
	mu       sync.Mutex
	bodies   []string
	requests []string
}

func newCannedClient(t *testing.T, bodies ...string) (*Client, *cannedServer) {
	t.Helper()
	s := &cannedServer{bodies: bodies}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
		body := `{"message":"no more canned answers"}`
		status := http.StatusInternalServerError
		if len(s.bodies) > 0 {
			body, s.bodies, status = s.bodies[0], s.bodies[1:], http.StatusOK
		}
		if code, rest, ok := strings.Cut(body, " "); ok && len(code) == 3 && code[0] >= '1' && code[0] <= '5' {
			_, _ = fmt.Sscan(code, &status)
			body = rest
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: "t", MaxRetries: 0, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func (s *cannedServer) sent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

const (
	// listedBudget is the list example's first item: budget_product_skus and 1000.0.
	listedBudget = `{"id":"B1","budget_type":"ProductPricing","budget_product_skus":["actions"],"budget_scope":"organization",
		"budget_amount":1000.0,"prevent_further_usage":true,"budget_alerting":{"will_alert":true,"alert_recipients":["mona"]}}`
	aiBudget = `{"id":"AI1","budget_type":"BundlePricing","budget_product_skus":["ai_credits"],"budget_scope":"user",
		"budget_amount":500.0,"prevent_further_usage":true,"budget_alerting":{"will_alert":true,"alert_recipients":["x"]}}`
	packagesBudget = `{"id":"P1","budget_type":"ProductPricing","budget_product_sku":"packages","budget_scope":"organization","budget_amount":5}`
	bareBudget     = `{"id":"B2","budget_type":"SkuPricing","budget_product_sku":"actions_linux","budget_scope":"repository",
		"budget_entity_name":"acme/web","budget_amount":0.0,"prevent_further_usage":false,"budget_alerting":{"will_alert":false,"alert_recipients":[]},"consumed_amount":12.5}`
)

// TestBudgetShapes: every documented answer shape is normalised into the same Budget.
func TestBudgetShapes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	org := Organization("acme")

	c, s := newCannedClient(t, `{"budgets":[`+listedBudget+`,`+aiBudget+`,`+packagesBudget+`],"has_next_page":false,"total_count":3}`)
	list, err := c.ListBudgets(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != "B1" || list[0].ProductSKU != "actions" || list[0].Amount != 1000 || !list[0].Alerting.WillAlert {
		t.Fatalf("list = %+v, want only B1 (actions, 1000) with the AI-credit and packages budgets skipped", list)
	}
	if got := s.sent(); len(got) != 1 || got[0] != "GET /organizations/acme/settings/billing/budgets?per_page=100" {
		t.Fatalf("requests = %v", got)
	}

	c, s = newCannedClient(t, bareBudget)
	b, err := c.GetBudget(ctx, org, "B2")
	if err != nil {
		t.Fatal(err)
	}
	if b.Amount != 0 || b.ProductSKU != "actions_linux" || b.ConsumedAmount == nil || *b.ConsumedAmount != 12.5 ||
		b.Coverage(org) != (Coverage{ProductSKU: "actions_linux", Scope: "repository", EntityName: "acme/web"}) {
		t.Fatalf("get = %+v", b)
	}
	if got := s.sent(); got[0] != "GET /organizations/acme/settings/billing/budgets/B2" {
		t.Fatalf("requests = %v", got)
	}

	c, s = newCannedClient(t, `{"message":"Budget successfully created.","budget":`+bareBudget+`}`,
		`{"message":"Budget successfully updated.","budget":`+bareBudget+`}`,
		`{"message":"Budget successfully deleted.","id":"B2"}`,
		`{"message":"Budget successfully deleted.","budget_id":"B2"}`)
	ent := Enterprise("acme-corp")
	amount := int64(10)
	if b, err := c.CreateBudget(ctx, ent, BudgetRequest{Amount: &amount}); err != nil || b.ID != "B2" {
		t.Fatalf("create = %+v, %v", b, err)
	}
	if b, err := c.UpdateBudget(ctx, ent, "B2", BudgetRequest{Amount: &amount}); err != nil || b.ID != "B2" {
		t.Fatalf("update = %+v, %v", b, err)
	}
	for range 2 {
		if err := c.DeleteBudget(ctx, ent, "B2"); err != nil {
			t.Fatalf("delete: %v", err)
		}
	}
	want := []string{"POST /enterprises/acme-corp/settings/billing/budgets", "PATCH /enterprises/acme-corp/settings/billing/budgets/B2",
		"DELETE /enterprises/acme-corp/settings/billing/budgets/B2", "DELETE /enterprises/acme-corp/settings/billing/budgets/B2"}
	if got := s.sent(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests = %v, want %v", got, want)
	}
}

// TestBudgetAnswersRefused: an answer that lacks what the schema requires, or that names
// another budget, is an error and never a Budget.
func TestBudgetAnswersRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	org := Organization("acme")
	amount := int64(1)
	for name, tc := range map[string]struct {
		body string
		call func(c *Client) (any, error)
	}{
		"get of another budget":    {bareBudget, func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B9") }},
		"get without id":           {`{"budget_type":"SkuPricing"}`, func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B2") }},
		"get without amount":       {strings.Replace(bareBudget, `"budget_amount":0.0,`, "", 1), func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B2") }},
		"fractional amount":        {strings.Replace(bareBudget, `0.0`, `0.5`, 1), func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B2") }},
		"get without alerting":     {strings.Replace(bareBudget, `"budget_alerting":{"will_alert":false,"alert_recipients":[]},`, "", 1), func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B2") }},
		"get without prevent":      {strings.Replace(bareBudget, `"prevent_further_usage":false,`, "", 1), func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B2") }},
		"two SKUs":                 {strings.Replace(listedBudget, `["actions"]`, `["actions","actions_linux"]`, 1), func(c *Client) (any, error) { return c.GetBudget(ctx, org, "B1") }},
		"create bare":              {bareBudget, func(c *Client) (any, error) { return c.CreateBudget(ctx, org, BudgetRequest{Amount: &amount}) }},
		"create message only":      {`{"message":"Budget successfully created."}`, func(c *Client) (any, error) { return c.CreateBudget(ctx, org, BudgetRequest{}) }},
		"update of another":        {`{"message":"ok","budget":` + bareBudget + `}`, func(c *Client) (any, error) { return c.UpdateBudget(ctx, org, "B9", BudgetRequest{}) }},
		"delete without id":        {`{"message":"Budget successfully deleted."}`, func(c *Client) (any, error) { return nil, c.DeleteBudget(ctx, org, "B2") }},
		"delete of another":        {`{"message":"ok","id":"B9"}`, func(c *Client) (any, error) { return nil, c.DeleteBudget(ctx, org, "B2") }},
		"list without budgets":     {`{"has_next_page":false}`, func(c *Client) (any, error) { return c.ListBudgets(ctx, org) }},
		"list item without id":     {`{"budgets":[{"budget_type":"SkuPricing"}],"has_next_page":false}`, func(c *Client) (any, error) { return c.ListBudgets(ctx, org) }},
		"list item unusable":       {`{"budgets":[{"id":"B1","budget_product_sku":"actions","budget_type":"ProductPricing"}],"has_next_page":false}`, func(c *Client) (any, error) { return c.ListBudgets(ctx, org) }},
		"list not JSON":            {`<html>`, func(c *Client) (any, error) { return c.ListBudgets(ctx, org) }},
		"usage without items":      {`{"timePeriod":{"year":2026},"organization":"acme"}`, func(c *Client) (any, error) { return c.GetActionsUsage(ctx, org, UsageQuery{Year: 2026, Month: 1}) }},
		"usage of another year":    {`{"timePeriod":{"year":2025},"organization":"acme","usageItems":[]}`, func(c *Client) (any, error) { return c.GetActionsUsage(ctx, org, UsageQuery{Year: 2026, Month: 1}) }},
		"usage item without net":   {`{"timePeriod":{"year":2026},"organization":"acme","usageItems":[{"product":"Actions","sku":"actions_linux","unitType":"minutes","pricePerUnit":0.008,"grossQuantity":1,"grossAmount":1,"discountQuantity":0,"discountAmount":0,"netQuantity":1}]}`, func(c *Client) (any, error) { return c.GetActionsUsage(ctx, org, UsageQuery{Year: 2026, Month: 1}) }},
		"usage without timePeriod": {`{"organization":"acme","usageItems":[]}`, func(c *Client) (any, error) { return c.GetActionsUsage(ctx, org, UsageQuery{Year: 2026, Month: 1}) }},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, _ := newCannedClient(t, tc.body)
			if got, err := tc.call(c); err == nil {
				t.Fatalf("answer %s was accepted: %+v", tc.body, got)
			}
		})
	}
}

// TestBudgetPages: the list follows page numbers while has_next_page is true, and stops at
// the bound total_count sets when it never ends, or at a page that repeats what was read.
func TestBudgetPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	org := Organization("acme")
	page := func(more bool, total int, ids ...string) string {
		var items []string
		for _, id := range ids {
			items = append(items, strings.Replace(listedBudget, `"B1"`, fmt.Sprintf("%q", id), 1))
		}
		return fmt.Sprintf(`{"budgets":[%s],"has_next_page":%t,"total_count":%d}`, strings.Join(items, ","), more, total)
	}

	c, s := newCannedClient(t, page(true, 3, "a", "b"), page(true, 3, "b", "c"), page(false, 3))
	list, err := c.ListBudgets(ctx, org)
	if err != nil || len(list) != 3 {
		t.Fatalf("list = %+v, %v; want a, b and c once each", list, err)
	}
	if got := s.sent(); len(got) != 3 || !strings.HasSuffix(got[2], "per_page=100&page=3") {
		t.Fatalf("requests = %v", got)
	}

	// A server that ignores page: the second page repeats the first.
	c, _ = newCannedClient(t, page(true, 4, "a", "b"), page(true, 4, "a", "b"))
	if _, err := c.ListBudgets(ctx, org); err == nil || !strings.Contains(err.Error(), "repeats") {
		t.Fatalf("a repeated page gave %v", err)
	}

	// Pages that never end: new ids, has_next_page always true, total_count 2 at 1 a page.
	var endless []string
	for i := range 50 {
		endless = append(endless, page(true, 2, fmt.Sprint("id", i)))
	}
	c, s = newCannedClient(t, endless...)
	if _, err := c.ListBudgets(ctx, org); err == nil || !strings.Contains(err.Error(), "does not end") {
		t.Fatalf("endless pages gave %v", err)
	}
	if n := len(s.sent()); n != 4 { // 2 pages for total_count 2, plus pageSlack 2
		t.Fatalf("endless pages took %d requests, want 4", n)
	}
}

// TestBudgetErrors: a 404 to a create or update names the enhanced billing platform; other
// errors stay GitHub's.
func TestBudgetErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, s := newCannedClient(t, `404 {"message":"Not Found"}`, `404 {"message":"Not Found"}`, `403 {"message":"Insufficient permissions to create a budget."}`)
	org := Organization("acme")
	var fne *FeatureNotEnabledError
	if _, err := c.CreateBudget(ctx, org, BudgetRequest{}); !errors.As(err, &fne) || !strings.Contains(err.Error(), "enhanced billing platform") {
		t.Fatalf("create 404 = %v", err)
	}
	if _, err := c.UpdateBudget(ctx, org, "B1", BudgetRequest{}); !errors.As(err, &fne) || !IsNotFound(err) {
		t.Fatalf("update 404 = %v", err)
	}
	_, err := c.CreateBudget(ctx, org, BudgetRequest{})
	if errors.As(err, &fne) || !hasStatus(err, http.StatusForbidden) {
		t.Fatalf("create 403 = %v", err)
	}
	if n := len(s.sent()); n != 3 {
		t.Fatalf("%d requests, want 3 (no retry)", n)
	}
}

// TestActionsUsage: the summary is asked for the month, day and repository with product
// actions, and lines of other products are dropped.
func TestActionsUsage(t *testing.T) {
	t.Parallel()
	item := `{"product":"%s","sku":"%s","unitType":"minutes","pricePerUnit":0.008,"grossQuantity":1000,"grossAmount":8.0,"discountQuantity":0,"discountAmount":0.0,"netQuantity":1000,"netAmount":8.0}`
	c, s := newCannedClient(t, `{"timePeriod":{"year":2026,"month":11},"enterprise":"acme-corp","usageItems":[`+
		fmt.Sprintf(item, "Actions", "actions_linux")+`,`+fmt.Sprintf(item, "Packages", "packages_storage")+`]}`)
	items, err := c.GetActionsUsage(context.Background(), Enterprise("acme-corp"), UsageQuery{Year: 2026, Month: 11, Day: 3, Repository: "acme/web"})
	if err != nil || len(items) != 1 || items[0].SKU != "actions_linux" || *items[0].NetAmount != 8 {
		t.Fatalf("usage = %+v, %v", items, err)
	}
	if got := s.sent(); got[0] != "GET /enterprises/acme-corp/settings/billing/usage/summary?day=3&month=11&product=actions&repository=acme%2Fweb&year=2026" {
		t.Fatalf("requests = %v", got)
	}
	if _, err := c.GetActionsUsage(context.Background(), Enterprise("acme-corp"), UsageQuery{Year: 2026, Month: 13}); err == nil {
		t.Fatal("month 13 was sent")
	}
}

// TestBudgetsAgainstMock: the mock's budgets of both owners, created, listed 100 a page
// (seeded budgets of other products skipped), read, updated and deleted.
func TestBudgetsAgainstMock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, scope := range []Scope{Organization("acme"), Enterprise("acme-corp")} {
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		for i := range 250 {
			m.AddBudget(scope.String(), mockgithub.Budget{Type: "SkuPricing", ProductSKU: fmt.Sprintf("actions_sku_%03d", i),
				Scope: scope.Noun(), Amount: float64(i), AlertRecipients: []string{}})
		}
		m.ResetRequests()
		list, err := c.ListBudgets(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		actions := 0
		for _, b := range m.Budgets(scope.String()) {
			if b.Type != BudgetTypeBundle && IsActionsProductOrSKU(b.ProductSKU) {
				actions++
			}
		}
		if len(list) != actions || actions != 251 {
			t.Fatalf("%s: listed %d budgets, the mock holds %d Actions budgets (want 251)", scope, len(list), actions)
		}
		if n := m.Count("GET", `/budgets$`); n != 3 {
			t.Fatalf("%s: %d list pages for 253 budgets, want 3", scope, n)
		}
		amount, stop := int64(77), true
		created, err := c.CreateBudget(ctx, scope, BudgetRequest{Amount: &amount, PreventFurtherUsage: &stop, Scope: BudgetScopeRepository,
			EntityName: ptr("acme/web"), Type: BudgetTypeSKU, ProductSKU: "actions_linux", Alerting: &BudgetAlerting{AlertRecipients: []string{}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.GetBudget(ctx, scope, created.ID)
		if err != nil || got.Amount != 77 || got.Coverage(scope) != (Coverage{ProductSKU: "actions_linux", Scope: "repository", EntityName: "acme/web"}) {
			t.Fatalf("%s: get = %+v, %v", scope, got, err)
		}
		amount = 0
		if got, err = c.UpdateBudget(ctx, scope, created.ID, BudgetRequest{Amount: &amount}); err != nil || got.Amount != 0 || !got.PreventFurtherUsage {
			t.Fatalf("%s: update = %+v, %v", scope, got, err)
		}
		if err := c.DeleteBudget(ctx, scope, created.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetBudget(ctx, scope, created.ID); !IsNotFound(err) {
			t.Fatalf("%s: get after delete = %v", scope, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }
