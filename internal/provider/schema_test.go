package provider

import (
	"context"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// described is what every attribute and block has: its descriptions.
type described interface {
	GetDescription() string
	GetMarkdownDescription() string
}

// walkDescribed calls fn for every attribute and block of a schema, nested ones included, with
// its dotted path.
func walkDescribed(prefix string, attrs map[string]described, fn func(path string, a described)) {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := attrs[n]
		fn(prefix+n, a)
		walkDescribed(prefix+n+".", nestedOf(a), fn)
	}
}

// nestedOf returns the attributes and blocks nested in a, for every nested kind this provider uses.
func nestedOf(a described) map[string]described {
	out := map[string]described{}
	add := func(m map[string]described) {
		for k, v := range m {
			out[k] = v
		}
	}
	switch a := a.(type) {
	case rschema.SingleNestedAttribute:
		add(describedOf(a.Attributes))
	case rschema.ListNestedAttribute:
		add(describedOf(a.NestedObject.Attributes))
	case dschema.SingleNestedAttribute:
		add(describedOf(a.Attributes))
	case dschema.ListNestedAttribute:
		add(describedOf(a.NestedObject.Attributes))
	case pschema.SingleNestedBlock:
		add(describedOf(a.Attributes))
		add(describedOf(a.Blocks))
	}
	return out
}

// allSchemas returns every resource and data source schema of the provider by type name.
func allSchemas(t *testing.T) (map[string]rschema.Schema, map[string]dschema.Schema) {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	resources := map[string]rschema.Schema{}
	for _, f := range p.Resources(ctx) {
		r := f()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "githubactions"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", meta.TypeName, resp.Diagnostics)
		}
		resources[meta.TypeName] = resp.Schema
	}
	dataSources := map[string]dschema.Schema{}
	for _, f := range p.DataSources(ctx) {
		d := f()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "githubactions"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", meta.TypeName, resp.Diagnostics)
		}
		dataSources[meta.TypeName] = resp.Schema
	}
	return resources, dataSources
}

// TestSchemaDescriptions checks that the provider, every resource and every data source, and
// each of their attributes and blocks (nested ones included) has a description: the docs are
// generated from them. The organization argument says what it is on every type.
func TestSchemaDescriptions(t *testing.T) {
	check := func(typeName, desc string, attrs map[string]described) {
		if desc == "" {
			t.Errorf("%s has no description", typeName)
		}
		// The membership resources belong to one kind of scope: a repository's to an
		// organization, an organization's to an enterprise.
		scopeDesc, scopeArg := organizationDescription, "organization"
		switch typeName {
		case "githubactions_runner_group_repository":
			scopeDesc = "The login of the organization whose runner group this is"
		case "githubactions_runner_group_organization":
			scopeArg = "enterprise"
		}
		if _, ok := attrs[scopeArg]; !ok && typeName != "provider" {
			t.Errorf("%s has no %s argument", typeName, scopeArg)
		}
		walkDescribed("", attrs, func(path string, a described) {
			if a.GetMarkdownDescription() == "" && a.GetDescription() == "" {
				t.Errorf("%s: attribute %s has no description", typeName, path)
			}
			if path == "organization" && a.GetMarkdownDescription() != scopeDesc &&
				!hasPrefix(a.GetMarkdownDescription(), scopeDesc) {
				t.Errorf("%s: organization is described as %q", typeName, a.GetMarkdownDescription())
			}
		})
	}
	resources, dataSources := allSchemas(t)
	if len(resources) == 0 || len(dataSources) == 0 {
		t.Fatalf("found %d resources and %d data sources", len(resources), len(dataSources))
	}
	for name, s := range resources {
		check(name, s.MarkdownDescription, describedOf(s.Attributes))
	}
	for name, s := range dataSources {
		check(name, s.MarkdownDescription, describedOf(s.Attributes))
	}
	var presp fwprovider.SchemaResponse
	New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &presp)
	attrs := describedOf(presp.Schema.Attributes)
	for k, v := range presp.Schema.Blocks {
		attrs[k] = v
	}
	check("provider", presp.Schema.MarkdownDescription, attrs)
}

