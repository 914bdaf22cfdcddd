package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The self-hosted runner policy operations of billing.openapi.yaml (group E): an
// organization's enabled_repositories (all, selected, none) with its list of selected
// repositories, and an enterprise's disable_self_hosted_runners_for_all_orgs.

// permissionsDocs is the documentation link of the policy's error bodies.
const permissionsDocs = "https://docs.github.com/rest/actions/permissions"

// SelfHostedRunnerPolicy is a scope's self-hosted runner policy as tests see and seed it.
// EnabledRepositories and SelectedRepositoryIDs belong to organizations ("" reads as "all",
// GitHub's default), DisableForAllOrgs to enterprises.
type SelfHostedRunnerPolicy struct {
	EnabledRepositories   string
	SelectedRepositoryIDs []int64
	DisableForAllOrgs     bool
}

// enabled is the organization's enabled_repositories, GitHub's default "all" when never set.
func (p SelfHostedRunnerPolicy) enabled() string {
	if p.EnabledRepositories == "" {
		return "all"
	}
	return p.EnabledRepositories
}

// enterpriseForbids returns the enterprise whose disable_self_hosted_runners_for_all_orgs
// covers the call's organization, "" when none does. Call with m.mu held.
func (m *Mock) enterpriseForbids(c *call) string {
	if c.scope.enterprise {
		return ""
	}
	for _, s := range m.scopes {
		if !s.enterprise || !s.selfHosted.DisableForAllOrgs {
			continue
		}
		for _, o := range s.orgs {
			if strings.EqualFold(o.Login, c.scope.owner) {
				return s.owner
			}
		}
	}
	return ""
}

// conflictIfForbidden answers 409 when the organization's enterprise disables repository-level
// self-hosted runners, and reports whether it did.
func (m *Mock) conflictIfForbidden(c *call) bool {
	ent := m.enterpriseForbids(c)
	if ent == "" {
		return false
	}
	c.res.setError(http.StatusConflict, fmt.Sprintf("Self-hosted runners are disabled for every organization of the enterprise %s "+
		"(disable_self_hosted_runners_for_all_orgs); the organization's setting cannot be changed.", ent), permissionsDocs)
	return true
}

func (m *Mock) getSelfHostedPolicy(c *call) {
	p := c.scope.selfHosted
	if c.scope.enterprise {
		c.res.setJSON(http.StatusOK, map[string]any{"disable_self_hosted_runners_for_all_orgs": p.DisableForAllOrgs})
		return
	}
	body := map[string]any{"enabled_repositories": p.enabled()}
	if p.enabled() == "selected" {
		body["selected_repositories_url"] = fmt.Sprintf("%s/organizations/%d/actions/permissions/self-hosted-runners/repositories",
			apiBase(c.r), c.scope.ownerID)
	}
	c.res.setJSON(http.StatusOK, body)
}

func (m *Mock) setSelfHostedPolicy(c *call) {
	if c.scope.enterprise {
		var disable bool
		if c.validated("SelfHostedRunners", permissionsDocs, func(v *validation, obj map[string]json.RawMessage) {
			if !v.decode(obj, "disable_self_hosted_runners_for_all_orgs", "disable_self_hosted_runners_for_all_orgs", &disable) {
				v.require(obj, "disable_self_hosted_runners_for_all_orgs", "disable_self_hosted_runners_for_all_orgs")
			}
		}) {
			c.scope.selfHosted.DisableForAllOrgs = disable
			c.res.status = http.StatusNoContent
		}
		return
	}
	var enabled string
	if !c.validated("SelfHostedRunners", permissionsDocs, func(v *validation, obj map[string]json.RawMessage) {
		if !v.decode(obj, "enabled_repositories", "enabled_repositories", &enabled) {
			v.require(obj, "enabled_repositories", "enabled_repositories")
			return
		}
		if !slices.Contains([]string{"all", "selected", "none"}, enabled) {
			v.add("enabled_repositories", "invalid", fmt.Sprintf("%q is not one of all, selected or none.", enabled))
		}
	}) {
		return
	}
	if m.conflictIfForbidden(c) {
		return
	}
	c.scope.selfHosted.EnabledRepositories = enabled
	c.res.status = http.StatusNoContent
}

func (m *Mock) listSelfHostedRepos(c *call) {
	all := c.scope.fullRepositoryBodies(apiBase(c.r), c.scope.selfHosted.SelectedRepositoryIDs)
	c.res.setJSON(http.StatusOK, map[string]any{"total_count": len(all), "repositories": pageOf(c, all)})
}

