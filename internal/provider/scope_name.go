package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// scopeNameType is the string type of every organization and enterprise argument. GitHub
// treats those names case-insensitively, so two spellings of one name are semantically equal:
// the framework keeps the spelling already in state when GitHub or the provider reads back
// another one, and keepScopeSpelling keeps it in a plan whose configuration spells it otherwise.
type scopeNameType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = scopeNameType{}
	_ basetypes.StringValuableWithSemanticEquals = scopeName{}
	_ planmodifier.String                        = keepScopeSpelling{}
)

func (t scopeNameType) Equal(o attr.Type) bool {
	_, ok := o.(scopeNameType)
	return ok
}

func (t scopeNameType) String() string { return "scopeNameType" }

func (t scopeNameType) ValueType(context.Context) attr.Value { return scopeName{} }

func (t scopeNameType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return scopeName{StringValue: in}, nil
}

func (t scopeNameType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return scopeName{StringValue: s}, nil
}

// scopeName is an organization login or enterprise slug as configured or stored.
type scopeName struct {
	basetypes.StringValue
}

// scopeNameValue returns a known scope name; scopeNameNull an absent one.
func scopeNameValue(name string) scopeName {
	return scopeName{StringValue: basetypes.NewStringValue(name)}
}

func scopeNameNull() scopeName { return scopeName{StringValue: basetypes.NewStringNull()} }

func (v scopeName) Type(context.Context) attr.Type { return scopeNameType{} }

func (v scopeName) Equal(o attr.Value) bool {
	other, ok := o.(scopeName)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports two known spellings of one name (the same scope Key).
func (v scopeName) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	n, diags := newValuable.ToStringValue(ctx)
	return sameScopeName(v.StringValue, n), diags
}

// sameScopeName reports two known names that are one account, whatever their letter case.
func sameScopeName(a, b basetypes.StringValue) bool {
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return false
	}
	// The kind does not matter here: both names are of the attribute's own kind.
	return client.Organization(a.ValueString()).Same(client.Organization(b.ValueString()))
}

// keepScopeSpelling plans the name in state when the configuration spells it in other letter
// cases: that is no change at all, so the plan neither updates nor replaces anything (Terraform
// accepts a planned prior value that the provider finds equivalent to the configuration's).
type keepScopeSpelling struct{}

func (keepScopeSpelling) Description(context.Context) string {
	return "A change of letter case only is no change: the name in state stays."
}

func (m keepScopeSpelling) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepScopeSpelling) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if sameScopeName(req.PlanValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}
