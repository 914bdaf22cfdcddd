package provider

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// known reports a value that is neither null nor unknown.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// int64s reads a known set of numbers, sorted.
func int64s(ctx context.Context, s types.Set) ([]int64, diag.Diagnostics) {
	out := []int64{}
	diags := s.ElementsAs(ctx, &out, false)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, diags
}

// strs reads a set of strings, sorted; null and unknown give an empty list.
func strs(ctx context.Context, s types.Set) ([]string, diag.Diagnostics) {
	out := []string{}
	if !known(s) {
		return out, nil
	}
	diags := s.ElementsAs(ctx, &out, false)
	sort.Strings(out)
	return out, diags
}

// optionalString is s, or null when s is empty.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// idInState parses the numeric id of the noun in state.
func idInState(v types.String, noun string) (int64, diag.Diagnostics) {
	var diags diag.Diagnostics
	id, err := strconv.ParseInt(v.ValueString(), 10, 64)
	if err != nil || id <= 0 {
		diags.AddError("Invalid "+titleCase(noun)+" ID in State",
			fmt.Sprintf("The %s ID %q is not a positive number. Please report this issue to the provider developers.", noun, v.ValueString()))
	}
	return id, diags
}
