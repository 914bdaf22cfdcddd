package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// The repository operations integrations/terraform-provider-github's github_repository calls
// to create, read, update and delete an organization repository: POST /orgs/{org}/repos,
// GET/PATCH/DELETE /repos/{owner}/{repo}, PUT /repos/{owner}/{repo}/topics and
// GET/PUT/DELETE /repos/{owner}/{repo}/vulnerability-alerts. Answers follow GitHub's
// full-repository schema; a deleted repository leaves every runner group and the self-hosted
// runner policy, as on GitHub.

const reposDocs = "https://docs.github.com/rest/repos/repos"

// repoNamePattern is what GitHub accepts as a repository name.
var repoNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// repoDefaults are the editable settings of a new repository and GitHub's default for each.
var repoDefaults = map[string]any{
	"description": nil, "homepage": nil, "has_issues": true, "has_projects": true, "has_wiki": true,
	"has_downloads": true, "has_discussions": false, "is_template": false, "allow_merge_commit": true,
	"allow_squash_merge": true, "allow_rebase_merge": true, "allow_auto_merge": false,
	"delete_branch_on_merge": false, "allow_update_branch": false, "allow_forking": false,
	"web_commit_signoff_required": false, "archived": false,
	"merge_commit_title": "MERGE_MESSAGE", "merge_commit_message": "PR_TITLE",
	"squash_merge_commit_title": "COMMIT_OR_PR_TITLE", "squash_merge_commit_message": "COMMIT_MESSAGES",
}

// repoState is what the mock keeps of a repository created through the API beyond Repository.
type repoState struct {
	settings      map[string]any
	visibility    string
	topics        []string
	vulnerability bool
}

// repository returns the scope and index of the path's repository ({owner}/{repo}, in any
// case) and its state, or answers 404. Call with m.mu held, after authentication.
func (m *Mock) repository(c *call) (*scope, int, *repoState) {
	s := m.scopes["orgs/"+strings.ToLower(c.r.PathValue("owner"))]
	idx := -1
	if s != nil {
		idx = slices.IndexFunc(s.repos, func(x Repository) bool { return strings.EqualFold(x.Name, c.r.PathValue("repo")) })
	}
	if idx < 0 {
		c.notFound()
		return nil, -1, nil
	}
	return s, idx, s.repoState(s.repos[idx])
}

// getRepository is GET /repos/{owner}/{repo}.
func (m *Mock) getRepository(c *call) {
	if s, idx, st := m.repository(c); st != nil {
		c.res.setJSON(http.StatusOK, s.fullRepository(apiBase(c.r), s.repos[idx], st))
	}
}

// updateRepository is PATCH /repos/{owner}/{repo}.
func (m *Mock) updateRepository(c *call) {
	s, idx, st := m.repository(c)
	if st == nil {
		return
	}
	if !c.validated("Repository", reposDocs, func(v *validation, obj map[string]json.RawMessage) { st.apply(v, obj) }) {
		return
	}
	repo := s.repos[idx]
	repo.Private = st.visibility != "public"
	s.repos[idx] = repo
	c.res.setJSON(http.StatusOK, s.fullRepository(apiBase(c.r), repo, st))
}

// deleteRepository is DELETE /repos/{owner}/{repo}.
func (m *Mock) deleteRepository(c *call) {
	if s, idx, st := m.repository(c); st != nil {
		s.deleteRepository(s.repos[idx].ID)
		c.res.status = http.StatusNoContent
	}
}

