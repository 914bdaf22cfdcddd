package provider

import "testing"

// scopeCase is one of the two scopes every resource and data source is tested in.
type scopeCase struct {
	name  string // test name suffix
	attr  string // "organization" or "enterprise"
	owner string // the org or enterprise name
	path  string // the mock's scope key and import prefix
}

var scopeCases = []scopeCase{
	{name: "org", attr: "organization", owner: "acme", path: "orgs/acme"},
	{name: "enterprise", attr: "enterprise", owner: "acme-corp", path: "enterprises/acme-corp"},
}

// forEachScope runs fn once per scope, each as a parallel subtest named for the scope.
func forEachScope(t *testing.T, fn func(t *testing.T, sc scopeCase)) {
	t.Helper()
	for _, sc := range scopeCases {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			fn(t, sc)
		})
	}
}
