package mockgithub

import (
	"net/http"
	"strings"
	"testing"
)

// fieldErrors returns the (field, code) pairs of a 422 body, checking its shape.
func fieldErrors(t *testing.T, r *result) []string {
	t.Helper()
	r.expect(t, http.StatusUnprocessableEntity)
	requireFields(t, "422", r.obj, map[string]string{"message": kString, "errors": kArray, "documentation_url": kString, "status": kString})
	if r.obj["message"] != "Validation Failed" {
		t.Errorf("message %v", r.obj["message"])
	}
	var out []string
	for _, e := range r.obj["errors"].([]any) {
		fe := e.(map[string]any)
		if fe["resource"] != "HostedRunner" {
			t.Errorf("resource %v", fe["resource"])
		}
		if fe["code"] == "custom" && fe["message"] == nil {
			t.Errorf("custom error without message: %v", fe)
		}
		out = append(out, fe["field"].(string)+":"+fe["code"].(string))
	}
	return out
}

// with returns a create body with one key changed (nil deletes it).
func with(key string, value any) map[string]any {
	b := createBody("runner-1")
	if value == nil {
		delete(b, key)
	} else {
		b[key] = value
	}
	return b
}

// nulled returns a create body with key set to JSON null.
func nulled(key string) map[string]any {
	b := createBody("runner-1")
	b[key] = nil
	return b
}

// TestCreateValidation covers every create rule in both scopes.
func TestCreateValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body any
		want string // "field:code" of the only error
	}{
		{"name missing", with("name", nil), "name:missing_field"},
		{"name empty", with("name", ""), "name:invalid"},
		{"name too long", with("name", strings.Repeat("a", 65)), "name:invalid"},
		{"name with space", with("name", "my runner"), "name:invalid"},
		{"name not a string", with("name", 5), "name:invalid"},
		{"name taken", with("name", "taken"), "name:already_exists"},
		{"image missing", with("image", nil), "image:missing_field"},
		{"image not an object", with("image", "ubuntu-latest"), "image:invalid"},
		{"image id missing", with("image", map[string]any{"source": "github"}), "image.id:missing_field"},
		{"github image unknown", with("image", map[string]any{"id": "ubuntu-18.04"}), "image.id:invalid"},
		{"partner id under github", with("image", map[string]any{"id": "partner-docker-ubuntu-22.04", "source": "github"}), "image.id:invalid"},
		{"github id under partner", with("image", map[string]any{"id": "ubuntu-latest", "source": "partner"}), "image.id:invalid"},
		{"bad source", with("image", map[string]any{"id": "ubuntu-latest", "source": "docker"}), "image.source:invalid"},
		{"version with github", with("image", map[string]any{"id": "ubuntu-latest", "version": "1.0.0"}), "image.version:invalid"},
		{"custom id as number", with("image", map[string]any{"id": 1, "source": "custom"}), "image.id:invalid"},
		{"custom unknown", with("image", map[string]any{"id": "9", "source": "custom"}), "image.id:invalid"},
		{"custom bad version", with("image", map[string]any{"id": "1", "source": "custom", "version": "3.0.0"}), "image.version:invalid"},
		{"size missing", with("size", nil), "size:missing_field"},
		{"size unknown", with("size", "3-core"), "size:invalid"},
		{"group missing", with("runner_group_id", nil), "runner_group_id:missing_field"},
		{"group unknown", with("runner_group_id", 42), "runner_group_id:invalid"},
		{"group as string", with("runner_group_id", "1"), "runner_group_id:invalid"},
		{"maximum zero", with("maximum_runners", 0), "maximum_runners:invalid"},
		{"static ip not bool", with("enable_static_ip", "yes"), "enable_static_ip:invalid"},
		{"name null", nulled("name"), "name:invalid"},
		{"image null", nulled("image"), "image:invalid"},
		{"image id null", with("image", map[string]any{"id": nil}), "image.id:invalid"},
		{"image source null", with("image", map[string]any{"id": "ubuntu-latest", "source": nil}), "image.source:invalid"},
		{"maximum null", nulled("maximum_runners"), "maximum_runners:invalid"},
		{"static ip null", nulled("enable_static_ip"), "enable_static_ip:invalid"},
		{"image gen null", nulled("image_gen"), "image_gen:invalid"},
	}
	for _, sc := range scopes {
		for _, c := range cases {
			t.Run(sc.key+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, Config{})
				h.mock.AddRunner(sc.key, Runner{Name: "taken", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
				got := fieldErrors(t, h.do(http.MethodPost, sc.prefix+"/actions/hosted-runners", c.body))
				if len(got) != 1 || got[0] != c.want {
					t.Errorf("errors %v, want [%s]", got, c.want)
				}
				if n := len(h.mock.Runners(sc.key)); n != 1 {
					t.Errorf("%d runners after a rejected create", n)
				}
			})
		}
	}
}

