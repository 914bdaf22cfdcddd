package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// wholeNumberArgument is one integer argument a user sets: config renders a configuration
// that sets it to value (in sc, for the types that take a scope).
type wholeNumberArgument struct {
	attr   func(sc scopeCase) string
	scoped bool
	config func(e *testEnv, sc scopeCase, value string) string
}

// named is an attribute whose name does not depend on the scope.
func named(attr string) func(scopeCase) string { return func(scopeCase) string { return attr } }

// runnerArgument sets attr of a hosted runner.
func runnerArgument(attr string) wholeNumberArgument {
	return wholeNumberArgument{attr: named(attr), scoped: true, config: func(e *testEnv, sc scopeCase, v string) string {
		return runnerConfig(e, sc, "ok", "  image = { id = \"ubuntu-latest\" }\n  size  = \"4-core\"\n  "+attr+" = "+v)
	}}
}

// dataArgument sets attr of data source typ, next to the other arguments in rest.
func dataArgument(typ, attr, rest string) wholeNumberArgument {
	return wholeNumberArgument{attr: named(attr), scoped: true, config: func(e *testEnv, sc scopeCase, v string) string {
		return dataConfig(e, sc, typ, attr+" = "+v+"\n"+rest)
	}}
}

// customImageArgument sets image_definition_id of resource typ, next to the other arguments in rest.
func customImageArgument(typ, rest string) wholeNumberArgument {
	return wholeNumberArgument{attr: named("image_definition_id"), scoped: true, config: func(e *testEnv, sc scopeCase, v string) string {
		return e.providerConfig() + resourceBlock(typ, "test", sc, "image_definition_id = "+v, rest)
	}}
}

// providerArgument sets attr in the provider block of a configuration with one runner.
func providerArgument(attr string) wholeNumberArgument {
	return wholeNumberArgument{attr: named(attr), config: func(e *testEnv, _ scopeCase, v string) string {
		return providerBlock(fmt.Sprintf("base_url = %q", e.URL), fmt.Sprintf("token    = %q", e.Token), attr+" = "+v) + `
resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  name         = "ok"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`
	}}
}

// wholeNumberArguments are every integer a user can set, by where it is set.
var wholeNumberArguments = map[string]wholeNumberArgument{
	"hosted_runner.maximum_runners":                 runnerArgument("maximum_runners"),
	"hosted_runner.runner_group_id":                 runnerArgument("runner_group_id"),
	"hosted_runners.runner_group_id":                dataArgument("githubactions_hosted_runners", "runner_group_id", ""),
	"data.custom_image.id":                          dataArgument("githubactions_custom_image", "id", ""),
	"custom_image_versions.image_definition_id":     dataArgument("githubactions_custom_image_versions", "image_definition_id", ""),
	"data.custom_image_version.image_definition_id": dataArgument("githubactions_custom_image_version", "image_definition_id", "latest = true"),
	"machine_size.min_cpu_cores":                    dataArgument("githubactions_machine_size", "min_cpu_cores", ""),
	"machine_size.min_memory_gb":                    dataArgument("githubactions_machine_size", "min_memory_gb", ""),
	"machine_size.min_storage_gb":                   dataArgument("githubactions_machine_size", "min_storage_gb", ""),
	"custom_image.image_definition_id":              customImageArgument("githubactions_custom_image", ""),
	"custom_image_version.image_definition_id":      customImageArgument("githubactions_custom_image_version", "  version = \"1.0.0\"\n"),
	"runner_group.selected_ids": {attr: membersAttr, scoped: true, config: func(e *testEnv, sc scopeCase, v string) string {
		return e.providerConfig() + fmt.Sprintf("resource \"githubactions_runner_group\" \"test\" {\n  %s = %q\n  name = \"g\"\n  visibility = \"selected\"\n  %s = [%s]\n}\n",
			sc.attr, sc.owner, membersAttr(sc), v)
	}},
	"provider.max_retries":             providerArgument("max_retries"),
	"provider.max_concurrent_requests": providerArgument("max_concurrent_requests"),
	"provider.write_delay_ms":          providerArgument("write_delay_ms"),
}

