package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*customImageDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*customImageDataSource)(nil)
)

// NewCustomImageDataSource is the githubactions_custom_image data source.
func NewCustomImageDataSource() datasource.DataSource { return &customImageDataSource{} }

type customImageDataSource struct {
	configuredDataSource
}

type customImageDataSourceModel struct {
	scopeModel
	customImageModel
}

func (d *customImageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_image"
}

func (d *customImageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttrs(customImageFields)
	attrs["id"] = schema.Int64Attribute{
		CustomType:          wholeNumberType{},
		MarkdownDescription: fieldDesc(customImageFields, "id") + " Exactly one of `id` and `name` is set.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The image definition's exact name. Exactly one of `id` and `name` is set; several definitions with that name are an error.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one custom image definition of an organization or enterprise, by ID or by name. " +
			"It is an error when none (or, by name, more than one) matches.",
		Attributes: withScope(attrs),
	}
}

func (d *customImageDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *customImageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customImageDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	var img *client.CustomImage
	if !cfg.ID.IsNull() {
		img = getCustomImage(ctx, &resp.Diagnostics, c, scope, cfg.ID.ValueInt64())
	} else {
		images, err := c.ListCustomImages(ctx, scope)
		if err != nil {
			d.data.addReadError(&resp.Diagnostics, "Unable to List Custom Images", err, scope)
			return
		}
		name := cfg.Name.ValueString()
		found, ok := selectFrom(&resp.Diagnostics, images, func(i client.CustomImage) bool { return i.Name == name },
			"custom image", fmt.Sprintf("the name %q among the %d image definitions of the %s %q", name, len(images), scope.Noun(), scope.Name),
			func(i client.CustomImage) string { return fmt.Sprintf("%s (ID %d)", i.Name, i.ID) })
		if ok {
			img = &found
		}
	}
	if img == nil {
		return
	}
	cfg.customImageModel = customImageFromAPI(*img)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// getCustomImage gets an image definition; a missing one is an error that names it.
func getCustomImage(ctx context.Context, diags *diag.Diagnostics, c *client.Client, scope client.Scope, id int64) *client.CustomImage {
	img, err := c.GetCustomImage(ctx, scope, id)
	switch {
	case client.IsNotFound(err):
		diags.AddError("Custom Image Not Found", fmt.Sprintf("The %s %q has no custom image definition with ID %d "+
			"(or the credentials may not see it).", scope.Noun(), scope.Name, id))
		return nil
	case err != nil:
		addError(diags, "Unable to Read Custom Image", err, scope, nil)
		return nil
	}
	return img
}
