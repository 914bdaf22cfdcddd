# Organization runner: orgs/<organization>/<runner_id>
terraform import githubactions_hosted_runner.linux orgs/my-org/42

# Enterprise runner: enterprises/<enterprise>/<runner_id>
terraform import githubactions_hosted_runner.linux enterprises/my-enterprise/42
