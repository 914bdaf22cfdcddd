package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestMovesFrom: a move is taken from integrations/github on either registry, and from this
// provider's own address, which OpenTofu names as the source of a counted resource's later
// instances; never from another provider or of another type.
func TestMovesFrom(t *testing.T) {
	const src = "github_actions_hosted_runner"
	for addr, want := range map[string]bool{
		"registry.terraform.io/integrations/github":       true,
		"registry.opentofu.org/integrations/github":       true,
		"registry.opentofu.org/hashicorp/githubactions":   true,
		"registry.terraform.io/runnerforge/githubactions": true,
		"registry.terraform.io/hashicorp/aws":             false,
		"registry.terraform.io/someone/github-actions":    false,
		"githubactions": false,
	} {
		if got := movesFrom(resource.MoveStateRequest{SourceProviderAddress: addr, SourceTypeName: src}, src); got != want {
			t.Errorf("move of %s from %s: %t, want %t", src, addr, got, want)
		}
	}
	if movesFrom(resource.MoveStateRequest{SourceProviderAddress: "registry.terraform.io/integrations/github", SourceTypeName: "github_repository"}, src) {
		t.Error("a move of another type was taken")
	}
}
