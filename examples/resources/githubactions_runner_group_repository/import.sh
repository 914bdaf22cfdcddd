# orgs/<organization>/<runner_group_id>/<repository_id>
terraform import githubactions_runner_group_repository.api orgs/my-org/4/123456789
