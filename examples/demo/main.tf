# The demo of `make demo`: one hosted runner in the mock GitHub's organization "acme".
# Credentials and the API address come from GITHUB_TOKEN and GITHUB_BASE_URL.
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
  description = "The organization that owns the runner."
  type        = string
  default     = "acme"
}

resource "githubactions_hosted_runner" "linux" {
  organization    = var.organization
  name            = "demo-ubuntu-4core"
  size            = "4-core"
  maximum_runners = 5

  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}

output "runner_id" {
  value = githubactions_hosted_runner.linux.id
}

output "runner_status" {
  value = githubactions_hosted_runner.linux.status
}

output "runner_machine" {
  value = githubactions_hosted_runner.linux.machine_size_details
}

output "runner_image" {
  value = githubactions_hosted_runner.linux.image_details
}
