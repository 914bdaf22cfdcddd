# Two runners created in GitHub's settings pages, brought under management without being
# recreated. The import IDs mirror the REST paths: orgs/<org>/<runner id> and
# enterprises/<enterprise>/<runner id>.
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

provider "githubactions" {}

import {
  to = githubactions_hosted_runner.linux
  id = "orgs/my-org/42"
}

resource "githubactions_hosted_runner" "linux" {
  organization    = "my-org"
  name            = "ubuntu-8core"
  size            = "8-core"
  maximum_runners = 20

  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}

import {
  to = githubactions_hosted_runner.windows
  id = "enterprises/my-enterprise/7"
}

resource "githubactions_hosted_runner" "windows" {
  enterprise      = "my-enterprise"
  name            = "windows-16core"
  size            = "16-core"
  maximum_runners = 50

  image = {
    id     = "windows-latest"
    source = "github"
  }
}
