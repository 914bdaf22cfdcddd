data "githubactions_runner_group" "by_name" {
  organization = "my-org"
  name         = "private-deploy"
}

data "githubactions_runner_group" "by_id" {
  enterprise = "my-enterprise"
  id         = "2"
}

output "private_networking" {
  value = data.githubactions_runner_group.by_name.network_configuration_id != null
}
