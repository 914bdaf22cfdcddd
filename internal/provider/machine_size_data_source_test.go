package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

func TestAccMachineSizePlatformAndLimitDataSources(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{PublicIPBaseUsage: 3})
		e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "static", ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1, EnableStaticIP: true})
		scoped := sc.attr + " = \"" + sc.owner + "\"\n"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config: e.providerConfig() + `
data "githubactions_machine_sizes" "all" {
  ` + scoped + `
}
data "githubactions_machine_size" "by_id" {
  ` + scoped + `
  id = "16-core"
}
data "githubactions_machine_size" "smallest" {
  ` + scoped + `
  min_cpu_cores = 3
  min_memory_gb = 20
}
data "githubactions_machine_size" "storage" {
  ` + scoped + `
  min_storage_gb = 1000
}
data "githubactions_platforms" "all" {
  ` + scoped + `
}
data "githubactions_limits" "ips" {
  ` + scoped + `
}
`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.githubactions_machine_sizes.all", tfjsonpath.New("machine_sizes"), knownvalue.ListSizeExact(6)),
						statecheck.ExpectKnownValue("data.githubactions_machine_sizes.all", tfjsonpath.New("machine_sizes").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("2-core"), "cpu_cores": knownvalue.Int64Exact(2),
							"memory_gb": knownvalue.Int64Exact(8), "storage_gb": knownvalue.Int64Exact(75),
						})),
						statecheck.ExpectKnownValue("data.githubactions_machine_size.by_id", tfjsonpath.New("memory_gb"), knownvalue.Int64Exact(64)),
						statecheck.ExpectKnownValue("data.githubactions_machine_size.smallest", tfjsonpath.New("id"), knownvalue.StringExact("8-core")),
						statecheck.ExpectKnownValue("data.githubactions_machine_size.storage", tfjsonpath.New("id"), knownvalue.StringExact("32-core")),
						statecheck.ExpectKnownValue("data.githubactions_platforms.all", tfjsonpath.New("platforms"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("linux-x64"), knownvalue.StringExact("linux-arm64"), knownvalue.StringExact("win-x64"),
						})),
						statecheck.ExpectKnownValue("data.githubactions_limits.ips", tfjsonpath.New("maximum"), knownvalue.Int64Exact(50)),
						statecheck.ExpectKnownValue("data.githubactions_limits.ips", tfjsonpath.New("current_usage"), knownvalue.Int64Exact(4)),
						statecheck.ExpectKnownValue("data.githubactions_limits.ips", tfjsonpath.New("available"), knownvalue.Int64Exact(46)),
					},
				},
				{
					Config:      dataConfig(e, sc, "githubactions_machine_size", "id = \"4-core\"\nmin_cpu_cores = 2"),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_machine_size", ""),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Missing Attribute Configuration`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_machine_size", `id = "3-core"`),
					ExpectError: regexp.MustCompile(`(?s)Machine Size Not Found.*the ID "3-core"`),
				},
				{
					Config:      dataConfig(e, sc, "githubactions_machine_size", "min_cpu_cores = 128"),
					ExpectError: regexp.MustCompile(`(?s)Machine Size Not Found.*at\s+least\s+128\s+CPU\s+cores`),
				},
			},
		})
	})
}

// TestSmallestMachineSize checks the documented order: cores, then memory, then storage, then ID.
func TestSmallestMachineSize(t *testing.T) {
	sizes := []client.MachineSpec{
		{ID: "b-4", CPUCores: 4, MemoryGB: 16, StorageGB: 150},
		{ID: "a-4", CPUCores: 4, MemoryGB: 16, StorageGB: 150},
		{ID: "4-more-mem", CPUCores: 4, MemoryGB: 32, StorageGB: 100},
		{ID: "4-less-disk", CPUCores: 4, MemoryGB: 16, StorageGB: 100},
		{ID: "8", CPUCores: 8, MemoryGB: 8, StorageGB: 50},
	}
	for _, tc := range []struct {
		cpu, mem, disk int64
		want           string
	}{
		{0, 0, 0, "4-less-disk"},
		{4, 16, 150, "a-4"},
		{0, 20, 0, "4-more-mem"},
		{5, 0, 0, "8"},
		{0, 0, 200, ""},
	} {
		got, ok := smallestMachineSize(sizes, tc.cpu, tc.mem, tc.disk)
		if ok != (tc.want != "") || got.ID != tc.want {
			t.Errorf("smallestMachineSize(%d, %d, %d) = %q, %v; want %q", tc.cpu, tc.mem, tc.disk, got.ID, ok, tc.want)
		}
	}
}

func TestLatestReadyVersion(t *testing.T) {
	got, ok := latestReadyVersion([]client.CustomImageVersion{
		{Version: "1.9.0", State: "Ready"}, {Version: "1.10.0", State: "Ready"}, {Version: "2.0.0", State: "Failed"}, {Version: "junk", State: "Ready"},
	})
	if !ok || got.Version != "1.10.0" {
		t.Fatalf("latestReadyVersion = %q, %v; want 1.10.0", got.Version, ok)
	}
	if _, ok := latestReadyVersion([]client.CustomImageVersion{{Version: "1.0.0", State: "Failed"}}); ok {
		t.Fatal("latestReadyVersion found a version when none is Ready")
	}
}