// describedOf widens a schema's attribute map.
func describedOf[A described](m map[string]A) map[string]described {
	out := make(map[string]described, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func hasPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

// TestSchemaModelParity checks that each type's model has exactly the schema's attributes
// (the framework refuses a struct whose tfsdk tags differ from the object it reads): a value
// of the schema's type, nested lists holding one element, is read into the model.
func TestSchemaModelParity(t *testing.T) {
	ctx := context.Background()
	resources, dataSources := allSchemas(t)
	resourceModels := map[string]func() any{
		"githubactions_hosted_runner":             func() any { return &hostedRunnerModel{} },
		"githubactions_custom_image":              func() any { return &customImageResourceModel{} },
		"githubactions_custom_image_version":      func() any { return &customImageVersionResourceModel{} },
		"githubactions_runner_group":              func() any { return &runnerGroupResourceModel{} },
		"githubactions_network_configuration":     func() any { return &networkConfigurationResourceModel{} },
		"githubactions_runner_group_repository":   func() any { return &runnerGroupRepositoryModel{} },
		"githubactions_runner_group_organization": func() any { return &runnerGroupOrganizationModel{} },
		"githubactions_self_hosted_runner_policy": func() any { return &selfHostedRunnerPolicyModel{} },
		"githubactions_budget":                    func() any { return &budgetResourceModel{} },
	}
	dataSourceModels := map[string]func() any{
		"githubactions_hosted_runner":             func() any { return &hostedRunnerDataSourceModel{} },
		"githubactions_hosted_runners":            func() any { return &hostedRunnersDataSourceModel{} },
		"githubactions_runner_images":             func() any { return &runnerImagesDataSourceModel{} },
		"githubactions_runner_image":              func() any { return &runnerImageDataSourceModel{} },
		"githubactions_custom_images":             func() any { return &customImagesDataSourceModel{} },
		"githubactions_custom_image":              func() any { return &customImageDataSourceModel{} },
		"githubactions_custom_image_versions":     func() any { return &customImageVersionsDataSourceModel{} },
		"githubactions_custom_image_version":      func() any { return &customImageVersionDataSourceModel{} },
		"githubactions_machine_sizes":             func() any { return &machineSizesDataSourceModel{} },
		"githubactions_machine_size":              func() any { return &machineSizeDataSourceModel{} },
		"githubactions_platforms":                 func() any { return &platformsDataSourceModel{} },
		"githubactions_limits":                    func() any { return &limitsDataSourceModel{} },
		"githubactions_runner_group":              func() any { return &runnerGroupDataSourceModel{} },
		"githubactions_runner_groups":             func() any { return &runnerGroupsDataSourceModel{} },
		"githubactions_network_configuration":     func() any { return &networkConfigurationDataSourceModel{} },
		"githubactions_network_configurations":    func() any { return &networkConfigurationsDataSourceModel{} },
		"githubactions_network_settings":          func() any { return &networkSettingsDataSourceModel{} },
		"githubactions_self_hosted_runner_policy": func() any { return &selfHostedRunnerPolicyDataSourceModel{} },
		"githubactions_budgets":                   func() any { return &budgetsDataSourceModel{} },
		"githubactions_actions_usage":             func() any { return &actionsUsageDataSourceModel{} },
	}
	for name, s := range resources {
		newModel, ok := resourceModels[name]
		if !ok {
			t.Errorf("resource %s: add its model to this test", name)
			continue
		}
		raw := sampleValue(s.Type().TerraformType(ctx))
		diags := tfsdk.State{Schema: s, Raw: raw}.Get(ctx, newModel())
		if diags.HasError() {
			t.Errorf("resource %s: model and schema differ: %v", name, diags)
		}
	}
	for name, s := range dataSources {
		newModel, ok := dataSourceModels[name]
		if !ok {
			t.Errorf("data source %s: add its model to this test", name)
			continue
		}
		raw := sampleValue(s.Type().TerraformType(ctx))
		diags := tfsdk.State{Schema: s, Raw: raw}.Get(ctx, newModel())
		if diags.HasError() {
			t.Errorf("data source %s: model and schema differ: %v", name, diags)
		}
	}
}

// sampleValue is a value of typ whose objects have every attribute, lists one element and
// everything else null, so that reading it walks every nested model too.
func sampleValue(typ tftypes.Type) tftypes.Value {
	switch typ := typ.(type) {
	case tftypes.Object:
		vals := map[string]tftypes.Value{}
		for k, at := range typ.AttributeTypes {
			vals[k] = sampleValue(at)
		}
		return tftypes.NewValue(typ, vals)
	case tftypes.List:
		return tftypes.NewValue(typ, []tftypes.Value{sampleValue(typ.ElementType)})
	}
	return tftypes.NewValue(typ, nil)
}
