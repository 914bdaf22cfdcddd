# An enterprise group whose organizations are granted one at a time: it leaves
# selected_organization_ids out.
resource "githubactions_runner_group" "platform" {
  enterprise = "my-enterprise"
  name       = "platform"
  visibility = "selected"
}

resource "githubactions_runner_group_organization" "payments" {
  enterprise      = "my-enterprise"
  runner_group_id = githubactions_runner_group.platform.id
  organization_id = 1001
}