// TestCreateValid covers the accepted image forms and what they store.
func TestCreateValid(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	base := "/orgs/acme/actions/hosted-runners"
	cases := []struct {
		image              map[string]any
		platform, display  string
		version            string
		sizeGB             float64
		wantSource, wantID string
	}{
		{map[string]any{"id": "ubuntu-24.04-arm"}, "linux-arm64", "Ubuntu 24.04 (ARM64)", "latest", 86, "github", "ubuntu-24.04-arm"},
		{map[string]any{"id": "windows-2022", "source": "github", "version": nil}, "win-x64", "Windows Server 2022", "latest", 256, "github", "windows-2022"},
		{map[string]any{"id": "partner-nvidia-ubuntu-22.04", "source": "partner"}, "linux-x64", "NVIDIA GPU Ubuntu 22.04", "latest", 120, "partner", "partner-nvidia-ubuntu-22.04"},
		{map[string]any{"id": "2", "source": "custom"}, "win-x64", "win-build", "latest", 120, "custom", "2"},
		{map[string]any{"id": "1", "source": "custom", "version": "1.0.0"}, "linux-x64", "ci-base", "1.0.0", 30, "custom", "1"},
	}
	for i, c := range cases {
		body := createBody("r" + itoa(int64(i)))
		body["image"] = c.image
		body["image_gen"] = true
		r := h.do(http.MethodPost, base, body).expect(t, http.StatusCreated)
		requireRunner(t, "runner", r.obj)
		d := r.obj["image_details"].(map[string]any)
		if r.obj["platform"] != c.platform || d["display_name"] != c.display || d["version"] != c.version ||
			d["size_gb"] != c.sizeGB || d["source"] != c.wantSource || d["id"] != c.wantID || r.obj["image_gen"] != true {
			t.Errorf("case %d: %s", i, r.raw)
		}
	}
}

// TestStaticIPLimit covers the public IP limit on create and update.
func TestStaticIPLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{PublicIPBaseUsage: 48})
	base := "/orgs/acme/actions/hosted-runners"
	h.do(http.MethodPost, base, with("enable_static_ip", true)).expect(t, http.StatusCreated)
	limits := h.do(http.MethodGet, base+"/limits", nil).expect(t, http.StatusOK)
	if got := limits.obj["public_ips"].(map[string]any)["current_usage"]; got != 49.0 {
		t.Errorf("current_usage %v, want 49", got)
	}
	second := createBody("runner-2")
	second["enable_static_ip"] = true
	h.do(http.MethodPost, base, second).expect(t, http.StatusCreated)
	third := createBody("runner-3")
	third["enable_static_ip"] = true
	if got := fieldErrors(t, h.do(http.MethodPost, base, third)); len(got) != 1 || got[0] != "enable_static_ip:custom" {
		t.Errorf("errors %v", got)
	}
	plain := h.do(http.MethodPost, base, createBody("runner-4")).expect(t, http.StatusCreated)
	patch := base + "/" + itoa(int64(plain.obj["id"].(float64)))
	if got := fieldErrors(t, h.do(http.MethodPatch, patch, map[string]any{"enable_static_ip": true})); len(got) != 1 || got[0] != "enable_static_ip:custom" {
		t.Errorf("errors %v", got)
	}
	// The enterprise has its own limit.
	h.do(http.MethodPost, "/enterprises/acme-corp/actions/hosted-runners", third).expect(t, http.StatusCreated)
}

