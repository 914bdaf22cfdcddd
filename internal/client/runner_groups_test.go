package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// memberIDs returns the ids a scope's groups can select in the mock.
func memberIDs(m *mockgithub.Mock, scope client.Scope) []int64 {
	var ids []int64
	if scope.IsEnterprise() {
		for _, o := range m.Organizations(scope.String()) {
			ids = append(ids, o.ID)
		}
		return ids
	}
	for _, r := range m.Repositories(scope.String()) {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestRunnerGroupOperations calls every runner group operation of each scope (10 for an
// organization, 9 for an enterprise) against the mock and checks what GitHub stored. The
// enterprise has two organizations besides its sandbox.
func TestRunnerGroupOperations(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			m, c := newMockClient(t, mockgithub.Config{Orgs: []string{"acme", "acme-labs"}})
			ctx := context.Background()
			scope := sc.scope
			key := scope.String()
			members := memberIDs(m, scope)
			settings := m.NetworkSettingsResources(key)
			nc := m.AddNetworkConfiguration(key, mockgithub.NetworkConfiguration{Name: "net", NetworkSettingsIDs: []string{settings[0].ID}})

			groups, err := c.ListRunnerGroups(ctx, scope, "")
			if err != nil || len(groups) != 3 || groups[0].ID != 1 || !groups[0].Default || groups[0].Name != "Default" || groups[0].RunnersURL == "" {
				t.Fatalf("ListRunnerGroups = %+v, %v", groups, err)
			}
			create := client.CreateRunnerGroupRequest{
				Name: "gpu", Visibility: client.VisibilitySelected, AllowsPublicRepositories: ptr(true),
				RestrictedToWorkflows: ptr(true), SelectedWorkflows: []string{"acme/app/.github/workflows/ci.yml@main"},
				NetworkConfigurationID: nc.ID,
			}
			if scope.IsEnterprise() {
				create.SelectedOrganizationIDs = members[:1]
			} else {
				create.SelectedRepositoryIDs = members[:1]
			}
			g, err := c.CreateRunnerGroup(ctx, scope, create)
			if err != nil || g.ID != 4 || g.Name != "gpu" || g.Visibility != client.VisibilitySelected || g.NetworkConfigurationID != nc.ID ||
				!g.AllowsPublicRepositories || !g.RestrictedToWorkflows || len(g.SelectedWorkflows) != 1 || g.Default {
				t.Fatalf("CreateRunnerGroup = %+v, %v", g, err)
			}
			if scope.IsEnterprise() == (g.SelectedOrganizationsURL == "") {
				t.Errorf("selected organizations URL %q in %s", g.SelectedOrganizationsURL, sc.name)
			}
			got, err := c.GetRunnerGroup(ctx, scope, g.ID)
			if err != nil || got.Name != "gpu" || got.ID != g.ID {
				t.Fatalf("GetRunnerGroup = %+v, %v", got, err)
			}
			if visible, err := c.ListRunnerGroups(ctx, scope, strconv.FormatInt(members[len(members)-1], 10)); err != nil || slices.ContainsFunc(visible, func(v client.RunnerGroup) bool { return v.ID == g.ID }) {
				t.Errorf("ListRunnerGroups(visible to a member not selected) = %+v, %v", visible, err)
			}

			// Update: rename, clear the workflows and unset the network configuration.
			upd, err := c.UpdateRunnerGroup(ctx, scope, g.ID, client.UpdateRunnerGroupRequest{
				Name: ptr("gpu-2"), RestrictedToWorkflows: ptr(false), SelectedWorkflows: &[]string{},
				NetworkConfigurationID: client.Null[string](),
			})
			if err != nil || upd.Name != "gpu-2" || upd.NetworkConfigurationID != "" || upd.RestrictedToWorkflows || len(upd.SelectedWorkflows) != 0 || !upd.AllowsPublicRepositories {
				t.Fatalf("UpdateRunnerGroup = %+v, %v", upd, err)
			}
			if stored, _ := m.GetRunnerGroup(key, g.ID); stored.NetworkConfigurationID != "" || stored.Visibility != client.VisibilitySelected {
				t.Errorf("stored after update: %+v", stored)
			}
			upd, err = c.UpdateRunnerGroup(ctx, scope, g.ID, client.UpdateRunnerGroupRequest{Name: ptr("gpu-2"), NetworkConfigurationID: client.Value(nc.ID)})
			if err != nil || upd.NetworkConfigurationID != nc.ID {
				t.Fatalf("UpdateRunnerGroup(set network) = %+v, %v", upd, err)
			}

			// Membership: replace, add, remove, list.
			if err := c.SetRunnerGroupMembers(ctx, scope, g.ID, members[1:2]); err != nil {
				t.Fatalf("SetRunnerGroupMembers: %v", err)
			}
			if err := c.AddRunnerGroupMember(ctx, scope, g.ID, members[0]); err != nil {
				t.Fatalf("AddRunnerGroupMember: %v", err)
			}
			ids, err := c.ListRunnerGroupMemberIDs(ctx, scope, g.ID)
			if err != nil || !slices.Equal(ids, members[:2]) {
				t.Fatalf("ListRunnerGroupMemberIDs = %v, %v; want %v", ids, err, members[:2])
			}
			if err := c.RemoveRunnerGroupMember(ctx, scope, g.ID, members[1]); err != nil {
				t.Fatalf("RemoveRunnerGroupMember: %v", err)
			}
			if scope.IsEnterprise() {
				orgs, err := c.ListRunnerGroupOrganizations(ctx, scope, g.ID)
				if err != nil || len(orgs) != 1 || orgs[0].ID != members[0] || orgs[0].Login != "acme" || len(members) != 3 {
					t.Errorf("ListRunnerGroupOrganizations = %+v, %v", orgs, err)
				}
				if _, err := c.ListRunnerGroupRepositories(ctx, scope, g.ID); err == nil {
					t.Error("ListRunnerGroupRepositories accepted an enterprise")
				}
				if _, err := c.ListRunnerGroupHostedRunners(ctx, scope, g.ID); err == nil {
					t.Error("ListRunnerGroupHostedRunners accepted an enterprise")
				}
			} else {
				repos, err := c.ListRunnerGroupRepositories(ctx, scope, g.ID)
				if err != nil || len(repos) != 1 || repos[0].ID != members[0] || repos[0].FullName != "acme/api" || !repos[0].Private {
					t.Errorf("ListRunnerGroupRepositories = %+v, %v", repos, err)
				}
				m.AddRunner(key, mockgithub.Runner{Name: "in-gpu", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: g.ID})
				runners, err := c.ListRunnerGroupHostedRunners(ctx, scope, g.ID)
				if err != nil || len(runners) != 1 || runners[0].Name != "in-gpu" || runners[0].RunnerGroupID == nil || *runners[0].RunnerGroupID != g.ID {
					t.Errorf("ListRunnerGroupHostedRunners = %+v, %v", runners, err)
				}
				m.RemoveRunner(key, runners[0].ID)
			}

			// The default group cannot be deleted; another can.
			if err := c.DeleteRunnerGroup(ctx, scope, 1); err == nil {
				t.Error("DeleteRunnerGroup(default) succeeded")
			}
			if err := c.DeleteRunnerGroup(ctx, scope, g.ID); err != nil {
				t.Fatalf("DeleteRunnerGroup: %v", err)
			}
			if _, err := c.GetRunnerGroup(ctx, scope, g.ID); !client.IsNotFound(err) {
				t.Errorf("GetRunnerGroup after delete: %v", err)
			}
		})
	}
}

