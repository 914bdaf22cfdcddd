# Organization policy: orgs/<organization>
terraform import githubactions_self_hosted_runner_policy.org orgs/my-org

# Enterprise policy: enterprises/<enterprise>
terraform import githubactions_self_hosted_runner_policy.enterprise enterprises/my-enterprise
