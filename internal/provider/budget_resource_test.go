package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

const budgetAddr = "githubactions_budget.test"

// budgetsPathRe matches the mock's budget paths of either owner.
const budgetsPathRe = `/settings/billing/budgets`

// budgetConfig is the budget "test" of sc; body adds its arguments.
func budgetConfig(e *testEnv, sc scopeCase, body string) string {
	return e.providerConfig() + resourceBlock("githubactions_budget", "test", sc, body)
}

// seededBudgetIDs are the ids of the budgets the mock starts with in sc.
func seededBudgetIDs(t *testing.T, e *testEnv, sc scopeCase) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, b := range e.Mock.Budgets(sc.path) {
		ids[b.ID] = true
	}
	if len(ids) == 0 {
		t.Fatalf("the mock seeds no budgets in %s", sc.path)
	}
	return ids
}

// newBudgets returns the mock's budgets in sc that are not in seeded.
func newBudgets(e *testEnv, sc scopeCase, seeded map[string]bool) []mockgithub.Budget {
	var out []mockgithub.Budget
	for _, b := range e.Mock.Budgets(sc.path) {
		if !seeded[b.ID] {
			out = append(out, b)
		}
	}
	return out
}

// checkMockBudget asserts the budget at addr against the mock with want, and that the mock
// holds no other budget than the seeded ones and those in state.
func checkMockBudget(e *testEnv, sc scopeCase, seeded map[string]bool, want func(mockgithub.Budget) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[budgetAddr]
		if !ok {
			return fmt.Errorf("%s not in state", budgetAddr)
		}
		b, ok := e.Mock.GetBudget(sc.path, rs.Primary.ID)
		if !ok {
			return fmt.Errorf("budget %s is in state but not in the mock", rs.Primary.ID)
		}
		return firstErr(want(b), checkBudgetsTracked(e, sc, seeded)(s))
	}
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkBudgetsTracked asserts that every budget of sc the mock holds beyond the seeded ones is
// in state, and every budget in state is in the mock.
func checkBudgetsTracked(e *testEnv, sc scopeCase, seeded map[string]bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		inState := map[string]bool{}
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "githubactions_budget" {
				inState[rs.Primary.ID] = true
			}
		}
		for _, b := range newBudgets(e, sc, seeded) {
			if !inState[b.ID] {
				return fmt.Errorf("the mock holds budget %s (%s on %s %q) that is not in state", b.ID, b.ProductSKU, b.Scope, b.EntityName)
			}
			delete(inState, b.ID)
		}
		for id := range inState {
			return fmt.Errorf("budget %s is in state but not in the mock", id)
		}
		return nil
	}
}

// checkNoNewBudgets is a CheckDestroy: only the seeded budgets are left.
func checkNoNewBudgets(e *testEnv, sc scopeCase, seeded map[string]bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if left := newBudgets(e, sc, seeded); len(left) > 0 {
			return fmt.Errorf("budgets left after destroy: %+v", left)
		}
		return nil
	}
}

// budgetAnswerShapes are the mock's two ways of answering: as the schemas say, and as GitHub's
// examples show where they contradict them (budget_product_skus arrays, 1000.0 amounts, a
// delete answering budget_id; consumed_amount only on user budgets).
var budgetAnswerShapes = map[string]mockgithub.Config{
	"schema":  {},
	"example": {ExampleShapedBudgets: true, ConsumedAmountUserScopeOnly: true},
}

func TestAccBudget_lifecycle(t *testing.T) {
	t.Parallel()
	for shape, cfg := range budgetAnswerShapes {
		t.Run(shape, func(t *testing.T) {
			t.Parallel()
			forEachScope(t, func(t *testing.T, sc scopeCase) {
				testAccBudgetLifecycle(t, sc, cfg)
			})
		})
	}
}

