package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
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

// The catalog lists (machine sizes, platforms, GitHub-owned and partner images) are read once
// per scope for the run (memoized): they change on GitHub's release schedule, not within a
// run, and every data source and validator needs them. A read that ran out of read_timeout,
// or that GitHub answered with 401, 403 or 404, stays failed for the run, so that nothing
// starts it again; other errors (5xx after retries, a transport failure) do not, so the next
// call tries again.

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

// memoized returns the list named what for scope as read once in this run (OncePerRun, failures
// kept when lasting). Each caller gets its own copy of the slice.
func memoized[T any](ctx context.Context, c *Client, what string, scope Scope, fetch func(context.Context) ([]T, error)) ([]T, error) {
	list, err := OncePerRun(ctx, c, scope.path(what), fetch, lasting)
	if err != nil {
		return nil, err
	}
	return slices.Clone(list), nil
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
