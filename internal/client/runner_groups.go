package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Runner group visibilities. Organizations accept all three; enterprises only all and selected.
const (
	VisibilityAll      = "all"
	VisibilitySelected = "selected"
	VisibilityPrivate  = "private"
)

// RunnerGroup is the runner-groups-org and runner-groups-enterprise schemas in one: the
// organization-only fields (Inherited, InheritedAllowsPublicRepositories,
// SelectedRepositoriesURL) are zero in an enterprise group, SelectedOrganizationsURL in an
// organization group.
type RunnerGroup struct {
	ID                                int64    `json:"-"` // a `number` in the schema; see UnmarshalJSON
	Name                              string   `json:"name"`
	Visibility                        string   `json:"visibility"`
	Default                           bool     `json:"default"`
	SelectedRepositoriesURL           string   `json:"selected_repositories_url,omitempty"`
	SelectedOrganizationsURL          string   `json:"selected_organizations_url,omitempty"`
	RunnersURL                        string   `json:"runners_url"`
	HostedRunnersURL                  string   `json:"hosted_runners_url,omitempty"`
	NetworkConfigurationID            string   `json:"network_configuration_id,omitempty"` // "" when unset
	Inherited                         bool     `json:"inherited"`
	InheritedAllowsPublicRepositories *bool    `json:"inherited_allows_public_repositories,omitempty"`
	AllowsPublicRepositories          bool     `json:"allows_public_repositories"`
	WorkflowRestrictionsReadOnly      bool     `json:"workflow_restrictions_read_only"`
	RestrictedToWorkflows             bool     `json:"restricted_to_workflows"`
	SelectedWorkflows                 []string `json:"selected_workflows"`
}

