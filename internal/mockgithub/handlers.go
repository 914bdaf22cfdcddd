package mockgithub

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Documentation links used in error bodies.
const (
	docsRoot    = "https://docs.github.com/rest"
	runnersDocs = "https://docs.github.com/rest/actions/hosted-runners"
)

// defaultAPIVersion is the version GitHub selects when X-GitHub-Api-Version is absent.
const defaultAPIVersion = "2022-11-28"

// apiError is GitHub's error body (basic-error and validation-error).
type apiError struct {
	Message          string       `json:"message"`
	Errors           []fieldError `json:"errors,omitempty"`
	DocumentationURL string       `json:"documentation_url"`
	Status           string       `json:"status"`
}

// fieldError is one entry of a validation error's errors[].
type fieldError struct {
	Resource string `json:"resource"`
	Field    string `json:"field"`
	Code     string `json:"code"`
	Message  string `json:"message,omitempty"`
}

// setJSON sets the status and JSON body of a response.
func (res *response) setJSON(status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // the mock only encodes its own types
	}
	res.status = status
	res.body = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// setError sets a {message, documentation_url} error.
func (res *response) setError(status int, message, docs string) {
	res.setJSON(status, apiError{Message: message, DocumentationURL: docs, Status: strconv.Itoa(status)})
}

// serve answers a request that reached the API. Call with m.mu held.
func (m *Mock) serve(r *http.Request, body []byte, reqID string) *response {
	now := m.clock.Now()
	id := m.identify(r)
	b := m.limits.bucketFor(id, m.cfg.RateLimit, now)
	res := &response{header: http.Header{}}
	res.header.Set("Content-Type", "application/json; charset=utf-8")
	res.header.Set("X-GitHub-Request-Id", reqID)
	res.header.Set("X-GitHub-Media-Type", "github.v3; format=json")
	m.route(res, r, body, id, b, now)
	if r.Method == http.MethodGet && res.status == http.StatusOK {
		setETag(res, r.Header.Get("If-None-Match"))
	}
	if res.status != http.StatusNotModified {
		b.count()
	}
	b.setHeaders(res.header)
	return res
}

// lengthRequired reports a write (PUT, POST or PATCH) sent without a Content-Length, such as a
// chunked one: GitHub asks for the length, "Content-Length: 0" when there is no body.
func lengthRequired(r *http.Request) bool {
	switch r.Method {
	case http.MethodPut, http.MethodPost, http.MethodPatch:
		return r.ContentLength < 0
	}
	return false
}

// route runs the checks every request passes, then the operation.
func (m *Mock) route(res *response, r *http.Request, body []byte, id identity, b *bucket, now time.Time) {
	if lengthRequired(r) {
		// GitHub's front end answers this before it looks at anything else, in HTML.
		res.status = http.StatusLengthRequired
		res.header.Set("Content-Type", "text/html")
		res.body = []byte("<html><head><title>411 Length Required</title></head><body><h1>411 Length Required</h1></body></html>\n")
		return
	}
	if r.Header.Get("User-Agent") == "" {
		res.setError(http.StatusForbidden, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header "+
			"(https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required). "+
			"Check https://developer.github.com for other possible causes.", docsRoot)
		return
	}
	if !m.checkAPIVersion(res, r.Header.Get("X-GitHub-Api-Version"), now) {
		return
	}
	segs := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if len(segs) == 4 && segs[0] == "app" && segs[1] == "installations" && segs[3] == "access_tokens" && r.Method == http.MethodPost {
		m.createInstallationToken(res, id, segs[2])
		return
	}
	switch id.kind {
	case idNone:
		res.setError(http.StatusUnauthorized, "Requires authentication", docsRoot)
		return
	case idBad, idJWT:
		res.setError(http.StatusUnauthorized, "Bad credentials", docsRoot)
		return
	}
	if b.exhausted() {
		who := "user ID 1"
		if id.kind == idInstallation {
			who = fmt.Sprintf("installation ID %d", m.cfg.InstallationID)
		}
		res.setError(http.StatusForbidden, "API rate limit exceeded for "+who+". If you reach out to GitHub Support for help, please include the request ID "+
			res.header.Get("X-GitHub-Request-Id")+".", rateLimitDocs)
		return
	}
	if m.serveAccount(res, r, segs, id) { // integrations_compat.go
		return
	}
	if m.serveRepository(res, r, segs, body) { // repositories.go
		return
	}
	op, params, scopeKey, oauth, ok := matchAnyRoute(r.Method, segs)
	if !ok {
		res.setError(http.StatusNotFound, "Not Found", docsRoot)
		return
	}
	s := m.scopes[scopeKey]
	if s == nil {
		res.setError(http.StatusNotFound, "Not Found", docsRoot)
		return
	}
	res.header.Set("X-Accepted-OAuth-Scopes", oauth)
	if id.kind == idInstallation && !op.forApps(s.enterprise) {
		perm := "organization_administration=write"
		if s.enterprise {
			perm = "enterprise_administration=write"
		}
		if segs[0] != "organizations" { // the billing descriptions name no permission
			res.header.Set("X-Accepted-GitHub-Permissions", perm)
		}
		res.setError(http.StatusForbidden, "Resource not accessible by integration", runnersDocs)
		return
	}
	s.sweep(now)
	op.handle(m, &call{r: r, body: body, now: now, scope: s, params: params, res: res})
}

