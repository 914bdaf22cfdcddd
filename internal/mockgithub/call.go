package mockgithub

import (
	"net/http"
	"strconv"
	"time"
)

// call is one request routed to its handler.
type call struct {
	r     *http.Request // as routed: PathValue gives the path's wildcards
	body  []byte
	now   time.Time
	id    identity
	scope *scope // the operation's organization or enterprise; nil for the integration routes
	res   *response
}

// notFound answers 404.
func (c *call) notFound() { c.res.setError(http.StatusNotFound, "Not Found", docsRoot) }

// pathInt returns an integer wildcard of the path (the router checked its form).
func (c *call) pathInt(name string) int64 {
	n, _ := strconv.ParseInt(c.r.PathValue(name), 10, 64)
	return n
}
