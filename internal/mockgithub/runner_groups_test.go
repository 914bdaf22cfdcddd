package mockgithub

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// Fields of the two runner group schemas as the mock renders them (optional ones included
// only where the test adds them).
var (
	orgGroupFields = map[string]string{
		"id": kNumber, "name": kString, "visibility": kString, "default": kBool, "runners_url": kString,
		"hosted_runners_url": kString, "inherited": kBool, "allows_public_repositories": kBool,
		"workflow_restrictions_read_only": kBool, "restricted_to_workflows": kBool, "selected_workflows": kArray,
	}
	entGroupFields = map[string]string{
		"id": kNumber, "name": kString, "visibility": kString, "default": kBool, "runners_url": kString,
		"hosted_runners_url": kString, "selected_organizations_url": kString, "allows_public_repositories": kBool,
		"workflow_restrictions_read_only": kBool, "restricted_to_workflows": kBool, "selected_workflows": kArray,
	}
)

// groupFieldsOf returns the fields a group of the scope carries, with the optional ones it has.
func groupFieldsOf(prefix string, obj map[string]any) map[string]string {
	fields := map[string]string{}
	base := orgGroupFields
	if strings.HasPrefix(prefix, "/enterprises") {
		base = entGroupFields
	}
	for k, v := range base {
		fields[k] = v
	}
	for _, k := range []string{"network_configuration_id", "selected_repositories_url"} {
		if _, ok := obj[k]; ok {
			fields[k] = kString
		}
	}
	if _, ok := obj["inherited_allows_public_repositories"]; ok {
		fields["inherited_allows_public_repositories"] = kBool
	}
	return fields
}

// requireGroup checks a runner group object's shape.
func requireGroup(t *testing.T, prefix string, v any) map[string]any {
	t.Helper()
	obj, _ := v.(map[string]any)
	return requireFields(t, "group", v, groupFieldsOf(prefix, obj))
}

// groupErrors returns the field:code pairs of a 422 about a resource.
func groupErrors(t *testing.T, r *result, resource string) []string {
	t.Helper()
	r.expect(t, http.StatusUnprocessableEntity)
	var out []string
	for _, e := range r.obj["errors"].([]any) {
		fe := e.(map[string]any)
		if fe["resource"] != resource {
			t.Errorf("resource %v, want %s", fe["resource"], resource)
		}
		out = append(out, fe["field"].(string)+":"+fe["code"].(string))
	}
	return out
}

func TestRunnerGroupSeed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for _, sc := range scopes {
		r := h.do(http.MethodGet, sc.prefix+"/actions/runner-groups", nil).expect(t, http.StatusOK)
		items := requireList(t, r, "runner_groups")
		if len(items) != 3 {
			t.Fatalf("%s: %d seeded groups, want 3", sc.key, len(items))
		}
		def := requireGroup(t, sc.prefix, items[0])
		if def["id"] != float64(1) || def["name"] != "Default" || def["default"] != true || def["visibility"] != "all" {
			t.Errorf("%s: default group %v", sc.key, def)
		}
		if _, ok := def["network_configuration_id"]; ok {
			t.Errorf("%s: unset network_configuration_id is present", sc.key)
		}
		release := requireGroup(t, sc.prefix, items[2])
		if release["visibility"] != "selected" || release["restricted_to_workflows"] != true {
			t.Errorf("%s: release group %v", sc.key, release)
		}
		members := h.do(http.MethodGet, sc.prefix+"/actions/runner-groups/3/"+map[bool]string{true: "organizations", false: "repositories"}[strings.HasPrefix(sc.prefix, "/enterprises")], nil).expect(t, http.StatusOK)
		if n := members.obj["total_count"]; n != float64(1) {
			t.Errorf("%s: release group has %v members, want 1", sc.key, n)
		}
		if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != map[bool]string{true: "manage_runners:enterprise", false: "admin:org"}[strings.HasPrefix(sc.prefix, "/enterprises")] {
			t.Errorf("%s: X-Accepted-OAuth-Scopes %q", sc.key, got)
		}
	}
	repos := h.mock.Repositories("orgs/acme")
	orgs := h.mock.Organizations("enterprises/acme-corp")
	if len(repos) != 5 || repos[0].ID != firstRepoID || len(orgs) != 2 || orgs[0].Login != "acme" || orgs[0].ID != firstOrgID {
		t.Errorf("seeded repositories %v, organizations %v", repos, orgs)
	}
	if len(h.mock.NetworkSettingsResources("orgs/acme")) != 3 || len(h.mock.NetworkConfigurations("orgs/acme")) != 0 {
		t.Errorf("seeded networking: %v %v", h.mock.NetworkSettingsResources("orgs/acme"), h.mock.NetworkConfigurations("orgs/acme"))
	}
}

