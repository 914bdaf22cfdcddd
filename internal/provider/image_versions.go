package provider

import (
	"strconv"
	"strings"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// versionNumbers parses a MAJOR.MINOR.PATCH version; ok is false for anything else.
func versionNumbers(v string) (nums [3]int64, ok bool) {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return nums, false
	}
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 {
			return nums, false
		}
		nums[i] = n
	}
	return nums, true
}

// latestReadyVersion returns the highest semantic version in state Ready.
func latestReadyVersion(versions []client.CustomImageVersion) (client.CustomImageVersion, bool) {
	var best client.CustomImageVersion
	var bestNums [3]int64
	found := false
	for _, v := range versions {
		nums, ok := versionNumbers(v.Version)
		if !ok || v.State != "Ready" {
			continue
		}
		if !found || compareVersions(nums, bestNums) > 0 {
			best, bestNums, found = v, nums, true
		}
	}
	return best, found
}

func compareVersions(a, b [3]int64) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