// planError plans config through the CLI and returns the text of the error it fails with
// (empty when it does not fail).
func planError(t *testing.T, e *testEnv, config string) string {
	t.Helper()
	var got string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		// Read the whole error, to count its diagnostics, rather than only match it.
		ErrorCheck: func(err error) error {
			got = err.Error()
			return nil
		},
		Steps: []resource.TestStep{{Config: config, PlanOnly: true}},
	})
	return got
}

// TestAccWholeNumbers: a number that is no 64-bit whole number, set on any integer argument,
// fails the plan with one plain error on that argument (not the framework's conversion
// error that asks to report a provider bug), before any request; in both scopes.
func TestAccWholeNumbers(t *testing.T) {
	t.Parallel()
	for name, arg := range wholeNumberArguments {
		scopes := scopeCases
		if !arg.scoped {
			scopes = scopeCases[:1]
		}
		for _, sc := range scopes {
			for value, shown := range map[string]string{"1e20": "1e+20", "1.5": "1.5"} {
				t.Run(fmt.Sprintf("%s/%s/%s", name, sc.name, value), func(t *testing.T) {
					t.Parallel()
					e := newTestEnv(t, mockgithub.Config{})
					out := planError(t, e, arg.config(e, sc, value))
					want := wordsIn("Error: Invalid Number", arg.attr(sc)+" must be a whole number", shown+" is not.")
					if !want.MatchString(out) || strings.Count(out, "Error:") != 1 {
						t.Errorf("the plan failed with %d errors, want one matching %s:\n%s", strings.Count(out, "Error:"), want, out)
					}
					if n := len(e.Mock.Requests()); n != 0 {
						t.Errorf("the plan sent %d requests to GitHub, want 0", n)
					}
				})
			}
		}
	}
}

// TestAccWholeNumbers_rangeValidators: the range validators of the whole number arguments
// still report a whole number out of range, before any request.
func TestAccWholeNumbers_rangeValidators(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		arg   string
		value string
		want  *regexp.Regexp
	}{
		"max_retries":             {"provider.max_retries", "21", wordsIn("max_retries value must be between 0 and 20, got: 21")},
		"max_concurrent_requests": {"provider.max_concurrent_requests", "0", wordsIn("max_concurrent_requests value must be between 1 and 100, got: 0")},
		"write_delay_ms":          {"provider.write_delay_ms", "60001", wordsIn("write_delay_ms value must be between 0 and 60000, got: 60001")},
		"runner_group_id":         {"hosted_runner.runner_group_id", "0", wordsIn("runner_group_id value must be at least 1, got: 0")},
		"min_cpu_cores":           {"machine_size.min_cpu_cores", "-1", wordsIn("min_cpu_cores value must be at least 0, got: -1")},
		"image_definition_id":     {"custom_image.image_definition_id", "0", wordsIn("image_definition_id value must be at least 1, got: 0")},
		"selected ids":            {"runner_group.selected_ids", "0", wordsIn("value must be at least 1, got: 0")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, mockgithub.Config{})
			out := planError(t, e, wholeNumberArguments[tc.arg].config(e, scopeCases[0], tc.value))
			if !tc.want.MatchString(out) || strings.Count(out, "Error:") != 1 {
				t.Errorf("the plan failed with %d errors, want one matching %s:\n%s", strings.Count(out, "Error:"), tc.want, out)
			}
			if n := len(e.Mock.Requests()); n != 0 {
				t.Errorf("the plan sent %d requests to GitHub, want 0", n)
			}
		})
	}
}

