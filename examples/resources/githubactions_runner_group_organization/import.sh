# enterprises/<enterprise>/<runner_group_id>/<organization_id>
terraform import githubactions_runner_group_organization.payments enterprises/my-enterprise/2/1001
