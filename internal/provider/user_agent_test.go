package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestUserAgent_carriesVersion checks that the version the release build sets (main.version,
// passed to New) reaches the User-Agent of the requests the configured provider sends.
func TestUserAgent_carriesVersion(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"0.1.0", "dev"} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			mock := mockgithub.New(mockgithub.Config{})
			srv := httptest.NewServer(mock)
			t.Cleanup(srv.Close)

			p := New(version)()
			data := configureProvider(ctx, t, p, map[string]tftypes.Value{
				"base_url":       tftypes.NewValue(tftypes.String, srv.URL),
				"token":          tftypes.NewValue(tftypes.String, mockgithub.DefaultToken),
				"write_delay_ms": tftypes.NewValue(tftypes.Number, 0),
			})
			c, diags, _ := data.build()
			if diags.HasError() {
				t.Fatalf("building the client: %v", diags)
			}
			if _, err := c.ListPlatforms(ctx, client.Organization("acme")); err != nil {
				t.Fatalf("ListPlatforms: %v", err)
			}

			reqs := mock.Requests()
			if len(reqs) == 0 {
				t.Fatal("the mock logged no request")
			}
			want := "terraform-provider-githubactions/" + version
			for _, r := range reqs {
				if got := r.Header.Get("User-Agent"); got != want {
					t.Errorf("%s %s: User-Agent %q, want %q", r.Method, r.Path, got, want)
				}
			}
		})
	}
}

// configureProvider runs p's Configure with the given provider block attributes (every other
// attribute null) and returns the data it hands to resources.
func configureProvider(ctx context.Context, t *testing.T, p provider.Provider, attrs map[string]tftypes.Value) *providerData {
	t.Helper()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("provider schema type is %T, want an object", schemaResp.Schema.Type().TerraformType(ctx))
	}
	values := make(map[string]tftypes.Value, len(objType.AttributeTypes))
	for name, typ := range objType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range attrs {
		if _, ok := values[name]; !ok {
			t.Fatalf("the provider schema has no attribute %q", name)
		}
		values[name] = v
	}
	req := provider.ConfigureRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, values)}}
	var resp provider.ConfigureResponse
	p.Configure(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*providerData)
	if !ok {
		t.Fatalf("Configure set ResourceData to %T, want *providerData", resp.ResourceData)
	}
	return data
}
