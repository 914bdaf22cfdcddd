package provider

import (
	"strings"
	"testing"
)

// FuzzParseImportID: any import ID parses without panicking; an accepted one has the scope
// kind and name it was built from, and exactly the named parts, none empty.
func FuzzParseImportID(f *testing.F) {
	for _, seed := range []string{"orgs/acme/42", "enterprises/acme-corp/7", "orgs//1", "orgs/acme/", "users/x/1", "orgs/acme/1/2", "orgs/a%2Fb/1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := parseImportID(raw, "runner_id")
		if err != nil {
			return
		}
		if len(got.Parts) != 1 || got.Parts[0] == "" {
			t.Fatalf("parseImportID(%q) accepted parts %q", raw, got.Parts)
		}
		if want := got.Scope.String() + "/" + got.Parts[0]; want != raw {
			t.Fatalf("parseImportID(%q) = %s, which does not rebuild the ID", raw, want)
		}
		if strings.ContainsAny(got.Scope.Name, "/ ") || !slugPattern.MatchString(got.Scope.Name) {
			t.Fatalf("parseImportID(%q) accepted the scope name %q", raw, got.Scope.Name)
		}
		if _, err := positiveInt(got.Parts[0], "runner_id"); err == nil && strings.HasPrefix(got.Parts[0], "-") {
			t.Fatalf("positiveInt accepted %q", got.Parts[0])
		}
	})
}
