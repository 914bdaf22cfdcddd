package client

import (
	"context"
	"net/http"
	"strconv"
)

// Runner statuses, as the actions-hosted-runner schema enumerates them.
const (
	StatusReady        = "Ready"
	StatusProvisioning = "Provisioning"
	StatusShutdown     = "Shutdown"
	StatusDeleting     = "Deleting"
	StatusStuck        = "Stuck"
)

// DefaultMaximumRunners is the schema's default for maximum_runners when a response leaves it out.
const DefaultMaximumRunners = 10

// HostedRunner is the actions-hosted-runner schema.
type HostedRunner struct {
	ID                 int64        `json:"id"`
	Name               string       `json:"name"`
	RunnerGroupID      int64        `json:"runner_group_id"`
	ImageDetails       *ImageDetail `json:"image_details"`
	MachineSizeDetails MachineSpec  `json:"machine_size_details"`
	Status             string       `json:"status"`
	Platform           string       `json:"platform"`
	MaximumRunners     *int64       `json:"maximum_runners"`
	PublicIPEnabled    bool         `json:"public_ip_enabled"`
	PublicIPs          []PublicIP   `json:"public_ips"`
	LastActiveOn       *string      `json:"last_active_on"`
	ImageGen           *bool        `json:"image_gen"` // optional in the schema: nil when left out
}

// Maximum returns maximum_runners, or the schema default when GitHub left it out.
func (r *HostedRunner) Maximum() int64 {
	if r.MaximumRunners == nil {
		return DefaultMaximumRunners
	}
	return *r.MaximumRunners
}

// ImageDetail is the nullable-actions-hosted-runner-pool-image schema.
type ImageDetail struct {
	ID          string `json:"id"`
	SizeGB      int64  `json:"size_gb"`
	DisplayName string `json:"display_name"`
	Source      string `json:"source"`
	Version     string `json:"version,omitempty"`
}

// PublicIP is the public-ip schema.
type PublicIP struct {
	Enabled bool   `json:"enabled"`
	Prefix  string `json:"prefix"`
	Length  int64  `json:"length"`
}

// CreateHostedRunnerRequest is the body of a create call.
type CreateHostedRunnerRequest struct {
	Name           string      `json:"name"`
	Image          RunnerImage `json:"image"`
	Size           string      `json:"size"`
	RunnerGroupID  int64       `json:"runner_group_id"`
	MaximumRunners *int64      `json:"maximum_runners,omitempty"`
	EnableStaticIP *bool       `json:"enable_static_ip,omitempty"`
	ImageGen       *bool       `json:"image_gen,omitempty"`
}

// RunnerImage is the nested image of a create call. A custom image's integer id is sent as a string.
type RunnerImage struct {
	ID      string  `json:"id"`
	Source  string  `json:"source,omitempty"`
	Version *string `json:"version,omitempty"`
}

// UpdateHostedRunnerRequest is the body of an update call; nil fields are left out and so unchanged.
type UpdateHostedRunnerRequest struct {
	Name           *string `json:"name,omitempty"`
	RunnerGroupID  *int64  `json:"runner_group_id,omitempty"`
	MaximumRunners *int64  `json:"maximum_runners,omitempty"`
	EnableStaticIP *bool   `json:"enable_static_ip,omitempty"`
	Size           *string `json:"size,omitempty"`
	ImageSource    *string `json:"image_source,omitempty"`
	ImageID        *string `json:"image_id,omitempty"`
	ImageVersion   *string `json:"image_version,omitempty"`
	ImageGen       *bool   `json:"image_gen,omitempty"`
	// UnpinImageVersion sends "image_version": null, GitHub's way to ask for the latest version.
	UnpinImageVersion bool `json:"-"`
}

// listPasses bounds how often ListHostedRunners reads the whole list while it keeps changing.
const listPasses = 3

// ListHostedRunners lists every runner of the scope, following Link pages of 100. Pages are
// read one after another while runners come and go, so a runner can show up on two pages
// (returned once) or move to a page already read (missed). When the pages of one pass
// disagree on total_count, or the unique runners do not add up to it, the list is read
// again; after listPasses inconsistent passes the union of all passes is returned, so a
// runner that existed throughout is never missed.
func (c *Client) ListHostedRunners(ctx context.Context, scope Scope) ([]HostedRunner, error) {
	var union []HostedRunner
	inUnion := map[int64]bool{}
	for range listPasses {
		pass, consistent, err := c.listRunnersOnce(ctx, scope)
		if err != nil {
			return nil, err
		}
		if consistent {
			return pass, nil
		}
		for _, r := range pass {
			if !inUnion[r.ID] {
				inUnion[r.ID] = true
				union = append(union, r)
			}
		}
	}
	return union, nil
}

// listRunnersOnce reads every page once, deduplicating by id, and reports whether the pages
// agreed with each other.
func (c *Client) listRunnersOnce(ctx context.Context, scope Scope) ([]HostedRunner, bool, error) {
	var all []HostedRunner
	seen := map[int64]bool{}
	total := -1
	consistent := true
	err := c.paginate(ctx, scope.path()+"?per_page=100", func(body []byte) error {
		var page struct {
			TotalCount int            `json:"total_count"`
			Runners    []HostedRunner `json:"runners"`
		}
		if err := decodeJSON(body, &page); err != nil {
			return err
		}
		if total >= 0 && page.TotalCount != total {
			consistent = false
		}
		total = page.TotalCount
		for _, r := range page.Runners {
			if !seen[r.ID] {
				seen[r.ID] = true
				all = append(all, r)
			}
		}
		return nil
	})
	return all, consistent && len(all) == total, err
}

// CreateHostedRunner creates a runner. The POST is never retried by the transport.
func (c *Client) CreateHostedRunner(ctx context.Context, scope Scope, req CreateHostedRunnerRequest) (*HostedRunner, error) {
	var out HostedRunner
	if err := c.do(ctx, http.MethodPost, scope.path(), req, &out, http.StatusCreated); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetHostedRunner gets one runner.
func (c *Client) GetHostedRunner(ctx context.Context, scope Scope, id int64) (*HostedRunner, error) {
	var out HostedRunner
	if err := c.do(ctx, http.MethodGet, scope.path(strconv.FormatInt(id, 10)), nil, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateHostedRunner updates a runner in place.
func (c *Client) UpdateHostedRunner(ctx context.Context, scope Scope, id int64, req UpdateHostedRunnerRequest) (*HostedRunner, error) {
	var out HostedRunner
	if err := c.do(ctx, http.MethodPatch, scope.path(strconv.FormatInt(id, 10)), req, &out, http.StatusOK); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteHostedRunner asks GitHub to delete a runner. GitHub answers 202 and deletes it
// asynchronously; the returned runner is usually in status Deleting. Some servers answer 204
// with no body, in which case the runner is nil.
func (c *Client) DeleteHostedRunner(ctx context.Context, scope Scope, id int64) (*HostedRunner, error) {
	var out HostedRunner
	status, err := c.doStatus(ctx, http.MethodDelete, scope.path(strconv.FormatInt(id, 10)), nil, &out, http.StatusAccepted, http.StatusOK, http.StatusNoContent)
	if err != nil {
		return nil, err
	}
	if status == http.StatusNoContent {
		return nil, nil
	}
	return &out, nil
}