// checkAPIVersion validates X-GitHub-Api-Version and reports whether to go on.
func (m *Mock) checkAPIVersion(res *response, v string, now time.Time) bool {
	if v == "" {
		res.header.Set("X-GitHub-Api-Version-Selected", defaultAPIVersion)
		return true
	}
	switch {
	case contains(m.cfg.SupportedAPIVersions, v):
	case contains(m.cfg.DeprecatedAPIVersions, v):
		res.header.Set("Deprecation", fmt.Sprintf("@%d", now.Unix()))
		res.header.Set("Sunset", now.AddDate(0, 3, 0).UTC().Format(http.TimeFormat))
	case contains(m.cfg.RetiredAPIVersions, v):
		res.setError(http.StatusGone, fmt.Sprintf("API version '%s' has been retired and is no longer supported.", v), docsRoot)
		return false
	default:
		res.setError(http.StatusBadRequest, fmt.Sprintf("API version '%s' is not a supported version.", v), docsRoot)
		return false
	}
	res.header.Set("X-GitHub-Api-Version-Selected", v)
	return true
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// setETag adds the body's ETag and turns a matching If-None-Match into a 304.
func setETag(res *response, ifNoneMatch string) {
	sum := sha256.Sum256(res.body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	res.header.Set("ETag", etag)
	for _, cand := range strings.Split(ifNoneMatch, ",") {
		cand = strings.TrimPrefix(strings.TrimSpace(cand), "W/")
		if cand == etag || cand == "*" {
			res.status = http.StatusNotModified
			res.body = nil
			res.header.Del("Link")
			return
		}
	}
}

// call is one operation's request.
type call struct {
	r      *http.Request
	body   []byte
	now    time.Time
	scope  *scope
	params []string // the path's placeholder values, in order
	res    *response
}

// operation is one operation of a scope: a hosted-runner one, or a runner group or networking
// one that matchAnyRoute made from its groupRoute.
type operation struct {
	method  string
	pattern []string // path segments after actions/hosted-runners (or /{kind}/{name}); "{id}", "{version}" and "{key}" (any segment) are placeholders
	orgApps bool     // enabledForGitHubApps of the organization operation
	entApps bool     // enabledForGitHubApps of the enterprise operation
	handle  func(m *Mock, c *call)
}

// forApps reports whether installation tokens may call the operation.
func (op operation) forApps(enterprise bool) bool {
	if enterprise {
		return op.entApps
	}
	return op.orgApps
}

// operations lists every operation; literal segments are tried before placeholders.
var operations = []operation{
	{http.MethodGet, nil, true, false, (*Mock).listRunners},
	{http.MethodPost, nil, true, false, (*Mock).createRunner},
	{http.MethodGet, []string{"images", "custom"}, true, false, (*Mock).listCustomImages},
	{http.MethodGet, []string{"images", "custom", "{id}"}, true, false, (*Mock).getCustomImage},
	{http.MethodDelete, []string{"images", "custom", "{id}"}, true, false, (*Mock).deleteCustomImage},
	{http.MethodGet, []string{"images", "custom", "{id}", "versions"}, true, false, (*Mock).listCustomImageVersions},
	{http.MethodGet, []string{"images", "custom", "{id}", "versions", "{version}"}, true, false, (*Mock).getCustomImageVersion},
	{http.MethodDelete, []string{"images", "custom", "{id}", "versions", "{version}"}, true, false, (*Mock).deleteCustomImageVersion},
	{http.MethodGet, []string{"images", "github-owned"}, true, false, (*Mock).listGitHubImages},
	{http.MethodGet, []string{"images", "partner"}, true, false, (*Mock).listPartnerImages},
	{http.MethodGet, []string{"limits"}, true, false, (*Mock).getLimits},
	{http.MethodGet, []string{"machine-sizes"}, true, false, (*Mock).listMachineSizes},
	{http.MethodGet, []string{"platforms"}, true, false, (*Mock).listPlatforms},
	{http.MethodGet, []string{"{id}"}, true, true, (*Mock).getRunner},
	{http.MethodPatch, []string{"{id}"}, true, false, (*Mock).updateRunner},
	{http.MethodDelete, []string{"{id}"}, false, false, (*Mock).deleteRunner},
}

// versionPattern is the version path parameter's pattern.
var versionPattern = regexp.MustCompile(`^\d+\.\d+\.\d+$`)

// matchRoute finds the operation for a method and path split into segments, returning
// its placeholder values and the scope key ("orgs/<org>" or "enterprises/<enterprise>").
func matchRoute(method string, segs []string) (operation, []string, string, bool) {
	if len(segs) < 4 || segs[0] != "orgs" && segs[0] != "enterprises" || segs[1] == "" ||
		segs[2] != "actions" || segs[3] != "hosted-runners" {
		return operation{}, nil, "", false
	}
	scopeKey := segs[0] + "/" + strings.ToLower(segs[1])
	rest := segs[4:]
	for _, op := range operations {
		if params, ok := matchPattern(op.pattern, rest); ok && op.method == method {
			return op, params, scopeKey, true
		}
	}
	return operation{}, nil, "", false
}

// matchPattern matches path segments against an operation pattern.
func matchPattern(pattern, segs []string) ([]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params []string
	for i, p := range pattern {
		switch p {
		case "{id}":
			if _, err := strconv.ParseInt(segs[i], 10, 64); err != nil {
				return nil, false
			}
			params = append(params, segs[i])
		case "{version}":
			if !versionPattern.MatchString(segs[i]) {
				return nil, false
			}
			params = append(params, segs[i])
		case "{key}":
			if segs[i] == "" {
				return nil, false
			}
			params = append(params, segs[i])
		default:
			if p != segs[i] {
				return nil, false
			}
		}
	}
	return params, true
}

// notFound answers 404.
func (c *call) notFound() { c.res.setError(http.StatusNotFound, "Not Found", docsRoot) }

// paramInt returns placeholder i as an integer (matchPattern checked it).
func (c *call) paramInt(i int) int64 {
	n, _ := strconv.ParseInt(c.params[i], 10, 64)
	return n
}

// runnerBody is the actions-hosted-runner schema.
type runnerBody struct {
	ID                 int64         `json:"id"`
	Name               string        `json:"name"`
	RunnerGroupID      int64         `json:"runner_group_id"`
	ImageDetails       *imageDetails `json:"image_details"`
	MachineSizeDetails machineSpec   `json:"machine_size_details"`
	Status             string        `json:"status"`
	Platform           string        `json:"platform"`
	MaximumRunners     int           `json:"maximum_runners"`
	PublicIPEnabled    bool          `json:"public_ip_enabled"`
	PublicIPs          []PublicIP    `json:"public_ips"`
	LastActiveOn       *string       `json:"last_active_on"`
	ImageGen           bool          `json:"image_gen"`
}

// body renders a runner at now.
func (r *runner) body(now time.Time) runnerBody {
	spec, ok := findSpec(r.spec.Size)
	if !ok {
		spec = machineSpec{ID: r.spec.Size}
	}
	img := r.image
	return runnerBody{
		ID:                 r.spec.ID,
		Name:               r.spec.Name,
		RunnerGroupID:      r.spec.RunnerGroupID,
		ImageDetails:       &img,
		MachineSizeDetails: spec,
		Status:             r.status(now),
		Platform:           r.spec.Platform,
		MaximumRunners:     r.spec.MaximumRunners,
		PublicIPEnabled:    r.spec.EnableStaticIP,
		PublicIPs:          r.publicIPs(now),
		ImageGen:           r.spec.ImageGen,
	}
}

// Pagination bounds of every list.
const (
	defaultPerPage = 30
	maxPerPage     = 100
)

func (m *Mock) listRunners(c *call) { c.setRunnerPage(c.scope.sortedRunners()) }

// setRunnerPage answers {total_count, runners} with the requested page of all.
func (c *call) setRunnerPage(all []*runner) {
	runners := []runnerBody{}
	for _, r := range pageOf(c, all) {
		runners = append(runners, r.body(c.now))
	}
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int          `json:"total_count"`
		Runners    []runnerBody `json:"runners"`
	}{len(all), runners})
}

