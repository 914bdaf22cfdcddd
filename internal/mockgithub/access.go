package mockgithub

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Repository is a repository of an organization that a runner group can be made available
// to (schema minimal-repository, the fields tests need).
type Repository struct {
	ID      int64
	Name    string
	Private bool
}

// Organization is an organization of an enterprise that a runner group can be made
// available to (schema organization-simple, the fields tests need).
type Organization struct {
	ID    int64
	Login string
}

// seededRepositories are the repositories every organization starts with, in id order.
var seededRepositories = []Repository{
	{Name: "api", Private: true},
	{Name: "web", Private: true},
	{Name: "infra", Private: true},
	{Name: "docs"},
	{Name: "tools", Private: true},
}

// Seeded ids: organizations count from firstOrgID in Config.Orgs order (then one sandbox
// organization per enterprise), repositories from firstRepoID, organization by organization.
const (
	firstOrgID  = 1001
	firstRepoID = 100001
)

// seedAccess seeds what GitHub has but these operations cannot create: every organization's
// repositories, every enterprise's organizations (all of Config.Orgs plus "<enterprise>-sandbox"),
// each scope's network settings resources, each scope's runner groups 1 "Default",
// 2 "larger-runners" and 3 "release" (visibility selected), and each scope's budgets and
// usage (budgets.go, usage.go). Called once by New.
func (m *Mock) seedAccess() {
	var orgs []Organization
	repoID := int64(firstRepoID)
	for i, name := range m.cfg.Orgs {
		orgs = append(orgs, Organization{ID: int64(firstOrgID + i), Login: name})
		s := m.scopes["orgs/"+strings.ToLower(name)]
		s.owner, s.ownerID = name, int64(firstOrgID+i)
		for _, r := range seededRepositories {
			r.ID = repoID
			repoID++
			s.repos = append(s.repos, r)
		}
	}
	nextOrg := int64(firstOrgID + len(m.cfg.Orgs))
	for _, name := range m.cfg.Enterprises {
		s := m.scopes["enterprises/"+strings.ToLower(name)]
		s.owner = name
		s.orgs = append(append(s.orgs, orgs...), Organization{ID: nextOrg, Login: name + "-sandbox"})
		nextOrg++
	}
	for key, s := range m.scopes {
		s.network.seed(key)
		s.groups.seed(s)
		for _, b := range seededBudgets(s) {
			s.budgets.put(key, b)
		}
		s.usage.seedUsage(s, m.clock.Now())
	}
}

// memberIDs are the ids of the repositories (organization) or organizations (enterprise)
// a scope's groups can select, in order.
func (s *scope) memberIDs() []int64 {
	var ids []int64
	for _, r := range s.repos {
		ids = append(ids, r.ID)
	}
	for _, o := range s.orgs {
		ids = append(ids, o.ID)
	}
	return ids
}

// hasMember reports whether id is a repository (organization) or organization (enterprise)
// of the scope.
func (s *scope) hasMember(id int64) bool {
	for _, m := range s.memberIDs() {
		if m == id {
			return true
		}
	}
	return false
}

// memberKey is the key of the access list in answers and of the path segment.
func (s *scope) memberKey() string {
	if s.enterprise {
		return "organizations"
	}
	return "repositories"
}

// memberBodies renders the members with the given ids, in the scope's order.
func (s *scope) memberBodies(base string, ids []int64) []map[string]any {
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := []map[string]any{}
	for _, r := range s.repos {
		if want[r.ID] {
			out = append(out, repositoryBody(base, Organization{ID: s.ownerID, Login: s.owner}, r))
		}
	}
	for _, o := range s.orgs {
		if want[o.ID] {
			out = append(out, organizationBody(base, o))
		}
	}
	return out
}

// nodeID imitates GitHub's base64 node ids.
func nodeID(kind string, id int64) string {
	return base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("0%d:%s%d", len(kind), kind, id)))
}

// organizationBody renders the organization-simple schema (every required field).
func organizationBody(base string, o Organization) map[string]any {
	u := base + "/orgs/" + o.Login
	return map[string]any{
		"login": o.Login, "id": o.ID, "node_id": nodeID("Organization", o.ID),
		"url": u, "repos_url": u + "/repos", "events_url": u + "/events", "hooks_url": u + "/hooks",
		"issues_url": u + "/issues", "members_url": u + "/members{/member}",
		"public_members_url": u + "/public_members{/member}",
		"avatar_url":         fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", o.ID),
		"description":        nil,
	}
}

