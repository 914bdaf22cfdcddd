import {
  to = githubactions_runner_group.deploy
  id = "orgs/my-org/4"
}