// pageOf returns the page of all that the request's page and per_page (default 30, at most
// 100) ask for, setting the Link header when there is more than one page.
func pageOf[T any](c *call, all []T) []T {
	page, perPage := pageWindow(c.r.URL.Query(), defaultPerPage)
	if link := linkHeader(c.r, page, (len(all)+perPage-1)/perPage); link != "" {
		c.res.header.Set("Link", link)
	}
	return pageSlice(all, page, perPage)
}

// pageWindow reads page (default 1) and per_page (default def, at most 100) from a query.
func pageWindow(q url.Values, def int) (page, perPage int) {
	perPage, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage < 1 {
		perPage = def
	}
	page, err = strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	return page, min(perPage, maxPerPage)
}

// pageSlice returns page of all at perPage items a page (empty past the end).
func pageSlice[T any](all []T, page, perPage int) []T {
	last := (len(all) + perPage - 1) / perPage
	if page > last {
		return []T{} // past the end, where (page-1)*perPage may overflow
	}
	return append([]T{}, all[(page-1)*perPage:min(page*perPage, len(all))]...)
}

// apiBase is the scheme and host the request came to, for the URLs in answers.
func apiBase(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// linkHeader builds GitHub's Link header for page of last from the request's own URL.
func linkHeader(r *http.Request, page, last int) string {
	if last <= 1 {
		return ""
	}
	at := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		return fmt.Sprintf("<%s%s>; rel=%q", apiBase(r), u.String(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, at(min(page-1, last), "prev"))
	}
	if page < last {
		links = append(links, at(page+1, "next"), at(last, "last"))
	}
	if page > 1 {
		links = append(links, at(1, "first"))
	}
	return strings.Join(links, ", ")
}

func (m *Mock) getRunner(c *call) {
	r := c.scope.runners[c.paramInt(0)]
	if r == nil {
		c.notFound()
		return
	}
	c.res.setJSON(http.StatusOK, r.body(c.now))
}

func (m *Mock) deleteRunner(c *call) {
	r := c.scope.runners[c.paramInt(0)]
	if r == nil {
		c.notFound()
		return
	}
	if !r.deleting {
		r.deleting = true
		r.goneAt = c.now.Add(m.cfg.DeleteDelay)
		if r.pinned != StatusDeleting {
			r.pinned = ""
		}
	}
	c.res.setJSON(http.StatusAccepted, r.body(c.now))
	c.scope.sweep(c.now)
}

// validation collects the errors[] of a 422.
type validation struct{ errs []fieldError }

// add records one field error.
func (v *validation) add(field, code, message string) {
	v.errs = append(v.errs, fieldError{Resource: "HostedRunner", Field: field, Code: code, Message: message})
}

// decode decodes obj[key] into dst and reports whether a value was decoded; a value of the
// wrong JSON type, null included, is recorded as invalid under label and leaves dst alone
// (decodeNullable is for the fields the schemas make nullable).
func (v *validation) decode(obj map[string]json.RawMessage, key, label string, dst any) bool {
	raw, ok := obj[key]
	if !ok {
		return false
	}
	val := reflect.New(reflect.TypeOf(dst).Elem()) // dst stays as it was on error
	if err := json.Unmarshal(raw, val.Interface()); err != nil || string(raw) == "null" {
		kind := "an integer"
		switch dst.(type) {
		case *string:
			kind = "a string"
		case *bool:
			kind = "a boolean"
		case *map[string]json.RawMessage:
			kind = "an object"
		case *[]int64:
			kind = "an array of integers"
		case *[]string:
			kind = "an array of strings"
		}
		v.add(label, "invalid", fmt.Sprintf("%s is not %s.", label, kind))
		return false
	}
	reflect.ValueOf(dst).Elem().Set(val.Elem())
	return true
}

// decodeNullable is decode for a nullable field: null decodes nothing and is no error.
func (v *validation) decodeNullable(obj map[string]json.RawMessage, key, label string, dst any) {
	if string(obj[key]) != "null" {
		v.decode(obj, key, label, dst)
	}
}

// require records missing_field when obj has no key (decode rejects a null).
func (v *validation) require(obj map[string]json.RawMessage, key, label string) {
	if _, ok := obj[key]; !ok {
		v.add(label, "missing_field", "")
	}
}

// namePattern is the rule for runner names.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// checkName validates a runner name and, unless duplicates are allowed, its uniqueness in
// the scope.
func (v *validation) checkName(s *scope, name string, self int64, duplicates bool) {
	switch {
	case !namePattern.MatchString(name):
		v.add("name", "invalid", "Name must be between 1 and 64 characters and may only contain upper and lowercase letters a-z, numbers 0-9, '.', '-', and '_'.")
	case !duplicates && s.nameTaken(name, self):
		v.add("name", "already_exists", fmt.Sprintf("A hosted runner named %q already exists.", name))
	}
}

// checkSize validates a machine size id.
func (v *validation) checkSize(size string) {
	if _, ok := findSpec(size); !ok {
		v.add("size", "invalid", fmt.Sprintf("Size %q is not an available machine size.", size))
	}
}

// checkGroup validates a runner group id against the scope's groups.
func (v *validation) checkGroup(s *scope, id int64) {
	if s.groups.byID[id] == nil {
		v.add("runner_group_id", "invalid", fmt.Sprintf("Runner group %d does not exist.", id))
	}
}

// checkMaximum validates maximum_runners.
func (v *validation) checkMaximum(n int) {
	if n < 1 {
		v.add("maximum_runners", "invalid", "Maximum runners must be at least 1.")
	}
}

// checkStaticIP validates that one more static IP fits the scope's limit.
func (v *validation) checkStaticIP(s *scope, base int) {
	if used := s.publicIPUsage(base); used+1 > publicIPMaximum {
		v.add("enable_static_ip", "custom", fmt.Sprintf("Static public IP limit reached: %d of %d in use.", used, publicIPMaximum))
	}
}

// decodeObject reads a JSON object body; an empty body is an empty object.
func decodeObject(body []byte) (map[string]json.RawMessage, bool) {
	obj := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(body)) == 0 {
		return obj, true
	}
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// invalidAs answers 422 Validation Failed with the errors attributed to resource.
func (c *call) invalidAs(resource, docs string, v *validation) {
	for i := range v.errs {
		v.errs[i].Resource = resource
	}
	c.res.setJSON(http.StatusUnprocessableEntity, apiError{
		Message: "Validation Failed", Errors: v.errs, DocumentationURL: docs, Status: "422",
	})
}

// badJSON answers 400 Problems parsing JSON.
func (c *call) badJSON() {
	c.res.setError(http.StatusBadRequest, "Problems parsing JSON", runnersDocs)
}

func (m *Mock) createRunner(c *call) {
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return
	}
	v := &validation{}
	spec := Runner{ImageSource: "github", MaximumRunners: c.scope.defaultMaximumRunners(), CreatedAt: c.now}
	if v.decode(obj, "name", "name", &spec.Name) {
		v.checkName(c.scope, spec.Name, 0, m.cfg.AllowDuplicateNames)
	} else {
		v.require(obj, "name", "name")
	}
	var image map[string]json.RawMessage
	var details imageDetails
	if v.decode(obj, "image", "image", &image) {
		before := len(v.errs)
		if !v.decode(image, "id", "image.id", &spec.ImageID) {
			v.require(image, "id", "image.id")
		}
		v.decode(image, "source", "image.source", &spec.ImageSource)
		v.decodeNullable(image, "version", "image.version", &spec.ImageVersion)
		if len(v.errs) == before {
			var part, reason string
			details, spec.Platform, part, reason = c.scope.resolveImage(spec.ImageID, spec.ImageSource, spec.ImageVersion)
			if reason != "" {
				v.add("image."+part, "invalid", reason)
			}
		}
	} else {
		v.require(obj, "image", "image")
	}
	if v.decode(obj, "size", "size", &spec.Size) {
		v.checkSize(spec.Size)
	} else {
		v.require(obj, "size", "size")
	}
	if v.decode(obj, "runner_group_id", "runner_group_id", &spec.RunnerGroupID) {
		v.checkGroup(c.scope, spec.RunnerGroupID)
	} else {
		v.require(obj, "runner_group_id", "runner_group_id")
	}
	if v.decode(obj, "maximum_runners", "maximum_runners", &spec.MaximumRunners) {
		v.checkMaximum(spec.MaximumRunners)
	}
	if v.decode(obj, "enable_static_ip", "enable_static_ip", &spec.EnableStaticIP) && spec.EnableStaticIP {
		v.checkStaticIP(c.scope, m.cfg.PublicIPBaseUsage)
	}
	v.decode(obj, "image_gen", "image_gen", &spec.ImageGen)
	if len(v.errs) > 0 {
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	spec.ID = m.nextRunnerID
	m.nextRunnerID++
	r := &runner{spec: spec, image: details, readyAt: c.now.Add(m.cfg.ProvisionDelay)}
	if spec.EnableStaticIP {
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	}
	c.scope.runners[spec.ID] = r
	c.res.setJSON(http.StatusCreated, r.body(c.now))
}

func (m *Mock) updateRunner(c *call) {
	r := c.scope.runners[c.paramInt(0)]
	if r == nil {
		c.notFound()
		return
	}
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return
	}
	v := &validation{}
	if r.deleting {
		v.add("id", "custom", "The hosted runner is being deleted.")
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	next := r.spec
	if v.decode(obj, "name", "name", &next.Name) {
		v.checkName(c.scope, next.Name, next.ID, m.cfg.AllowDuplicateNames)
	}
	if v.decode(obj, "runner_group_id", "runner_group_id", &next.RunnerGroupID) {
		v.checkGroup(c.scope, next.RunnerGroupID)
	}
	if v.decode(obj, "maximum_runners", "maximum_runners", &next.MaximumRunners) {
		v.checkMaximum(next.MaximumRunners)
	}
	if v.decode(obj, "size", "size", &next.Size) {
		v.checkSize(next.Size)
	}
	if v.decode(obj, "enable_static_ip", "enable_static_ip", &next.EnableStaticIP) && next.EnableStaticIP && !r.spec.EnableStaticIP {
		v.checkStaticIP(c.scope, m.cfg.PublicIPBaseUsage)
	}
	v.decode(obj, "image_gen", "image_gen", &next.ImageGen)
	details := r.image
	_, hasID := obj["image_id"]
	_, hasSource := obj["image_source"]
	_, hasVersion := obj["image_version"]
	if hasID || hasSource || hasVersion {
		before := len(v.errs)
		next.ImageVersion = "" // absent or null: the latest version
		v.decode(obj, "image_id", "image_id", &next.ImageID)
		v.decode(obj, "image_source", "image_source", &next.ImageSource)
		v.decodeNullable(obj, "image_version", "image_version", &next.ImageVersion)
		if len(v.errs) == before {
			var part, reason string
			details, next.Platform, part, reason = c.scope.resolveImage(next.ImageID, next.ImageSource, next.ImageVersion)
			if reason != "" {
				v.add("image_"+part, "invalid", reason)
			}
		}
	}
	if len(v.errs) > 0 {
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	reprovisioned := next.Size != r.spec.Size || next.ImageGen != r.spec.ImageGen ||
		next.ImageID != r.spec.ImageID || next.ImageSource != r.spec.ImageSource || next.ImageVersion != r.spec.ImageVersion
	if reprovisioned {
		r.readyAt = c.now.Add(m.cfg.ProvisionDelay)
	}
	switch {
	case next.EnableStaticIP && !r.spec.EnableStaticIP:
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	case next.EnableStaticIP && reprovisioned && m.cfg.ReprovisionMovesStaticIPs:
		r.ipGen++
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	case !next.EnableStaticIP:
		r.ips = nil
	}
	r.spec = next
	r.image = details
	c.res.setJSON(http.StatusOK, r.body(c.now))
}

// customImage returns the image named by the first placeholder, or answers 404.
func (c *call) customImage() *customImage {
	img := c.scope.images[c.paramInt(0)]
	if img == nil {
		c.notFound()
	}
	return img
}

func (m *Mock) listCustomImages(c *call) {
	images := m.customImagesOf(c.scope)
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int           `json:"total_count"`
		Images     []CustomImage `json:"images"`
	}{len(images), images})
}

