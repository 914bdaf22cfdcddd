package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Values of an organization's enabled_repositories (self-hosted-runners-settings).
const (
	SelfHostedAll      = "all"
	SelfHostedSelected = "selected"
	SelfHostedNone     = "none"
)

// SelfHostedRunnerPolicy is the self-hosted-runners-settings schema: which repositories of an
// organization may use repository-level self-hosted runners.
type SelfHostedRunnerPolicy struct {
	EnabledRepositories     string `json:"enabled_repositories"`
	SelectedRepositoriesURL string `json:"selected_repositories_url,omitempty"`
}

func (p SelfHostedRunnerPolicy) validate() error {
	switch p.EnabledRepositories {
	case SelfHostedAll, SelfHostedSelected, SelfHostedNone:
		return nil
	case "":
		return missing("self-hosted runner policy", "enabled_repositories")
	}
	return fmt.Errorf("GitHub's answer is not a valid self-hosted runner policy: enabled_repositories %q is not all, selected or none",
		p.EnabledRepositories)
}

// EnterpriseSelfHostedRunnerPolicy is an enterprise's self-hosted runner setting.
type EnterpriseSelfHostedRunnerPolicy struct {
	// DisableForAllOrgs is disable_self_hosted_runners_for_all_orgs: when true, repository-level
	// runners are disabled across all organizations of the enterprise.
	DisableForAllOrgs bool `json:"disable_self_hosted_runners_for_all_orgs"`
	decoded           bool // the answer carried the boolean
}

// UnmarshalJSON requires the one boolean the schema requires, so that an answer without it
// never reads as false.
func (p *EnterpriseSelfHostedRunnerPolicy) UnmarshalJSON(data []byte) error {
	var wire struct {
		Disable *bool `json:"disable_self_hosted_runners_for_all_orgs"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	if wire.Disable == nil {
		return missing("enterprise self-hosted runner policy", "disable_self_hosted_runners_for_all_orgs")
	}
	p.DisableForAllOrgs, p.decoded = *wire.Disable, true
	return nil
}

// validate refuses an answer that never decoded (an empty body), which would read as false.
func (p EnterpriseSelfHostedRunnerPolicy) validate() error {
	if !p.decoded {
		return missing("enterprise self-hosted runner policy", "disable_self_hosted_runners_for_all_orgs")
	}
	return nil
}

// selfHostedPath renders /{kind}/{name}/actions/permissions/self-hosted-runners followed by the segments.
func selfHostedPath(s Scope, segments ...string) string {
	return scopePath(s, append([]string{"actions", "permissions", "self-hosted-runners"}, segments...)...)
}

// needOrganization refuses, before anything is sent, an organization-only call for an enterprise.
func needOrganization(s Scope) error {
	if s.IsEnterprise() {
		return fmt.Errorf("an enterprise's self-hosted runner policy is one boolean; enabled repositories belong to organizations")
	}
	return nil
}

// GetSelfHostedRunnerPolicy gets an organization's self-hosted runner policy.
func (c *Client) GetSelfHostedRunnerPolicy(ctx context.Context, scope Scope) (*SelfHostedRunnerPolicy, error) {
	if err := needOrganization(scope); err != nil {
		return nil, err
	}
	return doValid[SelfHostedRunnerPolicy](ctx, c, http.MethodGet, selfHostedPath(scope), nil, http.StatusOK)
}

// SetSelfHostedRunnerPolicy sets which repositories of an organization may use self-hosted
// runners: all, selected or none. GitHub answers 409 when the organization's enterprise does
// not allow the change.
func (c *Client) SetSelfHostedRunnerPolicy(ctx context.Context, scope Scope, enabled string) error {
	if err := needOrganization(scope); err != nil {
		return err
	}
	body := map[string]string{"enabled_repositories": enabled}
	return c.do(ctx, http.MethodPut, selfHostedPath(scope), body, nil, http.StatusNoContent)
}

// ListSelfHostedRunnerRepositoryIDs lists the ids of the repositories an organization allows to
// use self-hosted runners (for enabled_repositories selected), 100 a page.
func (c *Client) ListSelfHostedRunnerRepositoryIDs(ctx context.Context, scope Scope) ([]int64, error) {
	if err := needOrganization(scope); err != nil {
		return nil, err
	}
	repos, err := listCounted(ctx, c, selfHostedPath(scope, "repositories"), "", "repositories", "repositories",
		Repository.validate, func(r Repository) int64 { return r.ID })
	return mapIDs(repos, func(r Repository) int64 { return r.ID }), err
}

// SetSelfHostedRunnerRepositories replaces the whole list of repositories allowed to use
// self-hosted runners, in one request.
func (c *Client) SetSelfHostedRunnerRepositories(ctx context.Context, scope Scope, ids []int64) error {
	if err := needOrganization(scope); err != nil {
		return err
	}
	if ids == nil {
		ids = []int64{}
	}
	body := map[string][]int64{"selected_repository_ids": ids}
	return c.do(ctx, http.MethodPut, selfHostedPath(scope, "repositories"), body, nil, http.StatusNoContent)
}

// AddSelfHostedRunnerRepository allows one more repository to use self-hosted runners.
func (c *Client) AddSelfHostedRunnerRepository(ctx context.Context, scope Scope, id int64) error {
	if err := needOrganization(scope); err != nil {
		return err
	}
	return c.do(ctx, http.MethodPut, selfHostedPath(scope, "repositories", strconv.FormatInt(id, 10)), nil, nil, http.StatusNoContent)
}

// RemoveSelfHostedRunnerRepository takes one repository off the list allowed to use self-hosted runners.
func (c *Client) RemoveSelfHostedRunnerRepository(ctx context.Context, scope Scope, id int64) error {
	if err := needOrganization(scope); err != nil {
		return err
	}
	return c.do(ctx, http.MethodDelete, selfHostedPath(scope, "repositories", strconv.FormatInt(id, 10)), nil, nil, http.StatusNoContent)
}

// GetEnterpriseSelfHostedRunnerPolicy gets whether an enterprise disables repository-level
// self-hosted runners in all its organizations.
func (c *Client) GetEnterpriseSelfHostedRunnerPolicy(ctx context.Context, scope Scope) (*EnterpriseSelfHostedRunnerPolicy, error) {
	if !scope.IsEnterprise() {
		return nil, fmt.Errorf("disable_self_hosted_runners_for_all_orgs is an enterprise setting")
	}
	return doValid[EnterpriseSelfHostedRunnerPolicy](ctx, c, http.MethodGet, selfHostedPath(scope), nil, http.StatusOK)
}

// SetEnterpriseSelfHostedRunnerPolicy sets disable_self_hosted_runners_for_all_orgs.
func (c *Client) SetEnterpriseSelfHostedRunnerPolicy(ctx context.Context, scope Scope, disable bool) error {
	if !scope.IsEnterprise() {
		return fmt.Errorf("disable_self_hosted_runners_for_all_orgs is an enterprise setting")
	}
	body := map[string]bool{"disable_self_hosted_runners_for_all_orgs": disable}
	return c.do(ctx, http.MethodPut, selfHostedPath(scope), body, nil, http.StatusNoContent)
}

// IsConflict reports whether err is GitHub's 409, which the self-hosted runner policy answers
// when the enterprise does not let the organization change it.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// mapIDs returns the id of each item, in order.
func mapIDs[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}
