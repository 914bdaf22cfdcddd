package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of every line the client writes
// (TF_LOG_PROVIDER_GITHUB_API sets its level on its own).
const logSubsystem = "github_api"

// secretPatterns match credentials that must never reach a log line: GitHub token shapes,
// JWTs, PEM blocks and Authorization header values.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{10,}`),
	regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{10,}`),
	regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*`),
	regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`),
	regexp.MustCompile(`(?i)\b(bearer|token)\s+[A-Za-z0-9_.\-]{8,}`),
}

// logContext returns ctx with the client's subsystem, masking every secret shape and the
// configured literal secrets in messages and field values.
func logContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem)
	ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, logSubsystem, secretPatterns...)
	ctx = tflog.SubsystemMaskMessageRegexes(ctx, logSubsystem, secretPatterns...)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, "authorization", "Authorization")
	for _, s := range secrets {
		if s != "" {
			ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, s)
			ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, s)
		}
	}
	return ctx
}

// loggingTransport logs each request at DEBUG and bodies at TRACE. It sits outside the auth
// transport, so the requests it sees carry no credentials.
type loggingTransport struct {
	next    http.RoundTripper
	secrets []string
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := logContext(req.Context(), t.secrets)
	fields := map[string]any{"method": req.Method, "path": pathOf(req.URL), "query": req.URL.RawQuery}
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			if raw, _ := io.ReadAll(body); len(raw) > 0 {
				tflog.SubsystemTrace(ctx, logSubsystem, "GitHub API request body", map[string]any{"path": pathOf(req.URL), "body": string(raw)})
			}
		}
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = err.Error()
		tflog.SubsystemDebug(ctx, logSubsystem, "GitHub API request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("X-GitHub-Request-Id")
	fields["ratelimit_remaining"] = resp.Header.Get("X-Ratelimit-Remaining")
	tflog.SubsystemDebug(ctx, logSubsystem, "GitHub API request", fields)
	if dep := resp.Header.Get("Deprecation"); dep != "" {
		tflog.SubsystemWarn(ctx, logSubsystem, "GitHub says this API version is deprecated; set the provider's api_version to a current version", map[string]any{
			"deprecation": dep, "sunset": resp.Header.Get("Sunset"), "api_version": req.Header.Get("X-GitHub-Api-Version"),
		})
	}
	if resp.Body != nil {
		raw, rerr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		if rerr == nil {
			tflog.SubsystemTrace(ctx, logSubsystem, "GitHub API response body", map[string]any{"path": pathOf(req.URL), "body": string(raw)})
		}
	}
	return resp, nil
}

// logRetry logs, at WARN, the wait before retrying an idempotent request.
func logRetry(ctx context.Context, method, path string, try int, d time.Duration, cause string) {
	tflog.SubsystemWarn(logContext(ctx, nil), logSubsystem, "Retrying GitHub API request after a transport error or 5xx answer", map[string]any{
		"method": method, "path": path, "retry": try, "wait_seconds": d.Seconds(), "cause": cause,
	})
}

// logWait logs, at WARN, a wait for a rate limit.
func logWait(ctx context.Context, d time.Duration, cause, method, path string) {
	tflog.SubsystemWarn(logContext(ctx, nil), logSubsystem, "Waiting for GitHub's rate limit", map[string]any{
		"wait_seconds": d.Seconds(), "cause": cause, "method": method, "path": path,
	})
}
