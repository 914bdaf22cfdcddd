package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// spendGuardrailsGuideExample is the configuration of the guide "Spend guardrails for larger runners".
const spendGuardrailsGuideExample = "../../examples/guides/spend-guardrails/main.tf"

// TestAccSpendGuardrailsGuide applies the guide's configuration to a mock organization with a
// month of usage on three Actions SKUs (one of them free) and Packages, and a sandbox
// organization: one alerting budget per SKU that cost money, sized from its spend, and a hard
// stop on the sandbox.
func TestAccSpendGuardrailsGuide(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockgithub.Config{Orgs: []string{"acme", "acme-lab"}})
	org, sandbox := scopeCases[0], scopeCase{name: "sandbox", attr: "organization", owner: "acme-lab", path: "orgs/acme-lab"}
	seededOrg, seededSandbox := seededBudgetIDs(t, e, org), seededBudgetIDs(t, e, sandbox)
	line := func(product, sku string, net float64) mockgithub.UsageItem {
		return mockgithub.UsageItem{Product: product, SKU: sku, UnitType: "minutes", PricePerUnit: 0.016, GrossQuantity: net / 0.016,
			GrossAmount: net, NetQuantity: net / 0.016, NetAmount: net, Day: 2, Repository: "acme/web"}
	}
	e.Mock.SetUsage(org.path, 2026, 10, []mockgithub.UsageItem{
		line("Actions", "actions_linux_16_core", 400), line("Actions", "actions_windows", 81.5), line("Actions", "actions_linux", 0),
		line("Packages", "packages_storage", 10),
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(s *terraform.State) error {
			return firstErr(checkNoNewBudgets(e, org, seededOrg)(s), checkNoNewBudgets(e, sandbox, seededSandbox)(s))
		},
		Steps: []resource.TestStep{{
			Config: guideResources(t, spendGuardrailsGuideExample) + e.providerConfig(),
			ConfigVariables: config.Variables{
				"organization": config.StringVariable(org.owner), "sandbox_organization": config.StringVariable(sandbox.owner),
				"usage_year": config.IntegerVariable(2026), "usage_month": config.IntegerVariable(10),
				"alert_recipients": config.ListVariable(config.StringVariable("platform-lead")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			// A StateCheck, not a Check: the legacy state a Check gets has no for_each instances.
			ConfigStateChecks: []statecheck.StateCheck{mockStateCheck(func(inState map[string]bool) error {
				got := map[string]string{}
				for _, b := range newBudgets(e, org, seededOrg) {
					got[b.ProductSKU] = fmt.Sprintf("%s %s %.0f stop=%t alert=%t %v", b.Type, b.Scope, b.Amount, b.PreventFurtherUsage, b.AlertingEnabled, b.AlertRecipients)
				}
				want := map[string]string{
					"actions_linux_16_core": "SkuPricing organization 500 stop=false alert=true [platform-lead]",
					"actions_windows":       "SkuPricing organization 102 stop=false alert=true [platform-lead]",
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					return fmt.Errorf("budgets of %s = %v, want %v", org.owner, got, want)
				}
				box := newBudgets(e, sandbox, seededSandbox)
				if len(box) != 1 || box[0].ProductSKU != "actions" || box[0].Amount != 25 || !box[0].PreventFurtherUsage || box[0].EntityName != sandbox.owner {
					return fmt.Errorf("sandbox budgets = %+v, want one hard stop at 25 on all of Actions", box)
				}
				for _, b := range append(newBudgets(e, org, seededOrg), box...) {
					if !inState[b.ID] {
						return fmt.Errorf("budget %s (%s) is in the mock but not in state", b.ID, b.ProductSKU)
					}
				}
				if len(inState) != len(got)+len(box) {
					return fmt.Errorf("state holds %d budgets, the mock %d new ones", len(inState), len(got)+len(box))
				}
				return nil
			})},
		}},
	})
}

// mockStateCheck is a StateCheck that hands check the ids of the budgets in state.
type mockStateCheck func(inState map[string]bool) error

func (c mockStateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	ids := map[string]bool{}
	if req.State != nil && req.State.Values != nil && req.State.Values.RootModule != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Type == "githubactions_budget" {
				id, _ := r.AttributeValues["id"].(string)
				ids[id] = true
			}
		}
	}
	resp.Error = c(ids)
}

// guideResources returns a guide example without its terraform and provider blocks: the
// tests serve the provider in-process (under the default namespace) and point it at their
// own mock, so only the example's resources, data sources and import blocks are kept.
func guideResources(t *testing.T, path string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		t.Fatalf("reading the guide example: %v", err)
	}
	f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parsing %s: %s", path, diags.Error())
	}
	body := f.Body()
	for _, b := range body.Blocks() {
		if b.Type() == "terraform" || b.Type() == "provider" {
			body.RemoveBlock(b)
		}
	}
	return string(f.Bytes())
}
