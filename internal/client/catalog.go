package client

import (
	"context"
	"net/http"
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

// ListMachineSizes lists the machine specs runners can use.
func (c *Client) ListMachineSizes(ctx context.Context, scope Scope) ([]MachineSpec, error) {
	var all []MachineSpec
	err := c.paginate(ctx, scope.path("machine-sizes"), func(body []byte) error {
		var page struct {
			MachineSpecs []MachineSpec `json:"machine_specs"`
		}
		if err := decodeJSON(body, &page); err != nil {
			return err
		}
		all = append(all, page.MachineSpecs...)
		return nil
	})
	return all, err
}

// ListPlatforms lists the platform names runners can use.
func (c *Client) ListPlatforms(ctx context.Context, scope Scope) ([]string, error) {
	var all []string
	err := c.paginate(ctx, scope.path("platforms"), func(body []byte) error {
		var page struct {
			Platforms []string `json:"platforms"`
		}
		if err := decodeJSON(body, &page); err != nil {
			return err
		}
		all = append(all, page.Platforms...)
		return nil
	})
	return all, err
}

// GetLimits gets the static public IP limits.
func (c *Client) GetLimits(ctx context.Context, scope Scope) (*Limits, error) {
	var out Limits
	if err := c.do(ctx, http.MethodGet, scope.path("limits"), nil, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}