// testAccBudgetLifecycle creates, imports, updates in place, changes only the owner's letter case (no change),
// replaces (another SKU, another covered entity) and destroys a budget of sc.
func testAccBudgetLifecycle(t *testing.T, sc scopeCase, cfg mockgithub.Config) {
	e := newTestEnv(t, cfg)
	seeded := seededBudgetIDs(t, e, sc)
	other := `{ type = "repository", name = "acme/web" }`
	if sc.attr == "enterprise" {
		other = `{ type = "organization", name = "acme" }`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoNewBudgets(e, sc, seeded),
		Steps: []resource.TestStep{
			{
				Config: budgetConfig(e, sc, `
  product               = "actions"
  amount                = 100
  prevent_further_usage = true
  alerting = {
    recipients = ["mona", "hubot"]
  }
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(budgetAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(budgetAddr, tfjsonpath.New("applies_to"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": knownvalue.StringExact(sc.attr), "name": knownvalue.StringExact(sc.owner),
					})),
					statecheck.ExpectKnownValue(budgetAddr, tfjsonpath.New("alerting").AtMapKey("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(budgetAddr, tfjsonpath.New("sku"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					checkWrites(e, map[string]int{"POST " + budgetsPathRe: 1}),
					checkMockBudget(e, sc, seeded, func(b mockgithub.Budget) error {
						if b.Type != "ProductPricing" || b.ProductSKU != "actions" || b.Scope != sc.attr || b.Amount != 100 ||
							!b.PreventFurtherUsage || !b.AlertingEnabled || fmt.Sprint(b.AlertRecipients) != "[mona hubot]" {
							return fmt.Errorf("mock budget %+v does not match the configuration", b)
						}
						return nil
					})),
			},
			// consumed_amount: the create's answer has none (null until the next refresh); the import reads the list's.
			{ResourceName: budgetAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(sc, budgetAddr),
				ImportStateVerifyIgnore: []string{"consumed_amount"}},
			{
				ResourceName:      budgetAddr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: importIDOf(sc, budgetAddr),
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionNoop)},
				},
			},
			{
				// amount, the stop and alerting in place: one PATCH, no POST or DELETE.
				PreConfig: e.Mock.ResetRequests,
				Config: budgetConfig(e, sc, `
  product               = "actions"
  amount                = 0
  prevent_further_usage = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					checkWrites(e, map[string]int{"PATCH " + budgetsPathRe + "/": 1, "POST ": 0, "DELETE ": 0}),
					checkMockBudget(e, sc, seeded, func(b mockgithub.Budget) error {
						if b.Amount != 0 || b.PreventFurtherUsage || b.AlertingEnabled || len(b.AlertRecipients) != 0 {
							return fmt.Errorf("mock budget %+v does not show the update", b)
						}
						return nil
					})),
			},
			{
				// The owner's letter case alone is no change at all: nothing planned, nothing sent.
				PreConfig: e.Mock.ResetRequests,
				Config: strings.Replace(budgetConfig(e, sc, `
  product               = "actions"
  amount                = 0
  prevent_further_usage = false
`), fmt.Sprintf("%q", sc.owner), fmt.Sprintf("%q", strings.ToUpper(sc.owner)), 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkWrites(e, map[string]int{"PATCH ": 0, "POST ": 0, "DELETE ": 0}),
			},
			{
				// The product replaced by a SKU: a new budget.
				Config: budgetConfig(e, sc, `
  sku                   = "actions_linux"
  amount                = 0
  prevent_further_usage = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkMockBudget(e, sc, seeded, func(b mockgithub.Budget) error {
					if b.Type != "SkuPricing" || b.ProductSKU != "actions_linux" {
						return fmt.Errorf("mock budget %+v is not the SKU budget", b)
					}
					return nil
				}),
			},
			{
				// What the budget covers changes: a new budget.
				Config: budgetConfig(e, sc, fmt.Sprintf(`
  sku                   = "actions_linux"
  amount                = 0
  prevent_further_usage = false
  applies_to            = %s
`, other)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkMockBudget(e, sc, seeded, func(b mockgithub.Budget) error {
					if b.Scope == sc.attr || b.ProductSKU != "actions_linux" {
						return fmt.Errorf("mock budget %+v does not cover the new entity", b)
					}
					return nil
				}),
			},
		},
	})
}

// budgetCoverCase is one applies_to kind of an owner.
type budgetCoverCase struct {
	sc                 scopeCase
	appliesTo          string // the HCL object
	scope, entityStore string // what the mock stores
}

func TestAccBudget_appliesTo(t *testing.T) {
	t.Parallel()
	org, ent := scopeCases[0], scopeCases[1]
	for name, tc := range map[string]budgetCoverCase{
		"org repository":         {org, `{ type = "repository", name = "acme/web" }`, "repository", "acme/web"},
		"org organization":       {org, `{ type = "organization" }`, "organization", "acme"},
		"enterprise itself":      {ent, `{ type = "enterprise", name = "acme-corp" }`, "enterprise", ""},
		"enterprise org":         {ent, `{ type = "organization", name = "acme-corp-sandbox" }`, "organization", "acme-corp-sandbox"},
		"enterprise repository":  {ent, `{ type = "repository", name = "acme/infra" }`, "repository", "acme/infra"},
		"enterprise cost center": {ent, `{ type = "cost_center", name = "platform" }`, "cost_center", "platform"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			seeded := seededBudgetIDs(t, e, tc.sc)
			config := budgetConfig(e, tc.sc, fmt.Sprintf(`
  sku                   = "actions_linux"
  amount                = 25
  prevent_further_usage = true
  applies_to            = %s
  alerting = {
    enabled    = false
  }
`, tc.appliesTo))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				CheckDestroy:             checkNoNewBudgets(e, tc.sc, seeded),
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: checkMockBudget(e, tc.sc, seeded, func(b mockgithub.Budget) error {
							if b.Scope != tc.scope || b.EntityName != tc.entityStore || b.ProductSKU != "actions_linux" || b.Amount != 25 {
								return fmt.Errorf("mock budget %+v, want scope %s entity %q", b, tc.scope, tc.entityStore)
							}
							return nil
						}),
					},
					{ResourceName: budgetAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(tc.sc, budgetAddr),
						ImportStateVerifyIgnore: []string{"consumed_amount"}},
				},
			})
		})
	}
}

// TestAccBudget_planRefusals: every mistake the configuration shows is an error at plan, and
// no request reaches the billing endpoints.
func TestAccBudget_planRefusals(t *testing.T) {
	t.Parallel()
	org, ent := scopeCases[0], scopeCases[1]
	e := newTestEnv(t, mockgithub.Config{})
	cases := []struct {
		sc         scopeCase
		body, want string
	}{
		{org, `product = "copilot"`, `Not An Actions Budget[\s\S]*actions_linux`},
		{org, `product = "packages"`, `Not An Actions Budget`},
		{org, `sku = "copilot_business"`, `Not An Actions Budget[\s\S]*documents the product`},
		{org, `sku = "ai_credits"`, `Not An Actions Budget`},
		{org, `sku = "actions"`, `Product Given As SKU`},
		{org, `product = "actions_linux"`, `SKU Given As Product`},
		{org, `product = "actions"` + "\n" + `sku = "actions_linux"`, `Invalid Attribute Combination`},
		{org, `amount = -1` + "\n" + `product = "actions"`, `amount value must be at least 0`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "user", name = "mona" }`, `AI-Credit Budget Scope`},
		{ent, `product = "actions"` + "\n" + `applies_to = { type = "multi_user_cost_center", name = "x" }`, `AI-Credit Budget Scope`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "multi_user_customer" }`, `AI-Credit Budget Scope`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "cost_center", name = "x" }`, `Invalid Budget Scope`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "repository", name = "web" }`, `Invalid Repository Name`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "repository", name = "other/web" }`, `Repository Of Another Organization`},
		{org, `product = "actions"` + "\n" + `applies_to = { type = "organization", name = "other" }`, `Budget Applies To Another Account`},
		{ent, `product = "actions"` + "\n" + `applies_to = { type = "cost_center" }`, `Missing Budget Entity`},
		{org, `product = "actions"` + "\n" + `alerting = { enabled = true }`, `Alerting Without Recipients`},
		{org, `product = "actions"` + "\n" + `alerting = { recipients = [] }`, `Alerting Without Recipients`},
		{org, `product = "actions"` + "\n" + `alerting = { recipients = ["not a login"] }`, `GitHub user login`},
		{org, `product = "actions"` + "\n" + `alerting = { recipients = ["-mona"] }`, `GitHub user login`},
		{org, `product = "actions"` + "\n" + `alerting = { recipients = ["mona", "mona"] }`, `(?i)unique|duplicate`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		body := tc.body
		if !strings.Contains(body, "amount") {
			body += "\namount = 10"
		}
		steps = append(steps, resource.TestStep{
			Config:      budgetConfig(e, tc.sc, body+"\nprevent_further_usage = true"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
	if n := e.Mock.Count("", `/settings/billing`); n != 0 {
		t.Fatalf("%d requests reached the billing endpoints during plans that had to fail first", n)
	}
}

// TestAccBudget_existingRefused: a budget with the same coverage and SKU made elsewhere fails
// the create before any POST, naming it and the import command; it is never adopted.
func TestAccBudget_existingRefused(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		entity := sc.owner
		if sc.attr == "enterprise" {
			entity = ""
		}
		other := e.Mock.AddBudget(sc.path, mockgithub.Budget{Type: "SkuPricing", ProductSKU: "actions_linux", Scope: sc.attr,
			EntityName: entity, Amount: 5, AlertRecipients: []string{}})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config: budgetConfig(e, sc, `
  sku                   = "actions_linux"
  amount                = 10
  prevent_further_usage = false
`),
				ExpectError: regexp.MustCompile(`(?s)already exists.*` + regexp.QuoteMeta(other.ID) + `.*not adopted.*` +
					regexp.QuoteMeta(sc.path+"/"+other.ID)),
			}},
		})
		if n := e.Mock.Count("POST", budgetsPathRe); n != 0 {
			t.Fatalf("%d POSTs were sent although the budget existed", n)
		}
		if b, _ := e.Mock.GetBudget(sc.path, other.ID); b.Amount != 5 {
			t.Fatalf("the existing budget was changed: %+v", b)
		}
	})
}

