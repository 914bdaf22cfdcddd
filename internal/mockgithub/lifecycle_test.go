package mockgithub

import (
	"net/http"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// lifecycleConfig has delays on a manual clock.
func lifecycleConfig(clock *clock.Fake) Config {
	return Config{Clock: clock, ProvisionDelay: time.Minute, DeleteDelay: 30 * time.Second, StaticIPDelay: 2 * time.Minute}
}

// TestLifecycle walks a runner through Provisioning, Ready, re-provisioning and deletion.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			clock := clock.NewFake(epoch)
			h := newHarness(t, lifecycleConfig(clock))
			base := sc.prefix + "/actions/hosted-runners"
			status := func(path string) string {
				t.Helper()
				return h.do(http.MethodGet, path, nil).expect(t, http.StatusOK).obj["status"].(string)
			}
			created := h.do(http.MethodPost, base, createBody("life")).expect(t, http.StatusCreated)
			path := base + "/" + itoa(int64(created.obj["id"].(float64)))
			if created.obj["status"] != StatusProvisioning || created.obj["last_active_on"] != nil {
				t.Fatalf("created %s", created.raw)
			}
			clock.Advance(59 * time.Second)
			if s := status(path); s != StatusProvisioning {
				t.Fatalf("status %s before ProvisionDelay", s)
			}
			clock.Advance(time.Second)
			if s := status(path); s != StatusReady {
				t.Fatalf("status %s after ProvisionDelay", s)
			}

			// Fields other than size, image and image_gen apply at once.
			h.do(http.MethodPatch, path, map[string]any{"name": "life2", "maximum_runners": 4, "runner_group_id": 2}).expect(t, http.StatusOK)
			if s := status(path); s != StatusReady {
				t.Fatalf("status %s after a plain PATCH", s)
			}
			for _, patch := range []map[string]any{{"size": "8-core"}, {"image_id": "ubuntu-22.04"}, {"image_gen": true}} {
				r := h.do(http.MethodPatch, path, patch).expect(t, http.StatusOK)
				if r.obj["status"] != StatusProvisioning {
					t.Fatalf("PATCH %v: status %v", patch, r.obj["status"])
				}
				clock.Advance(time.Minute)
				if s := status(path); s != StatusReady {
					t.Fatalf("PATCH %v: status %s after ProvisionDelay", patch, s)
				}
			}
			got := h.do(http.MethodGet, path, nil).obj
			if got["machine_size_details"].(map[string]any)["cpu_cores"] != 8.0 || got["image_details"].(map[string]any)["id"] != "ubuntu-22.04" {
				t.Errorf("after PATCHes: %v", got)
			}

			del := h.do(http.MethodDelete, path, nil).expect(t, http.StatusAccepted)
			if del.obj["status"] != StatusDeleting {
				t.Fatalf("delete body status %v", del.obj["status"])
			}
			clock.Advance(29 * time.Second)
			if s := status(path); s != StatusDeleting {
				t.Fatalf("status %s during DeleteDelay", s)
			}
			if n := len(requireList(t, h.do(http.MethodGet, base, nil), "runners")); n != 1 {
				t.Fatalf("%d runners listed while Deleting", n)
			}
			h.do(http.MethodDelete, path, nil).expect(t, http.StatusAccepted)
			clock.Advance(time.Second)
			h.do(http.MethodGet, path, nil).expect(t, http.StatusNotFound)
			h.do(http.MethodDelete, path, nil).expect(t, http.StatusNotFound)
			if n := len(requireList(t, h.do(http.MethodGet, base, nil), "runners")); n != 0 {
				t.Fatalf("%d runners listed after deletion", n)
			}
		})
	}
}

// TestStaticIPLifecycle covers public_ips appearing after StaticIPDelay.
func TestStaticIPLifecycle(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	h := newHarness(t, lifecycleConfig(clock))
	base := "/orgs/acme/actions/hosted-runners"
	a := h.do(http.MethodPost, base, with("enable_static_ip", true)).expect(t, http.StatusCreated)
	if a.obj["public_ip_enabled"] != true || len(a.obj["public_ips"].([]any)) != 0 {
		t.Fatalf("created %s", a.raw)
	}
	plain := h.do(http.MethodPost, base, createBody("plain")).expect(t, http.StatusCreated)
	plainPath := base + "/" + itoa(int64(plain.obj["id"].(float64)))
	clock.Advance(time.Minute)
	h.do(http.MethodPatch, plainPath, map[string]any{"enable_static_ip": true}).expect(t, http.StatusOK)
	clock.Advance(time.Minute)
	first := h.do(http.MethodGet, base+"/"+itoa(int64(a.obj["id"].(float64))), nil).obj
	ips := first["public_ips"].([]any)
	if len(ips) != 1 {
		t.Fatalf("public_ips %v after StaticIPDelay", ips)
	}
	ip := requireFields(t, "ip", ips[0], map[string]string{"enabled": kBool, "prefix": kString, "length": kNumber})
	if ip["enabled"] != true || ip["length"] != 28.0 {
		t.Errorf("ip %v", ip)
	}
	if n := len(h.do(http.MethodGet, plainPath, nil).obj["public_ips"].([]any)); n != 0 {
		t.Fatalf("second runner has %d IPs before its own delay", n)
	}
	clock.Advance(time.Minute)
	second := h.do(http.MethodGet, plainPath, nil).obj["public_ips"].([]any)
	if len(second) != 1 || second[0].(map[string]any)["prefix"] == ip["prefix"] {
		t.Fatalf("second runner IPs %v, first %v", second, ip)
	}
	if got := h.do(http.MethodGet, base+"/limits", nil).obj["public_ips"].(map[string]any)["current_usage"]; got != 2.0 {
		t.Errorf("current_usage %v, want 2", got)
	}
	off := h.do(http.MethodPatch, plainPath, map[string]any{"enable_static_ip": false}).expect(t, http.StatusOK)
	if off.obj["public_ip_enabled"] != false || len(off.obj["public_ips"].([]any)) != 0 || off.obj["status"] != StatusReady {
		t.Errorf("after disabling: %s", off.raw)
	}
}

