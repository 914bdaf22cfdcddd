# A group whose repositories are granted one at a time: it leaves selected_repository_ids out.
resource "githubactions_runner_group" "shared" {
  organization = "my-org"
  name         = "shared-larger-runners"
  visibility   = "selected"
}

# One repository's access: destroying it leaves the group's other repositories alone.
resource "githubactions_runner_group_repository" "api" {
  organization    = "my-org"
  runner_group_id = githubactions_runner_group.shared.id
  repository_id   = 123456789
}