// setTopics is PUT /repos/{owner}/{repo}/topics.
func (m *Mock) setTopics(c *call) {
	_, _, st := m.repository(c)
	if st == nil {
		return
	}
	var in struct {
		Names []string `json:"names"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil || in.Names == nil {
		c.res.setError(http.StatusUnprocessableEntity, "Invalid request.\n\n\"names\" wasn't supplied.", reposDocs)
		return
	}
	st.topics = slices.Clone(in.Names)
	c.res.setJSON(http.StatusOK, map[string]any{"names": st.topics})
}

// getVulnerabilityAlerts is GET /repos/{owner}/{repo}/vulnerability-alerts: 204 when they
// are on, 404 when off.
func (m *Mock) getVulnerabilityAlerts(c *call) {
	_, _, st := m.repository(c)
	switch {
	case st == nil:
	case st.vulnerability:
		c.res.status = http.StatusNoContent
	default:
		c.res.setError(http.StatusNotFound, "Not Found", reposDocs)
	}
}

// enableVulnerabilityAlerts is PUT /repos/{owner}/{repo}/vulnerability-alerts.
func (m *Mock) enableVulnerabilityAlerts(c *call) {
	if _, _, st := m.repository(c); st != nil {
		st.vulnerability = true
		c.res.status = http.StatusNoContent
	}
}

// disableVulnerabilityAlerts is DELETE /repos/{owner}/{repo}/vulnerability-alerts.
func (m *Mock) disableVulnerabilityAlerts(c *call) {
	if _, _, st := m.repository(c); st != nil {
		st.vulnerability = false
		c.res.status = http.StatusNoContent
	}
}

// createRepository is POST /orgs/{org}/repos.
func (m *Mock) createRepository(c *call) {
	s := m.scopes["orgs/"+strings.ToLower(c.r.PathValue("org"))]
	if s == nil {
		c.notFound()
		return
	}
	var name string
	st := newRepoState("public")
	if !c.validated("Repository", reposDocs, func(v *validation, obj map[string]json.RawMessage) {
		if !v.decode(obj, "name", "name", &name) {
			v.require(obj, "name", "name")
		} else if !repoNamePattern.MatchString(name) {
			v.add("name", "invalid", "name is not a valid repository name")
		} else if slices.ContainsFunc(s.repos, func(x Repository) bool { return strings.EqualFold(x.Name, name) }) {
			v.add("name", "custom", "name already exists on this account")
		}
		var private bool
		if v.decode(obj, "private", "private", &private) && private {
			st.visibility = "private"
		}
		st.apply(v, obj)
	}) {
		return
	}
	repo := s.addRepository(Repository{Name: name, Private: st.visibility != "public"})
	if s.repoStates == nil {
		s.repoStates = map[int64]*repoState{}
	}
	s.repoStates[repo.ID] = st
	c.res.setJSON(http.StatusCreated, s.fullRepository(apiBase(c.r), repo, st))
}

// newRepoState is a repository with GitHub's default settings.
func newRepoState(visibility string) *repoState {
	st := &repoState{settings: map[string]any{}, visibility: visibility}
	for k, def := range repoDefaults {
		st.settings[k] = def
	}
	return st
}

// apply takes the editable settings and the visibility from a request body.
func (st *repoState) apply(v *validation, obj map[string]json.RawMessage) {
	for k := range repoDefaults {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		var val any
		if err := json.Unmarshal(raw, &val); err != nil {
			v.add(k, "invalid", k+" is not valid JSON")
			continue
		}
		if val == "" && (strings.HasSuffix(k, "_title") || strings.HasSuffix(k, "_message")) {
			continue // an empty title or message keeps the current one
		}
		st.settings[k] = val
	}
	var visibility string
	if v.decode(obj, "visibility", "visibility", &visibility) {
		if !slices.Contains([]string{"public", "private", "internal"}, visibility) {
			v.add("visibility", "invalid", fmt.Sprintf("%q is not public, private or internal", visibility))
		} else {
			st.visibility = visibility
		}
	}
}

// repoState returns the state of a repository, GitHub's defaults for a seeded one.
func (s *scope) repoState(r Repository) *repoState {
	if st := s.repoStates[r.ID]; st != nil {
		return st
	}
	st := newRepoState(visibilityOf(r))
	if s.repoStates == nil {
		s.repoStates = map[int64]*repoState{}
	}
	s.repoStates[r.ID] = st
	return st
}

// fullRepository renders the full-repository schema of r.
func (s *scope) fullRepository(base string, r Repository, st *repoState) map[string]any {
	body := fullRepositoryBody(base, Organization{ID: s.ownerID, Login: s.owner}, r)
	for k, v := range st.settings {
		body[k] = v
	}
	topics := st.topics
	if topics == nil {
		topics = []string{}
	}
	body["visibility"], body["private"], body["topics"] = st.visibility, st.visibility != "public", topics
	body["network_count"], body["subscribers_count"] = 0, 0
	body["organization"] = userBody(base, Organization{ID: s.ownerID, Login: s.owner})
	body["permissions"] = map[string]any{"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}
	return body
}

// deleteRepository removes a repository and every access list entry that names it.
func (s *scope) deleteRepository(id int64) {
	s.repos = slices.DeleteFunc(s.repos, func(x Repository) bool { return x.ID == id })
	delete(s.repoStates, id)
	for _, g := range s.groups.byID {
		g.SelectedIDs = slices.DeleteFunc(g.SelectedIDs, func(x int64) bool { return x == id })
	}
	s.selfHosted.SelectedRepositoryIDs = slices.DeleteFunc(s.selfHosted.SelectedRepositoryIDs, func(x int64) bool { return x == id })
}
