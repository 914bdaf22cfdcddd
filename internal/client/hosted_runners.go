package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
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
	RunnerGroupID      *int64       `json:"runner_group_id"` // optional in the schema: nil when left out
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

// UnmarshalJSON decodes a runner and requires the fields the schema requires that state
// shows: status, platform, public_ip_enabled and machine_size_details with its id, so that an
// answer without them never reads as an empty size or status (which a plan would then try to
// change back). image_details is required but nullable: absent reads as null.
func (r *HostedRunner) UnmarshalJSON(data []byte) error {
	type plain HostedRunner
	var wire struct {
		plain
		Status             *string      `json:"status"`
		Platform           *string      `json:"platform"`
		PublicIPEnabled    *bool        `json:"public_ip_enabled"`
		MachineSizeDetails *MachineSpec `json:"machine_size_details"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	switch {
	case wire.Status == nil:
		return missing("hosted runner", "status")
	case wire.Platform == nil:
		return missing("hosted runner", "platform")
	case wire.PublicIPEnabled == nil:
		return missing("hosted runner", "public_ip_enabled")
	case wire.MachineSizeDetails == nil || wire.MachineSizeDetails.ID == "":
		return missing("hosted runner", "machine_size_details.id")
	}
	*r = HostedRunner(wire.plain)
	r.Status, r.Platform, r.PublicIPEnabled, r.MachineSizeDetails = *wire.Status, *wire.Platform, *wire.PublicIPEnabled, *wire.MachineSizeDetails
	return nil
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

// ListPageSize is how many runners one page of the list holds: ListHostedRunners asks for
// GitHub's maximum.
const ListPageSize = 100

// runnerListPath is the first page of a scope's runner list.
func runnerListPath(scope Scope) string { return scope.path() + "?per_page=100" }

// InvalidBodyError is a success answer whose body is not what the operation returns: empty,
// truncated, of another shape, or a runner without an id or a name. For a create it leaves
// it unknown whether GitHub acted.
type InvalidBodyError struct {
	Method, Path string
	Status       int
	Reason       string
}

func (e *InvalidBodyError) Error() string {
	return fmt.Sprintf("%s %s: GitHub answered %d with a body that is not a hosted runner: %s", e.Method, e.Path, e.Status, e.Reason)
}

// IsInvalidBody reports whether err is (or wraps) an InvalidBodyError.
func IsInvalidBody(err error) bool {
	var ib *InvalidBodyError
	return errors.As(err, &ib)
}

// validRunner checks what every runner in an answer must have: an id and a name.
func validRunner(r *HostedRunner) string {
	switch {
	case r.ID <= 0:
		return fmt.Sprintf("it has no positive id (id %d)", r.ID)
	case r.Name == "":
		return fmt.Sprintf("runner %d has no name", r.ID)
	}
	return ""
}

// ListHostedRunners lists every runner of the scope, following Link pages of 100. Pages are
// read one after another while runners come and go, so a runner can show up on two pages
// (returned once) or move to a page already read (missed). When the pages of one pass
// disagree on total_count, or the unique runners do not add up to it, the list is read
// again; after listPasses inconsistent passes the union of all passes is returned, so a
// runner that existed throughout is never missed.
func (c *Client) ListHostedRunners(ctx context.Context, scope Scope) ([]HostedRunner, error) {
	runners, _, err := c.ListHostedRunnersChecked(ctx, scope)
	return runners, err
}

// ListHostedRunnersChecked is ListHostedRunners that also reports whether the list is
// complete: one pass whose pages agreed on total_count and added up to it, so that a
// runner absent from it was absent from the scope while it was read.
func (c *Client) ListHostedRunnersChecked(ctx context.Context, scope Scope) ([]HostedRunner, bool, error) {
	var union []HostedRunner
	inUnion := map[int64]bool{}
	for range listPasses {
		pass, consistent, err := c.listRunnersOnce(ctx, scope)
		if err != nil {
			return nil, false, err
		}
		if consistent {
			return pass, true, nil
		}
		for _, r := range pass {
			if !inUnion[r.ID] {
				inUnion[r.ID] = true
				union = append(union, r)
			}
		}
	}
	return union, false, nil
}

// runnerPage is one page of the runner list.
type runnerPage struct {
	TotalCount *int           `json:"total_count"`
	Runners    []HostedRunner `json:"runners"`
}

// decodeRunnerPage decodes and validates one page: total_count and runners present, each
// runner with an id and a name.
func decodeRunnerPage(body []byte) (*runnerPage, error) {
	var page runnerPage
	if err := decodeJSON(body, &page); err != nil {
		return nil, err
	}
	if page.TotalCount == nil || page.Runners == nil || *page.TotalCount < 0 {
		return nil, errors.New("the page is not a list of runners (total_count and runners missing)")
	}
	for _, r := range page.Runners {
		if err := listedRunner(r); err != nil {
			return nil, err
		}
	}
	return &page, nil
}

// listedRunner checks a runner of a list answer: it has an id and a name (validRunner).
func listedRunner(r HostedRunner) error {
	if reason := validRunner(&r); reason != "" {
		return fmt.Errorf("a listed runner is not valid: %s", reason)
	}
	return nil
}

// FirstRunnerPage reads the first page (up to 100 runners) of the scope's list and its
// total_count, the scope's size: enough to decide whether reading the whole list is cheaper
// than reading runners one by one. The page is the first request of a full list, so its
// ETag serves both.
func (c *Client) FirstRunnerPage(ctx context.Context, scope Scope) ([]HostedRunner, int, error) {
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, runnerListPath(scope), nil, &raw, http.StatusOK); err != nil {
		return nil, 0, err
	}
	page, err := decodeRunnerPage(raw)
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: %w", runnerListPath(scope), err)
	}
	return page.Runners, max(*page.TotalCount, len(page.Runners)), nil
}

// listRunnersOnce reads every page once, deduplicating by id, and reports whether the pages
// agreed with each other.
func (c *Client) listRunnersOnce(ctx context.Context, scope Scope) ([]HostedRunner, bool, error) {
	var all []HostedRunner
	seen := map[int64]bool{}
	total := -1
	consistent := true
	err := c.paginate(ctx, runnerListPath(scope), func(body []byte) error {
		page, err := decodeRunnerPage(body)
		if err != nil {
			return err
		}
		if total >= 0 && *page.TotalCount != total {
			consistent = false
		}
		total = *page.TotalCount
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

// runnerCall sends one request whose success answer is a runner and validates that runner.
func (c *Client) runnerCall(ctx context.Context, method, path string, want ...int) (*HostedRunner, int, error) {
	var raw json.RawMessage
	status, err := c.doStatus(ctx, method, path, nil, &raw, want...)
	r, err := runnerAnswer(method, path, status, raw, err)
	return r, status, err
}

// runnerAnswer validates the answer of a request whose success body is a runner.
func runnerAnswer(method, path string, status int, raw json.RawMessage, err error) (*HostedRunner, error) {
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		// A success status whose body did not decode as JSON.
		return nil, &InvalidBodyError{Method: method, Path: path, Status: status, Reason: "it is not valid JSON"}
	}
	if err != nil {
		return nil, err
	}
	var out HostedRunner
	if len(raw) == 0 {
		return nil, &InvalidBodyError{Method: method, Path: path, Status: status, Reason: "it is empty"}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, &InvalidBodyError{Method: method, Path: path, Status: status, Reason: "it is not a runner object (" + err.Error() + ")"}
	}
	if reason := validRunner(&out); reason != "" {
		return nil, &InvalidBodyError{Method: method, Path: path, Status: status, Reason: reason}
	}
	return &out, nil
}

// writeRunner sends a write whose success answer (status want) is the runner.
func (c *Client) writeRunner(ctx context.Context, method, path string, in any, want int) (*HostedRunner, error) {
	var raw json.RawMessage
	err := c.do(ctx, method, path, in, &raw, want)
	return runnerAnswer(method, path, want, raw, err)
}

// CreateHostedRunner creates a runner. The POST is never retried by the transport. A 201
// whose body is not a runner with an id and the requested name (in any letter case) is an
// *InvalidBodyError.
func (c *Client) CreateHostedRunner(ctx context.Context, scope Scope, req CreateHostedRunnerRequest) (*HostedRunner, error) {
	r, err := c.writeRunner(ctx, http.MethodPost, scope.path(), req, http.StatusCreated)
	if err == nil && !strings.EqualFold(r.Name, req.Name) {
		return nil, &InvalidBodyError{Method: http.MethodPost, Path: scope.path(), Status: http.StatusCreated,
			Reason: fmt.Sprintf("it is runner %d named %q, not the %q this request created", r.ID, r.Name, req.Name)}
	}
	return r, err
}

// GetHostedRunner gets one runner.
func (c *Client) GetHostedRunner(ctx context.Context, scope Scope, id int64) (*HostedRunner, error) {
	r, _, err := c.runnerCall(ctx, http.MethodGet, scope.path(strconv.FormatInt(id, 10)), http.StatusOK)
	if err == nil && r.ID != id {
		return nil, &InvalidBodyError{Method: http.MethodGet, Path: scope.path(strconv.FormatInt(id, 10)), Status: http.StatusOK,
			Reason: fmt.Sprintf("it is runner %d, not %d", r.ID, id)}
	}
	return r, err
}

// UpdateHostedRunner updates a runner in place. A 200 whose body is not that runner is an
// *InvalidBodyError.
func (c *Client) UpdateHostedRunner(ctx context.Context, scope Scope, id int64, req UpdateHostedRunnerRequest) (*HostedRunner, error) {
	path := scope.path(strconv.FormatInt(id, 10))
	r, err := c.writeRunner(ctx, http.MethodPatch, path, req, http.StatusOK)
	if err == nil && r.ID != id {
		return nil, &InvalidBodyError{Method: http.MethodPatch, Path: path, Status: http.StatusOK,
			Reason: fmt.Sprintf("it is runner %d, not %d", r.ID, id)}
	}
	return r, err
}

// DeleteHostedRunner asks GitHub to delete a runner. GitHub answers 202 and deletes it
// asynchronously; the returned runner is usually in status Deleting. Some servers answer 204
// (or 202) with no body, in which case the runner is nil; nothing of the answer but its
// status is needed.
func (c *Client) DeleteHostedRunner(ctx context.Context, scope Scope, id int64) (*HostedRunner, error) {
	r, status, err := c.runnerCall(ctx, http.MethodDelete, scope.path(strconv.FormatInt(id, 10)), http.StatusAccepted, http.StatusOK, http.StatusNoContent)
	if IsInvalidBody(err) || status == http.StatusNoContent {
		return nil, nil
	}
	return r, err
}
