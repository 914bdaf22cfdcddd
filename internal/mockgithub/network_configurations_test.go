package mockgithub

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

var (
	networkConfigFields = map[string]string{
		"id": kString, "name": kString, "compute_service": kString, "network_settings_ids": kArray,
		"failover_network_settings_ids": kArray, "failover_network_enabled": kBool, "created_on": kNullStr,
	}
	networkSettingsFields = map[string]string{"id": kString, "name": kString, "subnet_id": kString, "region": kString}
)

// netPrefix is the networking path prefix of a scope: /settings/ only under organizations.
func netPrefix(prefix string) string {
	if strings.HasPrefix(prefix, "/enterprises") {
		return prefix
	}
	return prefix + "/settings"
}

// settingsIDs returns the ids of a scope's seeded network settings, by name.
func settingsIDs(h *harness, key string) []string {
	var ids []string
	for _, s := range h.mock.NetworkSettingsResources(key) {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestNetworkConfigurationLifecycle(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{})
			ids := settingsIDs(h, sc.key)
			base := netPrefix(sc.prefix) + "/network-configurations"
			created := h.do(http.MethodPost, base, map[string]any{
				"name": "my-network", "compute_service": "actions", "network_settings_ids": []string{ids[0]},
			}).expect(t, http.StatusCreated)
			nc := requireFields(t, "config", created.obj, networkConfigFields)
			id := nc["id"].(string)
			if id == "" || nc["compute_service"] != "actions" || nc["created_on"] == nil || len(nc["failover_network_settings_ids"].([]any)) != 0 ||
				nc["failover_network_enabled"] != false {
				t.Fatalf("created %v", nc)
			}
			got := h.do(http.MethodGet, base+"/"+id, nil).expect(t, http.StatusOK)
			requireFields(t, "config", got.obj, networkConfigFields)
			settings := h.do(http.MethodGet, netPrefix(sc.prefix)+"/network-settings/"+ids[0], nil).expect(t, http.StatusOK)
			withConfig := map[string]string{"network_configuration_id": kString}
			for k, v := range networkSettingsFields {
				withConfig[k] = v
			}
			if requireFields(t, "settings", settings.obj, withConfig)["network_configuration_id"] != id {
				t.Errorf("settings %v", settings.obj)
			}
			free := h.do(http.MethodGet, netPrefix(sc.prefix)+"/network-settings/"+ids[1], nil).expect(t, http.StatusOK)
			requireFields(t, "settings", free.obj, networkSettingsFields)

			upd := h.do(http.MethodPatch, base+"/"+id, map[string]any{
				"name": "my-network-2", "network_settings_ids": []string{ids[1]},
				"failover_network_settings_ids": []string{ids[2]}, "failover_network_enabled": true,
			}).expect(t, http.StatusOK)
			nc = requireFields(t, "config", upd.obj, networkConfigFields)
			if nc["name"] != "my-network-2" || nc["compute_service"] != "actions" || nc["network_settings_ids"].([]any)[0] != ids[1] || nc["failover_network_enabled"] != true {
				t.Errorf("updated %v", nc)
			}
			// An update that leaves failover_network_enabled out keeps it; one that sends it sets it.
			renamed := h.do(http.MethodPatch, base+"/"+id, map[string]any{"name": "my-network-3"}).expect(t, http.StatusOK)
			if renamed.obj["failover_network_enabled"] != true {
				t.Errorf("a rename changed failover_network_enabled: %s", renamed.raw)
			}
			disabled := h.do(http.MethodPatch, base+"/"+id, map[string]any{"failover_network_enabled": false}).expect(t, http.StatusOK)
			if disabled.obj["failover_network_enabled"] != false || disabled.obj["failover_network_settings_ids"].([]any)[0] != ids[2] {
				t.Errorf("disabled %s", disabled.raw)
			}
			if _, ok := h.do(http.MethodGet, netPrefix(sc.prefix)+"/network-settings/"+ids[0], nil).obj["network_configuration_id"]; ok {
				t.Error("released settings still name the configuration")
			}
			list := h.do(http.MethodGet, base, nil).expect(t, http.StatusOK)
			if items := requireList(t, list, "network_configurations"); len(items) != 1 {
				t.Errorf("list %s", list.raw)
			}

			// In use by a group: refused, naming the group; unset it and the delete succeeds.
			h.do(http.MethodPatch, sc.prefix+"/actions/runner-groups/2", map[string]any{"name": "larger-runners", "network_configuration_id": id}).expect(t, http.StatusOK)
			r := h.do(http.MethodDelete, base+"/"+id, nil)
			if got := groupErrors(t, r, "NetworkConfiguration"); len(got) != 1 || !strings.Contains(string(r.raw), "larger-runners") {
				t.Errorf("delete in use: %v %s", got, r.raw)
			}
			h.do(http.MethodPatch, sc.prefix+"/actions/runner-groups/2", map[string]any{"name": "larger-runners", "network_configuration_id": nil}).expect(t, http.StatusOK)
			h.do(http.MethodDelete, base+"/"+id, nil).expect(t, http.StatusNoContent)
			h.do(http.MethodGet, base+"/"+id, nil).expect(t, http.StatusNotFound)
			h.do(http.MethodGet, netPrefix(sc.prefix)+"/network-settings/NOPE", nil).expect(t, http.StatusNotFound)
		})
	}
}

