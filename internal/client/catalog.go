package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"golang.org/x/sync/singleflight"
)

// MachineSpec is the actions-hosted-runner-machine-spec schema.
type MachineSpec struct {
	ID        string `json:"id"`
	CPUCores  int64  `json:"cpu_cores"`
	MemoryGB  int64  `json:"memory_gb"`
	StorageGB int64  `json:"storage_gb"`
}

// Limits is the actions-hosted-runner-limits schema.
type Limits struct {
	PublicIPs struct {
		Maximum      int64 `json:"maximum"`
		CurrentUsage int64 `json:"current_usage"`
	} `json:"public_ips"`
}

// UnmarshalJSON requires what the schema requires: public_ips with maximum and current_usage,
// so that an answer without them never reads as a limit of 0.
func (l *Limits) UnmarshalJSON(b []byte) error {
	var wire struct {
		PublicIPs *struct {
			Maximum      *int64 `json:"maximum"`
			CurrentUsage *int64 `json:"current_usage"`
		} `json:"public_ips"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	switch {
	case wire.PublicIPs == nil:
		return missing("limits answer", "public_ips")
	case wire.PublicIPs.Maximum == nil:
		return missing("limits answer", "public_ips.maximum")
	case wire.PublicIPs.CurrentUsage == nil:
		return missing("limits answer", "public_ips.current_usage")
	}
	l.PublicIPs.Maximum, l.PublicIPs.CurrentUsage = *wire.PublicIPs.Maximum, *wire.PublicIPs.CurrentUsage
	return nil
}

// catalogMemo remembers the catalog lists (machine sizes, platforms, GitHub-owned and partner
// images) of each scope for the client's lifetime, one Terraform run: they change on GitHub's
// release schedule, not within a run, and every data source and validator needs them.
// Concurrent first calls share one read, which no caller's cancellation ends: it is bounded
// by the read timeout alone. A read that ran out of that time, or that GitHub answered with
// 401, 403 or 404, is remembered as failed for the run, so that nothing starts it again; other
// errors (5xx after retries, a transport failure) are not, so the next call tries again.
type catalogMemo struct {
	flights singleflight.Group
	mu      sync.Mutex
	values  map[string]memoEntry // "<list>|<scope key>" → the list or its lasting failure
}

type memoEntry struct {
	list any
	err  error
}

// lasting reports an error that another read in the same run would meet again.
func lasting(err error) bool {
	var timeoutErr *ReadTimeoutError
	var apiErr *APIError
	if errors.As(err, &timeoutErr) {
		return true
	}
	return errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusUnauthorized ||
		apiErr.StatusCode == http.StatusForbidden || apiErr.StatusCode == http.StatusNotFound)
}

// lookup returns what the memo holds for key.
func (m *catalogMemo) lookup(key string) (memoEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.values[key]
	return e, ok
}

// memoized returns the remembered list named what for scope, or reads it once for every
// concurrent caller. Each caller gets its own copy of the slice.
func memoized[T any](ctx context.Context, c *Client, what string, scope Scope, fetch func(context.Context) ([]T, error)) ([]T, error) {
	m := &c.catalog
	key := what + "|" + scope.Key()
	if e, ok := m.lookup(key); ok {
		list, _ := e.list.([]T)
		return slices.Clone(list), e.err
	}
	ch := m.flights.DoChan(key, func() (any, error) {
		// A flight that ended between the look above and this one has stored its result.
		if e, ok := m.lookup(key); ok {
			return e.list, e.err
		}
		readCtx, cancel := c.bounded(context.WithoutCancel(ctx))
		defer cancel()
		list, err := fetch(readCtx)
		if err != nil {
			list = nil
		}
		if err == nil || lasting(err) {
			m.mu.Lock()
			if m.values == nil {
				m.values = map[string]memoEntry{}
			}
			m.values[key] = memoEntry{list: list, err: err}
			m.mu.Unlock()
		}
		return list, err
	})
	select {
	case res := <-ch:
		list, _ := res.Val.([]T) // fetch returns []T
		return slices.Clone(list), res.Err
	case <-ctx.Done():
		return nil, endedOn(ctx, http.MethodGet, scope.path(what))
	}
}

// ListMachineSizes lists the machine specs runners can use, once per scope for the client.
func (c *Client) ListMachineSizes(ctx context.Context, scope Scope) ([]MachineSpec, error) {
	return memoized(ctx, c, "machine-sizes", scope, func(ctx context.Context) ([]MachineSpec, error) {
		return c.listMachineSizes(ctx, scope)
	})
}

func (c *Client) listMachineSizes(ctx context.Context, scope Scope) ([]MachineSpec, error) {
	return listItems(ctx, c, scope.path("machine-sizes"), "machine_specs", "machine sizes", MachineSpec.validate)
}

func (m MachineSpec) validate() error {
	if m.ID == "" {
		return missing("machine size", "id")
	}
	return nil
}

// ListPlatforms lists the platform names runners can use, once per scope for the client.
func (c *Client) ListPlatforms(ctx context.Context, scope Scope) ([]string, error) {
	return memoized(ctx, c, "platforms", scope, func(ctx context.Context) ([]string, error) {
		return c.listPlatforms(ctx, scope)
	})
}

func (c *Client) listPlatforms(ctx context.Context, scope Scope) ([]string, error) {
	return listItems(ctx, c, scope.path("platforms"), "platforms", "platforms", func(p string) error {
		if p == "" {
			return errors.New("GitHub's answer is not a valid list of platforms: it has an empty one")
		}
		return nil
	})
}

// GetLimits gets the static public IP limits. The body is decoded even when empty, so that
// Limits' check of the required fields sees every answer.
func (c *Client) GetLimits(ctx context.Context, scope Scope) (*Limits, error) {
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, scope.path("limits"), nil, &raw, http.StatusOK); err != nil {
		return nil, err
	}
	var out Limits
	if err := decodeJSON(raw, &out); err != nil {
		return nil, fmt.Errorf("GET %s: %w", scope.path("limits"), err)
	}
	return &out, nil
}
