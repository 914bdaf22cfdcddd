package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
		newModel:   func() memberState { return &runnerGroupRepositoryModel{} },
		description: "One repository's access to an organization runner group whose `visibility` is `selected`. Creating it " +
			"adds the repository and destroying it removes only that repository, so a module that vends a repository can " +
			"grant it a group without owning the group's whole list. A refresh drops a membership removed outside Terraform.\n\n" +
			"Never manage one group's repositories both here and in the group's `selected_repository_ids`: each would " +
			"remove what the other adds on every apply. Leave `selected_repository_ids` out of a `githubactions_runner_group` " +
			"whose repositories are granted with this resource. The default group and groups inherited from the enterprise " +
			"are refused at plan.\n\n" +
			"Credentials: a classic token with `admin:org`, or a GitHub App with the organization permission **Administration**.",
	}}
}

type runnerGroupRepositoryModel struct {
	ID            types.String     `tfsdk:"id"`
	Organization  scopeName        `tfsdk:"organization"`
	RunnerGroupID wholeNumberValue `tfsdk:"runner_group_id"`
	RepositoryID  wholeNumberValue `tfsdk:"repository_id"`
}

func (m *runnerGroupRepositoryModel) member() memberModel {
	return memberModel{ID: m.ID, Owner: m.Organization, Group: m.RunnerGroupID, Member: m.RepositoryID}
}

func (m *runnerGroupRepositoryModel) setMember(mm memberModel) {
	m.ID, m.Organization, m.RunnerGroupID, m.RepositoryID = mm.ID, mm.Owner, mm.Group, mm.Member
}
