package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// This file holds one model, one mapping and one set of attribute descriptions per catalog
// object (curated image, custom image, custom image version, machine size), shared by the
// list and single data sources and by the custom image resources.

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
	{name: "id", isInt: true, wholeNumber: true, desc: "The image definition's numeric ID. Runners use it, as a string, in `image.id` with `image.source = \"custom\"`."},
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
	ID                wholeNumberValue `tfsdk:"id"`
	Name              types.String     `tfsdk:"name"`
	Platform          types.String     `tfsdk:"platform"`
	Source            types.String     `tfsdk:"source"`
	State             types.String     `tfsdk:"state"`
	VersionsCount     types.Int64      `tfsdk:"versions_count"`
	TotalVersionsSize types.Int64      `tfsdk:"total_versions_size"`
	LatestVersion     types.String     `tfsdk:"latest_version"`
}

func customImageFromAPI(img client.CustomImage) customImageModel {
	return customImageModel{
		ID:                wholeNumber(types.Int64Value(img.ID)),
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
