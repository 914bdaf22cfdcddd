package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// groupsDocs is the documentation link of the runner group error bodies.
const groupsDocs = "https://docs.github.com/rest/actions/self-hosted-runner-groups"

// RunnerGroup is a runner group as tests see and seed it. SelectedIDs are repository ids in
// an organization and organization ids in an enterprise; they matter while Visibility is
// "selected". Inherited marks an organization's group that comes from its enterprise.
type RunnerGroup struct {
	ID                           int64
	Name                         string
	Visibility                   string
	Default                      bool
	Inherited                    bool
	AllowsPublicRepositories     bool
	RestrictedToWorkflows        bool
	SelectedWorkflows            []string
	WorkflowRestrictionsReadOnly bool
	NetworkConfigurationID       string // "" when unset
	SelectedIDs                  []int64
}

// groupStore holds a scope's runner groups.
type groupStore struct {
	byID   map[int64]*RunnerGroup
	nextID int64
}

// seed stores the groups every scope starts with: 1 "Default" (the default group), 2
// "larger-runners" (visibility all) and 3 "release" (visibility selected, restricted to a
// release workflow, available to the scope's first repository or organization).
func (g *groupStore) seed(s *scope) {
	g.byID = map[int64]*RunnerGroup{}
	members := s.memberIDs()
	workflow := s.owner + "/infra/.github/workflows/release.yml@refs/heads/main"
	for _, rg := range []RunnerGroup{
		{ID: 1, Name: "Default", Visibility: "all", Default: true},
		{ID: 2, Name: "larger-runners", Visibility: "all"},
		{ID: 3, Name: "release", Visibility: "selected", RestrictedToWorkflows: true,
			SelectedWorkflows: []string{workflow}, SelectedIDs: members[:min(1, len(members))]},
	} {
		stored := rg
		g.byID[rg.ID] = &stored
	}
	g.nextID = 4
}

