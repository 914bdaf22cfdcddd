# Who may use which runners: an organization that allows only GitHub-hosted runners, and a
# module that vends a repository and grants it one shared runner group.
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
    github = {
      source  = "integrations/github"
      version = "~> 6.13"
    }
  }
}

# Both providers read GITHUB_TOKEN (and GITHUB_BASE_URL for GitHub Enterprise Cloud with data residency).
provider "githubactions" {}

provider "github" {
  owner = var.organization
}

variable "organization" {
  description = "The organization that owns the repositories and the runners."
  type        = string
}

variable "repositories" {
  description = "The repositories to vend, each granted the shared runner group."
  type        = set(string)
  default     = ["payments-api", "search-indexer"]
}

# Only GitHub-hosted runners: no repository of the organization may register or use its own
# self-hosted runners. Destroying this puts GitHub's default ("all") back.
resource "githubactions_self_hosted_runner_policy" "hosted_only" {
  organization         = var.organization
  enabled_repositories = "none"
}

# The shared group of GitHub-hosted larger runners. Its repositories are granted one at a time by
# the module below, so the group leaves selected_repository_ids out: the two must never both
# manage one group's list.
resource "githubactions_runner_group" "shared" {
  organization = var.organization
  name         = "vended-repositories"
  visibility   = "selected"
}

module "repository" {
  source   = "./modules/vended-repository"
  for_each = var.repositories

  organization    = var.organization
  name            = each.key
  runner_group_id = githubactions_runner_group.shared.id
}

output "repository_ids" {
  value = { for name, m in module.repository : name => m.repository_id }
}
