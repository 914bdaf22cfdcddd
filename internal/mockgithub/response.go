package mockgithub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// docsRoot is the documentation link of the error bodies that name no operation's page.
const docsRoot = "https://docs.github.com/rest"

// response is a complete answer, built before anything is written.
type response struct {
	status int
	header http.Header
	body   []byte
	drop   bool // close the connection without answering
}

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

// newRequestID returns a unique X-GitHub-Request-Id. Call with m.mu held.
func (m *Mock) newRequestID() string {
	m.reqSeq++
	return fmt.Sprintf("%s:%04X:%06X:%08X", m.reqPrefix, m.reqSeq>>24, (m.reqSeq>>8)&0xFFFF, m.reqSeq)
}

// baseHeader returns the headers every response carries, with the rate-limit headers of
// the request's identity (not counting this request). Call with m.mu held.
func (m *Mock) baseHeader(r *http.Request, reqID string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-GitHub-Request-Id", reqID)
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	m.limits.bucketFor(m.identify(r), m.cfg.RateLimit, m.clock.Now()).setHeaders(h)
	return h
}

// apiBase is the scheme and host the request came to, for the URLs in answers.
func apiBase(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// write sends the response, or closes the connection for a dropped one.
func (res *response) write(w http.ResponseWriter) {
	if res.drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	for k, v := range res.header {
		w.Header()[k] = v
	}
	if len(res.body) > 0 {
		w.Header().Set("Content-Length", fmt.Sprint(len(res.body)))
	}
	w.WriteHeader(res.status)
	_, _ = w.Write(res.body)
}
