# An organization group for two repositories, restricted to one deployment workflow, whose
# hosted runners reach an Azure virtual network.
resource "githubactions_runner_group" "deploy" {
  organization             = "my-org"
  name                     = "private-deploy"
  visibility               = "selected"
  selected_repository_ids  = [123456789, 987654321]
  restricted_to_workflows  = true
  selected_workflows       = ["my-org/infra/.github/workflows/deploy.yml@refs/heads/main"]
  network_configuration_id = githubactions_network_configuration.private.id
}

resource "githubactions_network_configuration" "private" {
  organization        = "my-org"
  name                = "private-eastus"
  compute_service     = "actions"
  network_settings_id = "220F78DACB92BBFBC5E6F22DE1CCF52309D"
}

# An enterprise group available to selected organizations.
resource "githubactions_runner_group" "platform" {
  enterprise                = "my-enterprise"
  name                      = "platform"
  visibility                = "selected"
  selected_organization_ids = [1001, 1002]
}

# The default group cannot be created or deleted, but it can be adopted and configured.
import {
  to = githubactions_runner_group.default
  id = "orgs/my-org/1"
}

resource "githubactions_runner_group" "default" {
  organization = "my-org"
  name         = "Default"
}
