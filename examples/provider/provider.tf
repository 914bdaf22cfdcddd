terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

# With a token: a classic personal access token with the manage_runners:org scope
# (manage_runners:enterprise for enterprise runners), or a fine-grained token with the
# organization permission "Administration" (read and write). Prefer GITHUB_TOKEN to a literal.
provider "githubactions" {
  token = var.github_token
}

# As a GitHub App installation (organization runners only; the enterprise endpoints and
# deleting organization runners need a token).
provider "githubactions" {
  alias = "app"
  app_auth {
    id              = "123456"
    installation_id = "7890123"
    pem_file        = "github-app.private-key.pem" # a path to the private key, or its PEM text
  }
}

# GitHub Enterprise Cloud with data residency (GHE.com): point base_url at your subdomain.
provider "githubactions" {
  alias    = "ghe_com"
  base_url = "https://api.octocorp.ghe.com/"
}

variable "github_token" {
  description = "A GitHub token with the manage_runners:org scope."
  type        = string
  sensitive   = true
}
