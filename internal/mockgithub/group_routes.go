package mockgithub

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// Documentation links of the runner group and networking error bodies.
const (
	groupsDocs  = "https://docs.github.com/rest/actions/self-hosted-runner-groups"
	networkDocs = "https://docs.github.com/rest/orgs/network-configurations"
)

// groupRoute is one of the 31 runner group and hosted-compute networking operations.
type groupRoute struct {
	kind    string // "orgs" or "enterprises"
	method  string
	pattern []string // segments after /{kind}/{name}; "{id}" is an integer, "{key}" any non-empty segment
	apps    bool     // enabledForGitHubApps
	oauth   string   // X-Accepted-OAuth-Scopes ("" when the description states none)
	handle  func(m *Mock, c *call)
}

// Scopes that the descriptions name for each family of operations.
const (
	orgGroupScope  = "admin:org"
	entGroupScope  = "manage_runners:enterprise"
	netReadScope   = "read:network_configurations"
	netWriteScope  = "write:network_configurations"
	hostedOrgScope = "manage_runners:org"
)

// groupRoutes lists the operations; literal segments are listed before placeholders.
var groupRoutes = []groupRoute{
	{"orgs", http.MethodGet, []string{"actions", "runner-groups"}, true, orgGroupScope, (*Mock).listGroups},
	{"orgs", http.MethodPost, []string{"actions", "runner-groups"}, true, orgGroupScope, (*Mock).createGroup},
	{"orgs", http.MethodGet, []string{"actions", "runner-groups", "{id}"}, true, orgGroupScope, (*Mock).getGroup},
	{"orgs", http.MethodPatch, []string{"actions", "runner-groups", "{id}"}, true, orgGroupScope, (*Mock).updateGroup},
	{"orgs", http.MethodDelete, []string{"actions", "runner-groups", "{id}"}, true, orgGroupScope, (*Mock).deleteGroup},
	{"orgs", http.MethodGet, []string{"actions", "runner-groups", "{id}", "hosted-runners"}, true, orgGroupScope, (*Mock).listGroupRunners},
	{"orgs", http.MethodGet, []string{"actions", "runner-groups", "{id}", "repositories"}, true, orgGroupScope, (*Mock).listMembers},
	{"orgs", http.MethodPut, []string{"actions", "runner-groups", "{id}", "repositories"}, true, orgGroupScope, (*Mock).setMembers},
	{"orgs", http.MethodPut, []string{"actions", "runner-groups", "{id}", "repositories", "{id}"}, true, orgGroupScope, (*Mock).addMember},
	{"orgs", http.MethodDelete, []string{"actions", "runner-groups", "{id}", "repositories", "{id}"}, true, orgGroupScope, (*Mock).removeMember},

	{"enterprises", http.MethodGet, []string{"actions", "runner-groups"}, false, entGroupScope, (*Mock).listGroups},
	{"enterprises", http.MethodPost, []string{"actions", "runner-groups"}, false, entGroupScope, (*Mock).createGroup},
	{"enterprises", http.MethodGet, []string{"actions", "runner-groups", "{id}"}, false, entGroupScope, (*Mock).getGroup},
	{"enterprises", http.MethodPatch, []string{"actions", "runner-groups", "{id}"}, false, entGroupScope, (*Mock).updateGroup},
	{"enterprises", http.MethodDelete, []string{"actions", "runner-groups", "{id}"}, false, entGroupScope, (*Mock).deleteGroup},
	{"enterprises", http.MethodGet, []string{"actions", "runner-groups", "{id}", "organizations"}, false, entGroupScope, (*Mock).listMembers},
	{"enterprises", http.MethodPut, []string{"actions", "runner-groups", "{id}", "organizations"}, false, entGroupScope, (*Mock).setMembers},
	{"enterprises", http.MethodPut, []string{"actions", "runner-groups", "{id}", "organizations", "{id}"}, false, entGroupScope, (*Mock).addMember},
	{"enterprises", http.MethodDelete, []string{"actions", "runner-groups", "{id}", "organizations", "{id}"}, false, entGroupScope, (*Mock).removeMember},

	{"orgs", http.MethodGet, []string{"settings", "network-configurations"}, true, netReadScope, (*Mock).listNetworkConfigs},
	{"orgs", http.MethodPost, []string{"settings", "network-configurations"}, true, netWriteScope, (*Mock).createNetworkConfig},
	{"orgs", http.MethodGet, []string{"settings", "network-configurations", "{key}"}, true, netReadScope, (*Mock).getNetworkConfig},
	{"orgs", http.MethodPatch, []string{"settings", "network-configurations", "{key}"}, true, netWriteScope, (*Mock).updateNetworkConfig},
	{"orgs", http.MethodDelete, []string{"settings", "network-configurations", "{key}"}, true, netWriteScope, (*Mock).deleteNetworkConfig},
	{"orgs", http.MethodGet, []string{"settings", "network-settings", "{key}"}, true, netReadScope, (*Mock).getNetworkSettings},

	{"enterprises", http.MethodGet, []string{"network-configurations"}, false, "", (*Mock).listNetworkConfigs},
	{"enterprises", http.MethodPost, []string{"network-configurations"}, false, "", (*Mock).createNetworkConfig},
	{"enterprises", http.MethodGet, []string{"network-configurations", "{key}"}, false, "", (*Mock).getNetworkConfig},
	{"enterprises", http.MethodPatch, []string{"network-configurations", "{key}"}, false, "", (*Mock).updateNetworkConfig},
	{"enterprises", http.MethodDelete, []string{"network-configurations", "{key}"}, false, "", (*Mock).deleteNetworkConfig},
	{"enterprises", http.MethodGet, []string{"network-settings", "{key}"}, false, "", (*Mock).getNetworkSettings},
}