// TestPinnedStatus covers SetRunnerStatus, and DELETE clearing a pin.
func TestPinnedStatus(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	h := newHarness(t, lifecycleConfig(clock))
	stuck := h.mock.AddRunner("orgs/acme", Runner{Name: "stuck", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1, Status: StatusStuck})
	path := "/orgs/acme/actions/hosted-runners/" + itoa(stuck.ID)
	clock.Advance(time.Hour)
	if s := h.do(http.MethodGet, path, nil).obj["status"]; s != StatusStuck {
		t.Fatalf("status %v, want Stuck", s)
	}
	h.do(http.MethodDelete, path, nil).expect(t, http.StatusAccepted)
	clock.Advance(30 * time.Second)
	h.do(http.MethodGet, path, nil).expect(t, http.StatusNotFound)

	forever := h.mock.AddRunner("orgs/acme", Runner{Name: "forever", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	h.mock.SetRunnerStatus("orgs/acme", forever.ID, StatusDeleting)
	path = "/orgs/acme/actions/hosted-runners/" + itoa(forever.ID)
	h.do(http.MethodDelete, path, nil).expect(t, http.StatusAccepted)
	clock.Advance(24 * time.Hour)
	if s := h.do(http.MethodGet, path, nil).obj["status"]; s != StatusDeleting {
		t.Fatalf("pinned Deleting runner: status %v", s)
	}
	h.mock.SetRunnerStatus("orgs/acme", forever.ID, "")
	h.do(http.MethodGet, path, nil).expect(t, http.StatusNotFound)
}

// TestTestAPI covers the seeding and inspection helpers.
func TestTestAPI(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	m := New(Config{Clock: clock, ProvisionDelay: time.Minute})
	r := m.AddRunner("ORGS/Acme", Runner{Name: "seed", ImageID: "1", ImageSource: "custom", Size: "4-core", RunnerGroupID: 3, EnableStaticIP: true})
	if r.ID == 0 || r.Platform != "linux-x64" || r.MaximumRunners != 10 || r.Status != StatusReady || len(r.PublicIPs) != 1 || !r.CreatedAt.Equal(epoch) {
		t.Errorf("AddRunner %+v", r)
	}
	ent := m.AddRunner("enterprises/acme-corp", Runner{ID: 100, Name: "seed", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	if ent.ID != 100 || ent.MaximumRunners != 50 {
		t.Errorf("enterprise AddRunner %+v", ent)
	}
	if next := m.AddRunner("orgs/acme", Runner{Name: "next"}); next.ID != 101 {
		t.Errorf("next id %d, want 101", next.ID)
	}
	if got := m.Runners("orgs/acme"); len(got) != 2 || got[0].ID != r.ID {
		t.Errorf("Runners %+v", got)
	}
	if m.Runners("orgs/nope") != nil {
		t.Error("Runners of an unknown scope")
	}
	if !m.RemoveRunner("orgs/acme", r.ID) || m.RemoveRunner("orgs/acme", r.ID) {
		t.Error("RemoveRunner")
	}
	if _, ok := m.Runner("orgs/acme", r.ID); ok {
		t.Error("removed runner still there")
	}

	m.AddCustomImage("orgs/acme", CustomImage{Name: "gpu", Platform: "linux-x64"})
	m.AddCustomImageVersion("orgs/acme", 3, CustomImageVersion{Version: "2.0.0", SizeGB: 40})
	m.AddCustomImageVersion("orgs/acme", 3, CustomImageVersion{Version: "10.0.0", SizeGB: 41})
	m.AddCustomImageVersion("orgs/acme", 3, CustomImageVersion{Version: "11.0.0", SizeGB: 42, State: "Failed", StateDetails: "boom"})
	imgs := m.CustomImages("orgs/acme")
	if len(imgs) != 3 || imgs[2].ID != 3 || imgs[2].VersionsCount != 3 || imgs[2].TotalVersionsSize != 123 ||
		imgs[2].LatestVersion != "10.0.0" || imgs[2].State != "Ready" || imgs[2].Source != "custom" {
		t.Errorf("CustomImages %+v", imgs)
	}
	vers := m.CustomImageVersions("orgs/acme", 3)
	if len(vers) != 3 || vers[0].Version != "11.0.0" || vers[2].Version != "2.0.0" || vers[2].StateDetails != "None" || vers[2].CreatedOn == "" {
		t.Errorf("CustomImageVersions %+v", vers)
	}
	if len(m.CustomImages("enterprises/acme-corp")) != 2 {
		t.Error("custom images leaked across scopes")
	}
	defer func() {
		if recover() == nil {
			t.Error("AddRunner on an unknown scope did not panic")
		}
	}()
	m.AddRunner("orgs/nope", Runner{})
}
