# Spend guardrails for larger runners: last month's Actions usage sizes one budget per SKU
# (alerts only), and a sandbox organization gets a hard stop.
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
  description = "The organization whose Actions spend is budgeted."
  type        = string
}

variable "sandbox_organization" {
  description = "An organization for experiments, stopped hard at its budget."
  type        = string
}

variable "usage_year" {
  description = "The year of the month to size the budgets from."
  type        = number
}

variable "usage_month" {
  description = "The month (1-12) to size the budgets from, usually the last full one."
  type        = number
}

variable "alert_recipients" {
  description = "User logins that GitHub alerts as spending approaches a budget."
  type        = list(string)
}

variable "headroom" {
  description = "How much above last month's spend each budget sits, as a factor."
  type        = number
  default     = 1.25
}

data "githubactions_actions_usage" "baseline" {
  organization = var.organization
  year         = var.usage_year
  month        = var.usage_month
}

locals {
  # The SKUs that cost money last month, ordered by SKU.
  billed = [for s in data.githubactions_actions_usage.baseline.skus : s if s.net_amount > 0]
}

# One budget per SKU that cost money last month, with headroom, rounded up to whole dollars.
resource "githubactions_budget" "per_sku" {
  count = length(local.billed)

  organization          = var.organization
  sku                   = local.billed[count.index].sku
  amount                = ceil(local.billed[count.index].net_amount * var.headroom)
  prevent_further_usage = false # alert, never stop production CI

  alerting = {
    recipients = var.alert_recipients
  }
}

# The sandbox stops at $25 of Actions, whatever runs there.
resource "githubactions_budget" "sandbox" {
  organization          = var.sandbox_organization
  product               = "actions"
  amount                = 25
  prevent_further_usage = true

  alerting = {
    recipients = var.alert_recipients
  }
}

output "budgets" {
  description = "Each SKU's budget in US dollars, next to what it cost last month."
  value = {
    for i, b in githubactions_budget.per_sku :
    b.sku => { budget = b.amount, last_month = local.billed[i].net_amount }
  }
}
