// Package clock is the one source of time for the provider, its client and the mock GitHub:
// every wait and every deadline is measured on a Clock, so that tests run on a Fake and take
// no real time.
package clock

import (
	"context"
	"time"
)

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends, in which case it returns ctx's error.
	Sleep(ctx context.Context, d time.Duration) error
}

// Real is the wall clock.
type Real struct{}

// Now returns the wall-clock time.
func (Real) Now() time.Time { return time.Now() }

// Sleep waits d of real time, or until ctx ends.
func (Real) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Until is how long is left, on c, before t.
func Until(c Clock, t time.Time) time.Duration { return t.Sub(c.Now()) }

// deadlineReader is a Clock that reads contexts' deadlines its own way (Fake).
type deadlineReader interface {
	left(ctx context.Context) (time.Duration, bool)
}

// Left is how long is left, on c, before ctx's deadline; false when ctx has none. A Fake
// reads it on its own time (see WallDeadlines).
func Left(ctx context.Context, c Clock) (time.Duration, bool) {
	if r, ok := c.(deadlineReader); ok {
		return r.left(ctx)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		return 0, false
	}
	return Until(c, deadline), true
}
