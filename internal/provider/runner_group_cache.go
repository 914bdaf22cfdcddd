package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// listCache serves the objects of each scope (runner groups, network configurations, budgets) for one
// Terraform run (one configured provider): the refresh of N objects costs the pages of one
// list plus a GET for an object the list does not hold, not N requests. Concurrent callers
// of a scope share one list. The provider's own writes go in as they are answered, so a
// read after a create, update or delete in the same run never sees the older list's value.
// A list that fails leaves the scope to single GETs for the rest of the run. The "scope" S
// is what one list covers: a client.Scope, or one runner group's members (groupMembers).
// Without get (nil), the list is the whole truth: an object missing from it is gone, and a
// failed list fails the reads of that scope (a 404 of the list means all of them are gone).
type listCache[S listKey, K comparable, V any] struct {
	what string // "runner groups", for logs
	key  func(V) K
	list func(*client.Client, context.Context, S) ([]V, error)
	get  func(*client.Client, context.Context, S, K) (*V, error)

	mu     sync.Mutex
	scopes map[string]*listScope[K, V]
}

// listKey is what one list of a listCache covers.
type listKey interface {
	Key() string    // the same for every spelling of one scope
	String() string // for logs
}

// listScope is the cache of one scope.
type listScope[K comparable, V any] struct {
	mu      sync.Mutex
	done    chan struct{} // closed when the scope's one list has finished
	started bool
	items   map[K]V // nil when the list failed
	err     error   // why the list failed
	local   map[K]*V
}

// forScope returns the cache of scope, creating it on first use.
func (c *listCache[S, K, V]) forScope(scope S) *listScope[K, V] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scopes == nil {
		c.scopes = map[string]*listScope[K, V]{}
	}
	s, ok := c.scopes[scope.Key()]
	if !ok {
		s = &listScope[K, V]{done: make(chan struct{}), local: map[K]*V{}}
		c.scopes[scope.Key()] = s
	}
	return s
}

// read returns object id of scope, nil when GitHub does not have it.
func (c *listCache[S, K, V]) read(ctx context.Context, api *client.Client, scope S, id K) (*V, error) {
	s := c.forScope(scope)
	s.mu.Lock()
	if w, ok := s.local[id]; ok && w != nil {
		cp := *w
		s.mu.Unlock()
		return &cp, nil
	}
	_, written := s.local[id]
	run := !s.started
	s.started = true
	s.mu.Unlock()

	if run {
		c.fill(ctx, api, scope, s)
	}
	select {
	case <-s.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	v, listed := s.items[id]
	complete, listErr := s.items != nil, s.err
	s.mu.Unlock()
	if listed && !written {
		return &v, nil
	}
	if c.get == nil {
		if complete || client.IsNotFound(listErr) {
			return nil, nil
		}
		return nil, listErr
	}
	got, err := c.get(api, ctx, scope, id)
	if client.IsNotFound(err) {
		return nil, nil
	}
	return got, err
}

// fill runs the scope's one list and publishes it.
func (c *listCache[S, K, V]) fill(ctx context.Context, api *client.Client, scope S, s *listScope[K, V]) {
	all, err := c.list(api, ctx, scope)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(s.done)
	if err != nil {
		then := "; reading each one alone for the rest of this run"
		if c.get == nil {
			then = "; their reads fail with the list's error"
		}
		tflog.Warn(ctx, "Listing the scope's "+c.what+" failed"+then, map[string]any{
			"scope": scope.String(), "error": err.Error(),
		})
		s.err = err
		return
	}
	s.items = make(map[K]V, len(all))
	for _, v := range all {
		s.items[c.key(v)] = v
	}
}

// put records the object a write of the provider answered with.
func (c *listCache[S, K, V]) put(scope S, v *V) {
	s := c.forScope(scope)
	cp := *v
	s.mu.Lock()
	s.local[c.key(cp)] = &cp
	s.mu.Unlock()
}

// drop forgets object id after the provider deleted it: a later read asks GitHub alone.
func (c *listCache[S, K, V]) drop(scope S, id K) {
	s := c.forScope(scope)
	s.mu.Lock()
	s.local[id] = nil
	s.mu.Unlock()
}

// networkLists are the per-run caches of runner groups, network configurations and budgets;
// the zero value is ready to use.
type networkLists struct {
	once    sync.Once
	groups  *listCache[client.Scope, int64, client.RunnerGroup]
	configs *listCache[client.Scope, string, client.NetworkConfiguration]
	members *listCache[groupMembers, int64, int64]
	budgets *listCache[client.Scope, string, client.Budget]
}

func (l *networkLists) init() {
	l.once.Do(func() {
		l.groups = &listCache[client.Scope, int64, client.RunnerGroup]{
			what: "runner groups",
			key:  func(g client.RunnerGroup) int64 { return g.ID },
			list: func(c *client.Client, ctx context.Context, s client.Scope) ([]client.RunnerGroup, error) {
				return c.ListRunnerGroups(ctx, s, "")
			},
			get: (*client.Client).GetRunnerGroup,
		}
		l.configs = &listCache[client.Scope, string, client.NetworkConfiguration]{
			what: "network configurations",
			key:  func(n client.NetworkConfiguration) string { return n.ID },
			list: (*client.Client).ListNetworkConfigurations,
			get:  (*client.Client).GetNetworkConfiguration,
		}
		l.members = &listCache[groupMembers, int64, int64]{
			what: "runner group members",
			key:  func(id int64) int64 { return id },
			list: func(c *client.Client, ctx context.Context, g groupMembers) ([]int64, error) {
				return c.ListRunnerGroupMemberIDs(ctx, g.scope, g.group)
			},
		}
		l.budgets = &listCache[client.Scope, string, client.Budget]{
			what: "budgets",
			key:  func(b client.Budget) string { return b.ID },
			list: (*client.Client).ListBudgets,
			get:  (*client.Client).GetBudget,
		}
	})
}

// runnerGroups is the run's cache of runner groups.
func (d *providerData) runnerGroups() *listCache[client.Scope, int64, client.RunnerGroup] {
	d.lists.init()
	return d.lists.groups
}

// networkConfigurations is the run's cache of network configurations.
func (d *providerData) networkConfigurations() *listCache[client.Scope, string, client.NetworkConfiguration] {
	d.lists.init()
	return d.lists.configs
}

// groupMembers names the members of one runner group: the repositories (organization) or
// organizations (enterprise) the group is available to, listed once per run for every
// membership of the group.
type groupMembers struct {
	scope client.Scope
	group int64
}

func (g groupMembers) Key() string    { return fmt.Sprintf("%s/%d", g.scope.Key(), g.group) }
func (g groupMembers) String() string { return fmt.Sprintf("%s runner group %d", g.scope, g.group) }

// groupMemberLists is the run's cache of runner group members.
func (d *providerData) groupMemberLists() *listCache[groupMembers, int64, int64] {
	d.lists.init()
	return d.lists.members
}

// budgets is the run's cache of budgets.
func (d *providerData) budgets() *listCache[client.Scope, string, client.Budget] {
	d.lists.init()
	return d.lists.budgets
}
