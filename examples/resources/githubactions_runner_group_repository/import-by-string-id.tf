import {
  to = githubactions_runner_group_repository.api
  id = "orgs/my-org/4/123456789"
}