// sorted returns the groups by id.
func (g *groupStore) sorted() []*RunnerGroup {
	out := make([]*RunnerGroup, 0, len(g.byID))
	for _, rg := range g.byID {
		out = append(out, rg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// nameTaken reports whether a group other than except is named name (case-insensitively).
func (g *groupStore) nameTaken(name string, except int64) bool {
	for id, rg := range g.byID {
		if id != except && strings.EqualFold(rg.Name, name) {
			return true
		}
	}
	return false
}

// usingConfig returns the groups whose network configuration is id.
func (g *groupStore) usingConfig(id string) []*RunnerGroup {
	var out []*RunnerGroup
	for _, rg := range g.sorted() {
		if rg.NetworkConfigurationID == id {
			out = append(out, rg)
		}
	}
	return out
}

// clone copies a group so callers cannot reach the store.
func (rg *RunnerGroup) clone() RunnerGroup {
	out := *rg
	out.SelectedWorkflows = append([]string{}, rg.SelectedWorkflows...)
	out.SelectedIDs = append([]int64(nil), rg.SelectedIDs...)
	return out
}

// groupBody renders the runner-groups-org or runner-groups-enterprise schema.
func (s *scope) groupBody(base, scopePath string, rg *RunnerGroup) map[string]any {
	u := base + "/" + scopePath + "/actions/runner-groups/" + strconv.FormatInt(rg.ID, 10)
	body := map[string]any{
		"id": rg.ID, "name": rg.Name, "visibility": rg.Visibility, "default": rg.Default,
		"runners_url": u + "/runners", "hosted_runners_url": u + "/hosted-runners",
		"allows_public_repositories":      rg.AllowsPublicRepositories,
		"workflow_restrictions_read_only": rg.WorkflowRestrictionsReadOnly,
		"restricted_to_workflows":         rg.RestrictedToWorkflows,
		"selected_workflows":              append([]string{}, rg.SelectedWorkflows...),
	}
	if rg.NetworkConfigurationID != "" {
		body["network_configuration_id"] = rg.NetworkConfigurationID
	}
	if s.enterprise {
		body["selected_organizations_url"] = u + "/organizations"
		return body
	}
	body["inherited"] = rg.Inherited
	if rg.Inherited {
		body["inherited_allows_public_repositories"] = rg.AllowsPublicRepositories
	}
	if rg.Visibility == "selected" {
		body["selected_repositories_url"] = u + "/repositories"
	}
	return body
}

// scopePath is the request's /{kind}/{name} without the leading slash, as sent.
func (c *call) scopePath() string {
	segs := strings.SplitN(strings.TrimPrefix(c.r.URL.Path, "/"), "/", 3)
	return segs[0] + "/" + segs[1]
}

// setGroup answers a group with status.
func (c *call) setGroup(status int, rg *RunnerGroup) {
	c.res.setJSON(status, c.scope.groupBody(apiBase(c.r), c.scopePath(), rg))
}

// group returns the group of the path, or answers 404.
func (c *call) group() *RunnerGroup {
	rg := c.scope.groups.byID[c.pathInt("runner_group_id")]
	if rg == nil {
		c.notFound()
	}
	return rg
}

// visibleTo reports whether the group may be used by the repository (organization) or
// organization (enterprise) named by who, an id or a name.
func (s *scope) visibleTo(rg *RunnerGroup, who string) bool {
	id, err := strconv.ParseInt(who, 10, 64)
	private := false
	found := false
	for _, r := range s.repos {
		if (err == nil && r.ID == id) || strings.EqualFold(r.Name, who) {
			id, private, found = r.ID, r.Private, true
		}
	}
	for _, o := range s.orgs {
		if (err == nil && o.ID == id) || strings.EqualFold(o.Login, who) {
			id, found = o.ID, true
		}
	}
	if !found {
		return false
	}
	switch rg.Visibility {
	case "selected":
		for _, sel := range rg.SelectedIDs {
			if sel == id {
				return true
			}
		}
		return false
	case "private":
		return private
	}
	return private || rg.AllowsPublicRepositories || s.enterprise
}

func (m *Mock) listGroups(c *call) {
	filterKey := "visible_to_repository"
	if c.scope.enterprise {
		filterKey = "visible_to_organization"
	}
	who := c.r.URL.Query().Get(filterKey)
	var all []map[string]any
	for _, rg := range c.scope.groups.sorted() {
		if who == "" || c.scope.visibleTo(rg, who) {
			all = append(all, c.scope.groupBody(apiBase(c.r), c.scopePath(), rg))
		}
	}
	c.res.setJSON(http.StatusOK, struct {
		TotalCount   int              `json:"total_count"`
		RunnerGroups []map[string]any `json:"runner_groups"`
	}{len(all), pageOf(c, all)})
}

func (m *Mock) getGroup(c *call) {
	if rg := c.group(); rg != nil {
		c.setGroup(http.StatusOK, rg)
	}
}

// Visibility values each scope accepts.
var (
	orgVisibilities = []string{"selected", "all", "private"}
	entVisibilities = []string{"selected", "all"}
)

// groupFields decodes and checks the fields create and update share into next. In a
// create, network_configuration_id must not be null; in an update, null unsets it.
func (c *call) groupFields(v *validation, obj map[string]json.RawMessage, next *RunnerGroup, ch change) {
	if v.decode(obj, "name", "name", &next.Name) {
		switch {
		case strings.TrimSpace(next.Name) == "":
			v.add("name", "invalid", "Name can't be blank.")
		case c.scope.groups.nameTaken(next.Name, next.ID):
			v.add("name", "already_exists", fmt.Sprintf("A runner group named %q already exists.", next.Name))
		}
	} else if ch == creating || !c.scope.enterprise {
		v.require(obj, "name", "name")
	}
	if v.decode(obj, "visibility", "visibility", &next.Visibility) {
		allowed := orgVisibilities
		if c.scope.enterprise {
			allowed = entVisibilities
		}
		if !slices.Contains(allowed, next.Visibility) {
			v.add("visibility", "invalid", fmt.Sprintf("Visibility must be one of %s.", strings.Join(allowed, ", ")))
		}
	}
	v.decode(obj, "allows_public_repositories", "allows_public_repositories", &next.AllowsPublicRepositories)
	before := *next
	v.decode(obj, "restricted_to_workflows", "restricted_to_workflows", &next.RestrictedToWorkflows)
	var workflows []string
	if v.decode(obj, "selected_workflows", "selected_workflows", &workflows) {
		for _, w := range workflows {
			if at := strings.LastIndex(w, "@"); at <= 0 || at == len(w)-1 || strings.Count(w[:at], "/") < 2 {
				v.add("selected_workflows", "invalid", fmt.Sprintf("Workflow %q must be a path such as octo-org/octo-repo/.github/workflows/deploy.yaml@main, with a ref, tag or long SHA.", w))
			}
		}
		next.SelectedWorkflows = workflows
	}
	if next.WorkflowRestrictionsReadOnly && (before.RestrictedToWorkflows != next.RestrictedToWorkflows ||
		strings.Join(before.SelectedWorkflows, "\n") != strings.Join(next.SelectedWorkflows, "\n")) {
		v.add("restricted_to_workflows", "custom", "The workflow restrictions of this runner group are read-only.")
	}
	switch {
	case ch == updating && string(obj["network_configuration_id"]) == "null":
		next.NetworkConfigurationID = ""
	case v.decode(obj, "network_configuration_id", "network_configuration_id", &next.NetworkConfigurationID):
		if c.scope.network.configs[next.NetworkConfigurationID] == nil {
			v.add("network_configuration_id", "invalid", fmt.Sprintf("Network configuration %q does not exist in this %s.", next.NetworkConfigurationID, c.scope.noun()))
		}
	}
}

// decodeIDs decodes obj[key] as an integer array and checks every id is a member of the
// scope; a wrong type, null or unknown id is recorded as invalid.
func (c *call) decodeIDs(v *validation, obj map[string]json.RawMessage, key string, dst *[]int64) bool {
	var ids []int64
	if !v.decode(obj, key, key, &ids) {
		return false
	}
	seen := map[int64]bool{}
	var unique []int64
	for _, id := range ids {
		if !c.scope.hasMember(id) {
			v.add(key, "invalid", fmt.Sprintf("%d is not the id of a %s of this %s.", id, strings.TrimSuffix(c.scope.memberKey(), "s"), c.scope.noun()))
		}
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	*dst = unique
	return true
}

// noun names the scope's kind for messages.
func (s *scope) noun() string {
	if s.enterprise {
		return "enterprise"
	}
	return "organization"
}

// memberField is the request field of a group's access list in the scope.
func (s *scope) memberField() string {
	if s.enterprise {
		return "selected_organization_ids"
	}
	return "selected_repository_ids"
}

func (m *Mock) createGroup(c *call) {
	next := RunnerGroup{Visibility: "all", SelectedWorkflows: []string{}}
	if !c.validated("RunnerGroup", groupsDocs, func(v *validation, obj map[string]json.RawMessage) {
		c.groupFields(v, obj, &next, creating)
		c.decodeIDs(v, obj, c.scope.memberField(), &next.SelectedIDs)
		var runners []int64
		if v.decode(obj, "runners", "runners", &runners) && len(runners) > 0 {
			v.add("runners", "invalid", "This mock has no self-hosted runners to add to a group.")
		}
	}) {
		return
	}
	g := &c.scope.groups
	next.ID = g.nextID
	g.nextID++
	g.byID[next.ID] = &next
	c.setGroup(http.StatusCreated, &next)
}

func (m *Mock) updateGroup(c *call) {
	rg := c.group()
	if rg == nil {
		return
	}
	next := rg.clone()
	if c.validated("RunnerGroup", groupsDocs, func(v *validation, obj map[string]json.RawMessage) {
		c.groupFields(v, obj, &next, updating)
	}) {
		*rg = next
		c.setGroup(http.StatusOK, rg)
	}
}

func (m *Mock) deleteGroup(c *call) {
	rg := c.group()
	if rg == nil {
		return
	}
	v := &validation{}
	if rg.Default {
		v.add("id", "custom", "The default runner group cannot be deleted.")
	}
	var names []string
	for _, r := range c.scope.sortedRunners() {
		if r.spec.RunnerGroupID == rg.ID {
			names = append(names, r.spec.Name)
		}
	}
	if len(names) > 0 {
		v.add("id", "custom", fmt.Sprintf("The runner group still has hosted runners: %s.", strings.Join(names, ", ")))
	}
	if len(v.errs) > 0 {
		c.invalidAs("RunnerGroup", groupsDocs, v)
		return
	}
	delete(c.scope.groups.byID, rg.ID)
	c.res.status = http.StatusNoContent
}

func (m *Mock) listGroupRunners(c *call) {
	rg := c.group()
	if rg == nil {
		return
	}
	var all []*runner
	for _, r := range c.scope.sortedRunners() {
		if r.spec.RunnerGroupID == rg.ID {
			all = append(all, r)
		}
	}
	c.setRunnerPage(all)
}

func (m *Mock) listMembers(c *call) {
	rg := c.group()
	if rg == nil {
		return
	}
	all := c.scope.memberBodies(apiBase(c.r), rg.SelectedIDs)
	c.res.setJSON(http.StatusOK, map[string]any{"total_count": len(all), c.scope.memberKey(): pageOf(c, all)})
}

func (m *Mock) setMembers(c *call) {
	rg := c.group()
	if rg == nil {
		return
	}
	var ids []int64
	if c.validated("RunnerGroup", groupsDocs, func(v *validation, obj map[string]json.RawMessage) {
		if !c.decodeIDs(v, obj, c.scope.memberField(), &ids) {
			v.require(obj, c.scope.memberField(), c.scope.memberField())
		}
	}) {
		rg.SelectedIDs = ids
		c.res.status = http.StatusNoContent
	}
}

// memberID is the path's member: a repository id in an organization, an organization id in
// an enterprise.
func (c *call) memberID() int64 {
	if c.scope.enterprise {
		return c.pathInt("org_id")
	}
	return c.pathInt("repository_id")
}

// member checks the group and member of a one-member change and answers 404 or 422 when
// they do not fit; it returns the group and member id when they do.
func (c *call) member() (*RunnerGroup, int64) {
	rg := c.group()
	if rg == nil {
		return nil, 0
	}
	id := c.memberID()
	if !c.scope.hasMember(id) {
		c.notFound()
		return nil, 0
	}
	if rg.Visibility != "selected" {
		v := &validation{}
		v.add("visibility", "custom", "The runner group must have visibility set to selected.")
		c.invalidAs("RunnerGroup", groupsDocs, v)
		return nil, 0
	}
	return rg, id
}

func (m *Mock) addMember(c *call) {
	rg, id := c.member()
	if rg == nil {
		return
	}
	if !containsID(rg.SelectedIDs, id) {
		rg.SelectedIDs = append(rg.SelectedIDs, id)
	}
	c.res.status = http.StatusNoContent
}

func (m *Mock) removeMember(c *call) {
	rg, id := c.member()
	if rg == nil {
		return
	}
	kept := []int64{}
	for _, sel := range rg.SelectedIDs {
		if sel != id {
			kept = append(kept, sel)
		}
	}
	rg.SelectedIDs = kept
	c.res.status = http.StatusNoContent
}

// containsID reports whether ids holds id.
func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// RunnerGroups returns a scope's runner groups by id (nil for an unknown scope).
func (m *Mock) RunnerGroups(scope string) []RunnerGroup {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	var out []RunnerGroup
	for _, rg := range s.groups.sorted() {
		out = append(out, rg.clone())
	}
	return out
}

// GetRunnerGroup returns one runner group of a scope.
func (m *Mock) GetRunnerGroup(scope string, id int64) (RunnerGroup, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.groups.byID[id] == nil {
		return RunnerGroup{}, false
	}
	return s.groups.byID[id].clone(), true
}

// AddRunnerGroup stores (or replaces) a runner group directly, without a request or
// validation, and returns it as stored. ID 0 takes the next id; Visibility "" means "all".
// It panics on an unknown scope.
func (m *Mock) AddRunnerGroup(scope string, rg RunnerGroup) RunnerGroup {
	m.mu.Lock()
	defer m.mu.Unlock()
	g := &m.mustScope(scope).groups
	if rg.ID == 0 {
		rg.ID = g.nextID
	}
	g.nextID = max(g.nextID, rg.ID+1)
	if rg.Visibility == "" {
		rg.Visibility = "all"
	}
	stored := rg.clone()
	g.byID[rg.ID] = &stored
	return stored.clone()
}

// AddRunnerGroups stores n groups named "<prefix>-001" and on (visibility all), for
// pagination tests, and returns them.
func (m *Mock) AddRunnerGroups(scope, prefix string, n int) []RunnerGroup {
	out := make([]RunnerGroup, 0, n)
	for i := 1; i <= n; i++ {
		out = append(out, m.AddRunnerGroup(scope, RunnerGroup{Name: fmt.Sprintf("%s-%03d", prefix, i)}))
	}
	return out
}

// RemoveRunnerGroup deletes a group out of band, at once and without checks, and reports
// whether it existed.
func (m *Mock) RemoveRunnerGroup(scope string, id int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.groups.byID[id] == nil {
		return false
	}
	delete(s.groups.byID, id)
	return true
}

// MoveRunner puts a hosted runner into another runner group out of band, without checking
// that the group exists, and reports whether the runner existed.
func (m *Mock) MoveRunner(scope string, runnerID, groupID int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.runners[runnerID] == nil {
		return false
	}
	s.runners[runnerID].spec.RunnerGroupID = groupID
	return true
}
