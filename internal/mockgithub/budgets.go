package mockgithub

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// budgetsDocs is the documentation link of the budget error bodies.
const budgetsDocs = "https://docs.github.com/rest/billing/budgets"

// Budget is one budget of an organization or enterprise as tests see and seed it. The field
// names are the Go spelling of the budget schema's properties.
type Budget struct {
	ID                  string  // opaque; AddBudget and a create assign a UUID-like string when empty
	Type                string  // budget_type: "ProductPricing", "SkuPricing" or "BundlePricing"
	ProductSKU          string  // budget_product_sku: a product ("actions") or a SKU ("actions_linux")
	Scope               string  // budget_scope: "organization", "repository", "enterprise", "cost_center", ...
	EntityName          string  // budget_entity_name: the organization, "owner/repo", the cost center; "" for the enterprise
	Amount              float64 // budget_amount, whole US dollars (an integer in the schema)
	PreventFurtherUsage bool
	AlertingEnabled     bool     // budget_alerting.will_alert
	AlertRecipients     []string // budget_alerting.alert_recipients (user logins)
	ConsumedAmount      float64  // consumed_amount: what is spent so far in the current period
	User                string   // user: the login of a user-scoped budget
	ExpiresAt           string   // expires_at (YYYY-MM-DD): organization user-scoped budgets only
}

// clone copies a budget so callers cannot reach the store.
func (b *Budget) clone() Budget {
	out := *b
	out.AlertRecipients = append([]string{}, b.AlertRecipients...)
	return out
}

// budgetStore holds an owner's budgets in creation order, plus its billing switches.
type budgetStore struct {
	byID  map[string]*Budget
	order []string // ids in list order
	seq   int      // budgets ever stored, for ids
	// notEnhanced: the owner is not on the enhanced billing platform ("Feature not enabled").
	notEnhanced bool
	// denied: the caller is neither an owner/administrator nor a billing manager (403).
	denied bool
}

// put stores b (replacing a budget with its id in place), giving it an id when it has none.
func (bs *budgetStore) put(scopeKey string, b Budget) *Budget {
	if bs.byID == nil {
		bs.byID = map[string]*Budget{}
	}
	bs.seq++
	if b.ID == "" {
		b.ID = uuidFrom(scopeKey, "budget", strconv.Itoa(bs.seq))
	}
	stored := b.clone()
	if _, ok := bs.byID[b.ID]; !ok {
		bs.order = append(bs.order, b.ID)
	}
	bs.byID[b.ID] = &stored
	return &stored
}

// remove deletes a budget and reports whether it existed.
func (bs *budgetStore) remove(id string) bool {
	if _, ok := bs.byID[id]; !ok {
		return false
	}
	delete(bs.byID, id)
	for i, o := range bs.order {
		if o == id {
			bs.order = append(bs.order[:i], bs.order[i+1:]...)
			break
		}
	}
	return true
}

// sorted returns the budgets in list order.
func (bs *budgetStore) sorted() []*Budget {
	out := make([]*Budget, 0, len(bs.order))
	for _, id := range bs.order {
		out = append(out, bs.byID[id])
	}
	return out
}

