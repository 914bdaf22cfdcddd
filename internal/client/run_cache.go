package client

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/runnerforge/terraform-provider-githubactions/internal/runcache"
)

// OncePerRun returns what the read of path gave in this client's run (one Terraform run),
// reading it once for every concurrent caller: keyed by base URL, caller and path, as the
// gate is. The read runs on a context without the callers' cancellation and ends within
// read_timeout, so that every caller's wait ends: a caller whose context ends first gets that
// end (a ReadTimeoutError when it was its read_timeout). keep says which failures stay the
// answer for the run (runcache.Always: all of them); others are read again by the next call.
func OncePerRun[V any](ctx context.Context, c *Client, path string, read func(context.Context) (V, error), keep func(error) bool) (V, error) {
	// The account's name in a path is GitHub's in any letter case, and the rest of these
	// paths is lower case: one key serves every spelling of a scope.
	key := runcache.Key{Base: c.base.String(), Caller: c.caller, Path: strings.ToLower(path)}
	v, err := runcache.Do(ctx, &c.runs, key, func(ctx context.Context) (V, error) {
		ctx, cancel := c.bounded(ctx)
		defer cancel()
		return read(ctx)
	}, keep)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return v, endedOn(ctx, http.MethodGet, path)
	}
	return v, err
}

// ScopedPath is the path of segments under scope (/orgs/{org}/...), to name a read of
// OncePerRun.
func ScopedPath(scope Scope, segments ...string) string { return scopePath(scope, segments...) }
