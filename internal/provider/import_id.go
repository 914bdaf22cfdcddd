package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

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

// importScopedID is the ImportState of a resource whose import ID mirrors its REST path,
// "orgs/<organization>/<id>" or "enterprises/<enterprise>/<id>" (name names the id in
// errors): it sets the scope and `id`, and Read does the rest. parseID, when not nil, checks
// the id's shape (positiveInt for a numeric id).
func importScopedID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, name string,
	parseID func(raw, name string) (int64, error),
) {
	parsed, err := parseImportID(req.ID, name)
	if err == nil && parseID != nil {
		_, err = parseID(parsed.Parts[0], name)
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setScope(ctx, parsed.Scope, resp.State.SetAttribute)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parsed.Parts[0])...)
}
