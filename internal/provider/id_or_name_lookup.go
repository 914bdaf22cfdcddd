package provider

import (
	"fmt"

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
	found, ok := selectOne(diags, filter(all, func(v T) bool { return l.name(v) == name }), l.noun,
		fmt.Sprintf("the name %q in the %s %q (%d %s searched)", name, l.scope.Noun(), l.scope.Name, len(all), l.plural), l.label)
	if !ok {
		return nil
	}
	return &found
}
