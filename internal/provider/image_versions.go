package provider

import (
	"golang.org/x/mod/semver"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// semanticVersion returns a MAJOR.MINOR.PATCH version in golang.org/x/mod/semver's form
// ("v1.2.0"), or "" for anything else.
func semanticVersion(v string) string {
	if !versionPattern.MatchString(v) || !semver.IsValid("v"+v) {
		return ""
	}
	return "v" + v
}

// latestReadyVersion returns the highest semantic version in state Ready.
func latestReadyVersion(versions []client.CustomImageVersion) (client.CustomImageVersion, bool) {
	var best client.CustomImageVersion
	bestVersion := ""
	for _, v := range versions {
		sv := semanticVersion(v.Version)
		if sv == "" || v.State != "Ready" {
			continue
		}
		if bestVersion == "" || semver.Compare(sv, bestVersion) > 0 {
			best, bestVersion = v, sv
		}
	}
	return best, bestVersion != ""
}
