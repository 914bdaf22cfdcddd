# Private networking end to end for an enterprise: the organization configuration with
# `enterprise` instead of `organization`, and a group visibility enterprises accept (`all` or
# `selected`; `private` exists for organizations only).
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

provider "githubactions" {}

variable "enterprise" {
  description = "The slug of the enterprise that owns the runners."
  type        = string
}

variable "network_settings_id" {
  description = "The GitHubId tag of the GitHub.Network/networkSettings resource made in Azure for the runners' subnet."
  type        = string
}

# Fails at plan when GitHub does not know the network settings resource for this enterprise.
data "githubactions_network_settings" "runners" {
  enterprise = var.enterprise
  id         = var.network_settings_id
}

resource "githubactions_network_configuration" "private" {
  enterprise          = var.enterprise
  name                = "private-${data.githubactions_network_settings.runners.region}"
  compute_service     = "actions"
  network_settings_id = data.githubactions_network_settings.runners.id
}

resource "githubactions_runner_group" "private" {
  enterprise               = var.enterprise
  name                     = "private-network"
  visibility               = "all" # every organization of the enterprise; or "selected" with selected_organization_ids
  network_configuration_id = githubactions_network_configuration.private.id
}

resource "githubactions_hosted_runner" "private" {
  enterprise      = var.enterprise
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
  description = "The runs-on label for workflows of the enterprise's organizations."
  value       = githubactions_hosted_runner.private.name
}
