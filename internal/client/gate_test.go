package client

import (
	"context"
	"errors"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestGateSharedByCallerStrictestWins: clients of the same API and caller share one gate,
// which takes the strictest limits of their configurations; another caller (another token
// or App installation) or another API has a gate of its own; no gate key holds a secret.
func TestGateSharedByCallerStrictestWins(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://gate-test.example.com")
	wall := clock.Real{}
	const secret = "ghp_gateTestSecret0123456789"
	loose := sharedGate(Config{Token: secret, MaxConcurrent: 4, WriteDelay: 0, Clock: wall}, base)
	strict := sharedGate(Config{Token: secret, MaxConcurrent: 1, WriteDelay: 2 * time.Second, Clock: wall}, base)
	again := sharedGate(Config{Token: secret, MaxConcurrent: 8, WriteDelay: time.Second, Clock: wall}, base)
	if loose != strict || strict != again {
		t.Fatal("one caller of one API got more than one gate")
	}
	if d := again.currentWriteDelay(); d != 2*time.Second {
		t.Fatalf("write delay %s, want the longest configured, 2s", d)
	}
	if !again.slots.TryAcquire(1) {
		t.Fatal("no place for a first request")
	}
	if again.slots.TryAcquire(1) {
		t.Fatal("a second request in flight; the strictest configuration allows one")
	}
	again.slots.Release(1)

	otherToken := sharedGate(Config{Token: "ghp_anotherCallerAltogether", MaxConcurrent: 4, Clock: wall}, base)
	app := sharedGate(Config{App: &AppAuth{AppID: 1, InstallationID: 2}, MaxConcurrent: 4, Clock: wall}, base)
	otherBase, _ := url.Parse("https://other-gate-test.example.com")
	otherAPI := sharedGate(Config{Token: secret, MaxConcurrent: 4, Clock: wall}, otherBase)
	if otherToken == loose || app == loose || otherAPI == loose || app == otherToken {
		t.Fatal("another caller or another API shares a gate")
	}

	gatesMu.Lock()
	defer gatesMu.Unlock()
	for key := range gates {
		if strings.Contains(key.caller, secret) || strings.Contains(key.base, secret) {
			t.Fatalf("a gate key holds the token: %+v", key)
		}
	}
}

// TestNoTerraformImports: the client is a plain GitHub client; it logs through Config.Logger
// and imports no Terraform package, in its code or its tests.
func TestNoTerraformImports(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	for _, f := range files {
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			if path := strings.Trim(imp.Path.Value, `"`); strings.Contains(path, "hashicorp/terraform") {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}

// TestWriteWait: a write started behind one being sent and two queued waits one write delay
// for each of them; once all are answered, it waits out only what remains of the spacing.
func TestWriteWait(t *testing.T) {
	t.Parallel()
	c, _, release := newHeldWriteClient(t, http.MethodDelete)
	if w := c.WriteWait(); w != 0 {
		t.Fatalf("a write would wait %s before any write, want 0", w)
	}
	var wg sync.WaitGroup
	for id := range int64(3) {
		wg.Go(func() { _, _ = c.DeleteHostedRunner(context.Background(), Organization("acme"), id+1) })
	}
	// One DELETE is held by the server; the two others wait for their turn.
	waitForWriteWait(t, c, 9*time.Second)
	release()
	wg.Wait()
	if w := c.WriteWait(); w <= 0 || w > 3*time.Second {
		t.Fatalf("a write would wait %s right after the last write was answered, want the rest of the 3s spacing", w)
	}
}

// TestWriteCancelledInQueueIsNotSent: a create whose context ends while it waits for its turn
// behind another write ends with a *NotSentError (so it is not ambiguous) and never reaches
// GitHub.
func TestWriteCancelledInQueueIsNotSent(t *testing.T) {
	t.Parallel()
	c, m, release := newHeldWriteClient(t, http.MethodPost)
	body := func(name string) CreateHostedRunnerRequest {
		return CreateHostedRunnerRequest{Name: name, Image: RunnerImage{ID: "ubuntu-latest", Source: "github"}, Size: "4-core", RunnerGroupID: 1}
	}
	first := make(chan error, 1)
	go func() {
		_, err := c.CreateHostedRunner(context.Background(), Organization("acme"), body("first"))
		first <- err
	}()
	waitForWriteWait(t, c, 3*time.Second) // the first POST is held by the server
	ctx, cancel := context.WithCancel(context.Background())
	second := make(chan error, 1)
	go func() {
		_, err := c.CreateHostedRunner(ctx, Organization("acme"), body("second"))
		second <- err
	}()
	waitForWriteWait(t, c, 6*time.Second) // the second waits for its turn
	cancel()
	err := <-second
	var notSent *NotSentError
	if !errors.As(err, &notSent) || !errors.Is(err, context.Canceled) {
		t.Fatalf("a create cancelled while queued ended with %v (%T); want a *NotSentError wrapping context.Canceled", err, err)
	}
	release()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if n := m.Count(http.MethodPost, `/hosted-runners$`); n != 1 {
		t.Fatalf("GitHub received %d POSTs, want 1 (the cancelled one never left)", n)
	}
}

// waitForWriteWait returns once a write of c started now would wait want: at each change of
// the gate's write queue it asks again, until the test's deadline.
func waitForWriteWait(t *testing.T, c *Client, want time.Duration) {
	t.Helper()
	for {
		moved := c.gate.queueMoved()
		if c.WriteWait() == want {
			return
		}
		select {
		case <-moved:
		case <-t.Context().Done():
			t.Fatalf("a write would wait %s, want %s", c.WriteWait(), want)
		}
	}
}

// newHeldWriteClient returns a client that spaces writes by 3 s, one request at a time, whose
// server holds every request of method until release is called (at the latest when the test
// ends).
func newHeldWriteClient(t *testing.T, method string) (*Client, *mockgithub.Mock, func()) {
	t.Helper()
	held := make(chan struct{})
	c, m := newTestClient(t, mockgithub.Config{}, func(m *mockgithub.Mock) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == method {
				<-held
			}
			m.ServeHTTP(w, r)
		})
	}, func(cfg *Config) { cfg.WriteDelay, cfg.MaxConcurrent = 3*time.Second, 1 })
	var once sync.Once
	release := func() { once.Do(func() { close(held) }) }
	t.Cleanup(release)
	return c, m, release
}
