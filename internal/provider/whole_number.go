package provider

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// wholeNumberType is an Int64 attribute type whose configured value that is no 64-bit whole
// number (1e20, 1.5) is a plain error on its attribute, instead of the framework's conversion
// error that asks the user to report a provider bug.
type wholeNumberType struct {
	basetypes.Int64Type
}

var (
	_ basetypes.Int64Typable      = wholeNumberType{}
	_ basetypes.Int64Valuable     = wholeNumberValue{}
	_ xattr.ValidateableAttribute = wholeNumberValue{}
	_ validator.Set               = wholeNumberElements{}
)

// wholeNumberRule is what the error on a number that is no 64-bit whole number asks for.
const wholeNumberRule = "must be a whole number (one that fits in 64 bits, within the argument's own range)"

func (t wholeNumberType) Equal(o attr.Type) bool {
	_, ok := o.(wholeNumberType)
	return ok
}

func (t wholeNumberType) String() string { return "wholeNumberType" }

func (t wholeNumberType) ValueType(context.Context) attr.Value { return wholeNumberValue{} }

// Validate replaces the Int64Type's, which the framework still calls on each element of a set
// (it calls no element's ValidateAttribute) and which reports a number that is no whole number
// as a provider bug. A set of whole numbers has the wholeNumberElements validator instead; an
// attribute's own value reports itself in ValidateAttribute.
func (t wholeNumberType) Validate(context.Context, tftypes.Value, path.Path) diag.Diagnostics {
	return nil
}

func (t wholeNumberType) ValueFromInt64(_ context.Context, in basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeNumberValue{Int64Value: in}, nil
}

func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() {
		var f *big.Float
		if err := in.As(&f); err != nil {
			return nil, err
		}
		if _, accuracy := f.Int64(); !f.IsInt() || accuracy != big.Exact {
			// Unknown until validation reports it: nothing uses the value before that.
			return wholeNumberValue{Int64Value: basetypes.NewInt64Unknown(), invalid: f.Text('g', 20)}, nil
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	i, ok := v.(basetypes.Int64Value)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return wholeNumberValue{Int64Value: i}, nil
}

// wholeNumberValue is a wholeNumberType value; invalid holds a configured number that is not one.
type wholeNumberValue struct {
	basetypes.Int64Value
	invalid string
}

func wholeNumber(v basetypes.Int64Value) wholeNumberValue { return wholeNumberValue{Int64Value: v} }

func (v wholeNumberValue) Type(context.Context) attr.Type { return wholeNumberType{} }

func (v wholeNumberValue) Equal(o attr.Value) bool {
	other, ok := o.(wholeNumberValue)
	return ok && v.invalid == other.invalid && v.Int64Value.Equal(other.Int64Value)
}

// ValidateAttribute reports a configured number that is not a 64-bit whole number.
func (v wholeNumberValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.invalid != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Number",
			fmt.Sprintf("%s %s; %s is not.", req.Path, wholeNumberRule, v.invalid))
	}
}

// wholeNumberElements reports, as one error on the set, the elements of a set of whole numbers
// (element type wholeNumberType) that are no 64-bit whole numbers: the framework does not
// validate the elements' values themselves.
type wholeNumberElements struct{}

func (wholeNumberElements) Description(context.Context) string {
	return "every element " + wholeNumberRule
}

func (v wholeNumberElements) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (wholeNumberElements) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	var invalid []string
	for _, e := range req.ConfigValue.Elements() {
		if n, ok := e.(wholeNumberValue); ok && n.invalid != "" {
			invalid = append(invalid, n.invalid)
		}
	}
	if len(invalid) == 0 {
		return
	}
	slices.Sort(invalid)
	verb := "is"
	if len(invalid) > 1 {
		verb = "are"
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Number",
		fmt.Sprintf("Every element of %s %s; %s %s not.", req.Path, wholeNumberRule, strings.Join(invalid, ", "), verb))
}
