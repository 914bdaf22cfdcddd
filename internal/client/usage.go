package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// UsageQuery selects an Actions usage summary: a month of a year, optionally one day of it
// and one repository ("owner/name").
type UsageQuery struct {
	Year, Month, Day int
	Repository       string
}

// UsageItem is one line of a usage summary: a SKU's quantities and amounts.
type UsageItem struct {
	Product          string   `json:"product"`
	SKU              string   `json:"sku"`
	UnitType         string   `json:"unitType"`
	PricePerUnit     *float64 `json:"pricePerUnit"`
	GrossQuantity    *float64 `json:"grossQuantity"`
	GrossAmount      *float64 `json:"grossAmount"`
	DiscountQuantity *float64 `json:"discountQuantity"`
	DiscountAmount   *float64 `json:"discountAmount"`
	NetQuantity      *float64 `json:"netQuantity"`
	NetAmount        *float64 `json:"netAmount"`
}

func (u UsageItem) validate() error {
	for field, v := range map[string]bool{
		"product": u.Product != "", "sku": u.SKU != "", "unitType": u.UnitType != "", "pricePerUnit": u.PricePerUnit != nil,
		"grossQuantity": u.GrossQuantity != nil, "grossAmount": u.GrossAmount != nil, "discountQuantity": u.DiscountQuantity != nil,
		"discountAmount": u.DiscountAmount != nil, "netQuantity": u.NetQuantity != nil, "netAmount": u.NetAmount != nil,
	} {
		if !v {
			return missing("usage item", field)
		}
	}
	return nil
}

// UsageSummary is the billing-usage-summary-report-org and -ghe schemas in one.
type UsageSummary struct {
	TimePeriod *struct {
		Year  *int `json:"year"`
		Month int  `json:"month"`
		Day   int  `json:"day"`
	} `json:"timePeriod"`
	Organization string       `json:"organization"`
	Enterprise   string       `json:"enterprise"`
	Items        *[]UsageItem `json:"usageItems"`
}

// validate checks what the schemas require: the time period's year, the owner and the items.
func (s UsageSummary) validate() error {
	switch {
	case s.TimePeriod == nil || s.TimePeriod.Year == nil:
		return missing("usage summary", "timePeriod.year")
	case s.Items == nil:
		return missing("usage summary", "usageItems")
	}
	for _, item := range *s.Items {
		if err := item.validate(); err != nil {
			return err
		}
	}
	return nil
}

// GetActionsUsage gets the scope's Actions usage summary for the query. It asks GitHub for
// the product actions and keeps only Actions lines of the answer, whatever the server did
// with the filter. An answer for another year than asked is refused.
func (c *Client) GetActionsUsage(ctx context.Context, scope Scope, q UsageQuery) ([]UsageItem, error) {
	if q.Year <= 0 || q.Month < 1 || q.Month > 12 || q.Day < 0 || q.Day > 31 {
		return nil, fmt.Errorf("a usage summary needs a year, a month 1 to 12 and a day 0 (none) to 31, not %d-%d-%d", q.Year, q.Month, q.Day)
	}
	path := billingPath(scope, "usage", "summary")
	v := url.Values{"year": {strconv.Itoa(q.Year)}, "month": {strconv.Itoa(q.Month)}, "product": {ActionsProduct}}
	if q.Day > 0 {
		v.Set("day", strconv.Itoa(q.Day))
	}
	if q.Repository != "" {
		v.Set("repository", q.Repository)
	}
	out, err := doValid[UsageSummary](ctx, c, http.MethodGet, path+"?"+v.Encode(), nil, http.StatusOK)
	if err != nil {
		return nil, err
	}
	if *out.TimePeriod.Year != q.Year {
		return nil, fmt.Errorf("GET %s: GitHub answered with the usage of %d, not %d", path, *out.TimePeriod.Year, q.Year)
	}
	return filter(*out.Items, func(u UsageItem) bool { return strings.EqualFold(u.Product, ActionsProduct) }), nil
}
