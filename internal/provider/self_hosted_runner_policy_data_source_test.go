package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccSelfHostedRunnerPolicyDataSource reads the policy of an organization (selected
// repositories, then all) and of an enterprise.
func TestAccSelfHostedRunnerPolicyDataSource(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{})
	repos := e.Mock.Repositories("orgs/acme")
	e.Mock.SetSelfHostedRunnerPolicy("orgs/acme", mockgithub.SelfHostedRunnerPolicy{
		EnabledRepositories: "selected", SelectedRepositoryIDs: []int64{repos[3].ID, repos[1].ID},
	})
	e.Mock.SetSelfHostedRunnerPolicy("enterprises/acme-corp", mockgithub.SelfHostedRunnerPolicy{DisableForAllOrgs: true})
	cfg := e.providerConfig() + `
data "githubactions_self_hosted_runner_policy" "org" {
  organization = "acme"
}

data "githubactions_self_hosted_runner_policy" "ent" {
  enterprise = "acme-corp"
}
`
	org, ent := "data.githubactions_self_hosted_runner_policy.org", "data.githubactions_self_hosted_runner_policy.ent"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(org, tfjsonpath.New("id"), knownvalue.StringExact("orgs/acme")),
					statecheck.ExpectKnownValue(org, tfjsonpath.New("enabled_repositories"), knownvalue.StringExact("selected")),
					statecheck.ExpectKnownValue(org, tfjsonpath.New("selected_repository_ids"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.Int64Exact(repos[1].ID), knownvalue.Int64Exact(repos[3].ID),
					})),
					statecheck.ExpectKnownValue(org, tfjsonpath.New("disable_self_hosted_runners_for_all_orgs"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ent, tfjsonpath.New("disable_self_hosted_runners_for_all_orgs"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ent, tfjsonpath.New("enabled_repositories"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() {
					e.Mock.SetSelfHostedRunnerPolicy("orgs/acme", mockgithub.SelfHostedRunnerPolicy{EnabledRepositories: "all"})
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(org, tfjsonpath.New("enabled_repositories"), knownvalue.StringExact("all")),
					statecheck.ExpectKnownValue(org, tfjsonpath.New("selected_repository_ids"), knownvalue.Null()),
				},
			},
			{
				Config: e.providerConfig() + `
data "githubactions_self_hosted_runner_policy" "missing" {
  organization = "nobody"
}
`,
				ExpectError: regexp.MustCompile(fmt.Sprintf("(?s)Unable to Read Self-Hosted Runner Policy.*%s", "404")),
			},
		},
	})
}