func TestRunnerGroupLifecycle(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{})
			nc := h.mock.AddNetworkConfiguration(sc.key, NetworkConfiguration{Name: "net", NetworkSettingsIDs: []string{h.mock.NetworkSettingsResources(sc.key)[0].ID}})
			member := h.mock.RunnerGroups(sc.key)[2].SelectedIDs[0]
			idsKey := "selected_repository_ids"
			if strings.HasPrefix(sc.prefix, "/enterprises") {
				idsKey = "selected_organization_ids"
			}
			created := h.do(http.MethodPost, sc.prefix+"/actions/runner-groups", map[string]any{
				"name": "gpu", "visibility": "selected", idsKey: []int64{member}, "allows_public_repositories": true,
				"network_configuration_id": nc.ID,
			}).expect(t, http.StatusCreated)
			g := requireGroup(t, sc.prefix, created.obj)
			id := int64(g["id"].(float64))
			if id != 4 || g["name"] != "gpu" || g["default"] != false || g["network_configuration_id"] != nc.ID || g["allows_public_repositories"] != true {
				t.Fatalf("created %v", g)
			}
			if stored, _ := h.mock.GetRunnerGroup(sc.key, id); !slices.Equal(stored.SelectedIDs, []int64{member}) {
				t.Errorf("stored members %v", stored.SelectedIDs)
			}
			got := h.do(http.MethodGet, sc.prefix+"/actions/runner-groups/"+itoa(id), nil).expect(t, http.StatusOK)
			if got.obj["name"] != "gpu" {
				t.Errorf("get %v", got.obj)
			}
			// Omitted fields stay; null unsets the network configuration.
			upd := h.do(http.MethodPatch, sc.prefix+"/actions/runner-groups/"+itoa(id), map[string]any{
				"name": "gpu-2", "network_configuration_id": nil, "restricted_to_workflows": true,
				"selected_workflows": []string{"octo-org/octo-repo/.github/workflows/deploy.yaml@main"},
			}).expect(t, http.StatusOK)
			g = requireGroup(t, sc.prefix, upd.obj)
			if _, ok := g["network_configuration_id"]; ok || g["name"] != "gpu-2" || g["visibility"] != "selected" || g["allows_public_repositories"] != true || len(g["selected_workflows"].([]any)) != 1 {
				t.Errorf("updated %v", g)
			}
			h.do(http.MethodDelete, sc.prefix+"/actions/runner-groups/"+itoa(id), nil).expect(t, http.StatusNoContent)
			h.do(http.MethodGet, sc.prefix+"/actions/runner-groups/"+itoa(id), nil).expect(t, http.StatusNotFound)
			h.do(http.MethodDelete, sc.prefix+"/actions/runner-groups/"+itoa(id), nil).expect(t, http.StatusNotFound)
		})
	}
}

