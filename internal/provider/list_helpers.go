package provider

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// mapAll maps every element of a list.
func mapAll[T, M any](in []T, fn func(T) M) []M {
	out := make([]M, 0, len(in))
	for _, v := range in {
		out = append(out, fn(v))
	}
	return out
}

// filter keeps the elements for which keep is true.
func filter[T any](in []T, keep func(T) bool) []T {
	out := make([]T, 0, len(in))
	for _, v := range in {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// selectOne returns the only element of matches. Otherwise it adds an error that says what
// was searched for and, when several matched, lists them with describe.
func selectOne[T any](diags *diag.Diagnostics, matches []T, noun, searched string, describe func(T) string) (T, bool) {
	var zero T
	switch len(matches) {
	case 1:
		return matches[0], true
	case 0:
		diags.AddError(titleCase(noun)+" Not Found", fmt.Sprintf("No %s matches %s.", noun, searched))
		return zero, false
	}
	names := mapAll(matches, describe)
	sort.Strings(names)
	diags.AddError("Several "+titleCase(noun)+"s Match", fmt.Sprintf("%d %ss match %s; narrow the search so that exactly one does. They are: %s.",
		len(matches), noun, searched, strings.Join(names, ", ")))
	return zero, false
}

// titleCase capitalizes every word, for diagnostic summaries.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// quoteAll quotes every value, comma-separated, or says "none".
func quoteAll(values []string) string {
	if len(values) == 0 {
		return "none"
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strconv.Quote(v)
	}
	return strings.Join(out, ", ")
}
