package provider

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccHostedRunner_realGitHub runs the runner lifecycle against real GitHub. It is off unless
// GITHUBACTIONS_ACC_REAL=1, with GITHUB_TOKEN (manage_runners:org) and GITHUBACTIONS_ACC_ORG
// naming a test organization; it creates and deletes a real, billed runner.
func TestAccHostedRunner_realGitHub(t *testing.T) {
	org := os.Getenv("GITHUBACTIONS_ACC_ORG")
	if os.Getenv("GITHUBACTIONS_ACC_REAL") != "1" || org == "" || os.Getenv("GITHUB_TOKEN") == "" {
		t.Skip("set GITHUBACTIONS_ACC_REAL=1, GITHUB_TOKEN and GITHUBACTIONS_ACC_ORG to run against real GitHub")
	}
	name := fmt.Sprintf("tf-acc-%d", time.Now().Unix())
	config := func(maximum int) string {
		return providerBlock() + hclBlock(`resource "githubactions_hosted_runner" "test"`,
			fmt.Sprintf("organization    = %q", org),
			fmt.Sprintf("name            = %q", name),
			`image           = { id = "ubuntu-latest" }`,
			`size            = "2-core"`,
			fmt.Sprintf("maximum_runners = %d", maximum))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"githubactions": providerserver.NewProtocol6WithError(New("acc")()),
		},
		Steps: []resource.TestStep{
			{
				Config: config(1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(runnerAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            runnerAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"status", "last_active_on"},
				ImportStateIdFunc:       runnerImportID(scopeCase{path: "orgs/" + org}),
			},
			{
				Config: config(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runnerAddr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}
