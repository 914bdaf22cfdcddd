import {
  to = githubactions_self_hosted_runner_policy.org
  id = "orgs/my-org"
}
