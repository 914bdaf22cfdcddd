package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// APIError is a non-success answer from GitHub, keeping everything a diagnostic needs to tell
// the user what to fix.
type APIError struct {
	StatusCode       int
	Method           string
	Path             string
	Message          string
	DocumentationURL string
	Errors           []FieldError
	RequestID        string
	// AcceptedOAuthScopes is X-Accepted-OAuth-Scopes: the classic-token scopes the endpoint accepts.
	AcceptedOAuthScopes string
	// OAuthScopes is X-OAuth-Scopes: the scopes the token that was used has.
	OAuthScopes string
	// AcceptedPermissions is X-Accepted-GitHub-Permissions: fine-grained and App permissions.
	AcceptedPermissions string
}

// FieldError is one entry of a 422 Validation Failed body. GitHub sends objects
// {resource, field, code, message} and, in its simple form, plain strings; a plain string
// becomes a FieldError with only Message set.
type FieldError struct {
	Resource string `json:"resource,omitempty"`
	Field    string `json:"field,omitempty"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
}

// Error renders the status, GitHub's message, field errors and request id on one line.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Path, e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, fe := range e.Errors {
		b.WriteString("; " + fe.String())
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// String renders one field error, for example `name: already_exists (a runner with that name exists)`.
func (f FieldError) String() string {
	var parts []string
	if f.Field != "" {
		parts = append(parts, f.Field+":")
	}
	if f.Code != "" {
		parts = append(parts, f.Code)
	}
	if f.Message != "" {
		if len(parts) > 0 {
			parts = append(parts, "("+f.Message+")")
		} else {
			parts = append(parts, f.Message)
		}
	}
	return strings.Join(parts, " ")
}

// UnmarshalJSON accepts both the object and the plain-string form.
func (f *FieldError) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*f = FieldError{Message: s}
		return nil
	}
	type plain FieldError
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	*f = FieldError(p)
	return nil
}

// decodeAPIError builds an APIError from a response whose body has been read. A body that is
// not GitHub's error JSON is kept, shortened, as the message.
func decodeAPIError(method, path string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{
		StatusCode:          status,
		Method:              method,
		Path:                path,
		RequestID:           header.Get("X-GitHub-Request-Id"),
		AcceptedOAuthScopes: header.Get("X-Accepted-OAuth-Scopes"),
		OAuthScopes:         header.Get("X-OAuth-Scopes"),
		AcceptedPermissions: header.Get("X-Accepted-GitHub-Permissions"),
	}
	var wire struct {
		Message          string            `json:"message"`
		DocumentationURL string            `json:"documentation_url"`
		Errors           []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		e.Message = shorten(strings.TrimSpace(string(body)), 200)
		return e
	}
	e.Message = wire.Message
	e.DocumentationURL = wire.DocumentationURL
	for _, raw := range wire.Errors {
		var fe FieldError
		if err := json.Unmarshal(raw, &fe); err != nil {
			fe = FieldError{Message: shorten(string(raw), 200)}
		}
		e.Errors = append(e.Errors, fe)
	}
	return e
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// IsNotFound reports whether err is GitHub's 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

func hasStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// TransportError is a request that got no HTTP answer (connection refused or reset, TLS
// failure, timeout). For a POST it is ambiguous: GitHub may or may not have acted on it.
type TransportError struct {
	Method, Path string
	Err          error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// NotSent reports whether the request certainly never reached GitHub: the name did not
// resolve, the connection was refused, or the server's certificate did not verify. Such a
// failure is not ambiguous, even for a POST.
func (e *TransportError) NotSent() bool {
	var dnsErr *net.DNSError
	var notSent *NotSentError
	return isPermanent(e.Err) || errors.As(e.Err, &dnsErr) || errors.Is(e.Err, syscall.ECONNREFUSED) || errors.As(e.Err, &notSent)
}

// NotSentError wraps why a request was not sent (again): its context ended, or its wait for
// the write spacing, a place in flight or a rate limit's reset could not fit. GitHub did not
// act on it, so it is not ambiguous, even for a POST.
type NotSentError struct {
	Err error
}

func (e *NotSentError) Error() string { return e.Err.Error() }

// Unwrap returns the cause (a context's end, a *RateLimitError).
func (e *NotSentError) Unwrap() error { return e.Err }

// describeSendError returns a wait the client refused and a redirect it did not follow as
// they are, and anything else as a TransportError.
func describeSendError(method, rawURL string, err error) error {
	var limitErr *RateLimitError
	if errors.As(err, &limitErr) {
		return limitErr // nothing more was sent
	}
	var redirectErr *RedirectError
	if errors.As(err, &redirectErr) {
		if redirectErr.Method == method && redirectErr.Path == pathOfRaw(rawURL) {
			return redirectErr
		}
		// The redirect answered a request made on this one's behalf (an App's token).
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("%s %s: %w", method, pathOfRaw(rawURL), err)
	}
	return describeTransportError(method, rawURL, err)
}

// describeTransportError keeps the URL path but not the query in transport errors.
func describeTransportError(method, rawURL string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &TransportError{Method: method, Path: pathOfRaw(rawURL), Err: err}
}