// TestNetworkOperations calls the six networking operations of each scope against the mock.
func TestNetworkOperations(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			m, c := newMockClient(t, mockgithub.Config{})
			ctx := context.Background()
			scope := sc.scope
			settings := m.NetworkSettingsResources(scope.String())

			created, err := c.CreateNetworkConfiguration(ctx, scope, client.CreateNetworkConfigurationRequest{
				Name: "my-network", ComputeService: client.ComputeServiceActions, NetworkSettingsIDs: []string{settings[0].ID},
			})
			if err != nil || created.ID == "" || created.ComputeService != client.ComputeServiceActions || created.CreatedOn == nil ||
				!slices.Equal(created.NetworkSettingsIDs, []string{settings[0].ID}) {
				t.Fatalf("CreateNetworkConfiguration = %+v, %v", created, err)
			}
			got, err := c.GetNetworkConfiguration(ctx, scope, created.ID)
			if err != nil || got.Name != "my-network" {
				t.Fatalf("GetNetworkConfiguration = %+v, %v", got, err)
			}
			ns, err := c.GetNetworkSettings(ctx, scope, settings[0].ID)
			if err != nil || ns.NetworkConfigurationID != created.ID || ns.SubnetID == "" || ns.Region == "" || ns.Name != settings[0].Name {
				t.Fatalf("GetNetworkSettings = %+v, %v", ns, err)
			}
			upd, err := c.UpdateNetworkConfiguration(ctx, scope, created.ID, client.UpdateNetworkConfigurationRequest{
				Name: ptr("my-network-2"), FailoverNetworkSettingsIDs: &[]string{settings[1].ID}, FailoverNetworkEnabled: ptr(true),
			})
			if err != nil || upd.Name != "my-network-2" || !slices.Equal(upd.FailoverNetworkSettingsIDs, []string{settings[1].ID}) || upd.FailoverNetworkEnabled == nil || !*upd.FailoverNetworkEnabled {
				t.Fatalf("UpdateNetworkConfiguration = %+v, %v", upd, err)
			}
			upd, err = c.UpdateNetworkConfiguration(ctx, scope, created.ID, client.UpdateNetworkConfigurationRequest{
				FailoverNetworkSettingsIDs: new([]string), FailoverNetworkEnabled: ptr(false),
			})
			if err != nil || len(upd.FailoverNetworkSettingsIDs) != 0 {
				t.Fatalf("UpdateNetworkConfiguration(remove failover) = %+v, %v", upd, err)
			}
			list, err := c.ListNetworkConfigurations(ctx, scope)
			if err != nil || len(list) != 1 || list[0].ID != created.ID {
				t.Fatalf("ListNetworkConfigurations = %+v, %v", list, err)
			}
			if err := c.DeleteNetworkConfiguration(ctx, scope, created.ID); err != nil {
				t.Fatalf("DeleteNetworkConfiguration: %v", err)
			}
			if _, err := c.GetNetworkConfiguration(ctx, scope, created.ID); !client.IsNotFound(err) {
				t.Errorf("GetNetworkConfiguration after delete: %v", err)
			}
			if _, err := c.GetNetworkSettings(ctx, scope, "NOPE"); !client.IsNotFound(err) {
				t.Errorf("GetNetworkSettings(unknown): %v", err)
			}
		})
	}
}