func TestRunnerGroupValidation(t *testing.T) {
	t.Parallel()
	type tc struct {
		name   string
		method string // POST (create) or PATCH (group 2)
		body   any
		want   string // "field:code" of the only error, "" for success
	}
	common := []tc{
		{"create without name", http.MethodPost, map[string]any{"visibility": "all"}, "name:missing_field"},
		{"create blank name", http.MethodPost, map[string]any{"name": " "}, "name:invalid"},
		{"create taken name", http.MethodPost, map[string]any{"name": "DEFAULT"}, "name:already_exists"},
		{"create bad visibility", http.MethodPost, map[string]any{"name": "x", "visibility": "public"}, "visibility:invalid"},
		{"create unknown network configuration", http.MethodPost, map[string]any{"name": "x", "network_configuration_id": "NOPE"}, "network_configuration_id:invalid"},
		{"create null network configuration", http.MethodPost, map[string]any{"name": "x", "network_configuration_id": nil}, "network_configuration_id:invalid"},
		{"create workflow without ref", http.MethodPost, map[string]any{"name": "x", "selected_workflows": []string{"o/r/.github/workflows/a.yml"}}, "selected_workflows:invalid"},
		{"create unknown member", http.MethodPost, nil, ""}, // filled per scope below
		{"update rename to taken", http.MethodPatch, map[string]any{"name": "release"}, "name:already_exists"},
		{"update bad visibility", http.MethodPatch, map[string]any{"name": "larger-runners", "visibility": "everyone"}, "visibility:invalid"},
		{"update empty network configuration", http.MethodPatch, map[string]any{"name": "larger-runners", "network_configuration_id": ""}, "network_configuration_id:invalid"},
		{"update null network configuration", http.MethodPatch, map[string]any{"name": "larger-runners", "network_configuration_id": nil}, ""},
		{"update boolean of wrong type", http.MethodPatch, map[string]any{"name": "larger-runners", "allows_public_repositories": "yes"}, "allows_public_repositories:invalid"},
		{"create null visibility", http.MethodPost, map[string]any{"name": "x", "visibility": nil}, "visibility:invalid"},
		{"create workflows not strings", http.MethodPost, map[string]any{"name": "x", "selected_workflows": []int{1}}, "selected_workflows:invalid"},
		{"create null workflows", http.MethodPost, map[string]any{"name": "x", "selected_workflows": nil}, "selected_workflows:invalid"},
		{"update null name", http.MethodPatch, map[string]any{"name": nil}, "name:invalid"},
		{"update null boolean", http.MethodPatch, map[string]any{"name": "larger-runners", "restricted_to_workflows": nil}, "restricted_to_workflows:invalid"},
	}
	for _, sc := range scopes {
		enterprise := strings.HasPrefix(sc.prefix, "/enterprises")
		cases := append([]tc(nil), common...)
		for i := range cases {
			if cases[i].name == "create unknown member" {
				key := map[bool]string{true: "selected_organization_ids", false: "selected_repository_ids"}[enterprise]
				cases[i].body = map[string]any{"name": "x", key: []int64{999999}}
				cases[i].want = key + ":invalid"
			}
		}
		if enterprise {
			cases = append(cases,
				tc{"enterprise private visibility", http.MethodPost, map[string]any{"name": "x", "visibility": "private"}, "visibility:invalid"},
				tc{"enterprise update without name", http.MethodPatch, map[string]any{"visibility": "selected"}, ""},
				tc{"enterprise update with empty body", http.MethodPatch, "", ""},
			)
		} else {
			cases = append(cases,
				tc{"org private visibility", http.MethodPost, map[string]any{"name": "x", "visibility": "private"}, ""},
				tc{"org update without name", http.MethodPatch, map[string]any{"visibility": "selected"}, "name:missing_field"},
				tc{"org update with empty body", http.MethodPatch, "", "name:missing_field"},
			)
		}
		for _, c := range cases {
			t.Run(sc.key+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, Config{})
				path := sc.prefix + "/actions/runner-groups"
				if c.method == http.MethodPatch {
					path += "/2"
				}
				r := h.do(c.method, path, c.body)
				if c.want == "" {
					if r.status/100 != 2 {
						t.Fatalf("status %d: %s", r.status, r.raw)
					}
					return
				}
				if got := groupErrors(t, r, "RunnerGroup"); len(got) != 1 || got[0] != c.want {
					t.Errorf("errors %v, want [%s]", got, c.want)
				}
				if c.method == http.MethodPatch {
					if g, _ := h.mock.GetRunnerGroup(sc.key, 2); g.Name != "larger-runners" || g.Visibility != "all" {
						t.Errorf("a failed update changed the group: %+v", g)
					}
				}
			})
		}
	}
}

