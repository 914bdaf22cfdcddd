package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*customImageVersionsDataSource)(nil)

// NewCustomImageVersionsDataSource is the githubactions_custom_image_versions data source.
func NewCustomImageVersionsDataSource() datasource.DataSource {
	return &customImageVersionsDataSource{}
}

type customImageVersionsDataSource struct {
	configuredDataSource
}

type customImageVersionsDataSourceModel struct {
	scopeModel
	ImageDefinitionID wholeNumberValue          `tfsdk:"image_definition_id"`
	Versions          []customImageVersionModel `tfsdk:"versions"`
}

func (d *customImageVersionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_image_versions"
}

func (d *customImageVersionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the versions of one custom image definition, newest first as GitHub lists them, in every state " +
			"(including failed ones).",
		Attributes: withScope(map[string]schema.Attribute{
			"image_definition_id": imageDefinitionIDAttribute(),
			"versions": schema.ListNestedAttribute{
				MarkdownDescription: "The versions.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttrs(customImageVersionFields)},
			},
		}),
	}
}

func (d *customImageVersionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg customImageVersionsDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	versions, ok := listCustomImageVersions(ctx, &resp.Diagnostics, c, scope, cfg.ImageDefinitionID.ValueInt64())
	if !ok {
		return
	}
	cfg.Versions = mapAll(versions, customImageVersionFromAPI)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// imageDefinitionIDAttribute is the image_definition_id argument of the version data sources.
func imageDefinitionIDAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		CustomType:          wholeNumberType{},
		MarkdownDescription: "The numeric ID of the custom image definition (see the `githubactions_custom_image` data source).",
		Required:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
	}
}

// listCustomImageVersions lists an image definition's versions; a missing definition is an
// error that names it.
func listCustomImageVersions(ctx context.Context, diags *diag.Diagnostics, c *client.Client, scope client.Scope, id int64) ([]client.CustomImageVersion, bool) {
	versions, err := c.ListCustomImageVersions(ctx, scope, id)
	switch {
	case client.IsNotFound(err):
		diags.AddError("Custom Image Not Found", fmt.Sprintf("The %s %q has no custom image definition with ID %d "+
			"(or the credentials may not see it).", scope.Noun(), scope.Name, id))
		return nil, false
	case err != nil:
		addError(diags, "Unable to List Custom Image Versions", err, scope, nil)
		return nil, false
	}
	return versions, true
}