// uuidFrom derives a stable UUID-shaped lower-case hex id from parts.
func uuidFrom(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// coverageKey is what the mock allows one budget of: the covered entity and the product or
// SKU. GitHub's description does not document a duplicate answer; that a second budget for
// the same coverage answers 422 is the mock's assumption.
func (b *Budget) coverageKey() string {
	return strings.ToLower(strings.Join([]string{b.Scope, b.EntityName, b.User, b.ProductSKU}, "|"))
}

// seededBudgets returns the budgets an owner starts with: one Actions SKU budget and
// budgets of other products (AI credits, Copilot, Packages) that an Actions-only client skips.
func seededBudgets(s *scope) []Budget {
	if s.enterprise {
		return []Budget{
			{Type: "SkuPricing", ProductSKU: "actions_windows", Scope: "organization", EntityName: s.owner + "-sandbox",
				Amount: 300, PreventFurtherUsage: true, AlertingEnabled: true, AlertRecipients: []string{"mock-admin"}, ConsumedAmount: 112.5},
			{Type: "BundlePricing", ProductSKU: "ai_credits", Scope: "multi_user_customer",
				Amount: 1000, PreventFurtherUsage: true, AlertRecipients: []string{}},
			{Type: "ProductPricing", ProductSKU: "packages", Scope: "cost_center", EntityName: "platform",
				Amount: 250, PreventFurtherUsage: true, AlertRecipients: []string{}, ConsumedAmount: 12},
		}
	}
	return []Budget{
		{Type: "SkuPricing", ProductSKU: "actions_macos", Scope: "repository", EntityName: s.owner + "/docs",
			Amount: 50, AlertingEnabled: true, AlertRecipients: []string{"mock-admin"}, ConsumedAmount: 17.25},
		{Type: "BundlePricing", ProductSKU: "ai_credits", Scope: "user", User: "mock-admin",
			Amount: 20, PreventFurtherUsage: true, AlertRecipients: []string{}, ConsumedAmount: 4.5},
		{Type: "ProductPricing", ProductSKU: "copilot", Scope: "organization", EntityName: s.owner,
			Amount: 400, AlertingEnabled: true, AlertRecipients: []string{"mock-admin"}, ConsumedAmount: 190},
	}
}

// Budgets returns every budget of an owner ("orgs/<org>" or "enterprises/<enterprise>", any
// case) in list order (nil for an unknown owner).
func (m *Mock) Budgets(owner string) []Budget {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(owner)
	if s == nil {
		return nil
	}
	var out []Budget
	for _, b := range s.budgets.sorted() {
		out = append(out, b.clone())
	}
	return out
}

// GetBudget returns one budget of an owner.
func (m *Mock) GetBudget(owner, id string) (Budget, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(owner)
	if s == nil || s.budgets.byID[id] == nil {
		return Budget{}, false
	}
	return s.budgets.byID[id].clone(), true
}

// AddBudget stores a budget out of band (a seed, or another tool's create) exactly as given,
// enforcing no rule: an empty ID gets a new one, an existing ID is replaced in place. It
// returns the budget as stored, costs O(1) and panics on an unknown owner.
func (m *Mock) AddBudget(owner string, b Budget) Budget {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.mustScope(owner).budgets.put(strings.ToLower(owner), b).clone()
}

// RemoveBudget deletes a budget out of band and reports whether it existed.
func (m *Mock) RemoveBudget(owner, id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(owner)
	return s != nil && s.budgets.remove(id)
}

// SetBudgetConsumed sets a budget's consumed amount and reports whether the budget exists.
func (m *Mock) SetBudgetConsumed(owner, id string, amount float64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(owner)
	if s == nil || s.budgets.byID[id] == nil {
		return false
	}
	s.budgets.byID[id].ConsumedAmount = amount
	return true
}

// SetEnhancedBilling puts an owner on the enhanced billing platform (the default) or takes it
// off: off, every budget and usage operation of the owner answers 404 "Not Found", as the
// description's "Feature not enabled" examples do. It panics on an unknown owner.
func (m *Mock) SetEnhancedBilling(owner string, enabled bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mustScope(owner).budgets.notEnhanced = !enabled
}

// SetBillingRole makes every caller an owner (or administrator) and billing manager of the
// owner (true, the default) or neither (false): then every budget and usage operation of the
// owner answers 403. It panics on an unknown owner.
func (m *Mock) SetBillingRole(owner string, allowed bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mustScope(owner).budgets.denied = !allowed
}

// billing wraps a budget or usage operation in the checks every one makes first: the
// caller's role (403, naming action), then the owner's billing platform (404).
func billing(action string, handle func(m *Mock, c *call)) func(m *Mock, c *call) {
	return func(m *Mock, c *call) {
		switch {
		case c.scope.budgets.denied:
			c.res.setError(http.StatusForbidden, "Insufficient permissions to "+action+".", budgetsDocs)
		case c.scope.budgets.notEnhanced:
			c.notFound()
		default:
			handle(m, c)
		}
	}
}

// budgetAlerting is the budget_alerting object.
type budgetAlerting struct {
	WillAlert       bool     `json:"will_alert"`
	AlertRecipients []string `json:"alert_recipients"`
}

// budgetBody is a budget as the answers render it; each shape (list item, get, create,
// update) fills only the optional fields its schema has.
type budgetBody struct {
	ID                  string         `json:"id"`
	BudgetType          string         `json:"budget_type"`
	BudgetProductSKU    *string        `json:"budget_product_sku,omitempty"`
	BudgetProductSKUs   []string       `json:"budget_product_skus,omitempty"` // Config.ExampleShapedBudgets lists only
	BudgetScope         string         `json:"budget_scope"`
	BudgetEntityName    string         `json:"budget_entity_name"`
	User                string         `json:"user,omitempty"`
	ConsumedAmount      *float64       `json:"consumed_amount,omitempty"`
	BudgetAmount        json.Number    `json:"budget_amount"`
	PreventFurtherUsage bool           `json:"prevent_further_usage"`
	BudgetAlerting      budgetAlerting `json:"budget_alerting"`
	ExpiresAt           string         `json:"expires_at,omitempty"`
}

// baseBody renders the fields every shape has, the amount as a JSON integer when it is whole.
func (b *Budget) baseBody() budgetBody {
	c := b.clone()
	return budgetBody{
		ID: c.ID, BudgetType: c.Type, BudgetProductSKU: &c.ProductSKU, BudgetScope: c.Scope, BudgetEntityName: c.EntityName,
		BudgetAmount: json.Number(strconv.FormatFloat(c.Amount, 'f', -1, 64)), PreventFurtherUsage: c.PreventFurtherUsage,
		BudgetAlerting: budgetAlerting{WillAlert: c.AlertingEnabled, AlertRecipients: c.AlertRecipients},
	}
}

// exampleAmount writes a whole amount with a decimal point ("1000.0"), as the examples do.
func (out *budgetBody) exampleAmount(amount float64) {
	if amount == math.Trunc(amount) {
		out.BudgetAmount = json.Number(strconv.FormatFloat(amount, 'f', 1, 64))
	}
}

// getBody renders the get-budget schema: user, but no consumed_amount and no expires_at.
func (m *Mock) getBody(b *Budget) budgetBody {
	out := b.baseBody()
	out.User = b.User
	if m.cfg.ExampleShapedBudgets {
		out.exampleAmount(b.Amount)
	}
	return out
}

// createBody renders create-budget's budget: expires_at, but no user and no consumed_amount.
func (m *Mock) createBody(b *Budget) budgetBody {
	out := b.baseBody()
	out.ExpiresAt = b.ExpiresAt
	return out
}

// updateBody renders update-budget's budget: user, expires_at and consumed_amount (for
// user-scoped budgets only with Config.ConsumedAmountUserScopeOnly).
func (m *Mock) updateBody(b *Budget) budgetBody {
	out := b.baseBody()
	out.User, out.ExpiresAt = b.User, b.ExpiresAt
	if !m.cfg.ConsumedAmountUserScopeOnly || b.Scope == "user" {
		consumed := b.ConsumedAmount
		out.ConsumedAmount = &consumed
	}
	return out
}

// listBody renders the budget schema (list items): the update shape, or with
// Config.ExampleShapedBudgets the examples' budget_product_skus array and decimal amounts.
func (m *Mock) listBody(b *Budget) budgetBody {
	out := m.updateBody(b)
	if m.cfg.ExampleShapedBudgets {
		out.BudgetProductSKU, out.BudgetProductSKUs = nil, []string{b.ProductSKU}
		out.exampleAmount(b.Amount)
	}
	return out
}

// budget returns the budget of the path, or answers 404.
func (c *call) budget() *Budget {
	id := c.r.PathValue("budget_id")
	b := c.scope.budgets.byID[id]
	if b == nil {
		c.res.setError(http.StatusNotFound, fmt.Sprintf("Budget with ID %s not found.", id), budgetsDocs)
	}
	return b
}

// budgetsPerPage is the budget lists' per_page default (their maximum is 100 too).
const budgetsPerPage = 10

func (m *Mock) listBudgets(c *call) {
	q := c.r.URL.Query()
	var all []budgetBody
	for _, b := range c.scope.budgets.sorted() {
		// The scope filter's value is not checked: a value no budget has matches nothing.
		if f := q.Get("scope"); f == "" || f == b.Scope {
			all = append(all, m.listBody(b))
		}
	}
	page, perPage := pageWindow(q, budgetsPerPage)
	c.res.setJSON(http.StatusOK, struct {
		Budgets     []budgetBody `json:"budgets"`
		HasNextPage bool         `json:"has_next_page"`
		TotalCount  int          `json:"total_count"`
	}{pageSlice(all, page, perPage), page < (len(all)+perPage-1)/perPage, len(all)})
}

func (m *Mock) getBudget(c *call) {
	if b := c.budget(); b != nil {
		c.res.setJSON(http.StatusOK, m.getBody(b))
	}
}

func (m *Mock) deleteBudget(c *call) {
	if b := c.budget(); b != nil {
		c.scope.budgets.remove(b.ID)
		answer := map[string]string{"message": "Budget successfully deleted.", "id": b.ID}
		if m.cfg.ExampleShapedBudgets { // the delete-budget example: budget_id, not the required id
			answer = map[string]string{"message": answer["message"], "budget_id": b.ID}
		}
		c.res.setJSON(http.StatusOK, answer)
	}
}

func (m *Mock) createBudget(c *call) {
	next := Budget{AlertRecipients: []string{}}
	if !c.validated("Budget", budgetsDocs, func(v *validation, obj map[string]json.RawMessage) {
		// The organization schema requires nothing and neither schema requires the product
		// or SKU; the mock requires what a budget answer must carry and no default gives.
		required := []string{"budget_amount", "budget_scope", "budget_type", "budget_product_sku"}
		if c.scope.enterprise {
			required = append(required, "prevent_further_usage", "budget_alerting")
		}
		for _, key := range required {
			v.require(obj, key, key)
		}
		alerting := c.decodeBudget(v, obj, &next)
		if c.scope.enterprise && alerting != nil {
			v.require(alerting, "will_alert", "budget_alerting.will_alert")
			v.require(alerting, "alert_recipients", "budget_alerting.alert_recipients")
		}
		if userScoped(next.Scope) && (next.AlertingEnabled || len(next.AlertRecipients) > 0) {
			v.add("budget_alerting", "invalid", "Alerting is not supported for user-scoped budgets.")
		}
		if len(v.errs) == 0 {
			m.checkBudget(c, v, &next)
		}
	}) {
		return
	}
	stored := c.scope.budgets.put(scopeKeyOf(c.scope), next)
	c.res.setJSON(http.StatusOK, struct {
		Message string     `json:"message"`
		Budget  budgetBody `json:"budget"`
	}{"Budget successfully created.", m.createBody(stored)})
}

func (m *Mock) updateBudget(c *call) {
	b := c.budget()
	if b == nil {
		return
	}
	next := b.clone()
	if !c.validated("Budget", budgetsDocs, func(v *validation, obj map[string]json.RawMessage) {
		c.decodeBudget(v, obj, &next)
		if userScoped(next.Scope) { // "Ignored for user-scopes as alerting is always disabled for them."
			next.AlertingEnabled, next.AlertRecipients = false, []string{}
		}
		if len(v.errs) == 0 {
			m.checkBudget(c, v, &next)
		}
	}) {
		return
	}
	*b = next
	c.res.setJSON(http.StatusOK, struct {
		Message string     `json:"message"`
		Budget  budgetBody `json:"budget"`
	}{"Budget successfully updated.", m.updateBody(b)})
}

// Scope values per owner. An organization's create enumerates four; its update schema lists
// six but its text the same four, so the mock accepts the four for both.
var (
	orgCreateScopes = []string{"organization", "repository", "multi_user_customer", "user"}
	entScopes       = []string{"enterprise", "organization", "repository", "cost_center", "multi_user_customer", "multi_user_cost_center", "user"}
	budgetTypes     = []string{"BundlePricing", "ProductPricing", "SkuPricing"}
	// budgetProducts are the products a ProductPricing budget may cover. The description
	// names actions and packages; the others are the mock's reading of GitHub's products.
	budgetProducts = []string{"actions", "packages", "codespaces", "copilot", "git_lfs"}
	// aiSKUs are the only products of the user and multi-user scopes.
	aiSKUs = []string{"ai_credits", "premium_requests"}
)

// skuPattern is a SKU of a product: the product, an underscore and lower-case letters,
// digits and underscores ("actions_linux", "actions_linux_4_core"). The description names
// no SKU list; this rule is the mock's.
var skuPattern = regexp.MustCompile(`^(` + strings.Join(budgetProducts, "|") + `)_[a-z0-9_]+$`)

// loginPattern is a GitHub login: letters, digits and single inner hyphens, at most 39.
var loginPattern = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)

