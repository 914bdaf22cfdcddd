package mockgithub

import "slices"

// operation is one REST operation of the OpenAPI descriptions, served for an existing
// organization or enterprise (the pattern's {org} or {enterprise}).
type operation struct {
	pattern string // the ServeMux pattern: the method and the description's path, wildcards named as there
	forApps bool   // enabledForGitHubApps: installation tokens may call it
	oauth   string // X-Accepted-OAuth-Scopes ("" when the description states none)
	handle  func(m *Mock, c *call)
}

// OAuth scopes that the descriptions name for each family of operations.
const (
	hostedOrgScope = "manage_runners:org"
	entGroupScope  = "manage_runners:enterprise"
	orgGroupScope  = "admin:org"
	netReadScope   = "read:network_configurations"
	netWriteScope  = "write:network_configurations"
)

// hostedRunnerOperations are the 32 of hosted-runners.openapi.yaml.
var hostedRunnerOperations = []operation{
	{pattern: "GET /orgs/{org}/actions/hosted-runners", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listRunners},
	{pattern: "POST /orgs/{org}/actions/hosted-runners", forApps: true, oauth: hostedOrgScope, handle: (*Mock).createRunner},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/custom", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listCustomImages},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).getCustomImage},
	{pattern: "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).deleteCustomImage},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listCustomImageVersions},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).getCustomImageVersion},
	{pattern: "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).deleteCustomImageVersion},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/github-owned", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listGitHubImages},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/images/partner", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listPartnerImages},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/limits", forApps: true, oauth: hostedOrgScope, handle: (*Mock).getLimits},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/machine-sizes", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listMachineSizes},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/platforms", forApps: true, oauth: hostedOrgScope, handle: (*Mock).listPlatforms},
	{pattern: "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).getRunner},
	{pattern: "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}", forApps: true, oauth: hostedOrgScope, handle: (*Mock).updateRunner},
	{pattern: "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}", oauth: hostedOrgScope, handle: (*Mock).deleteRunner},

	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners", oauth: entGroupScope, handle: (*Mock).listRunners},
	{pattern: "POST /enterprises/{enterprise}/actions/hosted-runners", oauth: entGroupScope, handle: (*Mock).createRunner},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/custom", oauth: entGroupScope, handle: (*Mock).listCustomImages},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}", oauth: entGroupScope, handle: (*Mock).getCustomImage},
	{pattern: "DELETE /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}", oauth: entGroupScope, handle: (*Mock).deleteCustomImage},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions", oauth: entGroupScope, handle: (*Mock).listCustomImageVersions},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", oauth: entGroupScope, handle: (*Mock).getCustomImageVersion},
	{pattern: "DELETE /enterprises/{enterprise}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}", oauth: entGroupScope, handle: (*Mock).deleteCustomImageVersion},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/github-owned", oauth: entGroupScope, handle: (*Mock).listGitHubImages},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/images/partner", oauth: entGroupScope, handle: (*Mock).listPartnerImages},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/limits", oauth: entGroupScope, handle: (*Mock).getLimits},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/machine-sizes", oauth: entGroupScope, handle: (*Mock).listMachineSizes},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/platforms", oauth: entGroupScope, handle: (*Mock).listPlatforms},
	{pattern: "GET /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}", forApps: true, oauth: entGroupScope, handle: (*Mock).getRunner},
	{pattern: "PATCH /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}", oauth: entGroupScope, handle: (*Mock).updateRunner},
	{pattern: "DELETE /enterprises/{enterprise}/actions/hosted-runners/{hosted_runner_id}", oauth: entGroupScope, handle: (*Mock).deleteRunner},
}

