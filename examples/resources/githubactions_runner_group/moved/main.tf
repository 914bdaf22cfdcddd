# Takes over runner groups of the integrations/github provider with their state: nothing is
# imported, created or changed. Terraform 1.8 or later, or OpenTofu. An organization group's
# state does not record its organization: run the plan and apply with GITHUB_OWNER set to the
# github provider's owner. An enterprise group's state names its enterprise.
terraform {
  required_version = ">= 1.8"

  required_providers {
    githubactions = {
      source = "runnerforge/githubactions"
    }
  }
}

moved {
  from = github_actions_runner_group.deploy
  to   = githubactions_runner_group.deploy
}

resource "githubactions_runner_group" "deploy" {
  organization            = "my-org"
  name                    = "deploy"
  visibility              = "selected"
  selected_repository_ids = [123456789]
}

moved {
  from = github_enterprise_actions_runner_group.shared
  to   = githubactions_runner_group.shared
}

resource "githubactions_runner_group" "shared" {
  enterprise = "my-enterprise" # was enterprise_slug
  name       = "shared"
  visibility = "all"
}