func TestRunnerGroupReadOnlyWorkflows(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	g := h.mock.AddRunnerGroup("orgs/acme", RunnerGroup{Name: "locked", WorkflowRestrictionsReadOnly: true})
	r := h.do(http.MethodPatch, "/orgs/acme/actions/runner-groups/"+itoa(g.ID), map[string]any{"name": "locked", "restricted_to_workflows": true})
	if got := groupErrors(t, r, "RunnerGroup"); len(got) != 1 || got[0] != "restricted_to_workflows:custom" {
		t.Errorf("errors %v", got)
	}
	h.do(http.MethodPatch, "/orgs/acme/actions/runner-groups/"+itoa(g.ID), map[string]any{"name": "locked-2"}).expect(t, http.StatusOK)
}

func TestRunnerGroupDeleteGuards(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		h := newHarness(t, Config{})
		r := h.do(http.MethodDelete, sc.prefix+"/actions/runner-groups/1", nil)
		if got := groupErrors(t, r, "RunnerGroup"); len(got) != 1 || got[0] != "id:custom" {
			t.Errorf("%s: deleting the default group: %v", sc.key, got)
		}
		runner := h.mock.AddRunner(sc.key, Runner{Name: "in-group-2", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 2})
		r = h.do(http.MethodDelete, sc.prefix+"/actions/runner-groups/2", nil)
		groupErrors(t, r, "RunnerGroup")
		if !strings.Contains(string(r.raw), "in-group-2") {
			t.Errorf("%s: the refusal does not name the runner: %s", sc.key, r.raw)
		}
		if !h.mock.MoveRunner(sc.key, runner.ID, 1) {
			t.Fatalf("%s: MoveRunner found no runner", sc.key)
		}
		h.do(http.MethodDelete, sc.prefix+"/actions/runner-groups/2", nil).expect(t, http.StatusNoContent)
		if len(h.mock.RunnerGroups(sc.key)) != 2 {
			t.Errorf("%s: groups after delete: %v", sc.key, h.mock.RunnerGroups(sc.key))
		}
	}
}

// TestHostedRunnerGroupMustExist checks the hosted runner operations against the group store.
func TestHostedRunnerGroupMustExist(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		h := newHarness(t, Config{})
		body := createBody("r1")
		body["runner_group_id"] = 4
		if got := fieldErrors(t, h.do(http.MethodPost, sc.prefix+"/actions/hosted-runners", body)); len(got) != 1 || got[0] != "runner_group_id:invalid" {
			t.Errorf("%s: create in a missing group: %v", sc.key, got)
		}
		g := h.mock.AddRunnerGroup(sc.key, RunnerGroup{Name: "new"})
		created := h.do(http.MethodPost, sc.prefix+"/actions/hosted-runners", body).expect(t, http.StatusCreated)
		if created.obj["runner_group_id"] != float64(g.ID) {
			t.Errorf("%s: runner_group_id %v", sc.key, created.obj["runner_group_id"])
		}
		h.mock.RemoveRunnerGroup(sc.key, g.ID)
		upd := h.do(http.MethodPatch, sc.prefix+"/actions/hosted-runners/"+itoa(int64(created.obj["id"].(float64))), map[string]any{"runner_group_id": g.ID})
		if got := fieldErrors(t, upd); len(got) != 1 || got[0] != "runner_group_id:invalid" {
			t.Errorf("%s: update into a removed group: %v", sc.key, got)
		}
	}
}

func TestRunnerGroupHostedRunners(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for i := range 3 {
		h.mock.AddRunner("orgs/acme", Runner{Name: fmt.Sprintf("r%d", i), ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 2})
	}
	h.mock.AddRunner("orgs/acme", Runner{Name: "elsewhere", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1})
	r := h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/2/hosted-runners?per_page=2", nil).expect(t, http.StatusOK)
	if r.obj["total_count"] != float64(3) || len(r.obj["runners"].([]any)) != 2 || !strings.Contains(r.header.Get("Link"), `rel="next"`) {
		t.Errorf("page 1: %s; Link %q", r.raw, r.header.Get("Link"))
	}
	requireRunner(t, "runner", r.obj["runners"].([]any)[0])
	h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/9/hosted-runners", nil).expect(t, http.StatusNotFound)
	// The description has no such list for enterprise groups.
	h.do(http.MethodGet, "/enterprises/acme-corp/actions/runner-groups/2/hosted-runners", nil).expect(t, http.StatusNotFound)
}

