import {
  to = githubactions_budget.actions
  id = "orgs/my-org/2066deda-923f-43f9-88d2-62395a28c0cd"
}
