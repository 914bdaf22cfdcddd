package client

import (
	"context"
	"net/http"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAnswersAreValidated: a 200 whose body lacks what the schema requires, or that is another
// object than the one asked for, is an error, never a zero value or another object for state.
func TestAnswersAreValidated(t *testing.T) {
	t.Parallel()
	scope := Organization("acme")
	ctx := context.Background()
	cases := map[string]struct {
		method, path, body string
		call               func(c *Client) (any, error)
	}{
		"machine sizes without the list": {"GET", `/machine-sizes$`, `{"total_count":2}`, func(c *Client) (any, error) { return c.ListMachineSizes(ctx, scope) }},
		"machine size without id":        {"GET", `/machine-sizes$`, `{"total_count":1,"machine_specs":[{"cpu_cores":4}]}`, func(c *Client) (any, error) { return c.ListMachineSizes(ctx, scope) }},
		"empty platform":                 {"GET", `/platforms$`, `{"total_count":1,"platforms":[""]}`, func(c *Client) (any, error) { return c.ListPlatforms(ctx, scope) }},
		"image without platform":         {"GET", `/images/github-owned$`, `{"total_count":1,"images":[{"id":"ubuntu-latest"}]}`, func(c *Client) (any, error) { return c.ListGitHubOwnedImages(ctx, scope) }},
		"partner images without list":    {"GET", `/images/partner$`, `{}`, func(c *Client) (any, error) { return c.ListPartnerImages(ctx, scope) }},
		"custom image without id":        {"GET", `/images/custom$`, `{"total_count":1,"images":[{"name":"x"}]}`, func(c *Client) (any, error) { return c.ListCustomImages(ctx, scope) }},
		"version without state":          {"GET", `/versions$`, `{"total_count":1,"image_versions":[{"version":"1.0.0"}]}`, func(c *Client) (any, error) { return c.ListCustomImageVersions(ctx, scope, 1) }},
		"another custom image":           {"GET", `/images/custom/1$`, `{"id":2,"name":"other","platform":"linux-x64"}`, func(c *Client) (any, error) { return c.GetCustomImage(ctx, scope, 1) }},
		"empty custom image":             {"GET", `/images/custom/1$`, `{}`, func(c *Client) (any, error) { return c.GetCustomImage(ctx, scope, 1) }},
		"another version":                {"GET", `/versions/1.0.0$`, `{"version":"1.1.0","state":"Ready"}`, func(c *Client) (any, error) { return c.GetCustomImageVersion(ctx, scope, 1, "1.0.0") }},
		"limits without public_ips":      {"GET", `/limits$`, `{}`, func(c *Client) (any, error) { return c.GetLimits(ctx, scope) }},
		"limits without usage":           {"GET", `/limits$`, `{"public_ips":{"maximum":50}}`, func(c *Client) (any, error) { return c.GetLimits(ctx, scope) }},
		"limits with an empty body":      {"GET", `/limits$`, ``, func(c *Client) (any, error) { return c.GetLimits(ctx, scope) }},
		"limits of null":                 {"GET", `/limits$`, `null`, func(c *Client) (any, error) { return c.GetLimits(ctx, scope) }},
		"another runner group":           {"GET", `/runner-groups/3$`, `{"id":4,"name":"other","visibility":"all","default":false,"allows_public_repositories":false}`, func(c *Client) (any, error) { return c.GetRunnerGroup(ctx, scope, 3) }},
		"another runner group updated": {"PATCH", `/runner-groups/3$`, `{"id":4,"name":"other","visibility":"all","default":false,"allows_public_repositories":false}`, func(c *Client) (any, error) {
			name := "x"
			return c.UpdateRunnerGroup(ctx, scope, 3, UpdateRunnerGroupRequest{Name: &name})
		}},
		"another network configuration": {"GET", `/network-configurations/NC1$`, `{"id":"NC2","name":"other","network_settings_ids":["NS1"],"created_on":"2026-01-01T00:00:00Z"}`, func(c *Client) (any, error) {
			return c.GetNetworkConfiguration(ctx, scope, "NC1")
		}},
		"another network configuration updated": {"PATCH", `/network-configurations/NC1$`, `{"id":"NC2","name":"other","network_settings_ids":["NS1"],"created_on":"2026-01-01T00:00:00Z"}`, func(c *Client) (any, error) {
			name := "x"
			return c.UpdateNetworkConfiguration(ctx, scope, "NC1", UpdateNetworkConfigurationRequest{Name: &name})
		}},
		"other network settings": {"GET", `/network-settings/NS1$`, `{"id":"NS2","name":"other","subnet_id":"s","region":"eastus"}`, func(c *Client) (any, error) {
			return c.GetNetworkSettings(ctx, scope, "NS1")
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, m := newTestClient(t, mockgithub.Config{}, nil, nil)
			m.Inject(mockgithub.Fault{Method: tc.method, Path: tc.path, Status: http.StatusOK, Body: tc.body})
			if got, err := tc.call(c); err == nil {
				t.Fatalf("answer %s was accepted: %+v", tc.body, got)
			}
		})
	}
}
