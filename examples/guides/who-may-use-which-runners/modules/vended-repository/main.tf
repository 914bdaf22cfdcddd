# A vended repository: created with integrations/github, and granted one runner group without
# owning the group's list (removing the module removes only this repository's access).
terraform {
  required_providers {
    githubactions = {
      source = "runnerforge/githubactions"
    }
    github = {
      source = "integrations/github"
    }
  }
}

variable "organization" {
  description = "The organization that owns the repository and the runner group."
  type        = string
}

variable "name" {
  description = "The repository's name."
  type        = string
}

variable "runner_group_id" {
  description = "The runner group (visibility \"selected\") the repository may use."
  type        = number
}

resource "github_repository" "this" {
  name       = var.name
  visibility = "private"
}

resource "githubactions_runner_group_repository" "this" {
  organization    = var.organization
  runner_group_id = var.runner_group_id
  repository_id   = github_repository.this.repo_id
}

output "repository_id" {
  description = "The repository's numeric ID."
  value       = github_repository.this.repo_id
}