// userScoped reports whether a scope is one the description limits to AI credits.
func userScoped(scope string) bool {
	return scope == "user" || scope == "multi_user_customer" || scope == "multi_user_cost_center"
}

// scopeKeyOf returns a scope's key, for ids.
func scopeKeyOf(s *scope) string {
	if s.enterprise {
		return "enterprises/" + strings.ToLower(s.owner)
	}
	return "orgs/" + strings.ToLower(s.owner)
}

// decodeBudget decodes the fields a create or update may send into next, checking each one's
// type and form, and returns the budget_alerting object when one was sent.
func (c *call) decodeBudget(v *validation, obj map[string]json.RawMessage, next *Budget) map[string]json.RawMessage {
	if v.decode(obj, "budget_amount", "budget_amount", &next.Amount) {
		switch {
		case next.Amount != math.Trunc(next.Amount):
			v.add("budget_amount", "invalid", "budget_amount is not an integer.")
		case next.Amount < 0:
			v.add("budget_amount", "invalid", "Budget amount must be 0 or more.")
		}
	}
	v.decode(obj, "prevent_further_usage", "prevent_further_usage", &next.PreventFurtherUsage)
	var alerting map[string]json.RawMessage
	if v.decode(obj, "budget_alerting", "budget_alerting", &alerting) {
		v.decode(alerting, "will_alert", "budget_alerting.will_alert", &next.AlertingEnabled)
		if v.decode(alerting, "alert_recipients", "budget_alerting.alert_recipients", &next.AlertRecipients) {
			for _, login := range next.AlertRecipients {
				if len(login) > 39 || !loginPattern.MatchString(login) {
					v.add("budget_alerting.alert_recipients", "invalid", fmt.Sprintf("%q is not a valid user login.", login))
				}
			}
		}
	}
	if v.decode(obj, "budget_scope", "budget_scope", &next.Scope) && !slices.Contains(entScopes, next.Scope) {
		v.add("budget_scope", "invalid", "Budget scope must be one of "+strings.Join(entScopes, ", ")+".")
	}
	v.decode(obj, "budget_entity_name", "budget_entity_name", &next.EntityName)
	if v.decode(obj, "budget_type", "budget_type", &next.Type) && !slices.Contains(budgetTypes, next.Type) {
		v.add("budget_type", "invalid", "Budget type must be one of "+strings.Join(budgetTypes, ", ")+".")
	}
	v.decode(obj, "budget_product_sku", "budget_product_sku", &next.ProductSKU)
	v.decode(obj, "user", "user", &next.User)
	c.decodeExpiry(v, obj, next)
	return alerting
}

