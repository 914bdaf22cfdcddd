package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestCatalog_slowReadEndsOnce: with every platforms answer taking 3 s on the clock and a read
// timeout of 2 s, concurrent callers share one request and each gets an error naming
// read_timeout; a later call gets the same error without a request: nothing starts a read that
// ran out of time again.
func TestCatalog_slowReadEndsOnce(t *testing.T) {
	t.Parallel()
	c, m := newTestClient(t, mockgithub.Config{}, nil, func(cfg *Config) {
		cfg.ReadTimeout, cfg.MaxConcurrent = 2*time.Second, 4
	})
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/platforms$`, Takes: 3 * time.Second})
	org := Organization("acme")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			checkReadTimeout(t, c, org)
		}()
	}
	wg.Wait()
	checkReadTimeout(t, c, org)
	if n := m.Count(http.MethodGet, `/platforms$`); n != 1 {
		t.Fatalf("%d platforms requests, want 1: a read that ran out of time was started again", n)
	}
}

func checkReadTimeout(t *testing.T, c *Client, scope Scope) {
	t.Helper()
	_, err := c.ListPlatforms(context.Background(), scope)
	var timeoutErr *ReadTimeoutError
	if !errors.As(err, &timeoutErr) || !strings.Contains(err.Error(), "read_timeout of 2s") {
		t.Errorf("ListPlatforms: %v, want a ReadTimeoutError naming read_timeout of 2s", err)
	}
}

// TestCatalog_definiteAnswerRemembered: a 404 for the scope is remembered for the run, a
// second call sends nothing.
func TestCatalog_definiteAnswerRemembered(t *testing.T) {
	t.Parallel()
	c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
	m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/machine-sizes$`, Times: 1, Status: http.StatusNotFound, Body: `{"message":"Not Found"}`})
	for range 2 {
		if _, err := c.ListMachineSizes(context.Background(), Organization("acme")); !IsNotFound(err) {
			t.Fatalf("ListMachineSizes: %v, want the 404", err)
		}
	}
	if n := m.Count(http.MethodGet, `/machine-sizes$`); n != 1 {
		t.Fatalf("%d machine-sizes requests, want 1", n)
	}
}

// TestCatalog_callerGivingUpLeavesSharedRead: the caller that started the shared read gives
// up (its context is cancelled) while GitHub is still answering; the read goes on, and the
// next caller gets its list without a second request.
func TestCatalog_callerGivingUpLeavesSharedRead(t *testing.T) {
	t.Parallel()
	arrived, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func(m *mockgithub.Mock) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/platforms") {
				once.Do(func() { close(arrived); <-release })
			}
			m.ServeHTTP(w, r)
		})
	}
	c, m := newTestClient(t, mockgithub.Config{}, hold, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := c.ListPlatforms(ctx, Organization("acme"))
		done <- err
	}()
	<-arrived
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the cancelled caller got %v, want context.Canceled", err)
	}
	close(release)
	// The shared read ends in its own time; wait for it through the memo's own flight.
	platforms, err := c.ListPlatforms(context.Background(), Organization("acme"))
	if err != nil || len(platforms) == 0 {
		t.Fatalf("ListPlatforms after the first caller gave up: %v, %v", platforms, err)
	}
	if n := m.Count(http.MethodGet, `/platforms$`); n != 1 {
		t.Fatalf("%d platforms requests, want 1: the first caller's cancellation ended the shared read", n)
	}
}
