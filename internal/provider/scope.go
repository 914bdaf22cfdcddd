package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

const (
	organizationDescription = "The organization login, for organization-level hosted runners. Exactly one of `organization` and `enterprise` is set."
	enterpriseDescription   = "The enterprise slug, for enterprise-level hosted runners. Exactly one of `organization` and `enterprise` is set."
)

// slugPattern accepts GitHub organization logins and enterprise slugs.
var slugPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`)

func scopeValidators(other string) []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(slugPattern, "must be a GitHub organization login or enterprise slug: letters, digits and inner hyphens"),
		stringvalidator.ExactlyOneOf(path.MatchRoot(other)),
	}
}

// scopeResourceAttributes are the organization and enterprise arguments of a resource;
// changing either replaces the resource.
func scopeResourceAttributes() map[string]rschema.Attribute {
	attr := func(desc, other string) rschema.StringAttribute {
		return rschema.StringAttribute{
			MarkdownDescription: desc + " Changing it replaces the resource.",
			Optional:            true,
			Validators:          scopeValidators(other),
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		}
	}
	return map[string]rschema.Attribute{
		"organization": attr(organizationDescription, "enterprise"),
		"enterprise":   attr(enterpriseDescription, "organization"),
	}
}

// scopeDataSourceAttributes are the organization and enterprise arguments of a data source.
func scopeDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"organization": dschema.StringAttribute{MarkdownDescription: organizationDescription, Optional: true, Validators: scopeValidators("enterprise")},
		"enterprise":   dschema.StringAttribute{MarkdownDescription: enterpriseDescription, Optional: true, Validators: scopeValidators("organization")},
	}
}

// scopeOf turns the two arguments into a client scope.
func scopeOf(org, ent types.String) (client.Scope, diag.Diagnostics) {
	var diags diag.Diagnostics
	switch {
	case org.ValueString() != "" && ent.ValueString() == "":
		return client.Organization(org.ValueString()), diags
	case ent.ValueString() != "" && org.ValueString() == "":
		return client.Enterprise(ent.ValueString()), diags
	}
	diags.AddError("Missing Organization or Enterprise", "Set exactly one of organization and enterprise.")
	return client.Scope{}, diags
}

// scopeValues is the inverse of scopeOf, for state.
func scopeValues(s client.Scope) (org, ent types.String) {
	if s.IsEnterprise() {
		return types.StringNull(), types.StringValue(s.Name)
	}
	return types.StringValue(s.Name), types.StringNull()
}

// importID is a parsed import ID: "orgs/<org>/<id>[/<rest>]" or "enterprises/<ent>/<id>[/<rest>]".
type importID struct {
	Scope client.Scope
	Parts []string
}

// parseImportID parses an import ID made of the scope followed by exactly len(names) parts,
// each named for the error message.
func parseImportID(raw string, names ...string) (importID, error) {
	want := "orgs/<organization>/" + strings.Join(wrap(names), "/") + " or enterprises/<enterprise>/" + strings.Join(wrap(names), "/")
	segs := strings.Split(raw, "/")
	if len(segs) != 2+len(names) {
		return importID{}, fmt.Errorf("import ID %q must look like %s", raw, want)
	}
	scope, err := client.ParseScope(segs[0], segs[1])
	if err != nil {
		return importID{}, fmt.Errorf("import ID %q must look like %s: %w", raw, want, err)
	}
	if !slugPattern.MatchString(scope.Name) {
		return importID{}, fmt.Errorf("import ID %q: %q is not a valid organization or enterprise name", raw, scope.Name)
	}
	for i, s := range segs[2:] {
		if s == "" {
			return importID{}, fmt.Errorf("import ID %q has an empty %s; it must look like %s", raw, names[i], want)
		}
	}
	return importID{Scope: scope, Parts: segs[2:]}, nil
}

// positiveInt parses one numeric part of an import ID.
func positiveInt(raw, name string) (int64, error) {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s %q must be a positive integer", name, raw)
	}
	return n, nil
}

func wrap(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "<" + n + ">"
	}
	return out
}

// setScope writes the scope arguments of a resource into state during import.
func setScope(ctx context.Context, s client.Scope, set func(context.Context, path.Path, any) diag.Diagnostics) diag.Diagnostics {
	org, ent := scopeValues(s)
	diags := set(ctx, path.Root("organization"), org)
	diags.Append(set(ctx, path.Root("enterprise"), ent)...)
	return diags
}
