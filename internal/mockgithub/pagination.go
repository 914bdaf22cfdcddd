package mockgithub

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Pagination bounds of every list.
const (
	defaultPerPage = 30
	maxPerPage     = 100
)

// pageOf returns the page of all that the request's page and per_page (default 30, at most
// 100) ask for, setting the Link header when there is more than one page.
func pageOf[T any](c *call, all []T) []T {
	page, perPage := pageWindow(c.r.URL.Query(), defaultPerPage)
	if link := linkHeader(c.r, page, (len(all)+perPage-1)/perPage); link != "" {
		c.res.header.Set("Link", link)
	}
	return pageSlice(all, page, perPage)
}

// pageWindow reads page (default 1) and per_page (default def, at most 100) from a query.
func pageWindow(q url.Values, def int) (page, perPage int) {
	perPage, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage < 1 {
		perPage = def
	}
	page, err = strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	return page, min(perPage, maxPerPage)
}

// pageSlice returns page of all at perPage items a page (empty past the end).
func pageSlice[T any](all []T, page, perPage int) []T {
	last := (len(all) + perPage - 1) / perPage
	if page > last {
		return []T{} // past the end, where (page-1)*perPage may overflow
	}
	return append([]T{}, all[(page-1)*perPage:min(page*perPage, len(all))]...)
}

// linkHeader builds GitHub's Link header for page of last from the request's own URL.
func linkHeader(r *http.Request, page, last int) string {
	if last <= 1 {
		return ""
	}
	at := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		return fmt.Sprintf("<%s%s>; rel=%q", apiBase(r), u.String(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, at(min(page-1, last), "prev"))
	}
	if page < last {
		links = append(links, at(page+1, "next"), at(last, "last"))
	}
	if page > 1 {
		links = append(links, at(1, "first"))
	}
	return strings.Join(links, ", ")
}
