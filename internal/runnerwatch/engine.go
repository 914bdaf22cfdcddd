// Package runnerwatch is the provider's runner engine: per scope (an organization or an
// enterprise), one cache of the scope's runners and one watcher that waits for runners to
// become ready or gone, for one Terraform run.
//
// Reads share lists: Get serves a runner from the first page of the scope's list (which also
// says how many runners the scope holds), then chooses the cheaper of one GET per runner and
// one list per 100 runners. Waits share polls: every waiting runner of a scope registers a
// waiter, and the watcher reads the scope when the earliest waiter is due, delaying the read
// within that waiter's tolerance so that one read serves as many waiters as it can. What it
// learns in the run (how long runners take to become ready or gone) sets when a new waiter is
// first due. A failed list does not fail the waiters: the due ones are read one by one for
// that tick. Every sleep is on the injected clock and ends with its context.
package runnerwatch

import (
	"context"
	"sync"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// Lister reads a scope's runners; *client.Client implements it. A runner GitHub does not have
// is an error for which client.IsNotFound is true.
type Lister interface {
	// FirstRunnerPage reads the first page of the list and the scope's total_count.
	FirstRunnerPage(ctx context.Context, scope client.Scope) ([]client.HostedRunner, int, error)
	// ListHostedRunnersChecked reads every page and says whether the pages were consistent.
	ListHostedRunnersChecked(ctx context.Context, scope client.Scope) ([]client.HostedRunner, bool, error)
	// GetHostedRunner reads one runner.
	GetHostedRunner(ctx context.Context, scope client.Scope, id int64) (*client.HostedRunner, error)
	// WriteWait is how long a write started now would wait for its turn (the write spacing
	// behind the writes already sent or queued); 0 when it would go at once.
	WriteWait() time.Duration
}

// Config sets the engine's timing.
type Config struct {
	// PollMin and PollMax bound the time between two reads of a waiting runner.
	PollMin, PollMax time.Duration
	// ReadWindow is how long a runner just written may be missing while GitHub catches up.
	ReadWindow time.Duration
	// Log receives the engine's warnings (a refused or failed list); nil discards them.
	Log func(ctx context.Context, msg string, fields map[string]any)
}

// Engine holds every scope's cache and watcher. Create it with New; it is safe for
// concurrent use.
type Engine struct {
	clock clock.Clock
	cfg   Config

	mu     sync.Mutex
	scopes map[string]*scopeState
}

// New returns an engine on c.
func New(c clock.Clock, cfg Config) *Engine {
	if cfg.PollMin <= 0 {
		cfg.PollMin = time.Second
	}
	cfg.PollMax = max(cfg.PollMax, cfg.PollMin)
	if cfg.Log == nil {
		cfg.Log = func(context.Context, string, map[string]any) {}
	}
	return &Engine{clock: c, cfg: cfg, scopes: map[string]*scopeState{}}
}

// forScope returns the state of scope, creating it on first use.
func (e *Engine) forScope(scope client.Scope) *scopeState {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.scopes[scope.Key()]
	if !ok {
		s = &scopeState{scope: scope, local: map[int64]localWrite{}, waiters: map[*waiter]struct{}{}, pages: 1}
		e.scopes[scope.Key()] = s
	}
	return s
}

// scopeState is the cache and watcher of one scope. Its fields are guarded by mu.
type scopeState struct {
	scope client.Scope

	mu      sync.Mutex
	seq     uint64               // reads of the list started so far; a snapshot's seq is the value when it started
	latest  *snapshot            // the newest finished full list
	first   *snapshot            // the first page, while no full list is known
	total   int                  // the scope's size, from total_count or the newest full list
	misses  int                  // Gets the first page did not serve and that went to GitHub alone
	listing *listCall            // the full list in flight, if any
	paging  *listCall            // the first page in flight, if any
	pages   int                  // pages of a full list (at least 1)
	local   map[int64]localWrite // the provider's own writes, newest per runner
	noList  bool                 // GitHub refused to list this scope to these credentials: single GETs only

	waiters  map[*waiter]struct{}
	watching bool
	wake     context.CancelFunc
	learned  waitTimes
	listTook time.Duration // how long the newest full list took to answer
	deleting bool          // a list of this run showed a runner being deleted
}

// listsDeleting reports whether a list of this run showed a runner being deleted: this server
// lists such runners, so one absent from a complete list is gone.
func (s *scopeState) listsDeleting() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deleting
}
