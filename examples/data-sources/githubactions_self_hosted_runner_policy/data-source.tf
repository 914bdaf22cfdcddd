data "githubactions_self_hosted_runner_policy" "org" {
  organization = "my-org"
}

data "githubactions_self_hosted_runner_policy" "enterprise" {
  enterprise = "my-enterprise"
}

output "org_enabled_repositories" {
  value = data.githubactions_self_hosted_runner_policy.org.enabled_repositories
}

output "enterprise_disables_self_hosted_runners" {
  value = data.githubactions_self_hosted_runner_policy.enterprise.disable_self_hosted_runners_for_all_orgs
}
