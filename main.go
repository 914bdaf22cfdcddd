// Command terraform-provider-githubactions is a Terraform and OpenTofu provider for
// GitHub-hosted Actions runners.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/runnerforge/terraform-provider-githubactions/internal/provider"
)

// softMemoryLimit is the garbage collector's target for the whole process.
const softMemoryLimit = 64 << 20

// version is set by the release build (goreleaser's -ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// The provider's live heap is small even for large fleets; a soft memory limit stops the
	// garbage collector from letting it double between collections. GOMEMLIMIT, when set, wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/runnerforge/githubactions",
		Debug:           debugMode,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
