# Organization budget: orgs/<organization>/<budget_id>
terraform import githubactions_budget.actions orgs/my-org/2066deda-923f-43f9-88d2-62395a28c0cd

# Enterprise budget: enterprises/<enterprise>/<budget_id>
terraform import githubactions_budget.team_org enterprises/my-enterprise/f47ac10b-58cc-4372-a567-0e02b2c3d479