// TestAccBudget_ambiguousCreate: the create's answer is lost after GitHub committed it (a
// dropped connection, a 5xx, a commit after the answer): the provider finds the new budget by
// owner, coverage and SKU, adopts it and no other (a budget of the same owner with another
// coverage exists before), and sends one POST.
func TestAccBudget_ambiguousCreate(t *testing.T) {
	t.Parallel()
	faults := map[string]mockgithub.Fault{
		"dropped after commit": {Commit: true, Drop: true},
		"502 after commit":     {Commit: true, Status: http.StatusBadGateway, Body: `{"message":"Server Error"}`},
		"late commit":          {Status: http.StatusGatewayTimeout, Body: `{"message":"timeout"}`, CommitAfter: 20 * time.Second},
		"200 without budget":   {Commit: true, Status: http.StatusOK, Body: `{"message":"Budget successfully created."}`},
	}
	for name, f := range faults {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			forEachScope(t, func(t *testing.T, sc scopeCase) {
				e := newTestEnv(t, mockgithub.Config{})
				seeded := seededBudgetIDs(t, e, sc)
				f.Method, f.Path, f.Times = "POST", budgetsPathRe+`$`, 1
				e.Mock.Inject(f)
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: e.factories(),
					CheckDestroy:             checkNoNewBudgets(e, sc, seeded),
					Steps: []resource.TestStep{{
						Config: budgetConfig(e, sc, `
  sku                   = "actions_linux"
  amount                = 40
  prevent_further_usage = true
  alerting = { enabled = false }
`),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: resource.ComposeTestCheckFunc(
							checkWrites(e, map[string]int{"POST " + budgetsPathRe: 1}),
							checkMockBudget(e, sc, seeded, func(b mockgithub.Budget) error {
								if b.ProductSKU != "actions_linux" || b.Amount != 40 {
									return fmt.Errorf("adopted %+v, not the budget this run created", b)
								}
								return nil
							})),
					}},
				})
			})
		})
	}
}

