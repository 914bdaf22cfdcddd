import {
  to = githubactions_hosted_runner.linux
  id = "orgs/my-org/42"
}
