package mockgithub

import (
	"net/http"
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