func TestRunnerGroupMembership(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{})
			enterprise := strings.HasPrefix(sc.prefix, "/enterprises")
			seg, key := "repositories", "selected_repository_ids"
			ids := []int64{}
			for _, r := range h.mock.Repositories(sc.key) {
				ids = append(ids, r.ID)
			}
			if enterprise {
				seg, key = "organizations", "selected_organization_ids"
				ids = ids[:0]
				for _, o := range h.mock.Organizations(sc.key) {
					ids = append(ids, o.ID)
				}
			}
			base := sc.prefix + "/actions/runner-groups/3/" + seg
			h.do(http.MethodPut, base, map[string]any{key: []int64{ids[1]}}).expect(t, http.StatusNoContent)
			h.do(http.MethodPut, base+"/"+itoa(ids[0]), nil).expect(t, http.StatusNoContent)
			h.do(http.MethodPut, base+"/"+itoa(ids[0]), nil).expect(t, http.StatusNoContent) // idempotent
			list := h.do(http.MethodGet, base, nil).expect(t, http.StatusOK)
			items := requireList(t, list, seg)
			if len(items) != 2 || items[0].(map[string]any)["id"] != float64(ids[0]) {
				t.Errorf("members %s", list.raw)
			}
			if enterprise {
				requireFields(t, "organization", items[0], map[string]string{
					"login": kString, "id": kNumber, "node_id": kString, "url": kString, "repos_url": kString,
					"events_url": kString, "hooks_url": kString, "issues_url": kString, "members_url": kString,
					"public_members_url": kString, "avatar_url": kString, "description": kNullStr,
				})
			} else {
				repo := items[0].(map[string]any)
				for _, f := range []string{"id", "node_id", "name", "full_name", "owner", "private", "fork", "url", "html_url", "trees_url", "description"} {
					if _, ok := repo[f]; !ok {
						t.Errorf("repository lacks %q", f)
					}
				}
			}
			h.do(http.MethodDelete, base+"/"+itoa(ids[1]), nil).expect(t, http.StatusNoContent)
			if g, _ := h.mock.GetRunnerGroup(sc.key, 3); !slices.Equal(g.SelectedIDs, []int64{ids[0]}) {
				t.Errorf("after remove: %v", g.SelectedIDs)
			}
			h.do(http.MethodPut, base+"/424242", nil).expect(t, http.StatusNotFound)
			h.do(http.MethodGet, sc.prefix+"/actions/runner-groups/77/"+seg, nil).expect(t, http.StatusNotFound)
			if got := groupErrors(t, h.do(http.MethodPut, base, map[string]any{key: []int64{424242}}), "RunnerGroup"); len(got) != 1 || got[0] != key+":invalid" {
				t.Errorf("set unknown: %v", got)
			}
			if got := groupErrors(t, h.do(http.MethodPut, base, map[string]any{}), "RunnerGroup"); len(got) != 1 || got[0] != key+":missing_field" {
				t.Errorf("set without list: %v", got)
			}
			if got := groupErrors(t, h.do(http.MethodPut, base, map[string]any{key: nil}), "RunnerGroup"); len(got) != 1 || got[0] != key+":invalid" {
				t.Errorf("set a null list: %v", got)
			}
			// One-member changes need visibility selected; group 2 is visible to all.
			if got := groupErrors(t, h.do(http.MethodPut, sc.prefix+"/actions/runner-groups/2/"+seg+"/"+itoa(ids[0]), nil), "RunnerGroup"); len(got) != 1 || got[0] != "visibility:custom" {
				t.Errorf("add to a group visible to all: %v", got)
			}
			h.do(http.MethodPut, base, map[string]any{key: []int64{}}).expect(t, http.StatusNoContent)
			if g, _ := h.mock.GetRunnerGroup(sc.key, 3); len(g.SelectedIDs) != 0 {
				t.Errorf("after emptying: %v", g.SelectedIDs)
			}
		})
	}
}