// TestRunnerGroupRequestsRefusedBeforeSending checks the requests GitHub would reject that the
// client refuses without a request.
func TestRunnerGroupRequestsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	m, c := newMockClient(t, mockgithub.Config{})
	ctx := context.Background()
	org, ent := client.Organization("acme"), client.Enterprise("acme-corp")
	checks := map[string]error{}
	_, checks["org update without name"] = c.UpdateRunnerGroup(ctx, org, 2, client.UpdateRunnerGroupRequest{Visibility: ptr("all")})
	_, checks["enterprise group with repositories"] = c.CreateRunnerGroup(ctx, ent, client.CreateRunnerGroupRequest{Name: "x", SelectedRepositoryIDs: []int64{1}})
	_, checks["org group with organizations"] = c.CreateRunnerGroup(ctx, org, client.CreateRunnerGroupRequest{Name: "x", SelectedOrganizationIDs: []int64{1}})
	_, checks["two network settings"] = c.CreateNetworkConfiguration(ctx, org, client.CreateNetworkConfigurationRequest{Name: "x", NetworkSettingsIDs: []string{"A", "B"}})
	_, checks["no network settings"] = c.CreateNetworkConfiguration(ctx, org, client.CreateNetworkConfigurationRequest{Name: "x"})
	_, checks["two failovers"] = c.UpdateNetworkConfiguration(ctx, org, "X", client.UpdateNetworkConfigurationRequest{FailoverNetworkSettingsIDs: &[]string{"A", "B"}})
	_, checks["empty configuration id"] = c.GetNetworkConfiguration(ctx, org, "")
	for name, err := range checks {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n := len(m.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	// The enterprise update needs no name.
	if g, err := c.UpdateRunnerGroup(ctx, ent, 2, client.UpdateRunnerGroupRequest{Visibility: ptr("selected")}); err != nil || g.Name != "larger-runners" {
		t.Errorf("enterprise update without name = %+v, %v", g, err)
	}
}

// TestUpdateRunnerGroupBodies checks the three states of network_configuration_id on the wire.
func TestUpdateRunnerGroupBodies(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		req  client.UpdateRunnerGroupRequest
		want string
	}{
		"absent": {client.UpdateRunnerGroupRequest{Name: ptr("g")}, `{"name":"g"}`},
		"null":   {client.UpdateRunnerGroupRequest{Name: ptr("g"), NetworkConfigurationID: client.Null[string]()}, `{"name":"g","network_configuration_id":null}`},
		"value":  {client.UpdateRunnerGroupRequest{Name: ptr("g"), NetworkConfigurationID: client.Value("ABC")}, `{"name":"g","network_configuration_id":"ABC"}`},
		"empty workflows": {client.UpdateRunnerGroupRequest{Name: ptr("g"), SelectedWorkflows: &[]string{}},
			`{"name":"g","selected_workflows":[]}`},
	} {
		m, c := newMockClient(t, mockgithub.Config{})
		if _, err := c.UpdateRunnerGroup(context.Background(), client.Organization("acme"), 2, tc.req); err != nil && !strings.Contains(err.Error(), "422") {
			t.Fatalf("%s: %v", name, err)
		}
		reqs := m.Requests()
		if len(reqs) != 1 || string(reqs[0].Body) != tc.want {
			t.Errorf("%s: sent %q, want %q", name, reqs[len(reqs)-1].Body, tc.want)
		}
	}
}

