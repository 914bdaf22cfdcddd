package client

import (
	"context"
	"net/http"
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
		m.Inject(mockgithub.Fault{Method: http.MethodGet, Status: http.StatusOK, Body: `{"id":8,"name":"other"}`})
		if r, err := c.GetHostedRunner(context.Background(), scope, 7); r != nil || !IsInvalidBody(err) {
			t.Fatalf("GET of runner 7 answered runner 8: got %+v, %v", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPatch, Status: http.StatusOK, Body: `{"id":8,"name":"other"}`})
		if r, err := c.UpdateHostedRunner(context.Background(), scope, 7, UpdateHostedRunnerRequest{}); r != nil || !IsInvalidBody(err) {
			t.Fatalf("PATCH of runner 7 answered runner 8: got %+v, %v", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPost, Times: 1, Status: http.StatusCreated, Body: `{"id":8,"name":"other"}`})
		if r, err := c.CreateHostedRunner(context.Background(), scope, CreateHostedRunnerRequest{Name: "mine"}); r != nil || !IsInvalidBody(err) {
			t.Fatalf("create of %q answered runner 8 named other: got %+v, %v", "mine", r, err)
		}
		m.Inject(mockgithub.Fault{Method: http.MethodPost, Times: 1, Status: http.StatusCreated, Body: `{"id":9,"name":"MINE"}`})
		if r, err := c.CreateHostedRunner(context.Background(), scope, CreateHostedRunnerRequest{Name: "mine"}); err != nil || r.ID != 9 {
			t.Fatalf("create of %q answered the same name in capitals: got %+v, %v; want runner 9", "mine", r, err)
		}
	})
}
