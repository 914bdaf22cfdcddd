package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// Attribute types of the nested values of a runner, shared by the resource and data sources.
var (
	runnerImageAttrTypes = map[string]attr.Type{
		"id":      types.StringType,
		"source":  types.StringType,
		"version": types.StringType,
	}
	imageDetailsAttrTypes = map[string]attr.Type{
		"id":           types.StringType,
		"size_gb":      types.Int64Type,
		"display_name": types.StringType,
		"source":       types.StringType,
		"version":      types.StringType,
	}
	machineSizeAttrTypes = map[string]attr.Type{
		"id":         types.StringType,
		"cpu_cores":  types.Int64Type,
		"memory_gb":  types.Int64Type,
		"storage_gb": types.Int64Type,
	}
	publicIPAttrTypes = map[string]attr.Type{
		"enabled": types.BoolType,
		"prefix":  types.StringType,
		"length":  types.Int64Type,
	}
)

// runnerImageModel is the `image` argument.
type runnerImageModel struct {
	ID      types.String `tfsdk:"id"`
	Source  types.String `tfsdk:"source"`
	Version types.String `tfsdk:"version"`
}

// runnerAttrs are a runner's attributes as GitHub reports them, shared by the resource and the
// data sources (embedded in their models).
type runnerAttrs struct {
	ID                 types.String     `tfsdk:"id"`
	Name               types.String     `tfsdk:"name"`
	Image              types.Object     `tfsdk:"image"`
	Size               types.String     `tfsdk:"size"`
	RunnerGroupID      wholeNumberValue `tfsdk:"runner_group_id"`
	MaximumRunners     wholeNumberValue `tfsdk:"maximum_runners"`
	EnableStaticIP     types.Bool       `tfsdk:"enable_static_ip"`
	ImageGen           types.Bool       `tfsdk:"image_gen"`
	Platform           types.String     `tfsdk:"platform"`
	Status             types.String     `tfsdk:"status"`
	PublicIPEnabled    types.Bool       `tfsdk:"public_ip_enabled"`
	PublicIPs          types.List       `tfsdk:"public_ips"`
	MachineSizeDetails types.Object     `tfsdk:"machine_size_details"`
	ImageDetails       types.Object     `tfsdk:"image_details"`
	LastActiveOn       types.String     `tfsdk:"last_active_on"`
}

// runnerAttrsFromAPI maps a runner. prior is the state or plan it refreshes, nil on import and
// in data sources: it keeps a custom image's version null when the configuration left it out,
// and fills what a lenient server omits.
func runnerAttrsFromAPI(r *client.HostedRunner, prior *runnerAttrs) (runnerAttrs, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := runnerAttrs{
		ID:              types.StringValue(strconv.FormatInt(r.ID, 10)),
		Name:            types.StringValue(r.Name),
		Size:            types.StringValue(r.MachineSizeDetails.ID),
		RunnerGroupID:   wholeNumber(types.Int64PointerValue(r.RunnerGroupID)),
		MaximumRunners:  wholeNumber(types.Int64Value(r.Maximum())),
		EnableStaticIP:  types.BoolValue(r.PublicIPEnabled),
		ImageGen:        types.BoolValue(r.ImageGen != nil && *r.ImageGen),
		Platform:        types.StringValue(r.Platform),
		Status:          types.StringValue(r.Status),
		PublicIPEnabled: types.BoolValue(r.PublicIPEnabled),
		LastActiveOn:    types.StringPointerValue(r.LastActiveOn),
	}
	// runner_group_id, maximum_runners and image_gen are optional in GitHub's schema: where an
	// answer leaves one out, the value it refreshes stands.
	if prior != nil {
		if r.RunnerGroupID == nil && known(prior.RunnerGroupID) {
			out.RunnerGroupID = prior.RunnerGroupID
		}
		if r.MaximumRunners == nil && known(prior.MaximumRunners) {
			out.MaximumRunners = prior.MaximumRunners
		}
		if r.ImageGen == nil && known(prior.ImageGen) {
			out.ImageGen = prior.ImageGen
		}
	}

	ips := make([]attr.Value, 0, len(r.PublicIPs))
	for _, ip := range r.PublicIPs {
		v, d := types.ObjectValue(publicIPAttrTypes, map[string]attr.Value{
			"enabled": types.BoolValue(ip.Enabled),
			"prefix":  types.StringValue(ip.Prefix),
			"length":  types.Int64Value(ip.Length),
		})
		diags.Append(d...)
		ips = append(ips, v)
	}
	var d diag.Diagnostics
	out.PublicIPs, d = types.ListValue(types.ObjectType{AttrTypes: publicIPAttrTypes}, ips)
	diags.Append(d...)

	m := r.MachineSizeDetails
	out.MachineSizeDetails, d = types.ObjectValue(machineSizeAttrTypes, map[string]attr.Value{
		"id":         types.StringValue(m.ID),
		"cpu_cores":  types.Int64Value(m.CPUCores),
		"memory_gb":  types.Int64Value(m.MemoryGB),
		"storage_gb": types.Int64Value(m.StorageGB),
	})
	diags.Append(d...)

	out.Image, out.ImageDetails = types.ObjectNull(runnerImageAttrTypes), types.ObjectNull(imageDetailsAttrTypes)
	if prior != nil && known(prior.Image) {
		out.Image = prior.Image
	}
	if img := r.ImageDetails; img != nil {
		out.ImageDetails, d = types.ObjectValue(imageDetailsAttrTypes, map[string]attr.Value{
			"id":           types.StringValue(img.ID),
			"size_gb":      types.Int64Value(img.SizeGB),
			"display_name": types.StringValue(img.DisplayName),
			"source":       types.StringValue(img.Source),
			"version":      optionalString(img.Version),
		})
		diags.Append(d...)
		// GitHub may also report a floating version such as "latest", which is not a pinned
		// version and stays out of `image`.
		version := types.StringNull()
		if img.Source == client.SourceCustom && versionPattern.MatchString(img.Version) && !priorVersionOmitted(prior) {
			version = types.StringValue(img.Version)
		}
		out.Image, d = types.ObjectValue(runnerImageAttrTypes, map[string]attr.Value{
			"id":      types.StringValue(img.ID),
			"source":  types.StringValue(img.Source),
			"version": version,
		})
		diags.Append(d...)
	}
	return out, diags
}

// priorVersionOmitted reports a configuration that chose a custom image without pinning a version.
func priorVersionOmitted(prior *runnerAttrs) bool {
	if prior == nil || !known(prior.Image) {
		return false
	}
	v, ok := prior.Image.Attributes()["version"].(types.String)
	return ok && v.IsNull()
}

// image decodes the `image` argument.
func (a runnerAttrs) image(ctx context.Context) (runnerImageModel, diag.Diagnostics) {
	var img runnerImageModel
	diags := a.Image.As(ctx, &img, objectAsOptions)
	return img, diags
}