func (m *Mock) getCustomImage(c *call) {
	if img := c.customImage(); img != nil {
		c.res.setJSON(http.StatusOK, img.view())
	}
}

func (m *Mock) deleteCustomImage(c *call) {
	if img := c.customImage(); img != nil {
		delete(c.scope.images, img.def.ID)
		c.res.status = http.StatusNoContent
	}
}

func (m *Mock) listCustomImageVersions(c *call) {
	if img := c.customImage(); img != nil {
		versions := img.sortedVersions()
		c.res.setJSON(http.StatusOK, struct {
			TotalCount    int                  `json:"total_count"`
			ImageVersions []CustomImageVersion `json:"image_versions"`
		}{len(versions), versions})
	}
}

func (m *Mock) getCustomImageVersion(c *call) {
	img := c.customImage()
	if img == nil {
		return
	}
	ver, ok := img.versions[c.params[1]]
	if !ok {
		c.notFound()
		return
	}
	c.res.setJSON(http.StatusOK, ver)
}

func (m *Mock) deleteCustomImageVersion(c *call) {
	img := c.customImage()
	if img == nil {
		return
	}
	if _, ok := img.versions[c.params[1]]; !ok {
		c.notFound()
		return
	}
	delete(img.versions, c.params[1])
	c.res.status = http.StatusNoContent
}

// setImages answers a curated image list.
func (c *call) setImages(images []curatedImage) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int            `json:"total_count"`
		Images     []curatedImage `json:"images"`
	}{len(images), images})
}

func (m *Mock) listGitHubImages(c *call) { c.setImages(githubImages) }

func (m *Mock) listPartnerImages(c *call) { c.setImages(partnerImages) }

func (m *Mock) getLimits(c *call) {
	type publicIPs struct {
		Maximum      int `json:"maximum"`
		CurrentUsage int `json:"current_usage"`
	}
	c.res.setJSON(http.StatusOK, struct {
		PublicIPs publicIPs `json:"public_ips"`
	}{publicIPs{publicIPMaximum, c.scope.publicIPUsage(m.cfg.PublicIPBaseUsage)}})
}

func (m *Mock) listMachineSizes(c *call) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount   int           `json:"total_count"`
		MachineSpecs []machineSpec `json:"machine_specs"`
	}{len(machineSpecs), machineSpecs})
}

func (m *Mock) listPlatforms(c *call) {
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int      `json:"total_count"`
		Platforms  []string `json:"platforms"`
	}{len(platforms), platforms})
}
