# The runner that the integrations/github provider created as github_actions_hosted_runner.linux,
# now managed by githubactions_hosted_runner.linux without being recreated. Its id is 42
# (`terraform state show github_actions_hosted_runner.linux` shows it).
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

# The token (GITHUB_TOKEN) or GitHub App the github provider used works here too.
provider "githubactions" {}

# Adopts the existing runner on the next apply: the id is orgs/<the github provider's owner>/<runner id>.
import {
  to = githubactions_hosted_runner.linux
  id = "orgs/my-org/42"
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
