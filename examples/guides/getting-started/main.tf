# A first organization runner. Credentials come from GITHUB_TOKEN (a classic token with
# manage_runners:org, or a fine-grained token with Administration: read and write), or from
# the app_auth block below for a GitHub App installation.
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

provider "githubactions" {
  # With a GitHub App instead of a token (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and
  # GITHUB_APP_PEM_FILE):
  # app_auth {
  #   id              = "123456"
  #   installation_id = "7890123"
  #   pem_file        = "/path/to/app.private-key.pem"
  # }
}

variable "organization" {
  description = "The organization that owns the runner."
  type        = string
}

resource "githubactions_hosted_runner" "ubuntu" {
  organization    = var.organization
  name            = "ubuntu-4core"
  size            = "4-core"
  maximum_runners = 10

  image = {
    id     = "ubuntu-latest"
    source = "github"
  }
}

output "runner_status" {
  value = githubactions_hosted_runner.ubuntu.status
}