// UnmarshalJSON decodes the group, taking its `number` id as a whole number, and requires the
// booleans both schemas require and state shows (default, allows_public_repositories), so
// that an answer without them never reads as false.
func (g *RunnerGroup) UnmarshalJSON(data []byte) error {
	type plain RunnerGroup
	var wire struct {
		plain
		ID                       json.Number `json:"id"`
		Default                  *bool       `json:"default"`
		AllowsPublicRepositories *bool       `json:"allows_public_repositories"`
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	id, err := wholeNumber(wire.ID)
	if err != nil {
		return fmt.Errorf("runner group id: %w", err)
	}
	switch {
	case wire.Default == nil:
		return missing("runner group", "default")
	case wire.AllowsPublicRepositories == nil:
		return missing("runner group", "allows_public_repositories")
	}
	*g = RunnerGroup(wire.plain)
	g.ID, g.Default, g.AllowsPublicRepositories = id, *wire.Default, *wire.AllowsPublicRepositories
	return nil
}

func (g RunnerGroup) validate() error {
	switch {
	case g.ID <= 0:
		return missing("runner group", "id")
	case g.Name == "":
		return missing("runner group", "name")
	case g.Visibility == "":
		return missing("runner group", "visibility")
	}
	return nil
}

// CreateRunnerGroupRequest is the body of a create call. SelectedRepositoryIDs is for
// organization groups, SelectedOrganizationIDs for enterprise groups; empty lists and nil
// pointers are left out and take GitHub's defaults.
type CreateRunnerGroupRequest struct {
	Name                     string   `json:"name"`
	Visibility               string   `json:"visibility,omitempty"`
	SelectedRepositoryIDs    []int64  `json:"selected_repository_ids,omitempty"`
	SelectedOrganizationIDs  []int64  `json:"selected_organization_ids,omitempty"`
	Runners                  []int64  `json:"runners,omitempty"`
	AllowsPublicRepositories *bool    `json:"allows_public_repositories,omitempty"`
	RestrictedToWorkflows    *bool    `json:"restricted_to_workflows,omitempty"`
	SelectedWorkflows        []string `json:"selected_workflows,omitempty"`
	NetworkConfigurationID   string   `json:"network_configuration_id,omitempty"`
}

// UpdateRunnerGroupRequest is the body of an update call; nil fields are left out. The
// organization update requires Name. SelectedWorkflows, when non-nil, is sent even when
// empty (to clear the list). NetworkConfigurationID is left out when nil, and
// Null[string]() unsets the group's network configuration.
type UpdateRunnerGroupRequest struct {
	Name                     *string           `json:"name,omitempty"`
	Visibility               *string           `json:"visibility,omitempty"`
	AllowsPublicRepositories *bool             `json:"allows_public_repositories,omitempty"`
	RestrictedToWorkflows    *bool             `json:"restricted_to_workflows,omitempty"`
	SelectedWorkflows        *[]string         `json:"selected_workflows,omitempty"`
	NetworkConfigurationID   *Nullable[string] `json:"network_configuration_id,omitempty"`
}

// Repository is the part of the minimal-repository schema the provider uses.
type Repository struct {
	ID       int64  `json:"id"`
	NodeID   string `json:"node_id"`
	Name     string `json:"name"`
	FullName string `json:"full_name"`
	Private  bool   `json:"private"`
}

func (r Repository) validate() error {
	if r.ID <= 0 {
		return missing("repository", "id")
	}
	return nil
}

// OrganizationSimple is the organization-simple schema's identifying fields.
type OrganizationSimple struct {
	ID     int64  `json:"id"`
	Login  string `json:"login"`
	NodeID string `json:"node_id"`
}

func (o OrganizationSimple) validate() error {
	if o.ID <= 0 {
		return missing("organization", "id")
	}
	return nil
}

// groupsPath renders /{kind}/{name}/actions/runner-groups followed by the segments.
func groupsPath(s Scope, segments ...string) string {
	return scopePath(s, append([]string{"actions", "runner-groups"}, segments...)...)
}

// groupPath renders the path of one group followed by the segments.
func groupPath(s Scope, id int64, segments ...string) string {
	return groupsPath(s, append([]string{strconv.FormatInt(id, 10)}, segments...)...)
}

// memberSegment is the membership sub-resource of the scope's groups: repositories for an
// organization, organizations for an enterprise.
func memberSegment(s Scope) string {
	if s.IsEnterprise() {
		return "organizations"
	}
	return "repositories"
}

// ListRunnerGroups lists every runner group of the scope (for an organization, also those
// inherited from its enterprise). visibleTo, when not "", keeps only the groups the named
// repository (organization scope, visible_to_repository) or organization (enterprise scope,
// visible_to_organization) may use. The list declares no Link header, so it is read by Link
// when the server sends one and by page number otherwise, 100 a page: N groups cost
// ceil(N/100) requests (one more when groups are deleted while the pages are read).
func (c *Client) ListRunnerGroups(ctx context.Context, scope Scope, visibleTo string) ([]RunnerGroup, error) {
	query := ""
	if visibleTo != "" {
		key := "visible_to_repository"
		if scope.IsEnterprise() {
			key = "visible_to_organization"
		}
		query = url.Values{key: {visibleTo}}.Encode()
	}
	return listCounted(ctx, c, groupsPath(scope), query, "runner_groups", "runner groups", RunnerGroup.validate,
		func(g RunnerGroup) int64 { return g.ID })
}

// CreateRunnerGroup creates a runner group. The membership list that does not belong to the
// scope's kind is refused before anything is sent.
func (c *Client) CreateRunnerGroup(ctx context.Context, scope Scope, req CreateRunnerGroupRequest) (*RunnerGroup, error) {
	if scope.IsEnterprise() && len(req.SelectedRepositoryIDs) > 0 {
		return nil, fmt.Errorf("an enterprise runner group selects organizations, not repositories")
	}
	if !scope.IsEnterprise() && len(req.SelectedOrganizationIDs) > 0 {
		return nil, fmt.Errorf("an organization runner group selects repositories, not organizations")
	}
	return doValid[RunnerGroup](ctx, c, http.MethodPost, groupsPath(scope), req, http.StatusCreated)
}

// GetRunnerGroup gets one runner group.
func (c *Client) GetRunnerGroup(ctx context.Context, scope Scope, id int64) (*RunnerGroup, error) {
	return doSame(ctx, c, http.MethodGet, groupPath(scope, id), nil, "runner group", func(g RunnerGroup) int64 { return g.ID }, id)
}

// UpdateRunnerGroup updates a runner group in place. GitHub requires name in an organization
// update, so one without it is refused before anything is sent.
func (c *Client) UpdateRunnerGroup(ctx context.Context, scope Scope, id int64, req UpdateRunnerGroupRequest) (*RunnerGroup, error) {
	if !scope.IsEnterprise() && req.Name == nil {
		return nil, fmt.Errorf("an organization runner group update must send the name")
	}
	if req.SelectedWorkflows != nil && *req.SelectedWorkflows == nil {
		req.SelectedWorkflows = &[]string{}
	}
	return doSame(ctx, c, http.MethodPatch, groupPath(scope, id), req, "runner group", func(g RunnerGroup) int64 { return g.ID }, id)
}

// DeleteRunnerGroup deletes a runner group.
func (c *Client) DeleteRunnerGroup(ctx context.Context, scope Scope, id int64) error {
	return c.do(ctx, http.MethodDelete, groupPath(scope, id), nil, nil, http.StatusNoContent)
}

// ListRunnerGroupHostedRunners lists the hosted runners in an organization runner group,
// following Link pages of 100. GitHub has no such list for enterprise groups; for an
// enterprise scope it fails without a request.
func (c *Client) ListRunnerGroupHostedRunners(ctx context.Context, scope Scope, id int64) ([]HostedRunner, error) {
	if scope.IsEnterprise() {
		return nil, fmt.Errorf("GitHub has no list of the hosted runners in an enterprise runner group")
	}
	runners, err := listItems(ctx, c, groupPath(scope, id, "hosted-runners")+"?per_page=100", "runners", "hosted runners", listedRunner)
	if err != nil {
		return nil, err
	}
	return uniqueBy(runners, func(r HostedRunner) int64 { return r.ID }), nil
}

// ListRunnerGroupRepositories lists the repositories an organization runner group is
// available to (for visibility selected).
func (c *Client) ListRunnerGroupRepositories(ctx context.Context, scope Scope, id int64) ([]Repository, error) {
	if scope.IsEnterprise() {
		return nil, fmt.Errorf("an enterprise runner group selects organizations, not repositories")
	}
	return listCounted(ctx, c, groupPath(scope, id, "repositories"), "", "repositories", "repositories", Repository.validate,
		func(r Repository) int64 { return r.ID })
}

// ListRunnerGroupOrganizations lists the organizations an enterprise runner group is
// available to (for visibility selected).
func (c *Client) ListRunnerGroupOrganizations(ctx context.Context, scope Scope, id int64) ([]OrganizationSimple, error) {
	if !scope.IsEnterprise() {
		return nil, fmt.Errorf("an organization runner group selects repositories, not organizations")
	}
	return listCounted(ctx, c, groupPath(scope, id, "organizations"), "", "organizations", "organizations", OrganizationSimple.validate,
		func(o OrganizationSimple) int64 { return o.ID })
}

// ListRunnerGroupMemberIDs lists the ids of the repositories (organization scope) or
// organizations (enterprise scope) a group is available to.
func (c *Client) ListRunnerGroupMemberIDs(ctx context.Context, scope Scope, id int64) ([]int64, error) {
	var ids []int64
	if scope.IsEnterprise() {
		orgs, err := c.ListRunnerGroupOrganizations(ctx, scope, id)
		for _, o := range orgs {
			ids = append(ids, o.ID)
		}
		return ids, err
	}
	repos, err := c.ListRunnerGroupRepositories(ctx, scope, id)
	for _, r := range repos {
		ids = append(ids, r.ID)
	}
	return ids, err
}

// SetRunnerGroupMembers replaces the whole list of repositories (organization scope) or
// organizations (enterprise scope) a group is available to, in one request.
func (c *Client) SetRunnerGroupMembers(ctx context.Context, scope Scope, id int64, memberIDs []int64) error {
	if memberIDs == nil {
		memberIDs = []int64{}
	}
	key := "selected_repository_ids"
	if scope.IsEnterprise() {
		key = "selected_organization_ids"
	}
	return c.do(ctx, http.MethodPut, groupPath(scope, id, memberSegment(scope)), map[string][]int64{key: memberIDs}, nil, http.StatusNoContent)
}

// AddRunnerGroupMember makes a group available to one more repository (organization scope)
// or organization (enterprise scope). GitHub requires the group's visibility to be selected.
func (c *Client) AddRunnerGroupMember(ctx context.Context, scope Scope, id, memberID int64) error {
	return c.do(ctx, http.MethodPut, groupPath(scope, id, memberSegment(scope), strconv.FormatInt(memberID, 10)), nil, nil, http.StatusNoContent)
}

// RemoveRunnerGroupMember takes one repository (organization scope) or organization
// (enterprise scope) off a group's list.
func (c *Client) RemoveRunnerGroupMember(ctx context.Context, scope Scope, id, memberID int64) error {
	return c.do(ctx, http.MethodDelete, groupPath(scope, id, memberSegment(scope), strconv.FormatInt(memberID, 10)), nil, nil, http.StatusNoContent)
}
