# The runner that the integrations/github provider created as github_actions_hosted_runner.linux,
# now managed by githubactions_hosted_runner.linux: the moved block carries its state over, so
# nothing is imported, created, changed or deleted. Terraform 1.8 or later, or OpenTofu.
# Run the plan and apply that perform the move with GITHUB_OWNER set to the github provider's
# owner (the old state does not record the organization): GITHUB_OWNER=my-org terraform apply
terraform {
  required_version = ">= 1.8"

  required_providers {
    githubactions = {
      source = "runnerforge/githubactions"
    }
    # The github provider (integrations/github) can go in the same change, together with its
    # provider block, unless other resources still use it: the move does not need it.
  }
}

# The token (GITHUB_TOKEN) or GitHub App the github provider used works here too.
provider "githubactions" {}

# Replaces the old resource block; keep it as a record of the move (or delete it after apply).
moved {
  from = github_actions_hosted_runner.linux
  to   = githubactions_hosted_runner.linux
}

resource "githubactions_hosted_runner" "linux" {
  organization     = "my-org" # was the github provider's owner
  name             = "ubuntu-4core"
  size             = "4-core"
  runner_group_id  = 1
  maximum_runners  = 10
  enable_static_ip = false # was public_ip_enabled

  image = { # was an image { } block
    id     = "ubuntu-latest"
    source = "github"
  }
}
