package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// maxPages bounds a list whose first page gives no total_count, and any list however large
// its total_count: 1,000 pages of 100 are far more than any scope holds.
const maxPages = 1000

// pageSlack is how many pages beyond what total_count needs a list may take, for items added
// while it is read.
const pageSlack = 2

// paginate GETs path and every page its Link headers name as next, handing each body to fn.
// It stops with an error when the pages do not end: a page that is empty yet links to a next
// one, a next page already read, or more pages than the first page's total_count needs at its
// page size (plus pageSlack), or than maxPages.
func (c *Client) paginate(ctx context.Context, path string, fn func(body []byte) error) error {
	return c.walkPages(ctx, path, fn, nil)
}

// walkPages is paginate that, for a page without any Link header, asks unlinked (when not
// nil) for the URL of the page after page number page, "" when that page was the last. The
// same bounds hold for pages reached either way.
func (c *Client) walkPages(ctx context.Context, path string, fn func(body []byte) error, unlinked func(page int) string) error {
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	next := c.base.String() + path
	visited := map[string]bool{}
	limit, bound := maxPages, fmt.Sprintf("no list is read past %d pages", maxPages)
	for page := 1; next != ""; page++ {
		if visited[next] {
			return fmt.Errorf("GitHub's pagination of %s loops back to %s", path, next)
		}
		if page > limit {
			return fmt.Errorf("GitHub's pagination of %s does not end: page %d still links to a next page, but %s; stopping", path, page-1, bound)
		}
		visited[next] = true
		resp, body, err := c.send(ctx, http.MethodGet, next, nil) //nolint:bodyclose // send reads and closes the body
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return decodeAPIError(http.MethodGet, pathOf(resp.Request.URL), resp.StatusCode, resp.Header, body)
		}
		if err := fn(body); err != nil {
			return fmt.Errorf("GET %s: %w", pathOf(resp.Request.URL), err)
		}
		if unlinked != nil && len(resp.Header.Values("Link")) == 0 {
			next = unlinked(page)
		} else if next, err = c.nextPage(resp.Header); err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		items, total := pageCounts(body)
		if items == 0 {
			return fmt.Errorf("GitHub's pagination of %s does not end: page %d is empty yet links to a next page; stopping", path, page)
		}
		if page == 1 && total >= 0 && (total+items-1)/items+pageSlack < maxPages {
			limit = (total+items-1)/items + pageSlack
			bound = fmt.Sprintf("the first page's total_count of %d at %d a page needs %d (and %d more are allowed for items added meanwhile)",
				total, items, limit-pageSlack, pageSlack)
		}
	}
	return nil
}

// pageCounts returns how many items a list page holds (the length of its longest top-level
// array) and its total_count, or -1 when it has none.
func pageCounts(body []byte) (items, total int) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return 0, -1
	}
	total = -1
	if raw, ok := fields["total_count"]; ok && json.Unmarshal(raw, &total) != nil {
		total = -1
	}
	for _, raw := range fields {
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			items = max(items, len(list))
		}
	}
	return items, total
}

// nextPage returns the Link header's next URL, refusing one on another host: the credentials
// must never follow a link off the configured API.
func (c *Client) nextPage(h http.Header) (string, error) {
	next := NextLink(h.Values("Link"))
	if next == "" {
		return "", nil
	}
	u, err := c.base.Parse(next)
	if err != nil {
		return "", fmt.Errorf("GitHub's Link header names an invalid next page %q: %w", next, err)
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
		return "", fmt.Errorf("GitHub's Link header points to %s://%s, not the configured API %s://%s; refusing to follow it", u.Scheme, u.Host, c.base.Scheme, c.base.Host)
	}
	return u.String(), nil
}

// NextLink returns the URL of rel="next" in RFC 8288 Link header values, or "".
func NextLink(values []string) string {
	for _, value := range values {
		for _, link := range splitLinks(value) {
			lt, gt := strings.IndexByte(link, '<'), strings.IndexByte(link, '>')
			if lt != 0 || gt < 0 {
				continue
			}
			for _, param := range strings.Split(link[gt+1:], ";") {
				name, val, ok := strings.Cut(strings.TrimSpace(param), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(val), `"`)) {
					if strings.EqualFold(rel, "next") {
						return link[1:gt]
					}
				}
			}
		}
	}
	return ""
}

// splitLinks splits a Link header value at the commas between links (not inside <...>).
func splitLinks(value string) []string {
	var links []string
	depth, start := 0, 0
	for i, r := range value {
		switch r {
		case '<':
			depth++
		case '>':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				links = append(links, strings.TrimSpace(value[start:i]))
				start = i + 1
			}
		}
	}
	return append(links, strings.TrimSpace(value[start:]))
}