func (m *Mock) setSelfHostedRepos(c *call) {
	var ids []int64
	if !c.validated("SelfHostedRunners", permissionsDocs, func(v *validation, obj map[string]json.RawMessage) {
		if !c.decodeIDs(v, obj, "selected_repository_ids", &ids) {
			v.require(obj, "selected_repository_ids", "selected_repository_ids")
			return
		}
		for _, id := range ids {
			if !c.scope.hasMember(id) {
				v.add("selected_repository_ids", "invalid", fmt.Sprintf("Repository %d does not exist in the organization.", id))
			}
		}
	}) {
		return
	}
	c.scope.selfHosted.SelectedRepositoryIDs = uniqueIDs(ids)
	c.res.status = http.StatusNoContent
}

// selfHostedRepo checks the repository of a one-repository change: 404 for one the
// organization does not have, 409 when the enterprise forbids the change, 422 unless
// enabled_repositories is selected. It returns the id and whether the change may go on.
func (m *Mock) selfHostedRepo(c *call) (int64, bool) {
	id := c.pathInt("repository_id")
	if !c.scope.hasMember(id) {
		c.notFound()
		return 0, false
	}
	if m.conflictIfForbidden(c) {
		return 0, false
	}
	if c.scope.selfHosted.enabled() != "selected" {
		v := &validation{}
		v.add("enabled_repositories", "custom", "The organization's enabled_repositories must be set to selected.")
		c.invalidAs("SelfHostedRunners", permissionsDocs, v)
		return 0, false
	}
	return id, true
}

func (m *Mock) addSelfHostedRepo(c *call) {
	id, ok := m.selfHostedRepo(c)
	if !ok {
		return
	}
	c.scope.selfHosted.SelectedRepositoryIDs = uniqueIDs(append(c.scope.selfHosted.SelectedRepositoryIDs, id))
	c.res.status = http.StatusNoContent
}

func (m *Mock) removeSelfHostedRepo(c *call) {
	id, ok := m.selfHostedRepo(c)
	if !ok {
		return
	}
	c.scope.selfHosted.SelectedRepositoryIDs = slices.DeleteFunc(c.scope.selfHosted.SelectedRepositoryIDs, func(x int64) bool { return x == id })
	c.res.status = http.StatusNoContent
}

// uniqueIDs returns ids sorted, each once.
func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// fullRepositoryBodies renders the organization's repositories with the given ids in the
// repository schema (every required field), in id order.
func (s *scope) fullRepositoryBodies(base string, ids []int64) []map[string]any {
	out := []map[string]any{}
	for _, r := range s.repos {
		if slices.Contains(ids, r.ID) {
			out = append(out, fullRepositoryBody(base, Organization{ID: s.ownerID, Login: s.owner}, r))
		}
	}
	return out
}

// fullRepositoryBody renders the repository schema: minimal-repository's fields plus the
// ones the full schema also requires.
func fullRepositoryBody(base string, owner Organization, r Repository) map[string]any {
	body := repositoryBody(base, owner, r)
	full := owner.Login + "/" + r.Name
	created := accountsCreated.Format("2006-01-02T15:04:05Z")
	for k, v := range map[string]any{
		"clone_url": "https://github.com/" + full + ".git", "git_url": "git://github.com/" + full + ".git",
		"ssh_url": "git@github.com:" + full + ".git", "svn_url": "https://github.com/" + full, "mirror_url": nil,
		"default_branch": "main", "homepage": nil, "language": nil, "license": nil,
		"forks": 0, "forks_count": 0, "open_issues": 0, "open_issues_count": 0, "size": 0,
		"stargazers_count": 0, "watchers": 0, "watchers_count": 0,
		"has_issues": true, "has_projects": true, "has_wiki": true, "has_pages": false,
		"archived": false, "disabled": false, "visibility": visibilityOf(r),
		"pushed_at": created, "created_at": created, "updated_at": created,
	} {
		body[k] = v
	}
	return body
}

// visibilityOf is a repository's visibility as GitHub names it.
func visibilityOf(r Repository) string {
	if r.Private {
		return "private"
	}
	return "public"
}

// SelfHostedRunnerPolicy returns a scope's self-hosted runner policy, with "all" for an
// organization that never set one. It panics on an unknown scope.
func (m *Mock) SelfHostedRunnerPolicy(scope string) SelfHostedRunnerPolicy {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.mustScope(scope).selfHosted
	if !m.mustScope(scope).enterprise {
		p.EnabledRepositories = p.enabled()
	}
	p.SelectedRepositoryIDs = slices.Clone(p.SelectedRepositoryIDs)
	return p
}

// SetSelfHostedRunnerPolicy replaces a scope's self-hosted runner policy out of band, without
// a request or validation. It panics on an unknown scope.
func (m *Mock) SetSelfHostedRunnerPolicy(scope string, p SelfHostedRunnerPolicy) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p.SelectedRepositoryIDs = uniqueIDs(p.SelectedRepositoryIDs)
	m.mustScope(scope).selfHosted = p
}