// decodeExpiry decodes expires_at: a future YYYY-MM-DD date, or (update) null or 0 to remove
// it. The enterprise bodies have no expires_at; the mock ignores one sent there.
func (c *call) decodeExpiry(v *validation, obj map[string]json.RawMessage, next *Budget) {
	raw, ok := obj["expires_at"]
	if !ok || c.scope.enterprise {
		return
	}
	if s := string(raw); s == "null" || s == "0" {
		next.ExpiresAt = ""
		return
	}
	var date string
	if !v.decode(obj, "expires_at", "expires_at", &date) {
		return
	}
	t, err := time.Parse(time.DateOnly, date)
	switch {
	case err != nil:
		v.add("expires_at", "invalid", "expires_at must be a date in YYYY-MM-DD format.")
	case !t.After(c.now.UTC().Truncate(24 * time.Hour)):
		v.add("expires_at", "invalid", "Only dates in the future are accepted.")
	default:
		next.ExpiresAt = date
	}
}

// checkBudget checks the rules between fields of a budget about to be stored, normalises its
// entity name, and checks that no other budget has its coverage.
func (m *Mock) checkBudget(c *call, v *validation, next *Budget) {
	s := c.scope
	if !s.enterprise && !slices.Contains(orgCreateScopes, next.Scope) {
		v.add("budget_scope", "invalid", "Budget scope must be one of "+strings.Join(orgCreateScopes, ", ")+" for an organization.")
		return
	}
	switch next.Type {
	case "BundlePricing":
		if next.ProductSKU != "ai_credits" {
			v.add("budget_product_sku", "invalid", "BundlePricing budgets cover ai_credits only.")
		}
	case "ProductPricing":
		if !slices.Contains(budgetProducts, next.ProductSKU) {
			v.add("budget_product_sku", "invalid", fmt.Sprintf("%q is not a product; ProductPricing takes one of %s.", next.ProductSKU, strings.Join(budgetProducts, ", ")))
		}
	case "SkuPricing":
		if !skuPattern.MatchString(next.ProductSKU) && next.ProductSKU != "premium_requests" {
			v.add("budget_product_sku", "invalid", fmt.Sprintf("%q is not a SKU; SkuPricing takes a single SKU such as actions_linux.", next.ProductSKU))
		}
	}
	if userScoped(next.Scope) {
		if !slices.Contains(aiSKUs, next.ProductSKU) {
			v.add("budget_scope", "invalid", "The "+next.Scope+" scope is only supported when budget_product_sku is ai_credits or premium_requests.")
		}
		if !next.PreventFurtherUsage {
			v.add("prevent_further_usage", "invalid", "prevent_further_usage must be true for the "+next.Scope+" scope.")
		}
	}
	if next.Scope == "user" && next.User == "" {
		v.add("user", "missing_field", "user is required when budget_scope is user.")
	}
	if next.ExpiresAt != "" && next.Scope != "user" {
		v.add("expires_at", "invalid", "expires_at is only supported for budgets with budget_scope user.")
	}
	if entity, reason := m.coveredEntity(s, next.Scope, next.EntityName); reason != "" {
		v.add("budget_entity_name", "invalid", reason)
	} else {
		next.EntityName = entity
	}
	if len(v.errs) > 0 {
		return
	}
	for _, other := range s.budgets.sorted() {
		if other.ID != next.ID && other.coverageKey() == next.coverageKey() {
			v.add("budget_product_sku", "already_exists", fmt.Sprintf("A budget for %s %q and %s already exists (id %s).",
				next.Scope, next.EntityName, next.ProductSKU, other.ID))
			return
		}
	}
}