// TestAccBudget_quirkyAnswers: answers in the shapes GitHub's examples show (a list item with
// budget_product_skus and 1000.0, budgets of other products, a delete answering budget_id)
// are read as the same budget; unusable ones fail the read and leave state alone.
func TestAccBudget_quirkyAnswers(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	seeded := seededBudgetIDs(t, e, sc)
	config := budgetConfig(e, sc, `
  product               = "actions"
  amount                = 1000
  prevent_further_usage = true
  alerting = { recipients = ["enterprise-admin", "billing-manager"] }
`)
	id := func() string {
		if b := newBudgets(e, sc, seeded); len(b) == 1 {
			return b[0].ID
		}
		t.Fatalf("want one new budget in the mock, have %+v", newBudgets(e, sc, seeded))
		return ""
	}
	listFault := func(body string) func() {
		return func() {
			e.Mock.ClearFaults()
			e.Mock.Inject(mockgithub.Fault{Method: "GET", Path: budgetsPathRe + `$`, Status: http.StatusOK,
				Body: strings.ReplaceAll(body, "ID", id())})
		}
	}
	exampleShape := `{"budgets":[
	  {"id":"ID","budget_type":"ProductPricing","budget_product_skus":["actions"],"budget_scope":"organization","budget_amount":1000.0,
	   "prevent_further_usage":true,"budget_alerting":{"will_alert":true,"alert_recipients":["billing-manager","enterprise-admin"]}},
	  {"id":"f47ac10b","budget_type":"BundlePricing","budget_product_skus":["ai_credits"],"budget_scope":"user","budget_amount":500.0,
	   "prevent_further_usage":true,"budget_alerting":{"will_alert":true,"alert_recipients":["org-owner"]}},
	  {"id":"6ba7b810","budget_type":"ProductPricing","budget_product_skus":["packages"],"budget_scope":"cost_center","budget_amount":250.0}
	],"has_next_page":false,"total_count":3}`
	unusable := `{"budgets":[{"id":"ID","budget_type":"ProductPricing","budget_product_sku":"actions","budget_scope":"organization"}],"has_next_page":false}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoNewBudgets(e, sc, seeded),
		Steps: []resource.TestStep{
			{Config: config},
			{
				// GitHub's example shape, the recipients in another order, budgets of other products beside it.
				PreConfig: listFault(exampleShape),
				Config:    config,
				PlanOnly:  true,
			},
			{
				// The list is unusable and so is the GET the cache falls back to: the refresh fails.
				PreConfig: func() {
					listFault(unusable)()
					e.Mock.Inject(mockgithub.Fault{Method: "GET", Path: budgetsPathRe + `/.+`, Status: http.StatusOK, Body: `{"id":"` + id() + `"}`})
				},
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Unable to Read Budget[\s\S]*not\s+a\s+valid\s+budget`),
			},
			{
				// State was left as it was: with good answers again, nothing to do.
				PreConfig: e.Mock.ClearFaults,
				Config:    config,
				PlanOnly:  true,
			},
			{
				// The delete answers {message, budget_id}, as GitHub's example does.
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: "DELETE", Path: budgetsPathRe + `/`, Commit: true, Status: http.StatusOK,
						Body: `{"message":"Budget successfully deleted.","budget_id":"` + id() + `"}`})
				},
				Config: e.providerConfig(),
			},
		},
	})
}