// TestListRunnerGroupsPaging reads 250 extra groups in ceil(253/100) requests from the mock,
// and from a server that sends no Link header and a fractional-looking total_count.
func TestListRunnerGroupsPaging(t *testing.T) {
	t.Parallel()
	m, c := newMockClient(t, mockgithub.Config{})
	m.AddRunnerGroups("orgs/acme", "bulk", 250)
	groups, err := c.ListRunnerGroups(context.Background(), client.Organization("acme"), "")
	if err != nil || len(groups) != 253 {
		t.Fatalf("ListRunnerGroups = %d groups, %v", len(groups), err)
	}
	if n := m.Count(http.MethodGet, `/actions/runner-groups$`); n != 3 {
		t.Errorf("%d requests for 253 groups, want 3", n)
	}

	// Exactly 200 groups, no Link header, ids and total_count as JSON numbers with a fraction.
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if r.URL.Query().Get("per_page") != "100" || r.URL.Query().Has("page") && page < 2 {
			http.Error(w, "bad paging", http.StatusBadRequest)
			return
		}
		page = max(page, 1)
		var items []string
		for i := (page-1)*100 + 1; i <= 200 && i <= page*100; i++ {
			items = append(items, fmt.Sprintf(`{"id":%d.0,"name":"g%d","visibility":"all","default":false,"runners_url":"u","inherited":false,"allows_public_repositories":false}`, i, i))
		}
		fmt.Fprintf(w, `{"total_count":200.0,"runner_groups":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(srv.Close)
	plain, err := client.New(client.Config{BaseURL: srv.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	groups, err = plain.ListRunnerGroups(context.Background(), client.Organization("o"), "")
	if err != nil || len(groups) != 200 || groups[199].ID != 200 {
		t.Fatalf("ListRunnerGroups without Link = %d groups, %v", len(groups), err)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("%d requests for 200 groups, want 2", n)
	}

	// A server that pages by 30 whatever per_page asks is followed to its total_count.
	var capped atomic.Int32
	small := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		capped.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		var items []string
		for i := (page-1)*30 + 1; i <= 75 && i <= page*30; i++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"g%d","visibility":"all","default":false,"allows_public_repositories":false}`, i, i))
		}
		fmt.Fprintf(w, `{"total_count":75,"runner_groups":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(small.Close)
	thirty, err := client.New(client.Config{BaseURL: small.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if groups, err := thirty.ListRunnerGroups(context.Background(), client.Organization("o"), ""); err != nil || len(groups) != 75 || capped.Load() != 3 {
		t.Errorf("ListRunnerGroups by 30 = %d groups in %d requests, %v", len(groups), capped.Load(), err)
	}

	// A server that ignores page answers page 1 again: an error, not 100 groups.
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		var items []string
		for i := 1; i <= 100; i++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"g%d","visibility":"all","default":false,"allows_public_repositories":false}`, i, i))
		}
		fmt.Fprintf(w, `{"total_count":250,"runner_groups":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(stuck.Close)
	repeating, err := client.New(client.Config{BaseURL: stuck.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if groups, err := repeating.ListRunnerGroups(context.Background(), client.Organization("o"), ""); err == nil {
		t.Errorf("ListRunnerGroups over a repeating page = %d groups, no error", len(groups))
	}

	// The same for an access list: an error, not the first page's repositories three times over.
	sameRepos := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		var items []string
		for i := 1; i <= 100; i++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"r%d"}`, i, i))
		}
		fmt.Fprintf(w, `{"total_count":250,"repositories":[%s]}`, strings.Join(items, ","))
	}))
	t.Cleanup(sameRepos.Close)
	repeatingRepos, err := client.New(client.Config{BaseURL: sameRepos.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if repos, err := repeatingRepos.ListRunnerGroupRepositories(context.Background(), client.Organization("o"), 2); err == nil {
		t.Errorf("ListRunnerGroupRepositories over a repeating page = %d repositories, no error", len(repos))
	}
}

// TestRunnerGroupAnswersValidated checks that answers without the fields state needs are errors.
func TestRunnerGroupAnswersValidated(t *testing.T) {
	t.Parallel()
	bodies := map[string]string{
		"/orgs/o/actions/runner-groups/1":                      `{"name":"g","visibility":"all","default":false,"allows_public_repositories":false}`,
		"/orgs/o/actions/runner-groups/2":                      `{"id":2.5,"name":"g","visibility":"all","default":false,"allows_public_repositories":false}`,
		"/orgs/o/actions/runner-groups/3":                      ``,
		"/orgs/o/actions/runner-groups/10":                     `{"id":10,"name":"g","visibility":"all","allows_public_repositories":false}`,
		"/orgs/o/actions/runner-groups/11":                     `{"id":11,"name":"g","visibility":"all","default":true}`,
		"/orgs/o/settings/network-configurations/N":            `{"name":"n","created_on":null}`,
		"/orgs/o/settings/network-settings/S":                  `{"id":"S","subnet_id":"x","region":"eastus"}`,
		"/orgs/o/settings/network-settings/T":                  `{"id":"T","name":"t","subnet_id":"x"}`,
		"/orgs/o/settings/network-settings/U":                  `{"id":"U","name":"u","region":"eastus"}`,
		"/orgs/o/actions/runner-groups/4/repositories":         `{"total_count":1,"repositories":[{"name":"r"}]}`,
		"/orgs/o/actions/runner-groups/5/hosted-runners":       `{"total_count":1,"runners":[{"name":"r"}]}`,
		"/enterprises/e/network-configurations":                `{"total_count":1,"network_configurations":[{"id":"","name":"n"}]}`,
		"/enterprises/e/actions/runner-groups":                 `{"total_count":1,"runner_groups":[{"id":1,"visibility":"all","default":false,"allows_public_repositories":false}]}`,
		"/enterprises/e/actions/runner-groups/6/organizations": `{"total_count":1,"organizations":[{"login":"x"}]}`,
		// Lists without their array: not a page of that list, never an empty one. The guards
		// before deleting a group or a configuration read these lists.
		"/orgs/o/actions/runner-groups":                        `{"total_count":1}`,
		"/orgs/o/actions/runner-groups/7/repositories":         `{"total_count":1}`,
		"/orgs/o/actions/runner-groups/8/hosted-runners":       `{"total_count":1}`,
		"/orgs/o/settings/network-configurations":              `{"total_count":1}`,
		"/enterprises/e/actions/runner-groups/9/organizations": `{"total_count":1,"organizations":null}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(bodies[r.URL.Path]))
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	org, ent := client.Organization("o"), client.Enterprise("e")
	errs := map[string]error{}
	for _, id := range []int64{1, 2, 3, 10, 11} {
		_, errs["group "+strconv.FormatInt(id, 10)] = c.GetRunnerGroup(ctx, org, id)
	}
	_, errs["configuration"] = c.GetNetworkConfiguration(ctx, org, "N")
	_, errs["settings"] = c.GetNetworkSettings(ctx, org, "S")
	_, errs["settings without region"] = c.GetNetworkSettings(ctx, org, "T")
	_, errs["settings without subnet"] = c.GetNetworkSettings(ctx, org, "U")
	_, errs["repositories"] = c.ListRunnerGroupRepositories(ctx, org, 4)
	_, errs["hosted runners"] = c.ListRunnerGroupHostedRunners(ctx, org, 5)
	_, errs["configurations"] = c.ListNetworkConfigurations(ctx, ent)
	_, errs["groups"] = c.ListRunnerGroups(ctx, ent, "")
	_, errs["organizations"] = c.ListRunnerGroupOrganizations(ctx, ent, 6)
	_, errs["groups without list"] = c.ListRunnerGroups(ctx, org, "")
	_, errs["repositories without list"] = c.ListRunnerGroupRepositories(ctx, org, 7)
	_, errs["hosted runners without list"] = c.ListRunnerGroupHostedRunners(ctx, org, 8)
	_, errs["configurations without list"] = c.ListNetworkConfigurations(ctx, org)
	_, errs["organizations without list"] = c.ListRunnerGroupOrganizations(ctx, ent, 9)
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: an invalid answer was accepted", name)
		}
	}
}

// TestNullableJSON checks Nullable's encoding on its own.
func TestNullableJSON(t *testing.T) {
	t.Parallel()
	type body struct {
		V *client.Nullable[string] `json:"v,omitempty"`
	}
	for _, tc := range []struct {
		in   body
		want string
	}{{body{}, `{}`}, {body{client.Null[string]()}, `{"v":null}`}, {body{client.Value("")}, `{"v":""}`}} {
		got, err := json.Marshal(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("Marshal = %s, %v; want %s", got, err, tc.want)
		}
	}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// TestLinkPagedListsOfGroupsAndNetworks reads the Link-paged lists (hosted runners of a group,
// network configurations) past their first page of 100.
func TestLinkPagedListsOfGroupsAndNetworks(t *testing.T) {
	t.Parallel()
	m, c := newMockClient(t, mockgithub.Config{})
	ctx := context.Background()
	for i := range 150 {
		m.AddRunner("orgs/acme", mockgithub.Runner{Name: fmt.Sprintf("r-%03d", i), ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 2})
	}
	m.AddRunner("orgs/acme", mockgithub.Runner{Name: "other", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1})
	for i := range 120 {
		m.AddNetworkConfiguration("enterprises/acme-corp", mockgithub.NetworkConfiguration{Name: fmt.Sprintf("net-%03d", i)})
	}
	runners, err := c.ListRunnerGroupHostedRunners(ctx, client.Organization("acme"), 2)
	if err != nil || len(runners) != 150 || runners[149].Name != "r-149" {
		t.Fatalf("ListRunnerGroupHostedRunners = %d runners, %v", len(runners), err)
	}
	configs, err := c.ListNetworkConfigurations(ctx, client.Enterprise("acme-corp"))
	if err != nil || len(configs) != 120 || configs[119].Name != "net-119" {
		t.Fatalf("ListNetworkConfigurations = %d configurations, %v", len(configs), err)
	}
	if a, b := m.Count(http.MethodGet, `/runner-groups/2/hosted-runners$`), m.Count(http.MethodGet, `/network-configurations$`); a != 2 || b != 2 {
		t.Errorf("requests: %d for 150 runners, %d for 120 configurations; want 2 and 2", a, b)
	}
}

// TestRequestsWithoutBodyCarryALength: a write without a body (adding or removing one member of
// a group, deleting the group) goes out with "Content-Length: 0", not chunked, so GitHub does
// not answer 411 Length Required; a write with a body announces its length.
func TestRequestsWithoutBodyCarryALength(t *testing.T) {
	t.Parallel()
	m, c := newMockClient(t, mockgithub.Config{Orgs: []string{"acme", "acme-labs"}})
	ctx := context.Background()
	for _, sc := range scopes {
		members := memberIDs(m, sc.scope)
		g, err := c.CreateRunnerGroup(ctx, sc.scope, client.CreateRunnerGroupRequest{Name: "g", Visibility: client.VisibilitySelected})
		if err != nil {
			t.Fatalf("%s: CreateRunnerGroup: %v", sc.name, err)
		}
		if err := c.AddRunnerGroupMember(ctx, sc.scope, g.ID, members[0]); err != nil {
			t.Fatalf("%s: AddRunnerGroupMember: %v", sc.name, err)
		}
		if err := c.RemoveRunnerGroupMember(ctx, sc.scope, g.ID, members[0]); err != nil {
			t.Fatalf("%s: RemoveRunnerGroupMember: %v", sc.name, err)
		}
		if err := c.DeleteRunnerGroup(ctx, sc.scope, g.ID); err != nil {
			t.Fatalf("%s: DeleteRunnerGroup: %v", sc.name, err)
		}
	}
	for _, r := range m.Requests() {
		if r.Method == http.MethodGet {
			continue
		}
		if want := int64(len(r.Body)); r.ContentLength != want || r.Header.Get("Transfer-Encoding") != "" {
			t.Errorf("%s %s: Content-Length %d, Transfer-Encoding %q; want %d and none", r.Method, r.Path, r.ContentLength, r.Header.Get("Transfer-Encoding"), want)
		}
	}
	if n := m.Count(http.MethodPut, "/(repositories|organizations)/"); n != 2 {
		t.Errorf("%d member PUTs logged, want 2 (one per scope)", n)
	}
}