// coveredEntity checks a budget's entity name against its scope and returns the name as
// stored (the owner's or repository's own spelling), or why it is refused. An organization
// owner's organization scope and an enterprise's enterprise scope take "" for the owner
// itself; the organization is then stored by name (as the create example shows), the
// enterprise as "" ("enterprise does not require a name").
func (m *Mock) coveredEntity(s *scope, budgetScope, entity string) (string, string) {
	switch budgetScope {
	case "enterprise":
		if entity != "" && !strings.EqualFold(entity, s.owner) {
			return "", fmt.Sprintf("An enterprise budget covers the enterprise %s itself.", s.owner)
		}
		return "", ""
	case "organization":
		if !s.enterprise {
			if entity != "" && !strings.EqualFold(entity, s.owner) {
				return "", fmt.Sprintf("An organization budget covers the organization %s itself.", s.owner)
			}
			return s.owner, ""
		}
		for _, o := range s.orgs {
			if strings.EqualFold(o.Login, entity) {
				return o.Login, ""
			}
		}
		return "", fmt.Sprintf("Organization %q is not part of the enterprise %s.", entity, s.owner)
	case "repository":
		owner, name, ok := strings.Cut(entity, "/")
		org := s
		if s.enterprise {
			org = m.scopes["orgs/"+strings.ToLower(owner)]
			if !slices.Contains(orgLogins(s), strings.ToLower(owner)) {
				org = nil
			}
		} else if !strings.EqualFold(owner, s.owner) {
			org = nil
		}
		if ok && org != nil {
			for _, r := range org.repos {
				if strings.EqualFold(r.Name, name) {
					return org.owner + "/" + r.Name, ""
				}
			}
		}
		return "", fmt.Sprintf("Repository %q (owner/repository) does not exist in %s.", entity, s.owner)
	case "cost_center":
		if entity == "" {
			return "", "A cost center budget needs the cost center's name."
		}
		return entity, "" // cost centers are not modelled: any name is taken
	default: // the user and multi-user scopes name no entity
		return entity, ""
	}
}

// orgLogins returns an enterprise's organization logins, lower-case.
func orgLogins(s *scope) []string {
	var out []string
	for _, o := range s.orgs {
		out = append(out, strings.ToLower(o.Login))
	}
	return out
}
