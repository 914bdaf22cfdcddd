package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// NewRunnerGroupOrganizationResource is the githubactions_runner_group_organization resource:
// one organization's access to an enterprise runner group (runner_group_member_resource.go).
func NewRunnerGroupOrganizationResource() resource.Resource {
	return &runnerGroupMemberResource{kind: memberKind{
		typeSuffix: "_runner_group_organization",
		scopeKind:  client.KindEnterprise,
		ownerAttr:  "enterprise",
		memberAttr: "organization_id",
		memberNoun: "organization",
		newModel:   func() memberState { return &runnerGroupOrganizationModel{} },
		description: "One organization's access to an enterprise runner group whose `visibility` is `selected`. Creating it " +
			"adds the organization and destroying it removes only that organization. A refresh drops a membership removed " +
			"outside Terraform.\n\n" +
			"Never manage one group's organizations both here and in the group's `selected_organization_ids`: each would " +
			"remove what the other adds on every apply. Leave `selected_organization_ids` out of a `githubactions_runner_group` " +
			"whose organizations are granted with this resource. The enterprise's default group is refused at plan.\n\n" +
			"Credentials: a classic token with `manage_runners:enterprise`. GitHub does not let GitHub Apps manage enterprise groups.",
	}}
}

type runnerGroupOrganizationModel struct {
	ID             types.String     `tfsdk:"id"`
	Enterprise     scopeName        `tfsdk:"enterprise"`
	RunnerGroupID  wholeNumberValue `tfsdk:"runner_group_id"`
	OrganizationID wholeNumberValue `tfsdk:"organization_id"`
}

func (m *runnerGroupOrganizationModel) member() memberModel {
	return memberModel{ID: m.ID, Owner: m.Enterprise, Group: m.RunnerGroupID, Member: m.OrganizationID}
}

func (m *runnerGroupOrganizationModel) setMember(mm memberModel) {
	m.ID, m.Enterprise, m.RunnerGroupID, m.OrganizationID = mm.ID, mm.Owner, mm.Group, mm.Member
}
