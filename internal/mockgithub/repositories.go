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

// serveRepository answers the repository operations and reports whether the path was one of
// them. Call with m.mu held, after authentication.
func (m *Mock) serveRepository(res *response, r *http.Request, segs []string, body []byte) bool {
	switch {
	case len(segs) == 3 && segs[0] == "orgs" && segs[2] == "repos" && r.Method == http.MethodPost:
		s := m.scopes["orgs/"+strings.ToLower(segs[1])]
		if s == nil {
			res.setError(http.StatusNotFound, "Not Found", docsRoot)
			return true
		}
		m.createRepository(res, r, s, body)
		return true
	case len(segs) >= 3 && len(segs) <= 4 && segs[0] == "repos":
		s := m.scopes["orgs/"+strings.ToLower(segs[1])]
		var idx = -1
		if s != nil {
			idx = slices.IndexFunc(s.repos, func(x Repository) bool { return strings.EqualFold(x.Name, segs[2]) })
		}
		if idx < 0 {
			res.setError(http.StatusNotFound, "Not Found", docsRoot)
			return true
		}
		rest := ""
		if len(segs) == 4 {
			rest = segs[3]
		}
		m.repositoryOperation(res, r, s, idx, rest, body)
		return true
	}
	return false
}

// repositoryOperation answers one operation on the repository s.repos[idx].
func (m *Mock) repositoryOperation(res *response, r *http.Request, s *scope, idx int, rest string, body []byte) {
	repo := s.repos[idx]
	st := s.repoState(repo)
	c := &call{r: r, body: body, scope: s, res: res}
	switch {
	case rest == "" && r.Method == http.MethodGet:
		res.setJSON(http.StatusOK, s.fullRepository(apiBase(r), repo, st))
	case rest == "" && r.Method == http.MethodPatch:
		if !c.validated("Repository", reposDocs, func(v *validation, obj map[string]json.RawMessage) { st.apply(v, obj) }) {
			return
		}
		repo.Private = st.visibility != "public"
		s.repos[idx] = repo
		res.setJSON(http.StatusOK, s.fullRepository(apiBase(r), repo, st))
	case rest == "" && r.Method == http.MethodDelete:
		s.deleteRepository(repo.ID)
		res.status = http.StatusNoContent
	case rest == "topics" && r.Method == http.MethodPut:
		var in struct {
			Names []string `json:"names"`
		}
		if err := json.Unmarshal(body, &in); err != nil || in.Names == nil {
			res.setError(http.StatusUnprocessableEntity, "Invalid request.\n\n\"names\" wasn't supplied.", reposDocs)
			return
		}
		st.topics = slices.Clone(in.Names)
		res.setJSON(http.StatusOK, map[string]any{"names": st.topics})
	case rest == "vulnerability-alerts" && r.Method == http.MethodGet:
		if st.vulnerability {
			res.status = http.StatusNoContent
		} else {
			res.setError(http.StatusNotFound, "Not Found", reposDocs)
		}
	case rest == "vulnerability-alerts" && (r.Method == http.MethodPut || r.Method == http.MethodDelete):
		st.vulnerability = r.Method == http.MethodPut
		res.status = http.StatusNoContent
	default:
		res.setError(http.StatusNotFound, "Not Found", docsRoot)
	}
}

// createRepository is POST /orgs/{org}/repos.
func (m *Mock) createRepository(res *response, r *http.Request, s *scope, body []byte) {
	c := &call{r: r, body: body, scope: s, res: res}
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
	res.setJSON(http.StatusCreated, s.fullRepository(apiBase(r), repo, st))
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
