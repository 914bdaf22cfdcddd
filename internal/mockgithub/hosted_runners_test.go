package mockgithub

import (
	"net/http"
	"strings"
	"testing"
)

// TestOperations calls all 16 operations in both scopes and checks status and shape.
func TestOperations(t *testing.T) {
	t.Parallel()
	type op struct {
		name   string
		method string
		suffix string // after <prefix>/actions/hosted-runners; {id} is a seeded runner
		body   any
		status int
		check  func(t *testing.T, r *result)
	}
	ops := []op{
		{"list runners", http.MethodGet, "", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "runners")
			if len(items) != 1 {
				t.Fatalf("%d runners, want 1", len(items))
			}
			requireRunner(t, "runners[0]", items[0])
		}},
		{"create runner", http.MethodPost, "", createBody("new-runner"), http.StatusCreated, func(t *testing.T, r *result) {
			requireRunner(t, "runner", r.obj)
			if r.obj["name"] != "new-runner" || r.obj["platform"] != "linux-x64" {
				t.Errorf("unexpected runner %s", r.raw)
			}
		}},
		{"get runner", http.MethodGet, "/{id}", nil, http.StatusOK, func(t *testing.T, r *result) {
			requireRunner(t, "runner", r.obj)
		}},
		{"update runner", http.MethodPatch, "/{id}", map[string]any{"name": "renamed", "maximum_runners": 3}, http.StatusOK, func(t *testing.T, r *result) {
			requireRunner(t, "runner", r.obj)
			if r.obj["name"] != "renamed" || r.obj["maximum_runners"] != 3.0 {
				t.Errorf("update not applied: %s", r.raw)
			}
		}},
		{"delete runner", http.MethodDelete, "/{id}", nil, http.StatusAccepted, func(t *testing.T, r *result) {
			if requireRunner(t, "runner", r.obj)["status"] != StatusDeleting {
				t.Errorf("status %v, want Deleting", r.obj["status"])
			}
		}},
		{"list custom images", http.MethodGet, "/images/custom", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "images")
			if len(items) != 2 {
				t.Fatalf("%d images, want 2", len(items))
			}
			for _, it := range items {
				requireFields(t, "image", it, customImageFields)
			}
		}},
		{"get custom image", http.MethodGet, "/images/custom/1", nil, http.StatusOK, func(t *testing.T, r *result) {
			img := requireFields(t, "image", r.obj, customImageFields)
			if img["versions_count"] != 3.0 || img["latest_version"] != "1.1.0" || img["total_versions_size"] != 62.0 || img["source"] != "custom" {
				t.Errorf("computed fields wrong: %s", r.raw)
			}
		}},
		{"delete custom image", http.MethodDelete, "/images/custom/2", nil, http.StatusNoContent, nil},
		{"list custom image versions", http.MethodGet, "/images/custom/1/versions", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "image_versions")
			if len(items) != 3 {
				t.Fatalf("%d versions, want 3", len(items))
			}
			for _, it := range items {
				requireFields(t, "version", it, versionFields)
			}
			if items[0].(map[string]any)["version"] != "1.2.0" {
				t.Errorf("versions not newest first: %s", r.raw)
			}
		}},
		{"get custom image version", http.MethodGet, "/images/custom/1/versions/1.2.0", nil, http.StatusOK, func(t *testing.T, r *result) {
			v := requireFields(t, "version", r.obj, versionFields)
			if v["state"] != "Failed" || v["state_details"] == "None" {
				t.Errorf("1.2.0 should be Failed with details: %s", r.raw)
			}
		}},
		{"delete custom image version", http.MethodDelete, "/images/custom/1/versions/1.0.0", nil, http.StatusNoContent, nil},
		{"github-owned images", http.MethodGet, "/images/github-owned", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "images")
			ids := map[string]bool{}
			for _, it := range items {
				img := requireFields(t, "image", it, curatedFields)
				ids[img["id"].(string)] = img["source"] == "github"
			}
			for _, id := range []string{"ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "windows-latest", "windows-2022"} {
				if !ids[id] {
					t.Errorf("missing github image %s", id)
				}
			}
		}},
		{"partner images", http.MethodGet, "/images/partner", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "images")
			if len(items) < 2 {
				t.Fatalf("%d partner images", len(items))
			}
			for _, it := range items {
				if requireFields(t, "image", it, curatedFields)["source"] != "partner" {
					t.Errorf("partner image with source %v", it.(map[string]any)["source"])
				}
			}
		}},
		{"limits", http.MethodGet, "/limits", nil, http.StatusOK, func(t *testing.T, r *result) {
			requireFields(t, "limits", r.obj, map[string]string{"public_ips": kObject})
			ips := requireFields(t, "public_ips", r.obj["public_ips"], map[string]string{"maximum": kNumber, "current_usage": kNumber})
			if ips["maximum"] != 50.0 || ips["current_usage"] != 0.0 {
				t.Errorf("limits %s", r.raw)
			}
		}},
		{"machine sizes", http.MethodGet, "/machine-sizes", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "machine_specs")
			if len(items) != 6 {
				t.Fatalf("%d machine specs, want 6", len(items))
			}
			for _, it := range items {
				requireFields(t, "spec", it, machineSpecFields)
			}
		}},
		{"platforms", http.MethodGet, "/platforms", nil, http.StatusOK, func(t *testing.T, r *result) {
			items := requireList(t, r, "platforms")
			if len(items) != 3 {
				t.Errorf("platforms %s", r.raw)
			}
		}},
	}
	for _, sc := range scopes {
		for _, o := range ops {
			t.Run(sc.key+"/"+o.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, Config{})
				seeded := h.mock.AddRunner(sc.key, Runner{Name: "seeded", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
				path := sc.prefix + "/actions/hosted-runners" + strings.ReplaceAll(o.suffix, "{id}", itoa(seeded.ID))
				r := h.do(o.method, path, o.body).expect(t, o.status)
				if o.status == http.StatusNoContent && len(r.raw) != 0 {
					t.Errorf("204 with body %s", r.raw)
				}
				if o.check != nil {
					o.check(t, r)
				}
				if got := r.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
					t.Errorf("Content-Type %q", got)
				}
				if o.method == http.MethodGet && r.header.Get("ETag") == "" {
					t.Error("GET without ETag")
				}
			})
		}
	}
}

