package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*runnerImagesDataSource)(nil)

// NewRunnerImagesDataSource is the githubactions_runner_images data source.
func NewRunnerImagesDataSource() datasource.DataSource { return &runnerImagesDataSource{} }

type runnerImagesDataSource struct {
	configuredDataSource
}

type runnerImagesDataSourceModel struct {
	scopeModel
	Source   types.String        `tfsdk:"source"`
	Platform types.String        `tfsdk:"platform"`
	Images   []curatedImageModel `tfsdk:"images"`
}

func (d *runnerImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_runner_images"
}

func (d *runnerImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the curated images a GitHub-hosted runner can boot: GitHub-owned images or partner images, " +
			"optionally of one platform. Custom images are listed by `githubactions_custom_images`.",
		Attributes: withScope(map[string]schema.Attribute{
			"source":   curatedSourceAttribute(),
			"platform": curatedPlatformAttribute("Keep only images of this platform"),
			"images": schema.ListNestedAttribute{
				MarkdownDescription: "The images, in the order GitHub lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttrs(curatedImageFields)},
			},
		}),
	}
}

func (d *runnerImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg runnerImagesDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	resp.Diagnostics.Append(d.data.checkPlatformFilter(ctx, c, scope, cfg.Platform)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Source = curatedSource(cfg.Source)
	images, err := listCuratedImages(ctx, c, scope, cfg.Source.ValueString())
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Runner Images", err, scope)
		return
	}
	cfg.Images = mapAll(selectCuratedImages(images, curatedImageQuery{platform: cfg.Platform}), curatedImageFromAPI)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// curatedSourceAttribute is the `source` argument of both runner image data sources.
func curatedSourceAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Which curated images to read: `github` (GitHub-owned images, the default) or `partner` (images maintained by GitHub's partners).",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.OneOf(client.SourceGitHub, client.SourcePartner)},
	}
}

func curatedPlatformAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: what + ", such as `linux-x64`, `linux-arm64` or `win-x64` (see the `githubactions_platforms` data source).",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// curatedSource applies the default source, github.
func curatedSource(v types.String) types.String {
	if v.IsNull() || v.IsUnknown() {
		return types.StringValue(client.SourceGitHub)
	}
	return v
}

// listCuratedImages lists the GitHub-owned or the partner images.
func listCuratedImages(ctx context.Context, c *client.Client, scope client.Scope, source string) ([]client.CuratedImage, error) {
	if source == client.SourcePartner {
		return c.ListPartnerImages(ctx, scope)
	}
	return c.ListGitHubOwnedImages(ctx, scope)
}

// curatedImageQuery selects curated images; null values and a nil regexp match anything.
type curatedImageQuery struct {
	id, platform, displayName types.String
	displayNameRegex          *regexp.Regexp
}

// selectCuratedImages keeps the images that match every part of q.
func selectCuratedImages(images []client.CuratedImage, q curatedImageQuery) []client.CuratedImage {
	return filter(images, q.matches)
}

// matches reports whether img matches every part of q.
func (q curatedImageQuery) matches(img client.CuratedImage) bool {
	return matches(q.id, img.ID) && matches(q.platform, img.Platform) && matches(q.displayName, img.DisplayName) &&
		matchesRegexp(q.displayNameRegex, img.DisplayName)
}

// String says what q searched for, for error messages.
func (q curatedImageQuery) String() string {
	s := ""
	add := func(part string) {
		if s != "" {
			s += " and "
		}
		s += part
	}
	if !q.id.IsNull() {
		add(fmt.Sprintf("id %q", q.id.ValueString()))
	}
	if !q.platform.IsNull() {
		add(fmt.Sprintf("platform %q", q.platform.ValueString()))
	}
	if !q.displayName.IsNull() {
		add(fmt.Sprintf("display_name %q", q.displayName.ValueString()))
	}
	if q.displayNameRegex != nil {
		add(fmt.Sprintf("display_name_regex %q", q.displayNameRegex.String()))
	}
	return s
}
