package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// integrationsRunnerJSON is github_actions_hosted_runner state as integrations/github v6.13.0
// writes it (schema version 0) for a custom image pinned at 1.1.0 with a static IP.
const integrationsRunnerJSON = `{"id":"42","name":"ubuntu-4core","image":[{"id":"1","source":"custom","size_gb":86}],
"image_version":"1.1.0","size":"4-core","runner_group_id":3,"maximum_runners":7,"public_ip_enabled":true,"image_gen":false,
"status":"Ready","platform":"linux-x64","last_active_on":null,"machine_size_details":[{"id":"4-core","cpu_cores":4,"memory_gb":16,"storage_gb":150}],
"public_ips":[{"enabled":true,"prefix":"20.80.208.150","length":31}],"timeouts":null}`

// runMovers runs r's state movers on a source state of integrations/github as the framework
// does (in order, until one sets the state or fails) and returns the response.
func runMovers(t *testing.T, r resource.ResourceWithMoveState, typeName, addr string, version int64, raw string) *resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}}
	for _, mover := range r.MoveState(ctx) {
		mover.StateMover(ctx, resource.MoveStateRequest{
			SourceProviderAddress: addr,
			SourceTypeName:        typeName,
			SourceSchemaVersion:   version,
			SourceRawState:        &tfprotov6.RawState{JSON: []byte(raw)},
		}, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			break
		}
	}
	return resp
}

// moveRunner runs the hosted runner's state mover and returns the response and the moved
// model (zero when the mover did not accept the request).
func moveRunner(t *testing.T, typeName, addr string, version int64, raw string) (*resource.MoveStateResponse, hostedRunnerModel) {
	t.Helper()
	resp := runMovers(t, &hostedRunnerResource{}, typeName, addr, version, raw)
	var m hostedRunnerModel
	if !resp.TargetState.Raw.IsNull() {
		if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
			t.Fatalf("reading the moved state: %v", d)
		}
	}
	return resp, m
}

func TestHostedRunnerMoveState(t *testing.T) { // not parallel: sets GITHUB_OWNER
	t.Setenv(ownerEnv, "my-org")
	for _, addr := range []string{"registry.terraform.io/integrations/github", "registry.opentofu.org/integrations/github"} {
		resp, m := moveRunner(t, integrationsHostedRunnerType, addr, 0, integrationsRunnerJSON)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", addr, resp.Diagnostics)
		}
		img, _ := m.image(context.Background())
		got := []string{m.Organization.ValueString(), m.ID.ValueString(), m.Name.ValueString(), m.Size.ValueString(),
			img.ID.ValueString(), img.Source.ValueString(), img.Version.ValueString(),
			m.RunnerGroupID.String(), m.MaximumRunners.String(), m.EnableStaticIP.String(), m.ImageGen.String()}
		want := []string{"my-org", "42", "ubuntu-4core", "4-core", "1", "custom", "1.1.0", "3", "7", "true", "false"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: moved state %v, want %v", addr, got, want)
		}
		if !m.Enterprise.IsNull() || !m.Status.IsNull() || !m.Timeouts.IsNull() {
			t.Errorf("%s: want enterprise, status and timeouts null until the refresh, got %v %v %v", addr, m.Enterprise, m.Status, m.Timeouts)
		}
	}
}

func TestHostedRunnerMoveStateDefaults(t *testing.T) { // not parallel: sets GITHUB_OWNER
	t.Setenv(ownerEnv, "my-org")
	// An image without source (the attribute defaulted) and no image_version.
	resp, m := moveRunner(t, integrationsHostedRunnerType, "registry.terraform.io/integrations/github", 0,
		`{"id":"7","name":"r","image":[{"id":"ubuntu-latest"}],"size":"2-core","runner_group_id":1}`)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	img, _ := m.image(context.Background())
	if img.Source.ValueString() != "github" || !img.Version.IsNull() || !m.MaximumRunners.IsNull() {
		t.Errorf("want source github, version and maximum_runners null; got %v %v %v", img.Source, img.Version, m.MaximumRunners)
	}
}

func TestHostedRunnerMoveStateIgnoresOtherSources(t *testing.T) { // not parallel: sets GITHUB_OWNER
	t.Setenv(ownerEnv, "my-org")
	for _, c := range [][2]string{
		{"github_actions_runner_group", "registry.terraform.io/integrations/github"},
		{integrationsHostedRunnerType, "registry.terraform.io/someone/github"},
	} {
		resp, _ := moveRunner(t, c[0], c[1], 0, integrationsRunnerJSON)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			t.Errorf("%s from %s: want the mover to leave the request alone, got %v", c[0], c[1], resp.Diagnostics)
		}
	}
}

func TestHostedRunnerMoveStateRefusals(t *testing.T) { // not parallel: sets GITHUB_OWNER
	cases := []struct {
		name, owner, raw string
		version          int64
		want             string
	}{
		{"no owner", "", integrationsRunnerJSON, 0, "Set GITHUB_OWNER"},
		{"invalid owner", "my org", integrationsRunnerJSON, 0, "Set GITHUB_OWNER"},
		{"newer schema", "my-org", integrationsRunnerJSON, 1, "schema version 1"},
		{"no JSON", "my-org", ``, 0, "no JSON state"},
		{"bad JSON", "my-org", `{"id": 42}`, 0, "does not decode"},
		{"non-numeric id", "my-org", `{"id":"abc","name":"r","image":[{"id":"x"}],"size":"2-core"}`, 0, `id "abc"`},
		{"no image", "my-org", `{"id":"7","name":"r","image":[],"size":"2-core"}`, 0, "image.id"},
		{"no size or name", "my-org", `{"id":"7","image":[{"id":"x"}]}`, 0, "name, size"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(ownerEnv, c.owner)
			resp, _ := moveRunner(t, integrationsHostedRunnerType, "registry.terraform.io/integrations/github", c.version, c.raw)
			if !resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
				t.Fatalf("want a refusal and no state, got %v", resp.Diagnostics)
			}
			detail := resp.Diagnostics.Errors()[0].Detail()
			if !strings.Contains(detail, c.want) || !strings.Contains(detail, "import") {
				t.Errorf("want the refusal to say %q and how to import instead, got %q", c.want, detail)
			}
		})
	}
}
