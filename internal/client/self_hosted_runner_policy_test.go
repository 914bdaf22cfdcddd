package client

import (
	"context"
	"net/http"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestSelfHostedRunnerPolicy_roundTrip sets and reads both scopes' policies against the mock.
func TestSelfHostedRunnerPolicy_roundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
	org, ent := Organization("acme"), Enterprise("acme-corp")
	repos := m.Repositories("orgs/acme")
	if err := c.SetSelfHostedRunnerPolicy(ctx, org, SelfHostedSelected); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSelfHostedRunnerRepositories(ctx, org, []int64{repos[0].ID, repos[1].ID}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddSelfHostedRunnerRepository(ctx, org, repos[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveSelfHostedRunnerRepository(ctx, org, repos[0].ID); err != nil {
		t.Fatal(err)
	}
	p, err := c.GetSelfHostedRunnerPolicy(ctx, org)
	if err != nil || p.EnabledRepositories != SelfHostedSelected {
		t.Fatalf("policy %+v, %v", p, err)
	}
	ids, err := c.ListSelfHostedRunnerRepositoryIDs(ctx, org)
	if err != nil || len(ids) != 2 || ids[0] != repos[1].ID || ids[1] != repos[2].ID {
		t.Fatalf("repositories %v, %v", ids, err)
	}
	if err := c.SetEnterpriseSelfHostedRunnerPolicy(ctx, ent, true); err != nil {
		t.Fatal(err)
	}
	if e, err := c.GetEnterpriseSelfHostedRunnerPolicy(ctx, ent); err != nil || !e.DisableForAllOrgs {
		t.Fatalf("enterprise policy %+v, %v", e, err)
	}
	// The enterprise now forbids the organization's change: GitHub's 409.
	if err := c.SetSelfHostedRunnerPolicy(ctx, org, SelfHostedAll); !IsConflict(err) {
		t.Errorf("a change the enterprise forbids: %v, want a 409", err)
	}
	// The wrong scope is refused before anything is sent.
	before := len(m.Requests())
	if _, err := c.GetSelfHostedRunnerPolicy(ctx, ent); err == nil {
		t.Error("an enterprise has no enabled_repositories")
	}
	if err := c.SetEnterpriseSelfHostedRunnerPolicy(ctx, org, true); err == nil {
		t.Error("an organization has no disable_self_hosted_runners_for_all_orgs")
	}
	if n := len(m.Requests()) - before; n != 0 {
		t.Errorf("wrong-scope calls sent %d requests", n)
	}
}

// TestSelfHostedRunnerPolicy_answersValidated refuses answers without what the schema requires.
func TestSelfHostedRunnerPolicy_answersValidated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	org, ent := Organization("acme"), Enterprise("acme-corp")
	for name, tc := range map[string]struct {
		path, body string
		call       func(c *Client) (any, error)
	}{
		"organization without enabled_repositories": {`/orgs/acme/actions/permissions/self-hosted-runners$`, `{}`,
			func(c *Client) (any, error) { return c.GetSelfHostedRunnerPolicy(ctx, org) }},
		"organization with an unknown value": {`/orgs/acme/actions/permissions/self-hosted-runners$`, `{"enabled_repositories":"some"}`,
			func(c *Client) (any, error) { return c.GetSelfHostedRunnerPolicy(ctx, org) }},
		"enterprise without the boolean": {`/enterprises/acme-corp/actions/permissions/self-hosted-runners$`, `{}`,
			func(c *Client) (any, error) { return c.GetEnterpriseSelfHostedRunnerPolicy(ctx, ent) }},
		"enterprise with an empty body": {`/enterprises/acme-corp/actions/permissions/self-hosted-runners$`, ``,
			func(c *Client) (any, error) { return c.GetEnterpriseSelfHostedRunnerPolicy(ctx, ent) }},
		"enterprise with a string": {`/enterprises/acme-corp/actions/permissions/self-hosted-runners$`, `{"disable_self_hosted_runners_for_all_orgs":"false"}`,
			func(c *Client) (any, error) { return c.GetEnterpriseSelfHostedRunnerPolicy(ctx, ent) }},
		"repository without id": {`/self-hosted-runners/repositories$`, `{"total_count":1,"repositories":[{"name":"x"}]}`,
			func(c *Client) (any, error) { return c.ListSelfHostedRunnerRepositoryIDs(ctx, org) }},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			m.Inject(mockgithub.Fault{Method: http.MethodGet, Path: tc.path, Status: http.StatusOK, Body: tc.body})
			if got, err := tc.call(c); err == nil {
				t.Fatalf("answer %q was accepted: %+v", tc.body, got)
			}
		})
	}
}
