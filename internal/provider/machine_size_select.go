package provider

import (
	"sort"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// smallestMachineSize returns the smallest size with at least the given resources (0 means
// no minimum). Sizes are ordered by CPU cores, then memory, then storage, then ID, so
// "smallest" is the one with the fewest cores, and ties go to less memory, then less storage,
// then the alphabetically first ID.
func smallestMachineSize(sizes []client.MachineSpec, minCPU, minMemory, minStorage int64) (client.MachineSpec, bool) {
	fits := filter(sizes, func(s client.MachineSpec) bool {
		return s.CPUCores >= minCPU && s.MemoryGB >= minMemory && s.StorageGB >= minStorage
	})
	if len(fits) == 0 {
		return client.MachineSpec{}, false
	}
	sort.SliceStable(fits, func(i, j int) bool {
		a, b := fits[i], fits[j]
		switch {
		case a.CPUCores != b.CPUCores:
			return a.CPUCores < b.CPUCores
		case a.MemoryGB != b.MemoryGB:
			return a.MemoryGB < b.MemoryGB
		case a.StorageGB != b.StorageGB:
			return a.StorageGB < b.StorageGB
		}
		return a.ID < b.ID
	})
	return fits[0], true
}
