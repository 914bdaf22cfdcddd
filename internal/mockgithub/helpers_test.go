package mockgithub

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// scopes are the two path prefixes every operation is tested under, with their
// test-API scope strings.
var scopes = []struct{ prefix, key string }{
	{"/orgs/acme", "orgs/acme"},
	{"/enterprises/acme-corp", "enterprises/acme-corp"},
}

// epoch is the fake clock's start of lifecycle tests.
var epoch = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// harness is a Mock behind a real HTTP server.
type harness struct {
	t    *testing.T
	mock *Mock
	srv  *httptest.Server
}

// newHarness starts a Mock configured by cfg; the server closes when the test ends.
func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	m := New(cfg)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return &harness{t: t, mock: m, srv: srv}
}

// result is a decoded response.
type result struct {
	status int
	header http.Header
	raw    []byte
	obj    map[string]any
}

// do sends a request with the default token, a User-Agent and API version 2026-03-10.
// body is marshalled unless it is a string (sent raw); edit adjusts the request last.
func (h *harness) do(method, path string, body any, edit ...func(*http.Request)) *result {
	h.t.Helper()
	var rdr io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rdr = bytes.NewBufferString(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rdr = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(h.t.Context(), method, h.srv.URL+path, rdr)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	req.Header.Set("User-Agent", "mockgithub-test")
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2026-03-10")
	for _, e := range edit {
		e(req)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	res := &result{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && resp.Header.Get("Content-Type") != "text/html" { // GitHub's front end answers some errors in HTML
		if err := json.Unmarshal(raw, &res.obj); err != nil {
			h.t.Fatalf("%s %s: body is not a JSON object: %v: %s", method, path, err, raw)
		}
	}
	return res
}

// expect fails the test unless the response has the status.
func (r *result) expect(t *testing.T, status int) *result {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	return r
}

// withHeader sets (or with "" removes) a request header.
func withHeader(key, value string) func(*http.Request) {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del(key)
			return
		}
		r.Header.Set(key, value)
	}
}

// noUserAgent makes the request go without a User-Agent (Go omits an empty one rather
// than sending its default).
func noUserAgent(r *http.Request) { r.Header.Set("User-Agent", "") }

// chunked sends the request's body, empty or not, chunked: without a Content-Length.
func chunked(r *http.Request) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
	}
	r.Body, r.GetBody, r.ContentLength = io.NopCloser(bytes.NewReader(body)), nil, -1
}

// Field kinds for shape checks.
const (
	kString  = "string"
	kNumber  = "number"
	kBool    = "bool"
	kObject  = "object"
	kArray   = "array"
	kNullStr = "null-or-string"
)

// Schema fields (with their JSON kinds) checked on every response of that shape.
var (
	runnerFields = map[string]string{
		"id": kNumber, "name": kString, "runner_group_id": kNumber, "image_details": kObject,
		"machine_size_details": kObject, "status": kString, "platform": kString, "maximum_runners": kNumber,
		"public_ip_enabled": kBool, "public_ips": kArray, "last_active_on": kNullStr, "image_gen": kBool,
	}
	imageDetailsFields = map[string]string{"id": kString, "size_gb": kNumber, "display_name": kString, "source": kString, "version": kString}
	machineSpecFields  = map[string]string{"id": kString, "cpu_cores": kNumber, "memory_gb": kNumber, "storage_gb": kNumber}
	customImageFields  = map[string]string{
		"id": kNumber, "platform": kString, "total_versions_size": kNumber, "name": kString, "source": kString,
		"versions_count": kNumber, "latest_version": kString, "state": kString,
	}
	versionFields = map[string]string{"version": kString, "state": kString, "size_gb": kNumber, "created_on": kString, "state_details": kString}
	curatedFields = map[string]string{"id": kString, "platform": kString, "size_gb": kNumber, "display_name": kString, "source": kString}
	errorFields   = map[string]string{"message": kString, "documentation_url": kString, "status": kString}
)

// requireFields checks that obj has exactly the fields, each of its kind.
func requireFields(t *testing.T, where string, v any, fields map[string]string) map[string]any {
	t.Helper()
	obj, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: %T is not an object", where, v)
	}
	for name, kind := range fields {
		val, ok := obj[name]
		if !ok {
			t.Errorf("%s: missing %q", where, name)
			continue
		}
		got := ""
		switch val.(type) {
		case string:
			got = kString
		case float64:
			got = kNumber
		case bool:
			got = kBool
		case map[string]any:
			got = kObject
		case []any:
			got = kArray
		case nil:
			got = "null"
		}
		if got != kind && (kind != kNullStr || (got != "null" && got != kString)) {
			t.Errorf("%s: %q is %s, want %s", where, name, got, kind)
		}
	}
	for name := range obj {
		if _, ok := fields[name]; !ok {
			t.Errorf("%s: unexpected field %q", where, name)
		}
	}
	return obj
}

// requireRunner checks a runner object with its nested objects.
func requireRunner(t *testing.T, where string, v any) map[string]any {
	t.Helper()
	r := requireFields(t, where, v, runnerFields)
	requireFields(t, where+".image_details", r["image_details"], imageDetailsFields)
	requireFields(t, where+".machine_size_details", r["machine_size_details"], machineSpecFields)
	for _, ip := range r["public_ips"].([]any) {
		requireFields(t, where+".public_ips", ip, map[string]string{"enabled": kBool, "prefix": kString, "length": kNumber})
	}
	return r
}

// requireList checks a {total_count, key[]} body whose total matches its items, and
// returns the items.
func requireList(t *testing.T, r *result, key string) []any {
	t.Helper()
	requireFields(t, "list", r.obj, map[string]string{"total_count": kNumber, key: kArray})
	items := r.obj[key].([]any)
	if int(r.obj["total_count"].(float64)) != len(items) {
		t.Errorf("total_count %v but %d %s", r.obj["total_count"], len(items), key)
	}
	return items
}

// requireError checks an error body and its message.
func requireError(t *testing.T, r *result, status int, message string) {
	t.Helper()
	r.expect(t, status)
	requireFields(t, "error", r.obj, errorFields)
	if r.obj["message"] != message {
		t.Errorf("message %q, want %q", r.obj["message"], message)
	}
}

// createBody is a valid create request.
func createBody(name string) map[string]any {
	return map[string]any{
		"name":            name,
		"image":           map[string]any{"id": "ubuntu-latest", "source": "github"},
		"size":            "4-core",
		"runner_group_id": 1,
	}
}

// itoa formats an id for a path.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
