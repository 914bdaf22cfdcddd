package client

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
)

// Nullable is a PATCH field that carries either a value or an explicit JSON null. A nil
// *Nullable field (tagged omitempty) is left out of the body, so the three cases GitHub tells
// apart are all expressible: absent (unchanged), null (unset) and a value.
type Nullable[T any] struct {
	Value T
	Null  bool
}

// Value returns a Nullable that sends v.
func Value[T any](v T) *Nullable[T] { return &Nullable[T]{Value: v} }

// Null returns a Nullable that sends null.
func Null[T any]() *Nullable[T] { return &Nullable[T]{Null: true} }

// MarshalJSON renders null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// wholeNumber converts a JSON number that the schemas declare as `number` (runner group ids,
// some total_count fields) to an integer, refusing fractions and values out of range. An
// absent number is 0.
func wholeNumber(n json.Number) (int64, error) {
	if n == "" {
		return 0, nil
	}
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is not a whole number", n)
	}
	return int64(f), nil
}

// validator is a decoded answer that can say whether it has the fields state needs.
type validator interface{ validate() error }

// doValid is do for a single-object answer: the decoded body must pass its validate, so an
// empty or shapeless answer never reaches state as a zero value.
func doValid[T validator](ctx context.Context, c *Client, method, path string, in any, want int) (*T, error) {
	var out T
	if err := c.do(ctx, method, path, in, &out, want); err != nil {
		return nil, err
	}
	if err := out.validate(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	return &out, nil
}

// doSame is doValid for a request that names one object (a GET, or a PATCH, answered 200): the
// answer must also be that object, its id (as id reads it) the one asked for.
func doSame[T validator, K comparable](ctx context.Context, c *Client, method, path string, in any, what string, id func(T) K, want K) (*T, error) {
	out, err := doValid[T](ctx, c, method, path, in, http.StatusOK)
	if err != nil {
		return nil, err
	}
	if got := id(*out); got != want {
		return nil, fmt.Errorf("%s %s: GitHub answered with %s %v, not %v", method, path, what, got, want)
	}
	return out, nil
}

// missing is the error of an answer without a required field.
func missing(what, field string) error {
	return fmt.Errorf("GitHub's answer is not a valid %s: it has no %s", what, field)
}

// totalCount converts a page's total_count, -1 when the page has none.
func totalCount(n json.Number) (int64, error) {
	if n == "" {
		return -1, nil
	}
	total, err := wholeNumber(n)
	if err != nil {
		return 0, fmt.Errorf("total_count: %w", err)
	}
	return total, nil
}

// listCounted reads a list that GitHub documents without a Link header (the runner group and
// access lists), 100 a page; query is the extra query string, already encoded. It returns the
// items under key, each checked by valid (see pageItems) and kept once by id. A page that
// carries a Link header is followed as paginate does (its next, or the end when it names
// none). A page without one is followed by page number, since no next page is named: the walk
// ends once total_count items have been read, or a page comes back empty (or, without a
// total_count, short), so a server that pages by fewer than 100 is followed to the total.
// A page that carries has_next_page (the billing lists) ends the walk when it is false and
// goes on when it is true, whatever the count read so far.
// Pages reached either way have paginate's bounds. A page that holds only items already read
// means the server ignores the page parameter: an error, not a list that repeats its first page.
func listCounted[T any, K comparable](ctx context.Context, c *Client, path, query, key, what string, valid func(T) error, id func(T) K) ([]T, error) {
	first := path + "?per_page=100"
	if query != "" {
		first = path + "?" + query + "&per_page=100"
	}
	var all []T
	seen := map[K]bool{}
	var read, total int64
	var last int   // items on the last page read
	var more *bool // the last page's has_next_page, nil when it has none
	err := c.walkPages(ctx, first, func(body []byte) error {
		items, err := pageItems(body, key, what, valid)
		if err != nil {
			return err
		}
		var counted struct {
			TotalCount  json.Number `json:"total_count"`
			HasNextPage *bool       `json:"has_next_page"`
		}
		if err := decodeJSON(body, &counted); err != nil {
			return err
		}
		more = counted.HasNextPage
		if total, err = totalCount(counted.TotalCount); err != nil {
			return err
		}
		added := 0
		for _, item := range items {
			if !seen[id(item)] {
				seen[id(item)] = true
				all = append(all, item)
				added++
			}
		}
		if added == 0 && len(items) > 0 {
			return fmt.Errorf("the page repeats %s already read; the server may not support the page parameter", what)
		}
		last, read = len(items), read+int64(len(items))
		return nil
	}, func(page int) string {
		switch {
		case last == 0, more != nil && !*more:
			return ""
		case more != nil:
			// has_next_page says there is more; walkPages bounds the pages by total_count.
		case total >= 0 && read >= total:
			return ""
		case total < 0 && last < 100:
			return "" // no total_count: a short page is the last
		}
		return c.base.String() + first + "&page=" + strconv.Itoa(page+1)
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// uniqueBy keeps the first of the items with the same id: pages read one after another repeat
// an item that moved from one page to the next meanwhile.
func uniqueBy[T any, K comparable](items []T, id func(T) K) []T {
	seen := make(map[K]bool, len(items))
	var out []T
	for _, item := range items {
		if !seen[id(item)] {
			seen[id(item)] = true
			out = append(out, item)
		}
	}
	return out
}

// listItems reads every page of the list at path (see paginate) and returns the items under
// key, each checked by valid (see pageItems).
func listItems[T any](ctx context.Context, c *Client, path, key, what string, valid func(T) error) ([]T, error) {
	var all []T
	err := c.paginate(ctx, path, func(body []byte) error {
		items, err := pageItems(body, key, what, valid)
		all = append(all, items...)
		return err
	})
	return all, err
}

// pageItems decodes one page of a list answer: the array under key, every item checked by
// valid. A page without the array is not a page of this list, and an item that fails valid
// would reach state as a zero value: both are errors.
func pageItems[T any](body []byte, key, what string, valid func(T) error) ([]T, error) {
	var page map[string]json.RawMessage
	if err := decodeJSON(body, &page); err != nil {
		return nil, err
	}
	raw, ok := page[key]
	if !ok || string(raw) == "null" {
		return nil, fmt.Errorf("GitHub's answer is not a list of %s: it has no %s", what, key)
	}
	var items []T
	if err := decodeJSON(raw, &items); err != nil {
		return nil, err
	}
	for _, item := range items {
		if err := valid(item); err != nil {
			return nil, err
		}
	}
	return items, nil
}
