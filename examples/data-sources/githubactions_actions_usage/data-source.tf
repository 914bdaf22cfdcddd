# Last month's Actions spend per SKU, to size budgets from.
data "githubactions_actions_usage" "last_month" {
  organization = "my-org"
  year         = 2026
  month        = 11
}

output "actions_net_spend" {
  value = {
    for s in data.githubactions_actions_usage.last_month.skus : s.sku => s.net_amount
  }
}

output "actions_total" {
  value = data.githubactions_actions_usage.last_month.total_net_amount
}
