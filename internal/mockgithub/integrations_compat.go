package mockgithub

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The two account endpoints integrations/terraform-provider-github calls when it is
// configured: GET /orgs/{org} (with an owner, to learn that the owner is an organization)
// and GET /user (without one, to take the token's login as the owner). Shapes follow
// GitHub's organization-full and private-user schemas.

// mockUserLogin is the login of the user every accepted personal access token belongs to.
const mockUserLogin = "mock-admin"

// accountsCreated is when the mock's user and organizations were created.
var accountsCreated = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// organizationFull is GitHub's organization-full schema (its required properties).
type organizationFull struct {
	Login                   string  `json:"login"`
	ID                      int64   `json:"id"`
	NodeID                  string  `json:"node_id"`
	URL                     string  `json:"url"`
	ReposURL                string  `json:"repos_url"`
	EventsURL               string  `json:"events_url"`
	HooksURL                string  `json:"hooks_url"`
	IssuesURL               string  `json:"issues_url"`
	MembersURL              string  `json:"members_url"`
	PublicMembersURL        string  `json:"public_members_url"`
	AvatarURL               string  `json:"avatar_url"`
	Description             *string `json:"description"`
	HTMLURL                 string  `json:"html_url"`
	HasOrganizationProjects bool    `json:"has_organization_projects"`
	HasRepositoryProjects   bool    `json:"has_repository_projects"`
	PublicRepos             int     `json:"public_repos"`
	PublicGists             int     `json:"public_gists"`
	Followers               int     `json:"followers"`
	Following               int     `json:"following"`
	Type                    string  `json:"type"`
	CreatedAt               string  `json:"created_at"`
	UpdatedAt               string  `json:"updated_at"`
	ArchivedAt              *string `json:"archived_at"`
}

// privateUser is GitHub's private-user schema (its required properties).
type privateUser struct {
	Login                   string  `json:"login"`
	ID                      int64   `json:"id"`
	NodeID                  string  `json:"node_id"`
	AvatarURL               string  `json:"avatar_url"`
	GravatarID              *string `json:"gravatar_id"`
	URL                     string  `json:"url"`
	HTMLURL                 string  `json:"html_url"`
	FollowersURL            string  `json:"followers_url"`
	FollowingURL            string  `json:"following_url"`
	GistsURL                string  `json:"gists_url"`
	StarredURL              string  `json:"starred_url"`
	SubscriptionsURL        string  `json:"subscriptions_url"`
	OrganizationsURL        string  `json:"organizations_url"`
	ReposURL                string  `json:"repos_url"`
	EventsURL               string  `json:"events_url"`
	ReceivedEventsURL       string  `json:"received_events_url"`
	Type                    string  `json:"type"`
	SiteAdmin               bool    `json:"site_admin"`
	Name                    *string `json:"name"`
	Company                 *string `json:"company"`
	Blog                    *string `json:"blog"`
	Location                *string `json:"location"`
	Email                   *string `json:"email"`
	Hireable                *bool   `json:"hireable"`
	Bio                     *string `json:"bio"`
	PublicRepos             int     `json:"public_repos"`
	PublicGists             int     `json:"public_gists"`
	Followers               int     `json:"followers"`
	Following               int     `json:"following"`
	CreatedAt               string  `json:"created_at"`
	UpdatedAt               string  `json:"updated_at"`
	PrivateGists            int     `json:"private_gists"`
	TotalPrivateRepos       int     `json:"total_private_repos"`
	OwnedPrivateRepos       int     `json:"owned_private_repos"`
	DiskUsage               int     `json:"disk_usage"`
	Collaborators           int     `json:"collaborators"`
	TwoFactorAuthentication bool    `json:"two_factor_authentication"`
}

// getUser answers GET /user: the token's user, which an installation token has not.
func (m *Mock) getUser(c *call) {
	if c.id.kind == idInstallation {
		c.res.setError(http.StatusForbidden, "Resource not accessible by integration", docsRoot+"/users/users#get-the-authenticated-user")
		return
	}
	c.res.setJSON(http.StatusOK, m.user(c.r))
}

// getOrganization answers GET /orgs/{org}.
func (m *Mock) getOrganization(c *call) {
	login, idx := m.orgLogin(c.r.PathValue("org"))
	if idx < 0 {
		c.notFound()
		return
	}
	c.res.setJSON(http.StatusOK, m.organization(c.r, login, idx))
}

// orgLogin returns the configured spelling and index of an organization, or -1.
func (m *Mock) orgLogin(name string) (string, int) {
	for i, o := range m.cfg.Orgs {
		if strings.EqualFold(o, name) {
			return o, i
		}
	}
	return "", -1
}

func (m *Mock) organization(r *http.Request, login string, idx int) organizationFull {
	api := apiBase(r) + "/orgs/" + login
	created := accountsCreated.Format(time.RFC3339)
	return organizationFull{
		Login:            login,
		ID:               int64(firstOrgID + idx),
		NodeID:           nodeID("Organization", int64(firstOrgID+idx)),
		URL:              api,
		ReposURL:         api + "/repos",
		EventsURL:        api + "/events",
		HooksURL:         api + "/hooks",
		IssuesURL:        api + "/issues",
		MembersURL:       api + "/members{/member}",
		PublicMembersURL: api + "/public_members{/member}",
		AvatarURL:        fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", firstOrgID+idx),
		HTMLURL:          "https://github.com/" + login,
		Type:             "Organization",
		CreatedAt:        created,
		UpdatedAt:        created,
	}
}

func (m *Mock) user(r *http.Request) privateUser {
	api := apiBase(r) + "/users/" + mockUserLogin
	created := accountsCreated.Format(time.RFC3339)
	return privateUser{
		Login:             mockUserLogin,
		ID:                1,
		NodeID:            "U_mock0001",
		AvatarURL:         "https://avatars.githubusercontent.com/u/1?v=4",
		URL:               api,
		HTMLURL:           "https://github.com/" + mockUserLogin,
		FollowersURL:      api + "/followers",
		FollowingURL:      api + "/following{/other_user}",
		GistsURL:          api + "/gists{/gist_id}",
		StarredURL:        api + "/starred{/owner}{/repo}",
		SubscriptionsURL:  api + "/subscriptions",
		OrganizationsURL:  api + "/orgs",
		ReposURL:          api + "/repos",
		EventsURL:         api + "/events{/privacy}",
		ReceivedEventsURL: api + "/received_events",
		Type:              "User",
		CreatedAt:         created,
		UpdatedAt:         created,
	}
}