// repositoryBody renders the minimal-repository schema (every required field).
func repositoryBody(base string, owner Organization, r Repository) map[string]any {
	full := owner.Login + "/" + r.Name
	u := base + "/repos/" + full
	body := map[string]any{
		"id": r.ID, "node_id": nodeID("Repository", r.ID), "name": r.Name, "full_name": full,
		"private": r.Private, "fork": false, "description": nil,
		"html_url": "https://github.com/" + full, "url": u,
		"owner": userBody(base, owner),
	}
	for _, k := range []string{"archive_url", "assignees_url", "blobs_url", "branches_url", "collaborators_url",
		"comments_url", "commits_url", "compare_url", "contents_url", "contributors_url", "deployments_url",
		"downloads_url", "events_url", "forks_url", "git_commits_url", "git_refs_url", "git_tags_url", "hooks_url",
		"issue_comment_url", "issue_events_url", "issues_url", "keys_url", "labels_url", "languages_url",
		"merges_url", "milestones_url", "notifications_url", "pulls_url", "releases_url", "stargazers_url",
		"statuses_url", "subscribers_url", "subscription_url", "tags_url", "teams_url", "trees_url"} {
		body[k] = u + "/" + strings.TrimSuffix(k, "_url")
	}
	return body
}

// userBody renders the simple-user schema of an organization owner (every required field).
func userBody(base string, o Organization) map[string]any {
	login := o.Login
	u := base + "/users/" + login
	return map[string]any{
		"login": login, "id": o.ID, "node_id": nodeID("Organization", o.ID), "gravatar_id": "",
		"avatar_url": fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", o.ID),
		"url":        u, "html_url": "https://github.com/" + login, "followers_url": u + "/followers",
		"following_url": u + "/following{/other_user}", "gists_url": u + "/gists{/gist_id}",
		"starred_url": u + "/starred{/owner}{/repo}", "subscriptions_url": u + "/subscriptions",
		"organizations_url": u + "/orgs", "repos_url": u + "/repos", "events_url": u + "/events{/privacy}",
		"received_events_url": u + "/received_events", "type": "Organization", "site_admin": false,
	}
}

// hexIDLength is the length of GitHub's hosted-compute ids, such as 220F78DACB92BBFBC5E6F22DE1CCF52309D.
const hexIDLength = 35

// hexID derives a stable upper-case hex id from parts, like GitHub's hosted-compute ids.
func hexID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return strings.ToUpper(hex.EncodeToString(sum[:]))[:hexIDLength]
}

// Repositories returns an organization's repositories by id (nil for an unknown scope).
func (m *Mock) Repositories(scope string) []Repository {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	return append([]Repository(nil), s.repos...)
}

// Organizations returns an enterprise's organizations by id (nil for an unknown scope).
func (m *Mock) Organizations(scope string) []Organization {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	return append([]Organization(nil), s.orgs...)
}

// AddRepository adds a repository to an organization; ID 0 takes the next id after the
// organization's highest. It returns the repository as stored and panics on an unknown or
// enterprise scope.
func (m *Mock) AddRepository(scope string, r Repository) Repository {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	if s.enterprise {
		panic("mockgithub: repositories belong to organizations, not " + scope)
	}
	if r.ID == 0 {
		for _, old := range s.repos {
			r.ID = max(r.ID, old.ID)
		}
		r.ID++
	}
	s.repos = append(s.repos, r)
	sort.Slice(s.repos, func(i, j int) bool { return s.repos[i].ID < s.repos[j].ID })
	return r
}

// AddOrganization adds an organization to an enterprise (its ID must not be 0) and panics
// on an unknown or organization scope.
func (m *Mock) AddOrganization(scope string, o Organization) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	if !s.enterprise || o.ID == 0 {
		panic("mockgithub: AddOrganization needs an enterprise scope and an organization id")
	}
	s.orgs = append(s.orgs, o)
	sort.Slice(s.orgs, func(i, j int) bool { return s.orgs[i].ID < s.orgs[j].ID })
}

// Scopes returns the keys of every scope ("enterprises/<enterprise>", "orgs/<org>",
// lowercase), sorted.
func (m *Mock) Scopes() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.scopes))
	for key := range m.scopes {
		out = append(out, key)
	}
	sort.Strings(out)
	return out
}
