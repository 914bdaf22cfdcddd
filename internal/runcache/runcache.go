// Package runcache remembers what the provider reads once per Terraform run (the catalog
// lists, the lists of runner groups, network configurations, budgets and group members): each
// read is made by one request that every concurrent caller shares, and its outcome stays for
// the rest of the run when the caller's rule says so.
package runcache

import (
	"context"
	"sync"
)

// Key names one read: the API's base URL, the caller (a hash of the credentials, as the
// client's gate keys them: GitHub counts per caller) and the path read.
type Key struct {
	Base, Caller, Path string
}

// Cache holds the reads of one run. The zero value is ready to use; it is safe for
// concurrent use.
type Cache struct {
	mu    sync.Mutex
	reads map[Key]*Flight[any]
}

// Flight is one read that several callers wait for.
type Flight[V any] struct {
	done chan struct{}
	val  V
	err  error
}

// NewFlight returns a read in flight.
func NewFlight[V any]() *Flight[V] {
	return &Flight[V]{done: make(chan struct{})}
}

// Finish gives the flight its outcome and wakes its waiters. Call it once.
func (f *Flight[V]) Finish(v V, err error) {
	f.val, f.err = v, err
	close(f.done)
}

// Wait returns the flight's outcome, or ctx's error when ctx ends first.
func (f *Flight[V]) Wait(ctx context.Context) (V, error) {
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// Do returns what key's read gave in this run, or runs read once for every concurrent
// caller. read runs apart from the callers, on a context without their cancellation (one
// caller giving up does not end the read the others wait for), so it must bound itself. A
// caller whose ctx ends first gets ctx's error. A read that succeeded stays the answer for
// the run, as does a failed one for which keep is true; otherwise the next call reads again.
// The callers of one flight all get its outcome: none starts the read again.
func Do[V any](ctx context.Context, c *Cache, key Key, read func(context.Context) (V, error), keep func(error) bool) (V, error) {
	c.mu.Lock()
	f := c.reads[key]
	if f == nil {
		if c.reads == nil {
			c.reads = map[Key]*Flight[any]{}
		}
		f = NewFlight[any]()
		c.reads[key] = f
		detached := context.WithoutCancel(ctx)
		go func() {
			v, err := read(detached)
			if err != nil && !keep(err) {
				c.mu.Lock()
				delete(c.reads, key)
				c.mu.Unlock()
			}
			f.Finish(v, err)
		}()
	}
	c.mu.Unlock()
	v, err := f.Wait(ctx)
	typed, _ := v.(V)
	return typed, err
}

// Always keeps every outcome for the run: a failed read is not made again.
func Always(error) bool { return true }
