# Only the import block: `terraform plan -generate-config-out=generated.tf` writes the
# resource block. The required_providers entry is needed all the same: without it Terraform
# looks for a provider named hashicorp/githubactions.
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
