package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// NewRunnerGroupRepositoryResource is the githubactions_runner_group_repository resource: one
// repository's access to an organization runner group (runner_group_member_resource.go).
func NewRunnerGroupRepositoryResource() resource.Resource {
	return &runnerGroupMemberResource{kind: memberKind{
		typeSuffix: "_runner_group_repository",
		scopeKind:  client.KindOrganization,
		ownerAttr:  "organization",
		memberAttr: "repository_id",
		memberNoun: "repository",
		description: "One repository's access to an organization runner group whose `visibility` is `selected`. Creating it " +
			"adds the repository with one request and destroying it removes only that repository, so a module that vends " +
			"a repository can grant it a group without owning the group's whole list. A refresh reads the group's " +
			"repositories once for every membership of the group, and drops a membership removed outside Terraform.\n\n" +
			"Never manage one group's repositories both here and in the group's `selected_repository_ids`: each would " +
			"remove what the other adds on every apply. Leave `selected_repository_ids` out of a `githubactions_runner_group` " +
			"whose repositories are granted with this resource. The default group and groups inherited from the enterprise " +
			"are refused at plan.\n\n" +
			"Credentials: a classic token with `admin:org`, or a GitHub App with the organization permission **Administration**.",
	}}
}
