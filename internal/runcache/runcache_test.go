package runcache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

var key = Key{Base: "https://api.github.com", Caller: "c", Path: "/orgs/acme/x"}

// TestDoSharesOneRead: concurrent callers share one read, and later calls get its outcome.
func TestDoSharesOneRead(t *testing.T) {
	t.Parallel()
	var c Cache
	var reads atomic.Int32
	release := make(chan struct{})
	read := func(ctx context.Context) (int, error) {
		reads.Add(1)
		<-release
		return 7, ctx.Err()
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := Do(t.Context(), &c, key, read, Always); v != 7 || err != nil {
				t.Errorf("Do = %v, %v", v, err)
			}
		}()
	}
	close(release)
	wg.Wait()
	if v, err := Do(t.Context(), &c, key, read, Always); v != 7 || err != nil || reads.Load() != 1 {
		t.Fatalf("Do = %v, %v after %d reads; want 7 from one read", v, err, reads.Load())
	}
}

// TestDoKeepsFailuresByRule: a failure keep accepts stays for the run; another is read again
// by the next call, but never by the callers of the flight that failed.
func TestDoKeepsFailuresByRule(t *testing.T) {
	t.Parallel()
	lasting, passing := errors.New("lasting"), errors.New("passing")
	keep := func(err error) bool { return errors.Is(err, lasting) }
	for _, tc := range []struct {
		err       error
		wantReads int32
	}{{lasting, 1}, {passing, 2}} {
		var c Cache
		var reads atomic.Int32
		read := func(context.Context) (int, error) {
			reads.Add(1)
			return 0, tc.err
		}
		for range 2 {
			if _, err := Do(t.Context(), &c, key, read, keep); !errors.Is(err, tc.err) {
				t.Fatalf("Do: %v, want %v", err, tc.err)
			}
		}
		if reads.Load() != tc.wantReads {
			t.Errorf("%v: %d reads, want %d", tc.err, reads.Load(), tc.wantReads)
		}
	}
}

// TestDoOutlivesTheCallerThatStartedIt: the caller that started the read gives up; the read
// goes on without its cancellation, and the next caller gets its outcome without a second read.
func TestDoOutlivesTheCallerThatStartedIt(t *testing.T) {
	t.Parallel()
	var c Cache
	var reads atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	read := func(ctx context.Context) (int, error) {
		reads.Add(1)
		close(started)
		<-release
		return 1, ctx.Err()
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() {
		_, err := Do(ctx, &c, key, read, Always)
		done <- err
	}()
	<-started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the cancelled caller got %v", err)
	}
	close(release)
	if v, err := Do(t.Context(), &c, key, read, Always); v != 1 || err != nil || reads.Load() != 1 {
		t.Fatalf("Do = %v, %v after %d reads; want 1 from the first read", v, err, reads.Load())
	}
}
