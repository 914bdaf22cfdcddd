package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*runnerImageDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*runnerImageDataSource)(nil)
)

// NewRunnerImageDataSource is the githubactions_runner_image data source.
func NewRunnerImageDataSource() datasource.DataSource { return &runnerImageDataSource{} }

type runnerImageDataSource struct {
	configuredDataSource
}

type runnerImageDataSourceModel struct {
	scopeModel
	curatedImageModel
	DisplayNameRegex types.String `tfsdk:"display_name_regex"`
}

func (d *runnerImageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_runner_image"
}

func (d *runnerImageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttrs(curatedImageFields)
	attrs["source"] = curatedSourceAttribute()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The image ID, such as `ubuntu-latest`. Exactly one of `id` and `platform` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	platform := curatedPlatformAttribute("The image's platform")
	platform.MarkdownDescription += " Exactly one of `id` and `platform` is set; with `platform`, `display_name` or " +
		"`display_name_regex` narrows the search."
	platform.Computed = true
	attrs["platform"] = platform
	attrs["display_name"] = schema.StringAttribute{
		MarkdownDescription: "The image's exact display name, such as `Ubuntu 24.04`; only with `platform`. Conflicts with `display_name_regex`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["display_name_regex"] = schema.StringAttribute{
		MarkdownDescription: "A regular expression (RE2 syntax, unanchored) the display name must match, such as `^Ubuntu 2[24]\\\\.04$`; " +
			"only with `platform`. Conflicts with `display_name`.",
		Optional:   true,
		Validators: []validator.String{regexpValidator{}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds one curated image (GitHub-owned by default, or partner) by ID, or by platform and display name. " +
			"It is an error when no image or more than one image matches; the error lists the images that matched.",
		Attributes: withScope(attrs),
	}
}

func (d *runnerImageDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("platform")),
		datasourcevalidator.Conflicting(path.MatchRoot("display_name"), path.MatchRoot("display_name_regex")),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("display_name")),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("display_name_regex")),
	}
}

func (d *runnerImageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg runnerImageDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	re := argumentRegexp(&resp.Diagnostics, cfg.DisplayNameRegex, "display_name_regex")
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(d.data.checkPlatformFilter(ctx, c, scope, cfg.Platform)...)
	if resp.Diagnostics.HasError() {
		return
	}
	source := curatedSource(cfg.Source).ValueString()
	images, err := listCuratedImages(ctx, c, scope, source)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Runner Images", err, scope)
		return
	}
	q := curatedImageQuery{id: cfg.ID, platform: cfg.Platform, displayName: cfg.DisplayName, displayNameRegex: re}
	found, ok := selectFrom(&resp.Diagnostics, images, q.matches, "runner image",
		fmt.Sprintf("%s among the %d %s images of the %s %q", q, len(images), source, scope.Noun(), scope.Name),
		func(img client.CuratedImage) string {
			return fmt.Sprintf("%s (%q, %s)", img.ID, img.DisplayName, img.Platform)
		})
	if !ok {
		return
	}
	cfg.curatedImageModel = curatedImageFromAPI(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
