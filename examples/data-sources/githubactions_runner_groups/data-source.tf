data "githubactions_runner_groups" "all" {
  organization = "my-org"
}

output "group_names" {
  value = [for g in data.githubactions_runner_groups.all.groups : g.name]
}
