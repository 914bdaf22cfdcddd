package mockgithub

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// usageDocs is the documentation link of the usage error bodies.
const usageDocs = "https://docs.github.com/rest/billing/usage"

// UsageItem is one line of an owner's billed usage in a month: the fields of a usage summary
// item (billing-usage-summary-report-org and -ghe), plus where and when the usage happened,
// which the filters and the detailed report (billing-usage-report) read.
type UsageItem struct {
	Product          string // "Actions" (the filter is case-insensitive)
	SKU              string // "actions_linux"
	UnitType         string // "minutes"
	PricePerUnit     float64
	GrossQuantity    float64
	GrossAmount      float64
	DiscountQuantity float64
	DiscountAmount   float64
	NetQuantity      float64
	NetAmount        float64
	Day              int    // 1-31; 0 counts in month queries only (and dates as the 1st in the report)
	Repository       string // "owner/repo", or "" for usage of no repository
	Organization     string // an enterprise's usage: the organization; "" for the enterprise's own
}

// usageStore holds an owner's usage by month.
type usageStore struct {
	months map[[2]int][]UsageItem // {year, month}
}

// SetUsage replaces an owner's usage for one month. It panics on an unknown owner.
func (m *Mock) SetUsage(owner string, year, month int, items []UsageItem) {
	m.mu.Lock()
	defer m.mu.Unlock()
	u := &m.mustScope(owner).usage
	if u.months == nil {
		u.months = map[[2]int][]UsageItem{}
	}
	u.months[[2]int{year, month}] = append([]UsageItem(nil), items...)
}

// seedUsage stores an owner's usage for the month of now and the month before: Actions
// minutes on four SKUs (the standard and a larger Linux runner, Windows, macOS), each in a
// repository, and one Packages line that an Actions-only reader skips. The previous month
// used 80% of the minutes. SKU names other than actions_linux are the mock's choice: the
// description names no other.
func (u *usageStore) seedUsage(s *scope, now time.Time) {
	u.months = map[[2]int][]UsageItem{}
	org, orgName := s.owner, ""
	if s.enterprise {
		org = s.orgs[0].Login
		orgName = org
	}
	line := func(product, sku, unit string, price, gross, discount float64, day int, repo string) UsageItem {
		cents := func(x float64) float64 { return math.Round(x*100) / 100 }
		item := UsageItem{
			Product: product, SKU: sku, UnitType: unit, PricePerUnit: price,
			GrossQuantity: gross, GrossAmount: cents(gross * price),
			DiscountQuantity: discount, DiscountAmount: cents(discount * price),
			NetQuantity: gross - discount, Day: day, Organization: orgName,
		}
		item.NetAmount = cents(item.GrossAmount - item.DiscountAmount)
		if repo != "" {
			item.Repository = org + "/" + repo
		}
		return item
	}
	for back, scale := range []float64{1, 0.8} {
		t := time.Date(now.Year(), now.Month()-time.Month(back), 1, 0, 0, 0, 0, time.UTC)
		u.months[[2]int{t.Year(), int(t.Month())}] = []UsageItem{
			line("Actions", "actions_linux", "minutes", 0.008, 12000*scale, 3000, 3, "api"),
			line("Actions", "actions_linux_4_core", "minutes", 0.016, 2500*scale, 0, 5, "infra"),
			line("Actions", "actions_windows", "minutes", 0.016, 1500*scale, 0, 7, "web"),
			line("Actions", "actions_macos", "minutes", 0.08, 200*scale, 0, 9, "docs"),
			line("Packages", "packages_data_transfer", "gigabytes", 0.5, 10*scale, 0, 0, ""),
		}
	}
}

// usageQuery is a usage request's filters.
type usageQuery struct {
	year, month, day                             int // month 0: the whole year (detailed report only)
	repository, product, sku, organization, cost string
}

// parseUsageQuery reads the year, month and day of a usage request and the filters, or
// answers 400. A query without a month asks for defaultMonth (0: the whole year).
func (c *call) parseUsageQuery(defaultMonth int) (usageQuery, bool) {
	q := c.r.URL.Query()
	uq := usageQuery{year: c.now.Year(), month: defaultMonth, repository: q.Get("repository"), product: q.Get("product"),
		sku: q.Get("sku"), organization: q.Get("organization"), cost: q.Get("cost_center_id")}
	for _, p := range []struct {
		name     string
		dst      *int
		low, top int
	}{{"year", &uq.year, 1000, 9999}, {"month", &uq.month, 1, 12}, {"day", &uq.day, 1, 31}} {
		raw := q.Get(p.name)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < p.low || n > p.top {
			c.res.setError(http.StatusBadRequest, fmt.Sprintf("Invalid %s: %q is not an integer from %d to %d.", p.name, raw, p.low, p.top), usageDocs)
			return uq, false
		}
		*p.dst = n
	}
	if uq.day != 0 && uq.month == 0 {
		uq.month = int(c.now.Month()) // "If no year or month is specified, the default year and month are used."
	}
	return uq, true
}

// items returns the stored usage lines the query selects, with the month each belongs to.
func (uq usageQuery) items(u *usageStore) (lines []UsageItem, months []int) {
	for month := 1; month <= 12; month++ {
		if uq.month != 0 && month != uq.month {
			continue
		}
		for _, it := range u.months[[2]int{uq.year, month}] {
			if uq.day != 0 && it.Day != uq.day ||
				uq.repository != "" && !strings.EqualFold(it.Repository, uq.repository) ||
				uq.product != "" && !strings.EqualFold(it.Product, uq.product) ||
				uq.sku != "" && it.SKU != uq.sku ||
				uq.organization != "" && !strings.EqualFold(it.Organization, uq.organization) ||
				uq.cost != "" && uq.cost != "none" { // cost centers are not modelled: no usage has one
				continue
			}
			lines = append(lines, it)
			months = append(months, month)
		}
	}
	return lines, months
}

