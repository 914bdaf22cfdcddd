# Organization runner group: orgs/<organization>/<runner_group_id>
terraform import githubactions_runner_group.deploy orgs/my-org/4

# Enterprise runner group: enterprises/<enterprise>/<runner_group_id>
terraform import githubactions_runner_group.platform enterprises/my-enterprise/2
