package main

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for addr, ok := range map[string]bool{
		"127.0.0.1:0":    true,
		"127.1.2.3:8080": true,
		"[::1]:0":        true,
		"localhost:9000": true,
		"0.0.0.0:0":      false,
		":8080":          false,
		"10.0.0.1:80":    false,
		"example.com:80": false,
		"127.0.0.1":      false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	t.Parallel()
	if got := splitList(" acme, ,Other "); !reflect.DeepEqual(got, []string{"acme", "Other"}) {
		t.Errorf("splitList = %q", got)
	}
	if got := splitList(""); len(got) != 0 || got == nil {
		t.Errorf("splitList(\"\") = %#v, want empty non-nil", got)
	}
}

func TestRunRefusesPublicAddress(t *testing.T) {
	t.Parallel()
	if err := run([]string{"-addr", "0.0.0.0:0"}); err == nil {
		t.Error("run accepted 0.0.0.0")
	}
}

func TestDescribeSeed(t *testing.T) {
	t.Parallel()
	mock := mockgithub.New(mockgithub.Config{Orgs: []string{"acme"}, Enterprises: []string{"acme-corp"}})
	got := describeSeed(mock)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "enterprises/acme-corp: ") || !strings.HasPrefix(lines[1], "orgs/acme: ") {
		t.Fatalf("describeSeed = %q", got)
	}
	id := mock.NetworkSettingsResources("orgs/acme")[0].ID
	if !strings.Contains(lines[1], "vnet-eastus (eastus) = "+id) || !strings.Contains(lines[1], `1 "Default"`) {
		t.Errorf("organization line %q lacks the seeded settings or default group", lines[1])
	}
	for i, want := range []string{"organizations 1001 acme", "repositories 100001 api", `custom images 1 "ci-base" (linux-x64)`} {
		if !strings.Contains(lines[min(i, 1)], want) {
			t.Errorf("line %q lacks %q", lines[min(i, 1)], want)
		}
	}
}

// TestServerAnswersUnderAPIv3: the served handler answers the same API at the root and under
// /api/v3, where integrations/github sends its requests for a base URL other than github.com's.
func TestServerAnswersUnderAPIv3(t *testing.T) {
	t.Parallel()
	mock := mockgithub.New(mockgithub.Config{Orgs: []string{"my-org"}})
	srv := httptest.NewServer(newServer(mock).Handler)
	t.Cleanup(srv.Close)
	for _, path := range []string{"/orgs/my-org/actions/runner-groups", "/api/v3/orgs/my-org/actions/runner-groups", "/api/v3/user"} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "token "+mockgithub.DefaultToken)
		req.Header.Set("User-Agent", "test")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %d, want 200", path, resp.StatusCode)
		}
	}
}
