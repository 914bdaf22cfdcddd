package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Level is the severity of one of the client's log lines.
type Level int

// The levels the client logs at: bodies at trace, requests at debug, waits and retries at warn.
const (
	LevelTrace Level = iota
	LevelDebug
	LevelWarn
)

// Logger receives the client's log lines. Every secret shape and the configured credentials
// are masked in msg and in the string values of fields before Log is called. A nil Logger in
// Config logs nothing.
type Logger interface {
	Log(ctx context.Context, level Level, msg string, fields map[string]any)
}

// secretPatterns match credentials that must never reach a log line: GitHub token shapes,
// JWTs, PEM blocks and Authorization header values.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{10,}`),
	regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{10,}`),
	regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*`),
	regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`),
	regexp.MustCompile(`(?i)\b(bearer|token)\s+[A-Za-z0-9_.\-]{8,}`),
}

// masked is what replaces a secret in a log line.
const masked = "***"

// maskingLogger masks secrets before handing a line to the configured Logger.
type maskingLogger struct {
	sink    Logger
	secrets []string
}

func newMaskingLogger(sink Logger, secrets ...string) *maskingLogger {
	var kept []string
	for _, s := range secrets {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return &maskingLogger{sink: sink, secrets: kept}
}

func (l *maskingLogger) log(ctx context.Context, level Level, msg string, fields map[string]any) {
	if l == nil || l.sink == nil {
		return
	}
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		switch {
		case strings.EqualFold(k, "authorization"):
			out[k] = masked
		default:
			if s, ok := v.(string); ok {
				v = l.mask(s)
			}
			out[k] = v
		}
	}
	l.sink.Log(ctx, level, l.mask(msg), out)
}

// mask replaces the configured secrets and every secret shape in s.
func (l *maskingLogger) mask(s string) string {
	for _, secret := range l.secrets {
		s = strings.ReplaceAll(s, secret, masked)
	}
	for _, re := range secretPatterns {
		s = re.ReplaceAllString(s, masked)
	}
	return s
}

// loggingTransport logs each request at DEBUG and bodies at TRACE. It sits outside the auth
// transport, so the requests it sees carry no credentials.
type loggingTransport struct {
	next http.RoundTripper
	log  *maskingLogger
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	fields := map[string]any{"method": req.Method, "path": pathOf(req.URL), "query": req.URL.RawQuery}
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			if raw, _ := io.ReadAll(body); len(raw) > 0 {
				t.log.log(ctx, LevelTrace, "GitHub API request body", map[string]any{"path": pathOf(req.URL), "body": string(raw)})
			}
		}
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = err.Error()
		t.log.log(ctx, LevelDebug, "GitHub API request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("X-GitHub-Request-Id")
	fields["ratelimit_remaining"] = resp.Header.Get("X-Ratelimit-Remaining")
	t.log.log(ctx, LevelDebug, "GitHub API request", fields)
	if dep := resp.Header.Get("Deprecation"); dep != "" {
		t.log.log(ctx, LevelWarn, "GitHub says this API version is deprecated; set the provider's api_version to a current version",
			map[string]any{"deprecation": dep, "sunset": resp.Header.Get("Sunset"), "api_version": req.Header.Get("X-GitHub-Api-Version")})
	}
	if resp.Body != nil {
		raw, rerr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		if rerr == nil {
			t.log.log(ctx, LevelTrace, "GitHub API response body", map[string]any{"path": pathOf(req.URL), "body": string(raw)})
		}
	}
	return resp, nil
}

// logRetry logs, at WARN, the wait before retrying an idempotent request.
func (l *maskingLogger) logRetry(ctx context.Context, method, path string, try int, d time.Duration, cause string) {
	l.log(ctx, LevelWarn, "Retrying GitHub API request after a transport error or 5xx answer", map[string]any{
		"method": method, "path": path, "retry": try, "wait_seconds": d.Seconds(), "cause": cause,
	})
}

// logWait logs, at WARN, a wait for a rate limit.
func (l *maskingLogger) logWait(ctx context.Context, d time.Duration, cause, method, path string) {
	l.log(ctx, LevelWarn, "Waiting for GitHub's rate limit", map[string]any{
		"wait_seconds": d.Seconds(), "cause": cause, "method": method, "path": path,
	})
}
