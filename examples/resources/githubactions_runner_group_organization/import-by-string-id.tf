import {
  to = githubactions_runner_group_organization.payments
  id = "enterprises/my-enterprise/2/1001"
}
