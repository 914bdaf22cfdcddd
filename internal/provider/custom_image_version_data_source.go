package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*customImageVersionDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*customImageVersionDataSource)(nil)
)

// NewCustomImageVersionDataSource is the githubactions_custom_image_version data source.
func NewCustomImageVersionDataSource() datasource.DataSource { return &customImageVersionDataSource{} }

type customImageVersionDataSource struct {
	configuredDataSource
}

type customImageVersionDataSourceModel struct {
	scopeModel
	ImageDefinitionID wholeNumberValue `tfsdk:"image_definition_id"`
	Latest            types.Bool       `tfsdk:"latest"`
	customImageVersionModel
}

func (d *customImageVersionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_image_version"
}

func (d *customImageVersionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttrs(customImageVersionFields)
	attrs["image_definition_id"] = imageDefinitionIDAttribute()
	attrs["version"] = schema.StringAttribute{
		MarkdownDescription: "The version to read, such as `1.1.0`. Exactly one of `version` and `latest` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.RegexMatches(versionPattern, "must be a version such as 1.1.0")},
	}
	attrs["latest"] = schema.BoolAttribute{
		MarkdownDescription: "Set to `true` to read the latest usable version: the highest semantic version (compared " +
			"number by number, so `1.10.0` is above `1.9.0`) among the versions in state `Ready`. Exactly one of " +
			"`version` and `latest` is set.",
		Optional:   true,
		Validators: []validator.Bool{boolvalidator.Equals(true)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one version of a custom image definition: a given version, or the latest one in state `Ready`. " +
			"It is an error when there is no such version.",
		Attributes: withScope(attrs),
	}
}

func (d *customImageVersionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("version"), path.MatchRoot("latest")),
	}
}

func (d *customImageVersionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customImageVersionDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	id := cfg.ImageDefinitionID.ValueInt64()
	var found *client.CustomImageVersion
	if !cfg.Version.IsNull() {
		found = getCustomImageVersion(ctx, &resp.Diagnostics, c, scope, id, cfg.Version.ValueString())
	} else {
		versions, ok := listCustomImageVersions(ctx, &resp.Diagnostics, c, scope, id)
		if !ok {
			return
		}
		latest, ok := latestReadyVersion(versions)
		if !ok {
			resp.Diagnostics.AddAttributeError(path.Root("latest"), "Custom Image Version Not Found",
				fmt.Sprintf("Custom image %d of the %s %q has no version in state Ready (it has %d versions in all).",
					id, scope.Noun(), scope.Name, len(versions)))
			return
		}
		found = &latest
	}
	if found == nil {
		return
	}
	cfg.customImageVersionModel = customImageVersionFromAPI(*found)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// getCustomImageVersion gets one version; a missing image or version is an error that names it.
func getCustomImageVersion(ctx context.Context, diags *diag.Diagnostics, c *client.Client, scope client.Scope, id int64, version string) *client.CustomImageVersion {
	v, err := c.GetCustomImageVersion(ctx, scope, id, version)
	switch {
	case client.IsNotFound(err):
		diags.AddError("Custom Image Version Not Found", fmt.Sprintf("The %s %q has no version %q of custom image %d "+
			"(either the image definition or that version does not exist, or the credentials may not see it).",
			scope.Noun(), scope.Name, version, id))
		return nil
	case err != nil:
		addError(diags, "Unable to Read Custom Image Version", err, scope, nil)
		return nil
	}
	return v
}