func TestNetworkConfigurationPaths(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	// Organizations have a /settings/ segment, enterprises do not.
	h.do(http.MethodGet, "/orgs/acme/network-configurations", nil).expect(t, http.StatusNotFound)
	h.do(http.MethodGet, "/enterprises/acme-corp/settings/network-configurations", nil).expect(t, http.StatusNotFound)
	r := h.do(http.MethodGet, "/orgs/acme/settings/network-configurations", nil).expect(t, http.StatusOK)
	if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != "read:network_configurations" {
		t.Errorf("org read scope %q", got)
	}
	r = h.do(http.MethodPost, "/orgs/acme/settings/network-configurations", map[string]any{})
	if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != "write:network_configurations" {
		t.Errorf("org write scope %q", got)
	}
	h.do(http.MethodGet, "/enterprises/acme-corp/network-configurations", nil).expect(t, http.StatusOK)
}

func TestNetworkConfigurationValidation(t *testing.T) {
	t.Parallel()
	type tc struct {
		name   string
		method string
		body   func(ids []string) any
		want   string
	}
	cases := []tc{
		{"create without name", http.MethodPost, func(ids []string) any { return map[string]any{"network_settings_ids": ids[1:2]} }, "name:missing_field"},
		{"create bad name", http.MethodPost, func(ids []string) any { return map[string]any{"name": "my net", "network_settings_ids": ids[1:2]} }, "name:invalid"},
		{"create long name", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": strings.Repeat("n", 101), "network_settings_ids": ids[1:2]}
		}, "name:invalid"},
		{"create taken name", http.MethodPost, func(ids []string) any { return map[string]any{"name": "EXISTING", "network_settings_ids": ids[1:2]} }, "name:already_exists"},
		{"create without settings", http.MethodPost, func([]string) any { return map[string]any{"name": "n"} }, "network_settings_ids:missing_field"},
		{"create two settings", http.MethodPost, func(ids []string) any { return map[string]any{"name": "n", "network_settings_ids": ids[1:3]} }, "network_settings_ids:invalid"},
		{"create unknown settings", http.MethodPost, func([]string) any { return map[string]any{"name": "n", "network_settings_ids": []string{"NOPE"}} }, "network_settings_ids:invalid"},
		{"create settings in use", http.MethodPost, func(ids []string) any { return map[string]any{"name": "n", "network_settings_ids": ids[:1]} }, "network_settings_ids:already_exists"},
		{"create codespaces", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "compute_service": "codespaces"}
		}, "compute_service:invalid"},
		{"create failover equal to primary", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "failover_network_settings_ids": ids[1:2]}
		}, "failover_network_settings_ids:invalid"},
		{"create two failovers", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "failover_network_settings_ids": []string{ids[0], ids[2]}}
		}, ""}, // filled below: two errors are possible, so checked by code
		{"create unknown failover", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "failover_network_settings_ids": []string{"NOPE"}}
		}, "failover_network_settings_ids:invalid"},
		{"create failover in use", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "failover_network_settings_ids": ids[:1]}
		}, "failover_network_settings_ids:already_exists"},
		{"create failover enabled not a boolean", http.MethodPost, func(ids []string) any {
			return map[string]any{"name": "n", "network_settings_ids": ids[1:2], "failover_network_settings_ids": ids[2:3], "failover_network_enabled": "true"}
		}, "failover_network_enabled:invalid"},
		{"update failover enabled not a boolean", http.MethodPatch, func([]string) any { return map[string]any{"failover_network_enabled": 1} }, "failover_network_enabled:invalid"},
		{"update empty settings list", http.MethodPatch, func([]string) any { return map[string]any{"network_settings_ids": []string{}} }, "network_settings_ids:invalid"},
		{"create settings not strings", http.MethodPost, func([]string) any { return map[string]any{"name": "n", "network_settings_ids": []int{1}} }, "network_settings_ids:invalid"},
		{"create null settings", http.MethodPost, func([]string) any { return map[string]any{"name": "n", "network_settings_ids": nil} }, "network_settings_ids:invalid"},
		{"update null name", http.MethodPatch, func([]string) any { return map[string]any{"name": nil} }, "name:invalid"},
		{"update null failover list", http.MethodPatch, func([]string) any { return map[string]any{"failover_network_settings_ids": nil} }, "failover_network_settings_ids:invalid"},
		{"update null compute service", http.MethodPatch, func([]string) any { return map[string]any{"compute_service": nil} }, "compute_service:invalid"},
		{"update only the name", http.MethodPatch, func([]string) any { return map[string]any{"name": "renamed"} }, ""},
		{"update with empty object", http.MethodPatch, func([]string) any { return map[string]any{} }, ""},
		{"update compute service", http.MethodPatch, func([]string) any { return map[string]any{"compute_service": "none"} }, ""},
	}
	for _, sc := range scopes {
		for _, c := range cases {
			t.Run(sc.key+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, Config{})
				ids := settingsIDs(h, sc.key)
				existing := h.mock.AddNetworkConfiguration(sc.key, NetworkConfiguration{Name: "existing", NetworkSettingsIDs: ids[:1]})
				base := netPrefix(sc.prefix) + "/network-configurations"
				path := base
				if c.method == http.MethodPatch {
					path += "/" + existing.ID
				}
				r := h.do(c.method, path, c.body(ids))
				if c.name == "create two failovers" {
					if r.status != http.StatusUnprocessableEntity {
						t.Errorf("status %d", r.status)
					}
					return
				}
				if c.want == "" {
					if r.status/100 != 2 {
						t.Fatalf("status %d: %s", r.status, r.raw)
					}
					return
				}
				if got := groupErrors(t, r, "NetworkConfiguration"); len(got) != 1 || got[0] != c.want {
					t.Errorf("errors %v, want [%s]", got, c.want)
				}
				if n := len(h.mock.NetworkConfigurations(sc.key)); n != 1 {
					t.Errorf("%d configurations after a refused request", n)
				}
			})
		}
	}
}

