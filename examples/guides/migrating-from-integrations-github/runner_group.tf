# The organization runner group that the integrations/github provider created as
# github_actions_runner_group.deploy (its id, 4, is the group's ID), now managed by
# githubactions_runner_group.deploy without being recreated.
import {
  to = githubactions_runner_group.deploy
  id = "orgs/my-org/4" # enterprises/<enterprise_slug>/<id> for github_enterprise_actions_runner_group
}

resource "githubactions_runner_group" "deploy" {
  organization            = "my-org"
  name                    = "deploy"
  visibility              = "selected"
  selected_repository_ids = [123456789]
  restricted_to_workflows = true
  selected_workflows      = ["my-org/infra/.github/workflows/deploy.yml@refs/heads/main"]
}
