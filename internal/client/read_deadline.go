package client

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// readDeadlineKey marks a context whose deadline is the client's read timeout.
type readDeadlineKey struct{}

// readDeadline is the read timeout that bounds a context, and when it ends on the client's
// clock: the context's own deadline is on the wall clock, and a test's fake clock moves
// without it.
type readDeadline struct {
	timeout time.Duration
	at      time.Time
}

// bounded gives ctx the client's read timeout when it has no deadline of its own: Terraform
// gives reads none, and a wait GitHub asks for must not hold a plan for hours.
func (c *Client) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	ctx = context.WithValue(ctx, readDeadlineKey{}, readDeadline{timeout: c.readTimeout, at: c.clock.Now().Add(c.readTimeout)})
	return context.WithTimeout(ctx, c.readTimeout)
}

// WithReadTimeout bounds a whole read made of several requests (a data source, a plan's
// checks) by the provider's read_timeout, unless ctx already has a deadline.
func (c *Client) WithReadTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return c.bounded(ctx)
}

// readTimeoutOf returns the read timeout that set ctx's deadline, or 0 if something else did.
func readTimeoutOf(ctx context.Context) time.Duration {
	d, _ := ctx.Value(readDeadlineKey{}).(readDeadline)
	return d.timeout
}

// pastReadDeadline returns a ReadTimeoutError when the read timeout bounding ctx has run out
// by the time an attempt ended with err (nil when it got an answer), on the wall clock or on
// the client's clock; otherwise nil.
func (c *Client) pastReadDeadline(ctx context.Context, method, rawURL string, err error) error {
	d, ok := ctx.Value(readDeadlineKey{}).(readDeadline)
	if !ok {
		return nil
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || c.clock.Now().After(d.at) {
		var limitErr *RateLimitError
		var timeoutErr *ReadTimeoutError
		switch {
		case errors.As(err, &limitErr):
			return nil // it names read_timeout already
		case errors.As(err, &timeoutErr):
			return timeoutErr
		}
		return &ReadTimeoutError{Method: method, Path: pathOfRaw(rawURL), Timeout: d.timeout, Err: err}
	}
	return nil
}

// endedOn returns the error of a caller whose ctx ended while it waited: a ReadTimeoutError
// when that was its read timeout, otherwise ctx's error.
func endedOn(ctx context.Context, method, path string) error {
	d, ok := ctx.Value(readDeadlineKey{}).(readDeadline)
	if ok && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &ReadTimeoutError{Method: method, Path: path, Timeout: d.timeout, Err: ctx.Err()}
	}
	return ctx.Err()
}

// ReadTimeoutError is a read that did not end within the provider's read_timeout: GitHub
// answered too slowly, or not at all, in that time. Nothing starts the read again in the same
// run.
type ReadTimeoutError struct {
	Method, Path string
	Timeout      time.Duration
	Err          error // what the last attempt ended with, if anything
}

func (e *ReadTimeoutError) Error() string {
	return fmt.Sprintf("%s %s: GitHub did not answer within the provider's read_timeout of %s", e.Method, e.Path, e.Timeout)
}

// Unwrap returns what the last attempt ended with.
func (e *ReadTimeoutError) Unwrap() error { return e.Err }
