package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestRunnerBodiesAreValidated: a success answer whose body is not a runner with an id and a
// name is an *InvalidBodyError, never a zero runner; a list page with such a runner fails.
func TestRunnerBodiesAreValidated(t *testing.T) {
	scope := Organization("acme")
	bodies := map[string]string{
		"empty":     "",
		"truncated": `{"id": 7, "name": "tr`,
		"array":     `[{"id": 7, "name": "x"}]`,
		"null":      `null`,
		"no_id":     `{"name":"x","status":"Ready"}`,
		"zero_id":   `{"id":0,"name":"x"}`,
		"no_name":   `{"id":7}`,
		// Fields the schema requires, each left out of an otherwise whole runner.
		"no_status":       strings.Replace(runnerJSON(7, "x"), `"status":"Ready",`, "", 1),
		"no_platform":     strings.Replace(runnerJSON(7, "x"), `"platform":"linux-x64",`, "", 1),
		"no_public_ip":    strings.Replace(runnerJSON(7, "x"), `"public_ip_enabled":false,`, "", 1),
		"no_machine_size": strings.Replace(runnerJSON(7, "x"), `"machine_size_details":{"id":"4-core","cpu_cores":4,"memory_gb":16,"storage_gb":150},`, "", 1),
		"no_size_id":      strings.Replace(runnerJSON(7, "x"), `"id":"4-core",`, "", 1),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			m.Inject(mockgithub.Fault{Method: http.MethodPost, Status: http.StatusCreated, Body: body})
			r, err := c.CreateHostedRunner(context.Background(), scope, CreateHostedRunnerRequest{Name: "x", Image: RunnerImage{ID: "ubuntu-latest"}, Size: "4-core", RunnerGroupID: 1})
			if r != nil || !IsInvalidBody(err) {
				t.Fatalf("create answered %q: got %+v, %v; want an InvalidBodyError", body, r, err)
			}
			m.Inject(mockgithub.Fault{Method: http.MethodGet, Status: http.StatusOK, Body: body})
			if r, err := c.GetHostedRunner(context.Background(), scope, 7); r != nil || !IsInvalidBody(err) {
				t.Fatalf("get answered %q: got %+v, %v; want an InvalidBodyError", body, r, err)
			}
		})
	}
	t.Run("list", func(t *testing.T) {
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		for _, page := range []string{`{"runners":[]}`, `{"total_count":1,"runners":[{"id":0,"name":"x"}]}`, `{"total_count":1}`} {
			m.ClearFaults()
			m.Inject(mockgithub.Fault{Method: http.MethodGet, Status: http.StatusOK, Body: page})
			if runners, _, err := c.FirstRunnerPage(context.Background(), scope); err == nil {
				t.Fatalf("first page %s: got %v, want an error", page, runners)
			}
			if runners, _, err := c.ListHostedRunnersChecked(context.Background(), scope); err == nil {
				t.Fatalf("list page %s: got %v, want an error", page, runners)
			}
		}
	})
	t.Run("wrong_runner", func(t *testing.T) {
		c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
		m.Inject(mockgithub.Fault{Method: http.MethodGet, Status: http.StatusOK, Body: runnerJSON(8, "other")})
		if r, err := c.GetHostedRunner(context.Background(), scope, 7); r != nil || !IsInvalidBody(err) {
			t.Fatalf("GET of runner 7 answered runner 8: got %+v, %v", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPatch, Status: http.StatusOK, Body: runnerJSON(8, "other")})
		if r, err := c.UpdateHostedRunner(context.Background(), scope, 7, UpdateHostedRunnerRequest{}); r != nil || !IsInvalidBody(err) {
			t.Fatalf("PATCH of runner 7 answered runner 8: got %+v, %v", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPost, Times: 1, Status: http.StatusCreated, Body: runnerJSON(8, "other")})
		if r, err := c.CreateHostedRunner(context.Background(), scope, CreateHostedRunnerRequest{Name: "mine"}); r != nil || !IsInvalidBody(err) {
			t.Fatalf("create of %q answered runner 8 named other: got %+v, %v", "mine", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPost, Times: 1, Status: http.StatusCreated, Body: runnerJSON(9, "MINE")})
		if r, err := c.CreateHostedRunner(context.Background(), scope, CreateHostedRunnerRequest{Name: "mine"}); err != nil || r.ID != 9 {
			t.Fatalf("create of %q answered the same name in capitals: got %+v, %v; want runner 9", "mine", r, err)
		}
	})
}

// runnerJSON is a runner answer with every field the schema requires.
func runnerJSON(id int64, name string) string {
	return fmt.Sprintf(`{"id":%d,"name":%q,"runner_group_id":1,"status":"Ready","platform":"linux-x64","public_ip_enabled":false,`+
		`"machine_size_details":{"id":"4-core","cpu_cores":4,"memory_gb":16,"storage_gb":150},`+
		`"image_details":{"id":"ubuntu-latest","size_gb":86,"display_name":"Ubuntu Latest","source":"github"}}`, id, name)
}