// TestUpdateValidation covers the flat PATCH form.
func TestUpdateValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"name invalid", map[string]any{"name": "a/b"}, "name:invalid"},
		{"name taken", map[string]any{"name": "other"}, "name:already_exists"},
		{"size unknown", map[string]any{"size": "1-core"}, "size:invalid"},
		{"group unknown", map[string]any{"runner_group_id": 4}, "runner_group_id:invalid"},
		{"maximum negative", map[string]any{"maximum_runners": -1}, "maximum_runners:invalid"},
		{"image unknown", map[string]any{"image_id": "macos-latest"}, "image_id:invalid"},
		{"image source mismatch", map[string]any{"image_id": "ubuntu-latest", "image_source": "partner"}, "image_id:invalid"},
		{"image source bad", map[string]any{"image_source": "vendor"}, "image_source:invalid"},
		{"version with github", map[string]any{"image_version": "1.0.0"}, "image_version:invalid"},
		{"custom version unknown", map[string]any{"image_id": "1", "image_source": "custom", "image_version": "0.0.1"}, "image_version:invalid"},
		{"custom id number", map[string]any{"image_id": 1, "image_source": "custom"}, "image_id:invalid"},
		{"name null", map[string]any{"name": nil}, "name:invalid"},
		{"group null", map[string]any{"runner_group_id": nil}, "runner_group_id:invalid"},
		{"size null", map[string]any{"size": nil}, "size:invalid"},
		{"image id null", map[string]any{"image_id": nil}, "image_id:invalid"},
	}
	for _, sc := range scopes {
		for _, c := range cases {
			t.Run(sc.key+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, Config{})
				h.mock.AddRunner(sc.key, Runner{Name: "other", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
				r := h.mock.AddRunner(sc.key, Runner{Name: "me", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
				got := fieldErrors(t, h.do(http.MethodPatch, sc.prefix+"/actions/hosted-runners/"+itoa(r.ID), c.body))
				if len(got) != 1 || got[0] != c.want {
					t.Errorf("errors %v, want [%s]", got, c.want)
				}
				if after, _ := h.mock.Runner(sc.key, r.ID); after.Name != "me" || after.Size != "2-core" || after.ImageID != "ubuntu-latest" {
					t.Errorf("rejected PATCH changed the runner: %+v", after)
				}
			})
		}
	}
}

// TestUpdateImage covers switching images through the flat form.
func TestUpdateImage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{})
	r := h.mock.AddRunner("orgs/acme", Runner{Name: "me", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	path := "/orgs/acme/actions/hosted-runners/" + itoa(r.ID)
	got := h.do(http.MethodPatch, path, map[string]any{"image_id": "1", "image_source": "custom", "image_version": "1.0.0"}).expect(t, http.StatusOK)
	d := got.obj["image_details"].(map[string]any)
	if d["id"] != "1" || d["source"] != "custom" || d["version"] != "1.0.0" || d["display_name"] != "ci-base" {
		t.Errorf("custom image: %s", got.raw)
	}
	got = h.do(http.MethodPatch, path, map[string]any{"image_version": nil}).expect(t, http.StatusOK)
	if d := got.obj["image_details"].(map[string]any); d["version"] != "latest" || d["id"] != "1" {
		t.Errorf("null version: %s", got.raw)
	}
	got = h.do(http.MethodPatch, path, map[string]any{"image_id": "windows-latest", "image_source": "github"}).expect(t, http.StatusOK)
	if got.obj["platform"] != "win-x64" {
		t.Errorf("platform after image change: %s", got.raw)
	}
	if stored, _ := h.mock.Runner("orgs/acme", r.ID); stored.ImageID != "windows-latest" || stored.ImageSource != "github" || stored.ImageVersion != "" {
		t.Errorf("stored %+v", stored)
	}
}
