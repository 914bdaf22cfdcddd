package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*customImagesDataSource)(nil)

// NewCustomImagesDataSource is the githubactions_custom_images data source.
func NewCustomImagesDataSource() datasource.DataSource { return &customImagesDataSource{} }

type customImagesDataSource struct {
	configuredDataSource
}

type customImagesDataSourceModel struct {
	scopeModel
	Images []customImageModel `tfsdk:"images"`
}

func (d *customImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_images"
}

func (d *customImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the custom image definitions of an organization or enterprise. Custom images are made by " +
			"runners with `image_gen = true`; each definition has versions (see `githubactions_custom_image_versions`).",
		Attributes: withScope(map[string]schema.Attribute{
			"images": schema.ListNestedAttribute{
				MarkdownDescription: "The image definitions, in the order GitHub lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttrs(customImageFields)},
			},
		}),
	}
}

func (d *customImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customImagesDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	images, err := c.ListCustomImages(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Custom Images", err, scope)
		return
	}
	cfg.Images = mapAll(images, customImageFromAPI)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