// TestWholeNumberElements: every element that is no 64-bit whole number is named in one error
// on the set; whole numbers pass.
func TestWholeNumberElements(t *testing.T) {
	ctx := context.Background()
	set := func(numbers ...*big.Float) basetypes.SetValue {
		t.Helper()
		elems := make([]tftypes.Value, len(numbers))
		for i, n := range numbers {
			elems[i] = tftypes.NewValue(tftypes.Number, n)
		}
		v, err := types.SetType{ElemType: wholeNumberType{}}.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Set{ElementType: tftypes.Number}, elems))
		if err != nil {
			t.Fatal(err)
		}
		return v.(basetypes.SetValue)
	}
	cases := map[string]struct {
		value basetypes.SetValue
		want  string // the error's detail; empty for none
	}{
		"whole numbers": {set(big.NewFloat(1), big.NewFloat(9.2e18)), ""},
		"null":          {types.SetNull(wholeNumberType{}), ""},
		"one fraction":  {set(big.NewFloat(1), big.NewFloat(2.5)), "Every element of ids " + wholeNumberRule + "; 2.5 is not."},
		"two invalid":   {set(big.NewFloat(1e20), big.NewFloat(1), big.NewFloat(0.5)), "Every element of ids " + wholeNumberRule + "; 0.5, 1e+20 are not."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var resp validator.SetResponse
			wholeNumberElements{}.ValidateSet(ctx, validator.SetRequest{Path: path.Root("ids"), ConfigValue: tc.value}, &resp)
			switch {
			case tc.want == "" && resp.Diagnostics.HasError():
				t.Errorf("want no error, got %v", resp.Diagnostics)
			case tc.want != "" && (len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Detail() != tc.want):
				t.Errorf("want one error %q, got %v", tc.want, resp.Diagnostics)
			}
		})
	}
}

// TestSchemaWholeNumbers checks that every integer a user can set, on the provider and on every
// resource and data source (nested ones and set elements included), is a whole number type, so
// that a number like 1e20 or 1.5 is one plain error; and that each set of them checks its
// elements. The acceptance test above shows the error of each.
func TestSchemaWholeNumbers(t *testing.T) {
	type argument interface {
		described
		GetType() attr.Type
		IsOptional() bool
		IsRequired() bool
	}
	check := func(typeName string, attrs map[string]described) {
		walkDescribed("", attrs, func(path string, d described) {
			a, ok := d.(argument)
			if !ok || !a.IsOptional() && !a.IsRequired() {
				return
			}
			switch typ := a.GetType().(type) {
			case basetypes.Int64Type:
				t.Errorf("%s: %s is an Int64 without the wholeNumberType", typeName, path)
			case basetypes.SetType:
				if _, plain := typ.ElemType.(basetypes.Int64Type); plain {
					t.Errorf("%s: %s is a set of Int64 without the wholeNumberType", typeName, path)
				}
				if _, whole := typ.ElemType.(wholeNumberType); whole {
					v, ok := d.(interface{ SetValidators() []validator.Set })
					if !ok || !slices.ContainsFunc(v.SetValidators(), func(v validator.Set) bool { _, ok := v.(wholeNumberElements); return ok }) {
						t.Errorf("%s: %s is a set of whole numbers without the wholeNumberElements validator", typeName, path)
					}
				}
			case basetypes.ListType:
				if isInteger(typ.ElemType) {
					t.Errorf("%s: %s is a list of integers: check its elements as sets of whole numbers are checked", typeName, path)
				}
			case basetypes.MapType:
				if isInteger(typ.ElemType) {
					t.Errorf("%s: %s is a map of integers: check its elements as sets of whole numbers are checked", typeName, path)
				}
			}
		})
	}
	resources, dataSources := allSchemas(t)
	for name, s := range resources {
		check(name, describedOf(s.Attributes))
	}
	for name, s := range dataSources {
		check(name, describedOf(s.Attributes))
	}
	var presp fwprovider.SchemaResponse
	New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &presp)
	attrs := describedOf(presp.Schema.Attributes)
	for k, v := range presp.Schema.Blocks {
		attrs[k] = v
	}
	check("provider", attrs)
}

// isInteger reports the framework's integer type and the whole number type.
func isInteger(t attr.Type) bool {
	switch t.(type) {
	case basetypes.Int64Type, wholeNumberType:
		return true
	}
	return false
}
