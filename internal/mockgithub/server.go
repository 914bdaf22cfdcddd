package mockgithub

import (
	"net/http"
	"slices"
	"strings"
)

// EnterpriseServerPrefix is where GitHub Enterprise Server serves the REST API. Clients such
// as integrations/terraform-provider-github add it to every base URL that is not
// api.github.com's.
const EnterpriseServerPrefix = "/api/v3"

// Handler serves m at the root, as api.github.com does, and under EnterpriseServerPrefix, as
// GitHub Enterprise Server does, so that such clients reach the same API at the same address.
// The request log records paths without the prefix.
// Any other path reaches m as it came (no cleaning or redirect).
func Handler(m *Mock) http.Handler {
	prefixed := http.StripPrefix(EnterpriseServerPrefix, m)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, EnterpriseServerPrefix+"/") {
			prefixed.ServeHTTP(w, r)
			return
		}
		m.ServeHTTP(w, r)
	})
}

// Operations lists every REST operation of the OpenAPI descriptions that the mock serves, as
// "METHOD /path/{placeholder}": the 32 hosted-runner operations, the 31 runner group and
// networking ones, and the 22 of billing.openapi.yaml it implements (budgets, usage and the
// self-hosted runner policy; not cost centers or a budget's user-states). The repository and
// account operations it serves for integrations/github are not among them.
func Operations() []string {
	var out []string
	for _, kind := range []string{"orgs", "enterprises"} {
		for _, op := range operations {
			out = append(out, op.method+" "+joinPath(slices.Concat([]string{kind, "{name}", "actions", "hosted-runners"}, op.pattern)))
		}
	}
	for _, gr := range scopedRoutes {
		out = append(out, gr.method+" "+joinPath(slices.Concat([]string{gr.kind, "{name}"}, gr.pattern)))
	}
	for _, br := range billingRoutes {
		out = append(out, br.method+" "+joinPath(slices.Concat([]string{br.kind, "{name}", "settings", "billing"}, br.pattern)))
	}
	return out
}

// joinPath joins path segments into an absolute path.
func joinPath(segs []string) string {
	return "/" + strings.Join(segs, "/")
}
