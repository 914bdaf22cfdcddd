package client

import (
	"fmt"
	"net/url"
	"strings"
)

// ScopeKind says whether a Scope is an organization or an enterprise. Its value is the
// first segment of the REST path ("orgs" or "enterprises").
type ScopeKind string

const (
	// KindOrganization is the /orgs/{org} prefix.
	KindOrganization ScopeKind = "orgs"
	// KindEnterprise is the /enterprises/{enterprise} prefix.
	KindEnterprise ScopeKind = "enterprises"
)

// Scope is the owner of hosted runners: one organization or one enterprise. Every operation
// takes a Scope, so nothing above the client is written twice for the two kinds.
type Scope struct {
	Kind ScopeKind
	Name string
}

// Organization returns the scope of the organization org.
func Organization(org string) Scope { return Scope{Kind: KindOrganization, Name: org} }

// Enterprise returns the scope of the enterprise slug ent.
func Enterprise(ent string) Scope { return Scope{Kind: KindEnterprise, Name: ent} }

// String renders the scope as its REST path prefix without the leading slash, for example
// "orgs/acme"; it is also the first part of every import ID.
func (s Scope) String() string { return string(s.Kind) + "/" + s.Name }

// IsEnterprise reports whether the scope is an enterprise.
func (s Scope) IsEnterprise() bool { return s.Kind == KindEnterprise }

// Noun names the kind of scope for messages ("organization" or "enterprise").
func (s Scope) Noun() string {
	if s.IsEnterprise() {
		return "enterprise"
	}
	return "organization"
}

// Key identifies the scope wherever one is a key: caches, limits, counts, gates and name
// checks. GitHub treats organization and enterprise names case-insensitively, so "orgs/acme"
// and "orgs/ACME" have one Key; never key anything by String or Name.
func (s Scope) Key() string { return strings.ToLower(s.String()) }

// Same reports whether two scopes are one account, whatever the letter case of their names.
func (s Scope) Same(o Scope) bool { return s.Key() == o.Key() }

// ParseScope parses "orgs/<org>" or "enterprises/<enterprise>".
func ParseScope(kind, name string) (Scope, error) {
	if name == "" {
		return Scope{}, fmt.Errorf("the %s name is empty", kind)
	}
	switch ScopeKind(kind) {
	case KindOrganization, KindEnterprise:
		return Scope{Kind: ScopeKind(kind), Name: name}, nil
	}
	return Scope{}, fmt.Errorf("%q is neither \"orgs\" nor \"enterprises\"", kind)
}

// path renders /{kind}/{name}/actions/hosted-runners followed by the escaped segments.
func (s Scope) path(segments ...string) string {
	return scopePath(s, append([]string{"actions", "hosted-runners"}, segments...)...)
}

// scopePath renders /{kind}/{name} followed by the escaped segments.
func scopePath(s Scope, segments ...string) string {
	var b strings.Builder
	b.WriteString("/")
	b.WriteString(string(s.Kind))
	b.WriteString("/")
	b.WriteString(url.PathEscape(s.Name))
	for _, seg := range segments {
		b.WriteString("/")
		b.WriteString(url.PathEscape(seg))
	}
	return b.String()
}
