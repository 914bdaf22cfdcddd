package provider

import (
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// computedField describes one computed attribute of an API object, so that its description
// is written once for the data sources and the resources.
type computedField struct {
	name  string
	isInt bool
	// wholeNumber marks an integer that some data source also takes as an argument: its
	// attributes have the wholeNumberType and its models hold a wholeNumberValue.
	wholeNumber bool
	desc        string
}

// customType is the attribute type of an integer field: nil for the framework's own.
func (f computedField) customType() basetypes.Int64Typable {
	if f.wholeNumber {
		return wholeNumberType{}
	}
	return nil
}

// dataSourceAttrs renders fields as computed data source attributes.
func dataSourceAttrs(fields []computedField) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(fields))
	for _, f := range fields {
		if f.isInt {
			out[f.name] = dschema.Int64Attribute{CustomType: f.customType(), MarkdownDescription: f.desc, Computed: true}
		} else {
			out[f.name] = dschema.StringAttribute{MarkdownDescription: f.desc, Computed: true}
		}
	}
	return out
}

// resourceAttrs renders fields as computed resource attributes.
func resourceAttrs(fields []computedField) map[string]rschema.Attribute {
	out := make(map[string]rschema.Attribute, len(fields))
	for _, f := range fields {
		// What GitHub reports about an adopted object changes only at a refresh, never through
		// this resource: a plan keeps the state's values.
		if f.isInt {
			out[f.name] = rschema.Int64Attribute{CustomType: f.customType(), MarkdownDescription: f.desc, Computed: true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
		} else {
			out[f.name] = rschema.StringAttribute{MarkdownDescription: f.desc, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
		}
	}
	return out
}

// fieldDesc returns the description of the field called name.
func fieldDesc(fields []computedField, name string) string {
	for _, f := range fields {
		if f.name == name {
			return f.desc
		}
	}
	panic("no field " + name)
}
