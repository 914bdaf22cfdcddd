package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/mod/semver"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// This file holds one model, one mapping and one set of attribute descriptions per catalog
// object (curated image, custom image, custom image version, machine size), shared by the
// list and single data sources and by the custom image resources.

// computedField describes one computed attribute of an API object, so that its description
// is written once for the data sources and the resources.
type computedField struct {
	name  string
	isInt bool
	desc  string
}

// dataSourceAttrs renders fields as computed data source attributes.
func dataSourceAttrs(fields []computedField) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(fields))
	for _, f := range fields {
		if f.isInt {
			out[f.name] = dschema.Int64Attribute{MarkdownDescription: f.desc, Computed: true}
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
			out[f.name] = rschema.Int64Attribute{MarkdownDescription: f.desc, Computed: true,
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

// curatedImageFields are the actions-hosted-runner-curated-image properties.
var curatedImageFields = []computedField{
	{name: "id", desc: "The image ID to use in a runner's `image.id`, such as `ubuntu-latest`."},
	{name: "platform", desc: "The operating system and architecture, such as `linux-x64`, `linux-arm64` or `win-x64`."},
	{name: "size_gb", isInt: true, desc: "The image size in GB."},
	{name: "display_name", desc: "The name GitHub shows for the image, such as `Ubuntu 24.04`."},
	{name: "source", desc: "Who provides the image: `github` (GitHub-owned) or `partner`."},
}

// curatedImageModel is a GitHub-owned or partner image.
type curatedImageModel struct {
	ID          types.String `tfsdk:"id"`
	Platform    types.String `tfsdk:"platform"`
	SizeGB      types.Int64  `tfsdk:"size_gb"`
	DisplayName types.String `tfsdk:"display_name"`
	Source      types.String `tfsdk:"source"`
}

func curatedImageFromAPI(img client.CuratedImage) curatedImageModel {
	return curatedImageModel{
		ID:          types.StringValue(img.ID),
		Platform:    types.StringValue(img.Platform),
		SizeGB:      types.Int64Value(img.SizeGB),
		DisplayName: types.StringValue(img.DisplayName),
		Source:      types.StringValue(img.Source),
	}
}

// customImageFields are the actions-hosted-runner-custom-image properties.
var customImageFields = []computedField{
	{name: "id", isInt: true, desc: "The image definition's numeric ID. Runners use it, as a string, in `image.id` with `image.source = \"custom\"`."},
	{name: "name", desc: "The image definition's name."},
	{name: "platform", desc: "The operating system and architecture of the image, such as `linux-x64`."},
	{name: "source", desc: "Always `custom`."},
	{name: "state", desc: "The image definition's state as GitHub reports it, such as `Ready`."},
	{name: "versions_count", isInt: true, desc: "How many versions the image definition has."},
	{name: "total_versions_size", isInt: true, desc: "The total size of all its versions, in GB."},
	{name: "latest_version", desc: "The highest version in state `Ready`, such as `1.1.0`; empty when there is none."},
}

// customImageModel is a custom image definition.
type customImageModel struct {
	ID                types.Int64  `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Platform          types.String `tfsdk:"platform"`
	Source            types.String `tfsdk:"source"`
	State             types.String `tfsdk:"state"`
	VersionsCount     types.Int64  `tfsdk:"versions_count"`
	TotalVersionsSize types.Int64  `tfsdk:"total_versions_size"`
	LatestVersion     types.String `tfsdk:"latest_version"`
}

func customImageFromAPI(img client.CustomImage) customImageModel {
	return customImageModel{
		ID:                types.Int64Value(img.ID),
		Name:              types.StringValue(img.Name),
		Platform:          types.StringValue(img.Platform),
		Source:            types.StringValue(img.Source),
		State:             types.StringValue(img.State),
		VersionsCount:     types.Int64Value(img.VersionsCount),
		TotalVersionsSize: types.Int64Value(img.TotalVersionsSize),
		LatestVersion:     types.StringValue(img.LatestVersion),
	}
}

// customImageVersionFields are the actions-hosted-runner-custom-image-version properties.
var customImageVersionFields = []computedField{
	{name: "version", desc: "The version, three dot-separated numbers such as `1.1.0`."},
	{name: "state", desc: "The version's state as GitHub reports it, such as `Ready` or `Failed`."},
	{name: "size_gb", isInt: true, desc: "The version's size in GB."},
	{name: "created_on", desc: "When the version was created, the text GitHub reports, such as `2024-11-09T23:39:01Z`."},
	{name: "state_details", desc: "GitHub's explanation of the state, such as why generating the version failed (`None` when there is nothing to say)."},
}

// customImageVersionModel is one version of a custom image definition.
type customImageVersionModel struct {
	Version      types.String `tfsdk:"version"`
	State        types.String `tfsdk:"state"`
	SizeGB       types.Int64  `tfsdk:"size_gb"`
	CreatedOn    types.String `tfsdk:"created_on"`
	StateDetails types.String `tfsdk:"state_details"`
}

func customImageVersionFromAPI(v client.CustomImageVersion) customImageVersionModel {
	return customImageVersionModel{
		Version:      types.StringValue(v.Version),
		State:        types.StringValue(v.State),
		SizeGB:       types.Int64Value(v.SizeGB),
		CreatedOn:    types.StringValue(v.CreatedOn),
		StateDetails: types.StringValue(v.StateDetails),
	}
}

// machineSizeFields are the actions-hosted-runner-machine-spec properties.
var machineSizeFields = []computedField{
	{name: "id", desc: "The machine size ID to use in a runner's `size`, such as `4-core`."},
	{name: "cpu_cores", isInt: true, desc: "The number of CPU cores."},
	{name: "memory_gb", isInt: true, desc: "The memory in GB."},
	{name: "storage_gb", isInt: true, desc: "The SSD storage in GB."},
}

// machineSizeModel is a machine size.
type machineSizeModel struct {
	ID        types.String `tfsdk:"id"`
	CPUCores  types.Int64  `tfsdk:"cpu_cores"`
	MemoryGB  types.Int64  `tfsdk:"memory_gb"`
	StorageGB types.Int64  `tfsdk:"storage_gb"`
}

func machineSizeFromAPI(s client.MachineSpec) machineSizeModel {
	return machineSizeModel{
		ID:        types.StringValue(s.ID),
		CPUCores:  types.Int64Value(s.CPUCores),
		MemoryGB:  types.Int64Value(s.MemoryGB),
		StorageGB: types.Int64Value(s.StorageGB),
	}
}

// mapAll maps every element of a list.
func mapAll[T, M any](in []T, fn func(T) M) []M {
	out := make([]M, 0, len(in))
	for _, v := range in {
		out = append(out, fn(v))
	}
	return out
}

// filter keeps the elements for which keep is true.
func filter[T any](in []T, keep func(T) bool) []T {
	out := make([]T, 0, len(in))
	for _, v := range in {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// selectOne returns the only element of matches. Otherwise it adds an error that says what
// was searched for and, when several matched, lists them with describe.
func selectOne[T any](diags *diag.Diagnostics, matches []T, noun, searched string, describe func(T) string) (T, bool) {
	var zero T
	switch len(matches) {
	case 1:
		return matches[0], true
	case 0:
		diags.AddError(titleCase(noun)+" Not Found", fmt.Sprintf("No %s matches %s.", noun, searched))
		return zero, false
	}
	names := mapAll(matches, describe)
	sort.Strings(names)
	diags.AddError("Several "+titleCase(noun)+"s Match", fmt.Sprintf("%d %ss match %s; narrow the search so that exactly one does. They are: %s.",
		len(matches), noun, searched, strings.Join(names, ", ")))
	return zero, false
}

// titleCase capitalizes every word, for diagnostic summaries.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// semanticVersion returns a MAJOR.MINOR.PATCH version in golang.org/x/mod/semver's form
// ("v1.2.0"), or "" for anything else.
func semanticVersion(v string) string {
	if !versionPattern.MatchString(v) || !semver.IsValid("v"+v) {
		return ""
	}
	return "v" + v
}

// latestReadyVersion returns the highest semantic version in state Ready.
func latestReadyVersion(versions []client.CustomImageVersion) (client.CustomImageVersion, bool) {
	var best client.CustomImageVersion
	bestVersion := ""
	for _, v := range versions {
		sv := semanticVersion(v.Version)
		if sv == "" || v.State != "Ready" {
			continue
		}
		if bestVersion == "" || semver.Compare(sv, bestVersion) > 0 {
			best, bestVersion = v, sv
		}
	}
	return best, bestVersion != ""
}

// smallestMachineSize returns the smallest size with at least the given resources (0 means
// no minimum). Sizes are ordered by CPU cores, then memory, then storage, then ID, so
// "smallest" is the one with the fewest cores, and ties go to less memory, then less storage,
// then the alphabetically first ID.
func smallestMachineSize(sizes []client.MachineSpec, minCPU, minMemory, minStorage int64) (client.MachineSpec, bool) {
	fits := filter(sizes, func(s client.MachineSpec) bool {
		return s.CPUCores >= minCPU && s.MemoryGB >= minMemory && s.StorageGB >= minStorage
	})
	if len(fits) == 0 {
		return client.MachineSpec{}, false
	}
	sort.SliceStable(fits, func(i, j int) bool {
		a, b := fits[i], fits[j]
		switch {
		case a.CPUCores != b.CPUCores:
			return a.CPUCores < b.CPUCores
		case a.MemoryGB != b.MemoryGB:
			return a.MemoryGB < b.MemoryGB
		case a.StorageGB != b.StorageGB:
			return a.StorageGB < b.StorageGB
		}
		return a.ID < b.ID
	})
	return fits[0], true
}

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

// optionalRegexp compiles a regular expression argument (checked at validate time by
// regexpValidator); a null one gives a nil expression, which matchesRegexp treats as "any".
func optionalRegexp(v types.String) (*regexp.Regexp, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	return regexp.Compile(v.ValueString())
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