// groupAndNetworkOperations are the 31 of runner-groups-and-networking.openapi.yaml.
var groupAndNetworkOperations = []operation{
	{pattern: "GET /orgs/{org}/actions/runner-groups", forApps: true, oauth: orgGroupScope, handle: (*Mock).listGroups},
	{pattern: "POST /orgs/{org}/actions/runner-groups", forApps: true, oauth: orgGroupScope, handle: (*Mock).createGroup},
	{pattern: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).getGroup},
	{pattern: "PATCH /orgs/{org}/actions/runner-groups/{runner_group_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).updateGroup},
	{pattern: "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).deleteGroup},
	{pattern: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners", forApps: true, oauth: orgGroupScope, handle: (*Mock).listGroupRunners},
	{pattern: "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories", forApps: true, oauth: orgGroupScope, handle: (*Mock).listMembers},
	{pattern: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories", forApps: true, oauth: orgGroupScope, handle: (*Mock).setMembers},
	{pattern: "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).addMember},
	{pattern: "DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).removeMember},

	{pattern: "GET /enterprises/{enterprise}/actions/runner-groups", oauth: entGroupScope, handle: (*Mock).listGroups},
	{pattern: "POST /enterprises/{enterprise}/actions/runner-groups", oauth: entGroupScope, handle: (*Mock).createGroup},
	{pattern: "GET /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}", oauth: entGroupScope, handle: (*Mock).getGroup},
	{pattern: "PATCH /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}", oauth: entGroupScope, handle: (*Mock).updateGroup},
	{pattern: "DELETE /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}", oauth: entGroupScope, handle: (*Mock).deleteGroup},
	{pattern: "GET /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations", oauth: entGroupScope, handle: (*Mock).listMembers},
	{pattern: "PUT /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations", oauth: entGroupScope, handle: (*Mock).setMembers},
	{pattern: "PUT /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations/{org_id}", oauth: entGroupScope, handle: (*Mock).addMember},
	{pattern: "DELETE /enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations/{org_id}", oauth: entGroupScope, handle: (*Mock).removeMember},

	{pattern: "GET /orgs/{org}/settings/network-configurations", forApps: true, oauth: netReadScope, handle: (*Mock).listNetworkConfigs},
	{pattern: "POST /orgs/{org}/settings/network-configurations", forApps: true, oauth: netWriteScope, handle: (*Mock).createNetworkConfig},
	{pattern: "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}", forApps: true, oauth: netReadScope, handle: (*Mock).getNetworkConfig},
	{pattern: "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}", forApps: true, oauth: netWriteScope, handle: (*Mock).updateNetworkConfig},
	{pattern: "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}", forApps: true, oauth: netWriteScope, handle: (*Mock).deleteNetworkConfig},
	{pattern: "GET /orgs/{org}/settings/network-settings/{network_settings_id}", forApps: true, oauth: netReadScope, handle: (*Mock).getNetworkSettings},

	{pattern: "GET /enterprises/{enterprise}/network-configurations", handle: (*Mock).listNetworkConfigs},
	{pattern: "POST /enterprises/{enterprise}/network-configurations", handle: (*Mock).createNetworkConfig},
	{pattern: "GET /enterprises/{enterprise}/network-configurations/{network_configuration_id}", handle: (*Mock).getNetworkConfig},
	{pattern: "PATCH /enterprises/{enterprise}/network-configurations/{network_configuration_id}", handle: (*Mock).updateNetworkConfig},
	{pattern: "DELETE /enterprises/{enterprise}/network-configurations/{network_configuration_id}", handle: (*Mock).deleteNetworkConfig},
	{pattern: "GET /enterprises/{enterprise}/network-settings/{network_settings_id}", handle: (*Mock).getNetworkSettings},
}

// billingOperations are the 22 of billing.openapi.yaml the mock implements: budgets and usage
// (budgets.go, usage.go; the descriptions name no OAuth scope for them) and the self-hosted
// runner policy (self_hosted_runner_policy.go).
var billingOperations = []operation{
	{pattern: "GET /organizations/{org}/settings/billing/budgets", forApps: true, handle: billing("view budgets", (*Mock).listBudgets)},
	{pattern: "POST /organizations/{org}/settings/billing/budgets", forApps: true, handle: billing("create a budget", (*Mock).createBudget)},
	{pattern: "GET /organizations/{org}/settings/billing/budgets/{budget_id}", forApps: true, handle: billing("view a budget", (*Mock).getBudget)},
	{pattern: "PATCH /organizations/{org}/settings/billing/budgets/{budget_id}", handle: billing("update a budget", (*Mock).updateBudget)},
	{pattern: "DELETE /organizations/{org}/settings/billing/budgets/{budget_id}", forApps: true, handle: billing("delete a budget", (*Mock).deleteBudget)},
	{pattern: "GET /organizations/{org}/settings/billing/usage", forApps: true, handle: billing("view usage", (*Mock).usageReport)},
	{pattern: "GET /organizations/{org}/settings/billing/usage/summary", forApps: true, handle: billing("view usage", (*Mock).usageSummary)},

	{pattern: "GET /enterprises/{enterprise}/settings/billing/budgets", forApps: true, handle: billing("view budgets", (*Mock).listBudgets)},
	{pattern: "POST /enterprises/{enterprise}/settings/billing/budgets", forApps: true, handle: billing("create a budget", (*Mock).createBudget)},
	{pattern: "GET /enterprises/{enterprise}/settings/billing/budgets/{budget_id}", forApps: true, handle: billing("view a budget", (*Mock).getBudget)},
	{pattern: "PATCH /enterprises/{enterprise}/settings/billing/budgets/{budget_id}", forApps: true, handle: billing("update a budget", (*Mock).updateBudget)},
	{pattern: "DELETE /enterprises/{enterprise}/settings/billing/budgets/{budget_id}", forApps: true, handle: billing("delete a budget", (*Mock).deleteBudget)},
	{pattern: "GET /enterprises/{enterprise}/settings/billing/usage", forApps: true, handle: billing("view usage", (*Mock).usageReport)},
	{pattern: "GET /enterprises/{enterprise}/settings/billing/usage/summary", forApps: true, handle: billing("view usage", (*Mock).usageSummary)},

	{pattern: "GET /orgs/{org}/actions/permissions/self-hosted-runners", forApps: true, oauth: orgGroupScope, handle: (*Mock).getSelfHostedPolicy},
	{pattern: "PUT /orgs/{org}/actions/permissions/self-hosted-runners", forApps: true, oauth: orgGroupScope, handle: (*Mock).setSelfHostedPolicy},
	{pattern: "GET /orgs/{org}/actions/permissions/self-hosted-runners/repositories", forApps: true, oauth: orgGroupScope, handle: (*Mock).listSelfHostedRepos},
	{pattern: "PUT /orgs/{org}/actions/permissions/self-hosted-runners/repositories", forApps: true, oauth: orgGroupScope, handle: (*Mock).setSelfHostedRepos},
	{pattern: "PUT /orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).addSelfHostedRepo},
	{pattern: "DELETE /orgs/{org}/actions/permissions/self-hosted-runners/repositories/{repository_id}", forApps: true, oauth: orgGroupScope, handle: (*Mock).removeSelfHostedRepo},
	{pattern: "GET /enterprises/{enterprise}/actions/permissions/self-hosted-runners", handle: (*Mock).getSelfHostedPolicy},
	{pattern: "PUT /enterprises/{enterprise}/actions/permissions/self-hosted-runners", handle: (*Mock).setSelfHostedPolicy},
}

// operations are all the operations the mock serves.
var operations = slices.Concat(hostedRunnerOperations, groupAndNetworkOperations, billingOperations)

// integrationRoute is a path integrations/github calls beside the operations: App
// installation tokens, the accounts and the repositories (auth.go, integrations_compat.go,
// repositories.go).
type integrationRoute struct {
	pattern string // the ServeMux pattern
	// checksOwnCredentials: served before authentication and the primary rate limit (the
	// access-token endpoint verifies the App JWT itself).
	checksOwnCredentials bool
	handle               func(m *Mock, c *call)
}

// integrationRoutes are the integration paths. A repository path with a trailing slash
// names the repository too.
var integrationRoutes = []integrationRoute{
	{pattern: "POST /app/installations/{installation_id}/access_tokens", checksOwnCredentials: true, handle: (*Mock).createInstallationToken},
	{pattern: "GET /user", handle: (*Mock).getUser},
	{pattern: "GET /orgs/{org}", handle: (*Mock).getOrganization},
	{pattern: "POST /orgs/{org}/repos", handle: (*Mock).createRepository},
	{pattern: "GET /repos/{owner}/{repo}", handle: (*Mock).getRepository},
	{pattern: "GET /repos/{owner}/{repo}/{$}", handle: (*Mock).getRepository},
	{pattern: "PATCH /repos/{owner}/{repo}", handle: (*Mock).updateRepository},
	{pattern: "PATCH /repos/{owner}/{repo}/{$}", handle: (*Mock).updateRepository},
	{pattern: "DELETE /repos/{owner}/{repo}", handle: (*Mock).deleteRepository},
	{pattern: "DELETE /repos/{owner}/{repo}/{$}", handle: (*Mock).deleteRepository},
	{pattern: "PUT /repos/{owner}/{repo}/topics", handle: (*Mock).setTopics},
	{pattern: "GET /repos/{owner}/{repo}/vulnerability-alerts", handle: (*Mock).getVulnerabilityAlerts},
	{pattern: "PUT /repos/{owner}/{repo}/vulnerability-alerts", handle: (*Mock).enableVulnerabilityAlerts},
	{pattern: "DELETE /repos/{owner}/{repo}/vulnerability-alerts", handle: (*Mock).disableVulnerabilityAlerts},
}

// Operations lists every REST operation of the OpenAPI descriptions that the mock serves, as
// "METHOD /path/{placeholder}" with the descriptions' own placeholder names: the 32
// hosted-runner operations, the 31 runner group and networking ones, and the 22 of
// billing.openapi.yaml it implements (budgets, usage and the self-hosted runner policy; not
// cost centers or a budget's user-states). The repository and account operations it serves
// for integrations/github are not among them.
func Operations() []string {
	out := make([]string, 0, len(operations))
	for _, op := range operations {
		out = append(out, op.pattern)
	}
	return out
}
