package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What the moves from integrations/github (hosted_runner_move_state.go and
// runner_group_move_state.go) share.

// ownerEnv names the organization that integrations/github keeps out of the state of its
// organization resources (it takes it from its provider's `owner`); that provider reads the
// same variable.
const ownerEnv = "GITHUB_OWNER"

// isIntegrationsGitHub reports whether addr is integrations/github on the Terraform or the
// OpenTofu registry.
func isIntegrationsGitHub(addr string) bool {
	switch strings.ToLower(addr) {
	case "registry.terraform.io/integrations/github", "registry.opentofu.org/integrations/github":
		return true
	}
	return false
}

// movesFrom reports whether req moves sourceType of integrations/github; a mover leaves
// every other request alone, and the framework reports that no mover accepted it.
//
// OpenTofu (1.12) may name this provider as the source of the second and later instances of
// a counted or for_each resource it moves: it reads the source provider from the resource in
// the previous run's state, which its move of the first instance already rewrote to this
// provider. This provider has no type of integrations/github's names, so the type decides.
func movesFrom(req resource.MoveStateRequest, sourceType string) bool {
	return req.SourceTypeName == sourceType &&
		(isIntegrationsGitHub(req.SourceProviderAddress) || isThisProvider(req.SourceProviderAddress))
}

// isThisProvider reports whether addr is this provider's type (githubactions), on any
// registry host and namespace.
func isThisProvider(addr string) bool {
	parts := strings.Split(strings.ToLower(addr), "/")
	return len(parts) == 3 && parts[2] == "githubactions"
}

// moveRefusal is the error of a source state that cannot be moved: what is wrong, and the
// import path to take instead.
func moveRefusal(summary, sourceType, what, importID string) diag.Diagnostic {
	return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
		"The %s state cannot be moved: %s. Import the object instead (import { to = ..., id = %q }) and remove the "+
			"old resource from state (a removed block with destroy = false, or terraform state rm).",
		sourceType, what, importID))
}

// checkSourceVersion refuses schema versions other than 0, the only one integrations/github
// has shipped for the moved types (up to v6.13.0 they declare no SchemaVersion and no state
// upgraders).
func checkSourceVersion(req resource.MoveStateRequest, importID string) diag.Diagnostics {
	var diags diag.Diagnostics
	if req.SourceSchemaVersion != 0 {
		diags.Append(moveRefusal("Unsupported Source Schema Version", req.SourceTypeName, fmt.Sprintf(
			"it is at schema version %d, and this provider moves schema version 0, the only one integrations/github "+
				"had shipped when this provider was released (upgrading this provider may help)", req.SourceSchemaVersion), importID))
	}
	return diags
}

// integrationsOwner returns the organization of an integrations/github object whose state
// holds none, from GITHUB_OWNER; what names the object for the error.
func integrationsOwner(sourceType, what, importID string) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	owner := strings.TrimSpace(os.Getenv(ownerEnv))
	if owner == "" || !slugPattern.MatchString(owner) {
		diags.AddError("Organization Unknown for Moved Resource", fmt.Sprintf(
			"The state of %s (%s) does not record its organization: integrations/github takes it from its provider's "+
				"owner, and Terraform gives a moved resource no access to the configuration. Set %s to that organization "+
				"(integrations/github reads the same variable) for the plan and apply that perform the move, for example "+
				"`%s=my-org terraform apply`, or import it instead with the id %q.",
			sourceType, what, ownerEnv, ownerEnv, importID))
		return "", diags
	}
	return owner, diags
}

// decodeSourceJSON unmarshals the source state's JSON into dst.
func decodeSourceJSON(req resource.MoveStateRequest, dst any, importID string) diag.Diagnostics {
	var diags diag.Diagnostics
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		diags.Append(moveRefusal("Source State Cannot Be Moved", req.SourceTypeName, "Terraform sent no JSON state for it", importID))
		return diags
	}
	if err := json.Unmarshal(req.SourceRawState.JSON, dst); err != nil {
		diags.Append(moveRefusal("Source State Cannot Be Moved", req.SourceTypeName,
			"its JSON does not decode as schema version 0: "+err.Error(), importID))
	}
	return diags
}