func TestNetworkConfigurationPagination(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	for i := range 120 {
		h.mock.AddNetworkConfiguration("enterprises/acme-corp", NetworkConfiguration{Name: fmt.Sprintf("net-%03d", i)})
	}
	r := h.do(http.MethodGet, "/enterprises/acme-corp/network-configurations?per_page=100", nil).expect(t, http.StatusOK)
	items := r.obj["network_configurations"].([]any)
	if r.obj["total_count"] != float64(120) || len(items) != 100 || items[0].(map[string]any)["name"] != "net-000" || !strings.Contains(r.header.Get("Link"), "page=2") {
		t.Errorf("page 1: total %v, %d items, Link %q", r.obj["total_count"], len(items), r.header.Get("Link"))
	}
	r = h.do(http.MethodGet, "/enterprises/acme-corp/network-configurations?per_page=100&page=2", nil).expect(t, http.StatusOK)
	if len(r.obj["network_configurations"].([]any)) != 20 || strings.Contains(r.header.Get("Link"), `rel="next"`) {
		t.Errorf("page 2: %d items, Link %q", len(r.obj["network_configurations"].([]any)), r.header.Get("Link"))
	}
}

// TestGroupRoutesForApps checks that installation tokens reach only the operations the
// descriptions enable for GitHub Apps (the organization ones).
func TestGroupRoutesForApps(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	h.mock.mu.Lock()
	h.mock.installs["ghs_grouptest"] = epoch.AddDate(10, 0, 0)
	h.mock.mu.Unlock()
	asApp := withHeader("Authorization", "Bearer ghs_grouptest")
	for path, want := range map[string]int{
		"/orgs/acme/actions/runner-groups":                http.StatusOK,
		"/orgs/acme/settings/network-configurations":      http.StatusOK,
		"/enterprises/acme-corp/actions/runner-groups":    http.StatusForbidden,
		"/enterprises/acme-corp/network-configurations":   http.StatusForbidden,
		"/enterprises/acme-corp/actions/runner-groups/1":  http.StatusForbidden,
		"/orgs/acme/actions/runner-groups/1/repositories": http.StatusOK,
	} {
		if r := h.do(http.MethodGet, path, nil, asApp); r.status != want {
			t.Errorf("GET %s as an app: %d, want %d: %s", path, r.status, want, r.raw)
		}
	}
}
