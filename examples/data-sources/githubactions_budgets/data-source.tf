# The organization's Linux-minute budgets and what each has consumed so far.
data "githubactions_budgets" "linux" {
  organization = "my-org"
  sku          = "actions_linux"
}

output "linux_budgets" {
  value = {
    for b in data.githubactions_budgets.linux.budgets :
    "${b.applies_to.type}:${b.applies_to.name}" => "${b.consumed_amount} of ${b.amount} USD"
  }
}
