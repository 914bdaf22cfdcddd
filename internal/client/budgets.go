package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Budget types (budget_type). Answers carry ProductPricing or SkuPricing; BundlePricing is an
// AI-credit budget, which lists may hold and which this client skips.
const (
	BudgetTypeProduct = "ProductPricing"
	BudgetTypeSKU     = "SkuPricing"
	BudgetTypeBundle  = "BundlePricing"
)

// Budget scopes (budget_scope): what a budget covers.
const (
	BudgetScopeEnterprise   = "enterprise"
	BudgetScopeOrganization = "organization"
	BudgetScopeRepository   = "repository"
	BudgetScopeCostCenter   = "cost_center"
)

// ActionsProduct is the budget_product_sku of a budget on all of Actions; an Actions SKU is
// "actions_" followed by its name (GitHub documents only actions_linux).
const ActionsProduct = "actions"

// BudgetAlerting is budget_alerting.
type BudgetAlerting struct {
	WillAlert       bool     `json:"will_alert"`
	AlertRecipients []string `json:"alert_recipients"`
}

// Budget is a budget of an organization or enterprise, normalised from every shape GitHub
// answers with: the list item (`budget`), the bare get (`get-budget`) and the budget wrapped
// in a create or update answer. Amounts written as 1000.0 are whole numbers; a list item that
// carries `budget_product_skus: [sku]` (as GitHub's examples do) has that one SKU.
type Budget struct {
	ID                  string
	Type                string // budget_type
	ProductSKU          string // budget_product_sku: "actions" or an Actions SKU
	Scope               string // budget_scope
	EntityName          string // budget_entity_name; "" where GitHub leaves it out
	User                string
	Amount              int64
	PreventFurtherUsage bool
	Alerting            BudgetAlerting
	// ConsumedAmount is what GitHub reports as spent, nil when the answer has none.
	ConsumedAmount *float64

	problem error // what the answer lacks or gets wrong, reported by validate
}