// scopedRoutes are the operations routed by groupRoute: runner groups, networking and the
// self-hosted runner policy (self_hosted_runner_policy.go).
var scopedRoutes = slices.Concat(groupRoutes, selfHostedRoutes)

// matchAnyRoute finds the operation of a request among the hosted-runner operations, the
// runner group and networking ones and the budget and usage ones (budgets.go), returning its
// placeholder values, the scope key and the X-Accepted-OAuth-Scopes to answer with.
func matchAnyRoute(method string, segs []string) (op operation, params []string, scopeKey, oauth string, ok bool) {
	if op, params, scopeKey, ok = matchRoute(method, segs); ok {
		oauth = hostedOrgScope
		if segs[0] == "enterprises" {
			oauth = entGroupScope
		}
		return op, params, scopeKey, oauth, true
	}
	if len(segs) < 3 || segs[1] == "" {
		return operation{}, nil, "", "", false
	}
	for _, gr := range scopedRoutes {
		if gr.kind != segs[0] || gr.method != method {
			continue
		}
		if params, ok := matchPattern(gr.pattern, segs[2:]); ok {
			op := operation{method: gr.method, pattern: gr.pattern, orgApps: gr.apps, entApps: gr.apps, handle: gr.handle}
			return op, params, segs[0] + "/" + strings.ToLower(segs[1]), gr.oauth, true
		}
	}
	if op, params, scopeKey, ok = matchBillingRoute(method, segs); ok {
		return op, params, scopeKey, "", true // the billing descriptions name no OAuth scope
	}
	return operation{}, nil, "", "", false
}

// validated decodes the request's JSON object body and hands it to check; it answers 400 for
// a body that is not an object and 422 (errors attributed to resource) when check recorded
// any, and reports whether the operation may go on.
func (c *call) validated(resource, docs string, check func(v *validation, obj map[string]json.RawMessage)) bool {
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return false
	}
	v := &validation{}
	check(v, obj)
	if len(v.errs) > 0 {
		c.invalidAs(resource, docs, v)
		return false
	}
	return true
}
