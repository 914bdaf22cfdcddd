# Only two repositories of the organization may use self-hosted runners.
resource "githubactions_self_hosted_runner_policy" "org" {
  organization            = "my-org"
  enabled_repositories    = "selected"
  selected_repository_ids = [123456789, 987654321]
}

# No organization of the enterprise may use repository-level self-hosted runners.
resource "githubactions_self_hosted_runner_policy" "enterprise" {
  enterprise                               = "my-enterprise"
  disable_self_hosted_runners_for_all_orgs = true
}
