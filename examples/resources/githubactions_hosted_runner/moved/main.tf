# Takes over github_actions_hosted_runner.linux of the integrations/github provider with its
# state: nothing is imported, created or changed. Terraform 1.8 or later, or OpenTofu; run the
# plan and apply with GITHUB_OWNER set to the github provider's owner (the organization).
terraform {
  required_version = ">= 1.8"

  required_providers {
    githubactions = {
      source = "runnerforge/githubactions"
    }
  }
}

moved {
  from = github_actions_hosted_runner.linux
  to   = githubactions_hosted_runner.linux
}

resource "githubactions_hosted_runner" "linux" {
  organization    = "my-org"
  name            = "ubuntu-4core"
  size            = "4-core"
  runner_group_id = 1

  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}
