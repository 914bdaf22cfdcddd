package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// TestRunnerAttrsFromMinimalRunner maps runners that carry only what the schema requires
// (optional fields left out, nullable ones null), as another implementation of the API may send.
func TestRunnerAttrsFromMinimalRunner(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"required fields only": `{"id": 7, "name": "r", "image_details": {"id": "ubuntu-latest", "size_gb": 86, "display_name": "Ubuntu", "source": "github"},
			"machine_size_details": {"id": "4-core", "cpu_cores": 4, "memory_gb": 16, "storage_gb": 150},
			"status": "Ready", "public_ip_enabled": false, "platform": "linux-x64"}`,
		"nulls": `{"id": 7, "name": "r", "image_details": {"id": "ubuntu-latest", "size_gb": 86, "display_name": "Ubuntu", "source": "github", "version": null},
			"machine_size_details": {"id": "4-core", "cpu_cores": 4, "memory_gb": 16, "storage_gb": 150},
			"status": "Ready", "public_ip_enabled": false, "platform": "linux-x64", "public_ips": null, "last_active_on": null, "maximum_runners": null}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var r client.HostedRunner
			if err := json.Unmarshal([]byte(body), &r); err != nil {
				t.Fatal(err)
			}
			prior := runnerAttrs{RunnerGroupID: wholeNumber(types.Int64Value(3)), Image: types.ObjectNull(runnerImageAttrTypes)}
			got, diags := runnerAttrsFromAPI(&r, &prior)
			if diags.HasError() {
				t.Fatalf("mapping failed: %v", diags)
			}
			if got.MaximumRunners.ValueInt64() != client.DefaultMaximumRunners {
				t.Errorf("maximum_runners = %v, want the schema default %d", got.MaximumRunners, client.DefaultMaximumRunners)
			}
			if got.RunnerGroupID.ValueInt64() != 3 {
				t.Errorf("runner_group_id = %v, want the prior 3 when GitHub leaves it out", got.RunnerGroupID)
			}
			if got.PublicIPs.IsNull() || len(got.PublicIPs.Elements()) != 0 {
				t.Errorf("public_ips = %v, want an empty list", got.PublicIPs)
			}
			if !got.LastActiveOn.IsNull() || got.ImageGen.ValueBool() {
				t.Errorf("last_active_on = %v, image_gen = %v; want null and false", got.LastActiveOn, got.ImageGen)
			}
			if img := got.Image.Attributes(); img["id"].(types.String).ValueString() != "ubuntu-latest" || !img["version"].IsNull() {
				t.Errorf("image = %v", got.Image)
			}
		})
	}
}

// TestRunnerAttrsNullImageDetails keeps the configured image when GitHub reports none.
func TestRunnerAttrsNullImageDetails(t *testing.T) {
	t.Parallel()
	var r client.HostedRunner
	body := `{"id": 7, "name": "r", "image_details": null, "machine_size_details": {"id": "4-core", "cpu_cores": 4, "memory_gb": 16, "storage_gb": 150},
		"status": "Provisioning", "public_ip_enabled": false, "platform": "linux-x64"}`
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	img := types.ObjectValueMust(runnerImageAttrTypes, map[string]attr.Value{
		"id": types.StringValue("1"), "source": types.StringValue("custom"), "version": types.StringValue("1.0.0"),
	})
	got, diags := runnerAttrsFromAPI(&r, &runnerAttrs{Image: img})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Image.Equal(img) || !got.ImageDetails.IsNull() {
		t.Fatalf("image = %v, image_details = %v; want the prior image and null details", got.Image, got.ImageDetails)
	}
}

// TestRunnerAttrsOptionalFieldsLeftOut keeps the refreshed values of the schema's optional
// fields when an answer leaves them out, rather than inventing defaults that contradict the plan.
func TestRunnerAttrsOptionalFieldsLeftOut(t *testing.T) {
	t.Parallel()
	r := runnerFromJSON(t, thinRunnerAnswer)
	prior := runnerAttrs{
		Image:          types.ObjectNull(runnerImageAttrTypes),
		RunnerGroupID:  wholeNumber(types.Int64Value(2)),
		MaximumRunners: wholeNumber(types.Int64Value(3)),
		ImageGen:       types.BoolValue(true),
	}
	got, diags := runnerAttrsFromAPI(&r, &prior)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got.RunnerGroupID.ValueInt64() != 2 || got.MaximumRunners.ValueInt64() != 3 || !got.ImageGen.ValueBool() {
		t.Fatalf("runner_group_id %v, maximum_runners %v, image_gen %v; want the prior 2, 3 and true", got.RunnerGroupID, got.MaximumRunners, got.ImageGen)
	}
}

// TestRunnerAttrsGroupIDLeftOutIsNull: an answer without runner_group_id maps to null where no
// refreshed value stands (import, data sources, a state that holds none), never to group 0.
func TestRunnerAttrsGroupIDLeftOutIsNull(t *testing.T) {
	t.Parallel()
	r := runnerFromJSON(t, thinRunnerAnswer)
	priors := map[string]*runnerAttrs{
		"no prior (import, data source)": nil,
		"prior without a group":          {Image: types.ObjectNull(runnerImageAttrTypes), RunnerGroupID: wholeNumber(types.Int64Null())},
	}
	for name, prior := range priors {
		got, diags := runnerAttrsFromAPI(&r, prior)
		if diags.HasError() {
			t.Fatalf("%s: %v", name, diags)
		}
		if !got.RunnerGroupID.IsNull() {
			t.Errorf("%s: runner_group_id = %v, want null", name, got.RunnerGroupID)
		}
	}
}

// thinRunnerAnswer is a runner answer with none of the schema's optional fields.
const thinRunnerAnswer = `{"id": 7, "name": "r", "image_details": null, "machine_size_details": {"id": "4-core", "cpu_cores": 4, "memory_gb": 16, "storage_gb": 150},
	"status": "Ready", "public_ip_enabled": false, "platform": "linux-x64"}`

// runnerFromJSON decodes a runner answer.
func runnerFromJSON(t *testing.T, body string) client.HostedRunner {
	t.Helper()
	var r client.HostedRunner
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	return r
}
