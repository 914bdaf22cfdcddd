# All of Actions for the organization: alert the platform team, never stop CI.
resource "githubactions_budget" "actions" {
  organization          = "my-org"
  product               = "actions"
  amount                = 2000
  prevent_further_usage = false

  alerting = {
    recipients = ["platform-lead", "billing-admin"]
  }
}

# Linux minutes of one repository: a hard stop at $50.
resource "githubactions_budget" "sandbox_linux" {
  organization          = "my-org"
  sku                   = "actions_linux"
  amount                = 50
  prevent_further_usage = true

  applies_to = {
    type = "repository"
    name = "my-org/sandbox"
  }

  alerting = {
    recipients = ["platform-lead"]
  }
}

# An enterprise budget for one of its organizations, without alerts.
resource "githubactions_budget" "team_org" {
  enterprise            = "my-enterprise"
  product               = "actions"
  amount                = 500
  prevent_further_usage = true

  applies_to = {
    type = "organization"
    name = "team-org"
  }

  alerting = {
    enabled = false
  }
}