// UnmarshalJSON decodes any of the budget shapes. It fails only on JSON that is not an object
// of the right field types; what the budget lacks is kept for validate, so that a list can
// skip budgets of other products whatever they hold.
func (b *Budget) UnmarshalJSON(data []byte) error {
	var wire struct {
		ID                  string      `json:"id"`
		Type                string      `json:"budget_type"`
		ProductSKU          *string     `json:"budget_product_sku"`
		ProductSKUs         []string    `json:"budget_product_skus"`
		Scope               string      `json:"budget_scope"`
		EntityName          string      `json:"budget_entity_name"`
		User                string      `json:"user"`
		Amount              json.Number `json:"budget_amount"`
		PreventFurtherUsage *bool       `json:"prevent_further_usage"`
		Alerting            *struct {
			WillAlert       *bool    `json:"will_alert"`
			AlertRecipients []string `json:"alert_recipients"`
		} `json:"budget_alerting"`
		ConsumedAmount *float64 `json:"consumed_amount"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*b = Budget{ID: wire.ID, Type: wire.Type, Scope: wire.Scope, EntityName: wire.EntityName, User: wire.User,
		ConsumedAmount: wire.ConsumedAmount}
	var problems []error
	switch {
	case wire.ProductSKU != nil:
		b.ProductSKU = *wire.ProductSKU
	case len(wire.ProductSKUs) == 1:
		b.ProductSKU = wire.ProductSKUs[0]
	case len(wire.ProductSKUs) > 1:
		problems = append(problems, fmt.Errorf("GitHub's answer is not a valid budget: it covers %d products or SKUs (%s), not one",
			len(wire.ProductSKUs), strings.Join(wire.ProductSKUs, ", ")))
	}
	if wire.Amount == "" {
		problems = append(problems, missing("budget", "budget_amount"))
	} else if amount, err := wholeNumber(wire.Amount); err != nil || amount < 0 {
		problems = append(problems, fmt.Errorf("GitHub's answer is not a valid budget: budget_amount %s is not a whole number of dollars, 0 or more", wire.Amount))
	} else {
		b.Amount = amount
	}
	if wire.PreventFurtherUsage == nil {
		problems = append(problems, missing("budget", "prevent_further_usage"))
	} else {
		b.PreventFurtherUsage = *wire.PreventFurtherUsage
	}
	switch {
	case wire.Alerting == nil:
		problems = append(problems, missing("budget", "budget_alerting"))
	case wire.Alerting.WillAlert == nil:
		problems = append(problems, missing("budget", "budget_alerting.will_alert"))
	case wire.Alerting.AlertRecipients == nil:
		problems = append(problems, missing("budget", "budget_alerting.alert_recipients"))
	default:
		b.Alerting = BudgetAlerting{WillAlert: *wire.Alerting.WillAlert, AlertRecipients: wire.Alerting.AlertRecipients}
	}
	b.problem = errors.Join(problems...)
	return nil
}

// IsActions reports whether the budget is on Actions: the product or one of its SKUs. Budgets
// of other products (packages, AI credits under BundlePricing) are not.
func (b Budget) IsActions() bool {
	return b.Type != BudgetTypeBundle && IsActionsProductOrSKU(b.ProductSKU)
}

// IsActionsProductOrSKU reports whether s is "actions" or an Actions SKU ("actions_...").
func IsActionsProductOrSKU(s string) bool {
	return s == ActionsProduct || strings.HasPrefix(s, ActionsProduct+"_") && len(s) > len(ActionsProduct)+1
}

// validate checks what state needs: the fields the `budget` schema requires.
func (b Budget) validate() error {
	switch {
	case b.ID == "":
		return missing("budget", "id")
	case b.problem != nil:
		return b.problem
	case b.Type == "":
		return missing("budget", "budget_type")
	case b.ProductSKU == "":
		return missing("budget", "budget_product_sku")
	case b.Scope == "":
		return missing("budget", "budget_scope")
	}
	return nil
}

// validateListed is validate for a list item: a budget of another product needs only its id,
// since it is skipped.
func (b Budget) validateListed() error {
	if b.ID == "" {
		return missing("budget", "id")
	}
	if !b.IsActions() {
		return nil
	}
	return b.validate()
}

// Coverage is what a budget covers and on what: GitHub allows one budget per covered entity
// and product or SKU. Its fields are in lower case, and the entity of the owner's own scope
// (an organization budget of that organization, an enterprise budget of that enterprise) is
// the owner's name, however the answer writes it ("" included).
type Coverage struct {
	ProductSKU string
	Scope      string
	EntityName string
}

// String renders the coverage for messages and as the key a create compares.
func (c Coverage) String() string {
	return fmt.Sprintf("%s budget on %s %q", c.ProductSKU, c.Scope, c.EntityName)
}

// CoverageOf returns the coverage of a budget of owner with that product or SKU, scope and
// entity name.
func CoverageOf(owner Scope, productSKU, scope, entity string) Coverage {
	entity = strings.ToLower(entity)
	switch {
	case scope == owner.Noun():
		entity = strings.ToLower(owner.Name)
	case scope == BudgetScopeRepository && !owner.IsEnterprise() && !strings.Contains(entity, "/"):
		entity = strings.ToLower(owner.Name) + "/" + entity // a repository named without its owner
	}
	return Coverage{ProductSKU: strings.ToLower(productSKU), Scope: scope, EntityName: entity}
}

// Coverage returns what the budget of owner covers.
func (b Budget) Coverage(owner Scope) Coverage {
	return CoverageOf(owner, b.ProductSKU, b.Scope, b.EntityName)
}

// BudgetRequest is the body of a create (every field) or an update (amount, prevent further
// usage and alerting).
type BudgetRequest struct {
	Amount              *int64          `json:"budget_amount,omitempty"`
	PreventFurtherUsage *bool           `json:"prevent_further_usage,omitempty"`
	Alerting            *BudgetAlerting `json:"budget_alerting,omitempty"`
	Scope               string          `json:"budget_scope,omitempty"`
	EntityName          *string         `json:"budget_entity_name,omitempty"`
	Type                string          `json:"budget_type,omitempty"`
	ProductSKU          string          `json:"budget_product_sku,omitempty"`
}

// billingPath renders the scope's billing path followed by the escaped segments:
// /organizations/{org}/settings/billing/... (organizations, not orgs) or
// /enterprises/{enterprise}/settings/billing/....
func billingPath(s Scope, segments ...string) string {
	prefix := s
	if !s.IsEnterprise() {
		prefix.Kind = "organizations"
	}
	return scopePath(prefix, append([]string{"settings", "billing"}, segments...)...)
}

// budgetsPath renders the scope's budgets path followed by the segments.
func budgetsPath(s Scope, segments ...string) string {
	return billingPath(s, append([]string{"budgets"}, segments...)...)
}

// budgetAnswer is the create and update answer: {message, budget}.
type budgetAnswer struct {
	Budget *Budget `json:"budget"`
}

func (a budgetAnswer) validate() error {
	if a.Budget == nil {
		return missing("budget answer", "budget")
	}
	return a.Budget.validate()
}

// ListBudgets lists the scope's Actions budgets, 100 a page, until a page says
// has_next_page: false (bounded by total_count and a page limit; a page that holds only
// budgets already read is refused). Budgets of other products are skipped, whatever shape
// they have; an Actions budget that lacks what the schema requires fails the list.
func (c *Client) ListBudgets(ctx context.Context, scope Scope) ([]Budget, error) {
	all, err := listCounted(ctx, c, budgetsPath(scope), "", "budgets", "budgets", Budget.validateListed,
		func(b Budget) string { return b.ID })
	if err != nil {
		return nil, err
	}
	return filter(all, Budget.IsActions), nil
}

// CreateBudget creates a budget. GitHub answers 200 with {message, budget}; a 404 means the
// account is not on the enhanced billing platform (or does not exist).
func (c *Client) CreateBudget(ctx context.Context, scope Scope, req BudgetRequest) (*Budget, error) {
	out, err := doValid[budgetAnswer](ctx, c, http.MethodPost, budgetsPath(scope), req, http.StatusOK)
	if err != nil {
		return nil, billingError(err)
	}
	return out.Budget, nil
}

// GetBudget gets one budget (GitHub answers the bare budget).
func (c *Client) GetBudget(ctx context.Context, scope Scope, id string) (*Budget, error) {
	if id == "" {
		return nil, errEmptyID
	}
	return doSame(ctx, c, http.MethodGet, budgetsPath(scope, id), nil, "budget", func(b Budget) string { return b.ID }, id)
}

// UpdateBudget updates a budget in place; GitHub answers 200 with {message, budget}.
func (c *Client) UpdateBudget(ctx context.Context, scope Scope, id string, req BudgetRequest) (*Budget, error) {
	if id == "" {
		return nil, errEmptyID
	}
	path := budgetsPath(scope, id)
	out, err := doValid[budgetAnswer](ctx, c, http.MethodPatch, path, req, http.StatusOK)
	if err != nil {
		return nil, billingError(err)
	}
	if out.Budget.ID != id {
		return nil, fmt.Errorf("%s %s: GitHub answered with budget %s, not %s", http.MethodPatch, path, out.Budget.ID, id)
	}
	return out.Budget, nil
}

// deleteAnswer is the delete answer: {message, id} by the schema, {message, budget_id} by
// GitHub's example.
type deleteAnswer struct {
	ID       string `json:"id"`
	BudgetID string `json:"budget_id"`
}

func (a deleteAnswer) validate() error {
	if a.ID == "" && a.BudgetID == "" {
		return missing("budget deletion answer", "id")
	}
	return nil
}

// DeleteBudget deletes a budget; GitHub answers 200 naming the deleted budget's id.
func (c *Client) DeleteBudget(ctx context.Context, scope Scope, id string) error {
	if id == "" {
		return errEmptyID
	}
	path := budgetsPath(scope, id)
	out, err := doValid[deleteAnswer](ctx, c, http.MethodDelete, path, nil, http.StatusOK)
	if err != nil {
		return err
	}
	if got := out.ID + out.BudgetID; out.ID != id && out.BudgetID != id {
		return fmt.Errorf("%s %s: GitHub answered that it deleted budget %s, not %s", http.MethodDelete, path, got, id)
	}
	return nil
}

// FeatureNotEnabledError is GitHub's 404 to a budget create or update: "Feature not enabled
// or organization not found". It wraps the APIError.
type FeatureNotEnabledError struct {
	*APIError
}

func (e *FeatureNotEnabledError) Error() string {
	return e.APIError.Error() + ". GitHub answers 404 to a budget create or update when the " + "account is not on the " +
		"enhanced billing platform (budgets are a feature of it), when the account does not exist, or when the " +
		"credentials may not see it"
}

// Unwrap returns the APIError.
func (e *FeatureNotEnabledError) Unwrap() error { return e.APIError }

// billingError turns a 404 to a budget write into a FeatureNotEnabledError.
func billingError(err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		return &FeatureNotEnabledError{APIError: apiErr}
	}
	return err
}

// filter keeps the items keep accepts.
func filter[T any](items []T, keep func(T) bool) []T {
	var out []T
	for _, item := range items {
		if keep(item) {
			out = append(out, item)
		}
	}
	return out
}
