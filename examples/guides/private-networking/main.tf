# Private networking end to end: an Azure subnet (made in Azure, see the guide), then a network
# configuration, a runner group that uses it, and a hosted runner in that group.
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

provider "githubactions" {}

variable "organization" {
  description = "The organization that owns the runners."
  type        = string
}

variable "network_settings_id" {
  description = "The GitHubId tag of the GitHub.Network/networkSettings resource made in Azure for the runners' subnet."
  type        = string
}

# Fails at plan when GitHub does not know the network settings resource for this organization.
data "githubactions_network_settings" "runners" {
  organization = var.organization
  id           = var.network_settings_id
}

resource "githubactions_network_configuration" "private" {
  organization        = var.organization
  name                = "private-${data.githubactions_network_settings.runners.region}"
  compute_service     = "actions"
  network_settings_id = data.githubactions_network_settings.runners.id
}

resource "githubactions_runner_group" "private" {
  organization             = var.organization
  name                     = "private-network"
  visibility               = "private" # private repositories only
  network_configuration_id = githubactions_network_configuration.private.id
}

resource "githubactions_hosted_runner" "private" {
  organization    = var.organization
  name            = "ubuntu-private-4core"
  size            = "4-core"
  runner_group_id = githubactions_runner_group.private.id
  maximum_runners = 5
  # enable_static_ip stays false: GitHub gives no static IPs to runners with private networking.

  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}

output "runs_on" {
  description = "The runs-on label for workflows of the organization's private repositories."
  value       = githubactions_hosted_runner.private.name
}
