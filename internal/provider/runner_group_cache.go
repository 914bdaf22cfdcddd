package provider

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runcache"
)

// listCache serves the objects of each scope (runner groups, network configurations, budgets)
// for one Terraform run (one configured provider): the refresh of N objects costs the pages of
// one list plus a GET for an object the list does not hold, not N requests. The list is read
// once per run for every caller (client.OncePerRun). The provider's own writes go in as they
// are answered, so a read after a create, update or delete in the same run never sees the
// older list's value. A list that fails leaves the scope to single GETs for the rest of the
// run. The "scope" S is what one list covers: a client.Scope, or one runner group's members
// (groupMembers). Without get (nil), the list is the whole truth: an object missing from it is
// gone, and a failed list fails the reads of that scope (a 404 of the list means all of them
// are gone).
type listCache[S listKey, K comparable, V any] struct {
	what string // "runner groups", for logs
	key  func(V) K
	path func(S) string // the list's path, which keys it in the run's cache
	list func(*client.Client, context.Context, S) ([]V, error)
	get  func(*client.Client, context.Context, S, K) (*V, error)

	mu     sync.Mutex
	writes map[string]map[K]*V // per scope key: the provider's own writes (nil: deleted)
}

// listKey is what one list of a listCache covers.
type listKey interface {
	Key() string    // the same for every spelling of one scope
	String() string // for logs
}

// written returns the provider's own write of id in scope, and whether there is one.
func (c *listCache[S, K, V]) written(scope S, id K) (*V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.writes[scope.Key()][id]
	if w != nil {
		cp := *w
		return &cp, true
	}
	return nil, ok
}

// write records the provider's own write of id in scope (nil: deleted).
func (c *listCache[S, K, V]) write(scope S, id K, v *V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writes == nil {
		c.writes = map[string]map[K]*V{}
	}
	if c.writes[scope.Key()] == nil {
		c.writes[scope.Key()] = map[K]*V{}
	}
	c.writes[scope.Key()][id] = v
}

// read returns object id of scope, nil when GitHub does not have it.
func (c *listCache[S, K, V]) read(ctx context.Context, api *client.Client, scope S, id K) (*V, error) {
	w, written := c.written(scope, id)
	if w != nil {
		return w, nil
	}
	items, listErr := c.listed(ctx, api, scope)
	if listErr != nil && ctx.Err() != nil {
		return nil, listErr // the caller's own end
	}
	if v, listed := items[id]; listed && !written {
		return &v, nil
	}
	if c.get == nil {
		if listErr == nil || client.IsNotFound(listErr) {
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

// listed returns the scope's objects as this run's one list of them read them.
func (c *listCache[S, K, V]) listed(ctx context.Context, api *client.Client, scope S) (map[K]V, error) {
	return client.OncePerRun(ctx, api, c.path(scope), func(ctx context.Context) (map[K]V, error) {
		all, err := c.list(api, ctx, scope)
		if err != nil {
			then := "; reading each one alone for the rest of this run"
			if c.get == nil {
				then = "; their reads fail with the list's error"
			}
			tflog.Warn(ctx, "Listing the scope's "+c.what+" failed"+then, map[string]any{
				"scope": scope.String(), "error": err.Error(),
			})
			return nil, err
		}
		items := make(map[K]V, len(all))
		for _, v := range all {
			items[c.key(v)] = v
		}
		return items, nil
	}, runcache.Always)
}

// put records the object a write of the provider answered with.
func (c *listCache[S, K, V]) put(scope S, v *V) {
	cp := *v
	c.write(scope, c.key(cp), &cp)
}

// drop forgets object id after the provider deleted it: a later read asks GitHub alone.
func (c *listCache[S, K, V]) drop(scope S, id K) {
	c.write(scope, id, nil)
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
			path: func(s client.Scope) string { return client.ScopedPath(s, "actions", "runner-groups") },
			list: func(c *client.Client, ctx context.Context, s client.Scope) ([]client.RunnerGroup, error) {
				return c.ListRunnerGroups(ctx, s, "")
			},
			get: (*client.Client).GetRunnerGroup,
		}
		l.configs = &listCache[client.Scope, string, client.NetworkConfiguration]{
			what: "network configurations",
			key:  func(n client.NetworkConfiguration) string { return n.ID },
			path: func(s client.Scope) string { return client.ScopedPath(s, "settings", "network-configurations") },
			list: (*client.Client).ListNetworkConfigurations,
			get:  (*client.Client).GetNetworkConfiguration,
		}
		l.members = &listCache[groupMembers, int64, int64]{
			what: "runner group members",
			key:  func(id int64) int64 { return id },
			path: func(g groupMembers) string {
				return client.ScopedPath(g.scope, "actions", "runner-groups", strconv.FormatInt(g.group, 10), "members")
			},
			list: func(c *client.Client, ctx context.Context, g groupMembers) ([]int64, error) {
				return c.ListRunnerGroupMemberIDs(ctx, g.scope, g.group)
			},
		}
		l.budgets = &listCache[client.Scope, string, client.Budget]{
			what: "budgets",
			key:  func(b client.Budget) string { return b.ID },
			path: func(s client.Scope) string { return client.ScopedPath(s, "settings", "billing", "budgets") },
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