// TestSideEffects checks that writes are visible to reads and the test API.
func TestSideEffects(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.key, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, Config{})
			base := sc.prefix + "/actions/hosted-runners"
			created := h.do(http.MethodPost, base, createBody("r1")).expect(t, http.StatusCreated)
			id := int64(created.obj["id"].(float64))
			want := map[string]float64{"orgs/acme": 10, "enterprises/acme-corp": 50}[sc.key]
			if created.obj["maximum_runners"] != want {
				t.Errorf("default maximum_runners %v, want %v", created.obj["maximum_runners"], want)
			}
			if r, ok := h.mock.Runner(sc.key, id); !ok || r.Name != "r1" || r.Status != StatusReady || r.Size != "4-core" {
				t.Errorf("mock runner %+v %v", r, ok)
			}
			h.do(http.MethodDelete, base+"/images/custom/2", nil).expect(t, http.StatusNoContent)
			h.do(http.MethodGet, base+"/images/custom/2", nil).expect(t, http.StatusNotFound)
			h.do(http.MethodDelete, base+"/images/custom/1/versions/1.1.0", nil).expect(t, http.StatusNoContent)
			h.do(http.MethodGet, base+"/images/custom/1/versions/1.1.0", nil).expect(t, http.StatusNotFound)
			img := h.do(http.MethodGet, base+"/images/custom/1", nil).expect(t, http.StatusOK)
			if img.obj["versions_count"] != 2.0 || img.obj["latest_version"] != "1.0.0" {
				t.Errorf("after version delete: %s", img.raw)
			}
			if n := len(h.mock.CustomImages(sc.key)); n != 1 {
				t.Errorf("%d custom images left, want 1", n)
			}
			h.do(http.MethodDelete, base+"/"+itoa(id), nil).expect(t, http.StatusAccepted)
			h.do(http.MethodGet, base+"/"+itoa(id), nil).expect(t, http.StatusNotFound)
			if len(h.mock.Runners(sc.key)) != 0 {
				t.Error("runner still stored after delete")
			}
		})
	}
}

// TestNotFound covers unknown scopes, objects and malformed ids.
func TestNotFound(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	seeded := h.mock.AddRunner("orgs/acme", Runner{Name: "r", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	paths := []struct{ method, path string }{
		{http.MethodGet, "/orgs/nope/actions/hosted-runners"},
		{http.MethodGet, "/enterprises/nope/actions/hosted-runners/limits"},
		{http.MethodGet, "/enterprises/acme/actions/hosted-runners"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/999"},
		{http.MethodPatch, "/orgs/acme/actions/hosted-runners/999"},
		{http.MethodDelete, "/orgs/acme/actions/hosted-runners/999"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/abc"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/9"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/x"},
		{http.MethodDelete, "/orgs/acme/actions/hosted-runners/images/custom/9"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/9/versions"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/1/versions/9.9.9"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/custom/1/versions/latest"},
		{http.MethodDelete, "/orgs/acme/actions/hosted-runners/images/custom/1/versions/9.9.9"},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/images/other"},
		{http.MethodPut, "/orgs/acme/actions/hosted-runners/" + itoa(seeded.ID)},
		{http.MethodGet, "/repos/acme/x"},
	}
	for _, p := range paths {
		r := h.do(p.method, p.path, nil)
		requireError(t, r, http.StatusNotFound, "Not Found")
		if r.obj["documentation_url"] != "https://docs.github.com/rest" {
			t.Errorf("%s %s: documentation_url %v", p.method, p.path, r.obj["documentation_url"])
		}
	}
	// Organization names are case-insensitive.
	h.do(http.MethodGet, "/orgs/ACME/actions/hosted-runners/"+itoa(seeded.ID), nil).expect(t, http.StatusOK)
	h.do(http.MethodGet, "/enterprises/Acme-Corp/actions/hosted-runners/platforms", nil).expect(t, http.StatusOK)
}

// TestBadJSON covers unparsable bodies on both writes.
func TestBadJSON(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.mock.AddRunner("orgs/acme", Runner{Name: "r", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	for _, body := range []string{`{"name":`, `[1,2]`, `"name"`, `null`} {
		requireError(t, h.do(http.MethodPost, "/orgs/acme/actions/hosted-runners", body), http.StatusBadRequest, "Problems parsing JSON")
		requireError(t, h.do(http.MethodPatch, "/orgs/acme/actions/hosted-runners/"+itoa(r.ID), body), http.StatusBadRequest, "Problems parsing JSON")
	}
}
