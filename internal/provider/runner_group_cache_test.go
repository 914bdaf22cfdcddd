package provider

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// fakeLists counts the list and single reads a listCache makes.
type fakeLists struct {
	lists, gets atomic.Int32
	items       []int64
	listErr     error
}

func (f *fakeLists) cache() *listCache[client.Scope, int64, int64] {
	return &listCache[client.Scope, int64, int64]{
		what: "numbers",
		key:  func(v int64) int64 { return v },
		path: func(s client.Scope) string { return client.ScopedPath(s, "numbers") },
		list: func(*client.Client, context.Context, client.Scope) ([]int64, error) {
			f.lists.Add(1)
			return f.items, f.listErr
		},
		get: func(_ *client.Client, _ context.Context, _ client.Scope, id int64) (*int64, error) {
			f.gets.Add(1)
			for _, v := range f.items {
				if v == id {
					return &v, nil
				}
			}
			return nil, &client.APIError{StatusCode: 404}
		},
	}
}

func TestListCacheSharesOneListPerScope(t *testing.T) {
	t.Parallel()
	f := &fakeLists{items: []int64{1, 2, 3}}
	c, api := f.cache(), runClient(t)
	org, ent := client.Organization("acme"), client.Enterprise("acme-corp")
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scope := org
			if i%2 == 1 {
				scope = ent
			}
			v, err := c.read(t.Context(), api, scope, int64(i%3+1))
			if err != nil || v == nil || *v != int64(i%3+1) {
				t.Errorf("read %d: %v, %v", i%3+1, v, err)
			}
		}()
	}
	wg.Wait()
	if n := f.lists.Load(); n != 2 {
		t.Errorf("%d lists for two scopes, want 2", n)
	}
	if n := f.gets.Load(); n != 0 {
		t.Errorf("%d single reads of listed objects, want 0", n)
	}
}

func TestListCacheMissesWritesAndFailures(t *testing.T) {
	t.Parallel()
	f := &fakeLists{items: []int64{1, 2}}
	c, api := f.cache(), runClient(t)
	scope := client.Organization("acme")
	if v, err := c.read(t.Context(), api, scope, 9); err != nil || v != nil {
		t.Fatalf("an object neither listed nor found: %v, %v; want nil, nil", v, err)
	}
	if n := f.gets.Load(); n != 1 {
		t.Errorf("%d single reads for an unlisted object, want 1", n)
	}
	written := int64(7)
	c.put(scope, &written)
	if v, err := c.read(t.Context(), api, scope, 7); err != nil || v == nil || *v != 7 {
		t.Errorf("the provider's own write: %v, %v", v, err)
	}
	c.drop(scope, 1)
	if v, _ := c.read(t.Context(), api, scope, 1); v == nil || f.gets.Load() != 2 {
		t.Errorf("a dropped object must be read alone: %v after %d single reads", v, f.gets.Load())
	}
	failing := &fakeLists{items: []int64{5}, listErr: errors.New("boom")}
	fc, api := failing.cache(), runClient(t)
	for range 3 {
		if v, err := fc.read(t.Context(), api, scope, 5); err != nil || v == nil {
			t.Errorf("after a failed list, a single read must answer: %v, %v", v, err)
		}
	}
	if failing.lists.Load() != 1 || failing.gets.Load() != 3 {
		t.Errorf("after a failed list: %d lists and %d single reads, want 1 and 3", failing.lists.Load(), failing.gets.Load())
	}
}

// TestListCacheWithoutGet: a cache without single reads (a runner group's members) takes its
// one list as the whole truth: a member missing from it is gone, a failed list fails the
// reads, and a list answered 404 (the group is gone) means every member is gone.
func TestListCacheWithoutGet(t *testing.T) {
	t.Parallel()
	var lists atomic.Int32
	var listErr error
	c := &listCache[groupMembers, int64, int64]{
		what: "members",
		key:  func(v int64) int64 { return v },
		path: func(g groupMembers) string { return g.Key() },
		list: func(*client.Client, context.Context, groupMembers) ([]int64, error) {
			lists.Add(1)
			return []int64{1, 2}, listErr
		},
	}
	api := runClient(t)
	g := groupMembers{client.Organization("acme"), 3}
	same := groupMembers{client.Organization("ACME"), 3}
	for _, id := range []int64{1, 2, 9} {
		v, err := c.read(t.Context(), api, same, id)
		if err != nil || (v == nil) != (id == 9) {
			t.Errorf("read %d: %v, %v", id, v, err)
		}
	}
	c.drop(g, 1)
	if v, err := c.read(t.Context(), api, g, 1); err != nil || v != nil {
		t.Errorf("a dropped member: %v, %v; want nil, nil", v, err)
	}
	if n := lists.Load(); n != 1 {
		t.Errorf("%d lists for one group in two spellings, want 1", n)
	}
	listErr = errors.New("boom")
	if _, err := c.read(t.Context(), api, groupMembers{client.Organization("acme"), 4}, 1); err == nil {
		t.Error("a failed list must fail the read")
	}
	listErr = &client.APIError{StatusCode: 404}
	if v, err := c.read(t.Context(), api, groupMembers{client.Organization("acme"), 5}, 1); err != nil || v != nil {
		t.Errorf("a group that is gone: %v, %v; want nil, nil", v, err)
	}
}

// runClient is a client for one run's cache; it sends no request.
func runClient(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: "http://127.0.0.1:1", Token: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
