data "githubactions_hosted_runner" "by_name" {
  organization = "my-org"
  name         = "ubuntu-8core"
}

data "githubactions_hosted_runner" "by_id" {
  enterprise = "my-enterprise"
  id         = "42"
}

output "runner_status" {
  value = data.githubactions_hosted_runner.by_name.status
}
