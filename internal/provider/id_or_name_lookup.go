package provider

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// idOrNameLookup is how a single-object data source that takes exactly one of `id` and `name`
// finds its object: a GET by id (a 404 is an error on `id`), or the one element of the scope's
// list with that name (none or several is an error that says what was searched).
type idOrNameLookup[T any] struct {
	noun, plural string // "runner group", "groups"
	scope        client.Scope
	list         func() ([]T, error)
	name         func(T) string
	label        func(T) string // how a match is named in a "several match" error
}

// byID reads the object with id (as the user wrote it) through get.
func (l idOrNameLookup[T]) byID(diags *diag.Diagnostics, id string, get func() (*T, error)) *T {
	found, err := get()
	if client.IsNotFound(err) {
		diags.AddAttributeError(path.Root("id"), titleCase(l.noun)+" Not Found",
			fmt.Sprintf("The %s %q has no %s with ID %s.", l.scope.Noun(), l.scope.Name, l.noun, id))
		return nil
	}
	if err != nil {
		addError(diags, "Unable to Read "+titleCase(l.noun), err, l.scope, nil)
		return nil
	}
	return found
}

// byName returns the one object of the scope's list named name.
func (l idOrNameLookup[T]) byName(diags *diag.Diagnostics, name string) *T {
	all, err := l.list()
	if err != nil {
		addError(diags, "Unable to List "+titleCase(l.noun)+"s", err, l.scope, nil)
		return nil
	}
	found, ok := selectFrom(diags, all, func(v T) bool { return l.name(v) == name }, l.noun,
		fmt.Sprintf("the name %q in the %s %q (%d %s searched)", name, l.scope.Noun(), l.scope.Name, len(all), l.plural), l.label)
	if !ok {
		return nil
	}
	return &found
}

// maxListed is how many existing objects a "not found" error names at most.
const maxListed = 25

// selectFrom returns the one element of all that keep accepts. When none does, the error
// lists what exists (existing), so that a name that is not there shows the names that are;
// when several do, selectOne lists them.
func selectFrom[T any](diags *diag.Diagnostics, all []T, keep func(T) bool, noun, searched string, describe func(T) string) (T, bool) {
	matches := filter(all, keep)
	if len(matches) == 0 {
		diags.AddError(titleCase(noun)+" Not Found", fmt.Sprintf("No %s matches %s. %s", noun, searched, existing(all, describe)))
		var zero T
		return zero, false
	}
	return selectOne(diags, matches, noun, searched, describe)
}

// existing names the elements of all, sorted, at most maxListed of them.
func existing[T any](all []T, describe func(T) string) string {
	if len(all) == 0 {
		return "There are none."
	}
	names := mapAll(all, describe)
	sort.Strings(names)
	if len(names) <= maxListed {
		return "Those that exist: " + strings.Join(names, ", ") + "."
	}
	return fmt.Sprintf("Those that exist (the first %d of %d): %s, …", maxListed, len(names), strings.Join(names[:maxListed], ", "))
}
