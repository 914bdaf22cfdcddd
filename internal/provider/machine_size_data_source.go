package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*machineSizeDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*machineSizeDataSource)(nil)
)

// NewMachineSizeDataSource is the githubactions_machine_size data source.
func NewMachineSizeDataSource() datasource.DataSource { return &machineSizeDataSource{} }

type machineSizeDataSource struct {
	configuredDataSource
}

type machineSizeDataSourceModel struct {
	scopeModel
	machineSizeModel
	MinCPUCores  wholeNumberValue `tfsdk:"min_cpu_cores"`
	MinMemoryGB  wholeNumberValue `tfsdk:"min_memory_gb"`
	MinStorageGB wholeNumberValue `tfsdk:"min_storage_gb"`
}

const smallestRule = "The smallest size is the one with the fewest CPU cores; among sizes with as many cores, the one " +
	"with the least memory, then the least storage, then the alphabetically first ID."

func (d *machineSizeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttrs(machineSizeFields)
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The machine size ID to read, such as `4-core`. Set either `id` or at least one of the `min_*` arguments.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	minimum := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{
			CustomType:          wholeNumberType{},
			MarkdownDescription: "Select the smallest size with at least this " + what + ". Conflicts with `id`.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		}
	}
	attrs["min_cpu_cores"] = minimum("many CPU cores")
	attrs["min_memory_gb"] = minimum("much memory, in GB")
	attrs["min_storage_gb"] = minimum("much SSD storage, in GB")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one machine size: by ID, or the smallest size that has at least the given CPU cores, " +
			"memory and storage (unset minimums do not constrain). " + smallestRule + " It is an error when no size qualifies.",
		Attributes: withScope(attrs),
	}
}

func (d *machineSizeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_machine_size"
}

func (d *machineSizeDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	mins := []path.Expression{path.MatchRoot("min_cpu_cores"), path.MatchRoot("min_memory_gb"), path.MatchRoot("min_storage_gb")}
	return []datasource.ConfigValidator{
		datasourcevalidator.AtLeastOneOf(append([]path.Expression{path.MatchRoot("id")}, mins...)...),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), mins[0]),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), mins[1]),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), mins[2]),
	}
}

func (d *machineSizeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg machineSizeDataSourceModel
	ctx, cancel, c, scope, ok := d.startRead(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	defer cancel()
	sizes, err := c.ListMachineSizes(ctx, scope)
	if err != nil {
		d.data.addReadError(&resp.Diagnostics, "Unable to List Machine Sizes", err, scope)
		return
	}
	ids := strings.Join(mapAll(sizes, func(s client.MachineSpec) string {
		return fmt.Sprintf("%s (%d cores, %d GB memory, %d GB storage)", s.ID, s.CPUCores, s.MemoryGB, s.StorageGB)
	}), ", ")
	var found client.MachineSpec
	if !cfg.ID.IsNull() {
		id := cfg.ID.ValueString()
		var ok bool
		if found, ok = selectOne(&resp.Diagnostics, filter(sizes, func(s client.MachineSpec) bool { return s.ID == id }),
			"machine size", fmt.Sprintf("the ID %q; the %s %q offers: %s", id, scope.Noun(), scope.Name, ids),
			func(s client.MachineSpec) string { return s.ID }); !ok {
			return
		}
	} else {
		var ok bool
		found, ok = smallestMachineSize(sizes, cfg.MinCPUCores.ValueInt64(), cfg.MinMemoryGB.ValueInt64(), cfg.MinStorageGB.ValueInt64())
		if !ok {
			resp.Diagnostics.AddError("Machine Size Not Found", fmt.Sprintf(
				"No machine size has at least %d CPU cores, %d GB memory and %d GB storage; the %s %q offers: %s.",
				cfg.MinCPUCores.ValueInt64(), cfg.MinMemoryGB.ValueInt64(), cfg.MinStorageGB.ValueInt64(), scope.Noun(), scope.Name, ids))
			return
		}
	}
	cfg.machineSizeModel = machineSizeFromAPI(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