// usageSummaryItem is one item of a usage summary.
type usageSummaryItem struct {
	Product          string  `json:"product"`
	SKU              string  `json:"sku"`
	UnitType         string  `json:"unitType"`
	PricePerUnit     float64 `json:"pricePerUnit"`
	GrossQuantity    float64 `json:"grossQuantity"`
	GrossAmount      float64 `json:"grossAmount"`
	DiscountQuantity float64 `json:"discountQuantity"`
	DiscountAmount   float64 `json:"discountAmount"`
	NetQuantity      float64 `json:"netQuantity"`
	NetAmount        float64 `json:"netAmount"`
}

// timePeriod is a usage summary's period.
type timePeriod struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

func (m *Mock) usageSummary(c *call) {
	uq, ok := c.parseUsageQuery(int(c.now.Month())) // "Default value is the current month."
	if !ok {
		return
	}
	lines, _ := uq.items(&c.scope.usage)
	items := []usageSummaryItem{}
	index := map[string]int{}
	for _, it := range lines {
		key := fmt.Sprint(it.Product, "|", it.SKU, "|", it.UnitType, "|", it.PricePerUnit)
		i, seen := index[key]
		if !seen {
			i = len(items)
			index[key] = i
			items = append(items, usageSummaryItem{Product: it.Product, SKU: it.SKU, UnitType: it.UnitType, PricePerUnit: it.PricePerUnit})
		}
		sum := &items[i]
		sum.GrossQuantity += it.GrossQuantity
		sum.GrossAmount += it.GrossAmount
		sum.DiscountQuantity += it.DiscountQuantity
		sum.DiscountAmount += it.DiscountAmount
		sum.NetQuantity += it.NetQuantity
		sum.NetAmount += it.NetAmount
	}
	for i := range items { // sums of cents, kept in cents
		for _, f := range []*float64{&items[i].GrossAmount, &items[i].DiscountAmount, &items[i].NetAmount} {
			*f = math.Round(*f*100) / 100
		}
	}
	period := timePeriod{Year: uq.year, Month: uq.month, Day: uq.day}
	if c.scope.enterprise {
		c.res.setJSON(http.StatusOK, struct {
			TimePeriod   timePeriod         `json:"timePeriod"`
			Enterprise   string             `json:"enterprise"`
			Organization string             `json:"organization,omitempty"`
			Repository   string             `json:"repository,omitempty"`
			Product      string             `json:"product,omitempty"`
			SKU          string             `json:"sku,omitempty"`
			UsageItems   []usageSummaryItem `json:"usageItems"`
		}{period, c.scope.owner, uq.organization, uq.repository, uq.product, uq.sku, items})
		return
	}
	c.res.setJSON(http.StatusOK, struct {
		TimePeriod   timePeriod         `json:"timePeriod"`
		Organization string             `json:"organization"`
		Repository   string             `json:"repository,omitempty"`
		Product      string             `json:"product,omitempty"`
		SKU          string             `json:"sku,omitempty"`
		UsageItems   []usageSummaryItem `json:"usageItems"`
	}{period, c.scope.owner, uq.repository, uq.product, uq.sku, items})
}

// usageReportItem is one item of the detailed usage report.
type usageReportItem struct {
	Date             string  `json:"date"`
	Product          string  `json:"product"`
	SKU              string  `json:"sku"`
	Quantity         int64   `json:"quantity"`
	UnitType         string  `json:"unitType"`
	PricePerUnit     float64 `json:"pricePerUnit"`
	GrossAmount      float64 `json:"grossAmount"`
	DiscountAmount   float64 `json:"discountAmount"`
	NetAmount        float64 `json:"netAmount"`
	OrganizationName string  `json:"organizationName"`
	RepositoryName   string  `json:"repositoryName,omitempty"`
}

// usageReport answers the detailed report: one item per stored line, quantity (an integer in
// the schema) rounded from the gross quantity. Only year, month, day (and an enterprise's
// cost_center_id) filter it, as the description's parameters say.
func (m *Mock) usageReport(c *call) {
	uq, ok := c.parseUsageQuery(0) // the report's month has no default
	if !ok {
		return
	}
	uq.repository, uq.product, uq.sku, uq.organization = "", "", "", ""
	lines, months := uq.items(&c.scope.usage)
	items := []usageReportItem{}
	for i, it := range lines {
		org := it.Organization
		if org == "" {
			org = c.scope.owner
		}
		items = append(items, usageReportItem{
			Date:    fmt.Sprintf("%04d-%02d-%02d", uq.year, months[i], max(it.Day, 1)),
			Product: it.Product, SKU: it.SKU, Quantity: int64(math.Round(it.GrossQuantity)), UnitType: it.UnitType,
			PricePerUnit: it.PricePerUnit, GrossAmount: it.GrossAmount, DiscountAmount: it.DiscountAmount, NetAmount: it.NetAmount,
			OrganizationName: org, RepositoryName: it.Repository,
		})
	}
	c.res.setJSON(http.StatusOK, struct {
		UsageItems []usageReportItem `json:"usageItems"`
	}{items})
}
