# Every Linux x64 runner whose name starts with "ci-" and that is stuck.
data "githubactions_hosted_runners" "ci" {
  organization = "my-org"
  name_regex   = "^ci-"
  platform     = "linux-x64"
  status       = "Stuck"
}

output "stuck_runner_names" {
  value = [for r in data.githubactions_hosted_runners.ci.runners : r.name]
}
