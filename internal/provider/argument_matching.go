package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// positiveIntPattern matches a positive decimal ID.
var positiveIntPattern = regexp.MustCompile(`^[1-9][0-9]*$`)

// regexpValidator checks that a string is a valid regular expression (RE2 syntax).
type regexpValidator struct{}

func (regexpValidator) Description(context.Context) string {
	return "value must be a valid regular expression (RE2 syntax)"
}

func (v regexpValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regexpValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Regular Expression",
			fmt.Sprintf("%q is not a valid regular expression (RE2 syntax): %v", req.ConfigValue.ValueString(), err))
	}
}

// argumentRegexp compiles the regular expression argument attr (checked at validate time by
// regexpValidator); a null one gives a nil expression, which matchesRegexp treats as "any".
func argumentRegexp(diags *diag.Diagnostics, v types.String, attr string) *regexp.Regexp {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	re, err := regexp.Compile(v.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Invalid Regular Expression", err.Error())
	}
	return re
}

// matchesRegexp reports whether s matches re (a nil re matches anything).
func matchesRegexp(re *regexp.Regexp, s string) bool {
	return re == nil || re.MatchString(s)
}

// matches reports whether s equals a set want (a null want matches anything).
func matches(want types.String, s string) bool {
	return want.IsNull() || want.IsUnknown() || want.ValueString() == s
}

// versionPattern is the shape of a custom image version (the OpenAPI `version` parameter).
var versionPattern = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