func TestRunnerGroupVisibleToFilter(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	names := func(r *result) []string {
		var out []string
		for _, g := range requireList(t, r, "runner_groups") {
			out = append(out, g.(map[string]any)["name"].(string))
		}
		return out
	}
	// "api" is selected by "release"; "tools" is not; "docs" is public.
	if got := names(h.do(http.MethodGet, "/orgs/acme/actions/runner-groups?visible_to_repository=api", nil)); !slices.Equal(got, []string{"Default", "larger-runners", "release"}) {
		t.Errorf("visible to api: %v", got)
	}
	if got := names(h.do(http.MethodGet, "/orgs/acme/actions/runner-groups?visible_to_repository=tools", nil)); !slices.Equal(got, []string{"Default", "larger-runners"}) {
		t.Errorf("visible to tools: %v", got)
	}
	if got := names(h.do(http.MethodGet, "/orgs/acme/actions/runner-groups?visible_to_repository=docs", nil)); len(got) != 0 {
		t.Errorf("visible to the public docs: %v", got)
	}
	if got := names(h.do(http.MethodGet, "/enterprises/acme-corp/actions/runner-groups?visible_to_organization=acme-corp-sandbox", nil)); !slices.Equal(got, []string{"Default", "larger-runners"}) {
		t.Errorf("visible to the sandbox: %v", got)
	}
}

func TestRunnerGroupPagination(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		h := newHarness(t, Config{})
		h.mock.AddRunnerGroups(sc.key, "bulk", 250)
		seen := map[float64]bool{}
		for page, want := range []int{100, 100, 53} {
			r := h.do(http.MethodGet, fmt.Sprintf("%s/actions/runner-groups?per_page=500&page=%d", sc.prefix, page+1), nil).expect(t, http.StatusOK)
			items := r.obj["runner_groups"].([]any)
			if r.obj["total_count"] != float64(253) || len(items) != want {
				t.Fatalf("%s page %d: total %v, %d items", sc.key, page+1, r.obj["total_count"], len(items))
			}
			for _, g := range items {
				seen[g.(map[string]any)["id"].(float64)] = true
			}
			link := r.header.Get("Link")
			if (page < 2) != strings.Contains(link, `rel="next"`) {
				t.Errorf("%s page %d: Link %q", sc.key, page+1, link)
			}
		}
		if len(seen) != 253 {
			t.Errorf("%s: %d distinct groups over the pages", sc.key, len(seen))
		}
		r := h.do(http.MethodGet, sc.prefix+"/actions/runner-groups", nil)
		if len(r.obj["runner_groups"].([]any)) != 30 {
			t.Errorf("%s: default page size %d", sc.key, len(r.obj["runner_groups"].([]any)))
		}
	}
}

func TestRunnerGroupETagAndFaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	first := h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/1", nil).expect(t, http.StatusOK)
	etag := first.header.Get("ETag")
	if etag == "" || first.header.Get("X-RateLimit-Remaining") == "" {
		t.Fatalf("headers %v", first.header)
	}
	h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/1", nil, withHeader("If-None-Match", etag)).expect(t, http.StatusNotModified)
	h.mock.Inject(Fault{Method: http.MethodPatch, Path: `/actions/runner-groups/2$`, Times: 1, Status: http.StatusBadGateway, Body: `{"message":"Server Error"}`})
	h.do(http.MethodPatch, "/orgs/acme/actions/runner-groups/2", map[string]any{"name": "renamed"}).expect(t, http.StatusBadGateway)
	if g, _ := h.mock.GetRunnerGroup("orgs/acme", 2); g.Name != "larger-runners" {
		t.Errorf("an uncommitted fault changed the group: %+v", g)
	}
	h.do(http.MethodPatch, "/orgs/acme/actions/runner-groups/2", map[string]any{"name": "renamed"}).expect(t, http.StatusOK)
	if n := h.mock.Count(http.MethodPatch, `/actions/runner-groups/2$`); n != 2 {
		t.Errorf("request log counts %d PATCHes", n)
	}
	h.do(http.MethodGet, "/orgs/nobody/actions/runner-groups", nil).expect(t, http.StatusNotFound)
	h.do(http.MethodGet, "/orgs/acme/actions/runner-groups/abc", nil).expect(t, http.StatusNotFound)
}