// TestAccBudget_disappears: a budget deleted outside Terraform drops from state and the plan
// creates it again.
func TestAccBudget_disappears(t *testing.T) {
	t.Parallel()
	sc := scopeCases[1]
	e := newTestEnv(t, mockgithub.Config{})
	seeded := seededBudgetIDs(t, e, sc)
	config := budgetConfig(e, sc, `
  product               = "actions"
  amount                = 7
  prevent_further_usage = true
  alerting = { enabled = false }
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoNewBudgets(e, sc, seeded),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					for _, b := range newBudgets(e, sc, seeded) {
						e.Mock.RemoveBudget(sc.path, b.ID)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(budgetAddr, plancheck.ResourceActionCreate)},
				},
				Check: checkBudgetsTracked(e, sc, seeded),
			},
		},
	})
}

// TestAccBudget_refreshOneList: refreshing several budgets of one owner reads the list once
// (one page), not one GET each.
func TestAccBudget_refreshOneList(t *testing.T) {
	t.Parallel()
	e := newWallClockEnv(t, mockgithub.Config{})
	var config strings.Builder
	config.WriteString(e.providerConfig())
	for _, repo := range []string{"web", "infra", "tools"} {
		config.WriteString(resourceBlock("githubactions_budget", repo, scopeCases[0],
			`sku                   = "actions_linux"`,
			`amount                = 10`,
			`prevent_further_usage = false`,
			fmt.Sprintf(`applies_to            = { type = "repository", name = "acme/%s" }`, repo),
			`alerting              = { enabled = false }`))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: config.String()},
			{
				PreConfig: e.Mock.ResetRequests,
				Config:    config.String(),
				PlanOnly:  true,
			},
		},
	})
	// The PlanOnly step refreshes once (plan) and the framework's own refresh may add a second
	// pass; each pass is one list page and no single GET.
	lists, gets := e.Mock.Count("GET", budgetsPathRe+`$`), e.Mock.Count("GET", budgetsPathRe+`/.+`)
	t.Logf("refreshing 3 budgets in a plan-only step: %d list pages, %d single GETs", lists, gets)
	if gets != 0 || lists == 0 || lists > 2 {
		t.Fatalf("refreshing 3 budgets took %d list pages and %d single GETs; want one page per refresh and no GET (log: %v)",
			lists, gets, slices.Collect(func(yield func(string) bool) {
				for _, r := range e.Mock.Requests() {
					if !yield(r.Method + " " + r.Path) {
						return
					}
				}
			}))
	}
}

// TestAccBudget_billingErrors: an account off the enhanced billing platform, or a caller who
// is neither an owner nor a billing manager, gets one clear error and no retry.
func TestAccBudget_billingErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		set  func(m *mockgithub.Mock, owner string)
		want string
	}{
		"not enhanced": {func(m *mockgithub.Mock, owner string) { m.SetEnhancedBilling(owner, false) }, `enhanced\s+billing\s+platform`},
		"no role":      {func(m *mockgithub.Mock, owner string) { m.SetBillingRole(owner, false) }, `owner[\s\S]*billing\s+manager`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			forEachScope(t, func(t *testing.T, sc scopeCase) {
				e := newTestEnv(t, mockgithub.Config{})
				tc.set(e.Mock, sc.path)
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: e.factories(),
					Steps: []resource.TestStep{{
						Config: budgetConfig(e, sc, `
  product               = "actions"
  amount                = 1
  prevent_further_usage = true
  alerting = { enabled = false }
`),
						ExpectError: regexp.MustCompile(`Unable to Create Budget[\s\S]*` + tc.want),
					}},
				})
				if n := e.Mock.Count("", `/settings/billing`); n != 1 {
					t.Fatalf("%d billing requests, want 1 (no retry, no POST after the failed list)", n)
				}
			})
		})
	}
}

// TestAccBudget_validationFailed: GitHub's 422 (here a repository the organization does not
// have) is not retried, lands on applies_to.name, and leaves nothing in state or the mock.
func TestAccBudget_validationFailed(t *testing.T) {
	t.Parallel()
	sc := scopeCases[0]
	e := newTestEnv(t, mockgithub.Config{})
	seeded := seededBudgetIDs(t, e, sc)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoNewBudgets(e, sc, seeded),
		Steps: []resource.TestStep{{
			Config: budgetConfig(e, sc, `
  sku                   = "actions_linux"
  amount                = 10
  prevent_further_usage = true
  applies_to            = { type = "repository", name = "acme/no-such-repo" }
  alerting              = { enabled = false }
`),
			// "GitHub refused the value" is the detail of a field error placed on its attribute.
			ExpectError: regexp.MustCompile(`Unable to Create Budget[\s\S]*GitHub\s+refused\s+the\s+value:\s+Repository\s+"acme/no-such-repo"`),
		}},
	})
	if n := e.Mock.Count("POST", budgetsPathRe); n != 1 {
		t.Fatalf("%d POSTs, want 1 (a 422 is not retried, nor looked for)", n)
	}
	if left := newBudgets(e, sc, seeded); len(left) != 0 {
		t.Fatalf("the refused create left %+v", left)
	}
}
