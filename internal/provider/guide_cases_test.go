package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// guideCases are the paths of every guide that TestAccGuides follows: one entry per path.
var guideCases = []guideCase{
	{
		name: "getting-started", page: "getting-started", section: "## A first runner",
		steps: []guideStep{
			{files: []string{"examples/guides/getting-started/main.tf"}, run: "terraform init"},
			{run: "terraform apply -var organization=my-org", output: `runner_status = "Ready"`},
			{run: "terraform plan -var organization=my-org", empty: true},
		},
		check: func(m *mockgithub.Mock, _ int) error {
			return wantRunner(m, "orgs/my-org", mockgithub.Runner{Name: "ubuntu-4core", Size: "4-core", ImageID: "ubuntu-latest", MaximumRunners: 10, RunnerGroupID: 1})
		},
	},
	{
		name: "adopting-existing-runners/import-blocks", page: "adopting-existing-runners",
		section: "## With import blocks (Terraform 1.5 or later, OpenTofu 1.6 or later)",
		seed:    seedAdoptedRunners,
		steps: []guideStep{
			{files: []string{"examples/guides/adopting-existing-runners/main.tf"}, run: "terraform init", mark: true},
			{run: "terraform plan", output: `2 to import, 0 to add, 0 to change, 0 to destroy`},
			{run: "terraform apply"},
			{run: "terraform plan", empty: true},
		},
		check: onlyReadSince,
	},
	{
		name: "adopting-existing-runners/generate-config-out", page: "adopting-existing-runners",
		section: "## Let Terraform write the configuration",
		seed:    seedAdoptedRunners,
		steps: []guideStep{
			{files: []string{"examples/guides/adopting-existing-runners/generate-config/main.tf"}, run: "terraform init", mark: true},
			{run: "terraform plan -generate-config-out=generated.tf", output: `1 to import, 0 to add, 0 to change, 0 to destroy`},
			{run: "terraform apply"},
			{run: "terraform plan", empty: true},
		},
		check: onlyReadSince,
	},
	{
		name: "choosing-sizes-and-images", page: "choosing-sizes-and-images",
		steps: []guideStep{
			{files: []string{"examples/guides/choosing-sizes-and-images/main.tf"}, run: "terraform init"},
			{run: "terraform apply -var organization=my-org -var custom_image=ci-base"},
			{run: "terraform plan -var organization=my-org -var custom_image=ci-base", empty: true},
		},
		check: func(m *mockgithub.Mock, _ int) error {
			if err := wantRunner(m, "orgs/my-org", mockgithub.Runner{Name: "build-ubuntu", Size: "8-core", ImageID: "ubuntu-24.04", MaximumRunners: 10, RunnerGroupID: 1}); err != nil {
				return err
			}
			// ci-base's newest Ready version (1.2.0 failed).
			return wantRunner(m, "orgs/my-org", mockgithub.Runner{Name: "ci-base", Size: "8-core", ImageID: "1", ImageSource: "custom", ImageVersion: "1.1.0", MaximumRunners: 5, RunnerGroupID: 1})
		},
	},
	privateNetworkingCase("organization", "organization=my-org", "orgs/my-org", "private-network", "private"),
	privateNetworkingCase("enterprise", "enterprise=my-enterprise", "enterprises/my-enterprise", "private-network", "all"),
	{
		name: "migrating-from-integrations-github/import", page: "migrating-from-integrations-github",
		section: "## With an import block (Terraform 1.5 to 1.7)", integrations: true,
		seed: func(t *testing.T, m *mockgithub.Mock) {
			// The guide's runner id is 42: the runner integrations/github creates gets it.
			m.AddRunner("enterprises/my-enterprise", mockgithub.Runner{ID: 41, Name: "other", Size: "4-core", ImageID: "ubuntu-latest"})
			seedMigratedGroup(m)
		},
		steps: []guideStep{
			{before: true, files: []string{integrationsGitHubRunnerConfig}, run: "terraform init"},
			{before: true, run: "terraform apply", mark: true},
			// Terraform 1.5 and 1.6: the old block deleted, the runner dropped from the state by hand.
			{when: func(v cliVersion) bool { return !v.atLeast1(7) }, files: []string{migrationExample + "main.tf", migrationExample + "runner_group.tf"}, run: "terraform state rm github_actions_hosted_runner.linux"},
			{when: func(v cliVersion) bool { return !v.atLeast1(7) }, run: "terraform init"},
			// Later: a removed block, with GITHUB_OWNER for integrations/github, which forgets the runner.
			{
				when:  func(v cliVersion) bool { return v.atLeast1(7) },
				files: []string{migrationExample + "main.tf", migrationExample + "runner_group.tf", migrationExample + "removed/removed.tf"},
				run:   "terraform init", env: []string{ownerEnv + "=my-org"},
				shows: []string{"export GITHUB_OWNER=my-org"}, in: "### 3. Drop the old resource from the state, without destroying it",
			},
			{run: "terraform plan", output: `2 to import, 0 to add, 0 to change, 0 to destroy`},
			{run: "terraform apply"},
			{run: "terraform plan", empty: true},
		},
		check: func(m *mockgithub.Mock, mark int) error {
			if err := wantRunner(m, "orgs/my-org", mockgithub.Runner{ID: 42, Name: "ubuntu-4core", Size: "4-core", ImageID: "ubuntu-latest", MaximumRunners: 10, RunnerGroupID: 1}); err != nil {
				return err
			}
			if _, ok := m.GetRunnerGroup("orgs/my-org", 4); !ok {
				return fmt.Errorf("group 4 is gone")
			}
			return onlyReadSince(m, mark)
		},
	},
	{
		name: "migrating-from-integrations-github/moved", page: "migrating-from-integrations-github",
		section: "## With a moved block (Terraform 1.8 and OpenTofu)", integrations: true,
		cli: func(v cliVersion) string {
			if v.atLeast1(8) {
				return ""
			}
			return "moved blocks across providers need Terraform 1.8 or later (make testacc-moved runs this path), or OpenTofu"
		},
		steps: []guideStep{
			{before: true, files: []string{integrationsGitHubRunnerConfig}, run: "terraform init"},
			{before: true, run: "terraform apply", mark: true},
			{files: []string{migrationExample + "moved/main.tf"}, run: "terraform init"},
			{run: "terraform plan", fails: `Organization Unknown for Moved Resource`, shows: []string{"Organization Unknown for Moved Resource"}, in: "### 2. Say which organization"},
			{
				run: "terraform plan", env: []string{ownerEnv + "=my-org"}, output: `has moved to githubactions_hosted_runner\.linux`,
				shows: []string{"export GITHUB_OWNER=my-org"}, in: "### 2. Say which organization",
			},
			{run: "terraform apply"},
			{run: "terraform plan", empty: true},
		},
		check: func(m *mockgithub.Mock, mark int) error {
			if runners := m.Runners("orgs/my-org"); len(runners) != 1 {
				return fmt.Errorf("want the one runner integrations/github made, the mock holds %+v", runners)
			}
			return onlyReadSince(m, mark)
		},
	},
	{
		// The page shows the commands in the runner steps that its "Runner groups" section follows.
		name: "migrating-from-integrations-github/moved-runner-groups", page: "migrating-from-integrations-github", integrations: true,
		cli: func(v cliVersion) string {
			if v.atLeast1(8) {
				return ""
			}
			return "moved blocks across providers need Terraform 1.8 or later (make testacc-moved runs this path), or OpenTofu"
		},
		seed: func(_ *testing.T, m *mockgithub.Mock) {
			m.AddRepository("orgs/my-org", mockgithub.Repository{ID: 123456789, Name: "deploy-target", Private: true})
		},
		steps: []guideStep{
			{before: true, files: []string{integrationsGitHubGroupsConfig}, run: "terraform init"},
			{before: true, run: "terraform apply", mark: true},
			{files: []string{"examples/resources/githubactions_runner_group/moved/main.tf"}, run: "terraform init"},
			{run: "terraform plan", env: []string{ownerEnv + "=my-org"}, shows: []string{"export GITHUB_OWNER=my-org"}, output: `0 to add, 0 to change, 0 to destroy`},
			{run: "terraform apply"},
			{run: "terraform plan", empty: true},
		},
		check: func(m *mockgithub.Mock, mark int) error {
			for scope, name := range map[string]string{"orgs/my-org": "deploy", "enterprises/my-enterprise": "shared"} {
				n := 0
				for _, g := range m.RunnerGroups(scope) {
					if g.Name == name {
						n++
					}
				}
				if n != 1 {
					return fmt.Errorf("want the one group %q integrations/github made in %s, the mock holds %+v", name, scope, m.RunnerGroups(scope))
				}
			}
			return onlyReadSince(m, mark)
		},
	},
	spendGuardrailsCase,
	runnerAccessCase,
}

// spendGuardrailsRun is the spend guardrails guide's apply; its plan and destroy take the same variables.
const spendGuardrailsRun = "terraform apply -var organization=my-org -var sandbox_organization=my-sandbox" +
	" -var usage_year=2026 -var usage_month=10 -var 'alert_recipients=[\"platform-lead\"]'"

// spendGuardrailsCase applies the spend guardrails guide to my-org, with a month of usage on
// three Actions SKUs (one free) and Packages, and to the sandbox my-sandbox: one alerting
// budget per SKU that cost money, sized from its spend, and a hard stop on the sandbox; the
// budgets the mock starts with are left as they were, and destroy deletes only the new ones.
var spendGuardrailsCase = guideCase{
	name: "spend-guardrails", page: "spend-guardrails", section: "## 3. A hard stop for a sandbox organization",
	orgs: []string{"my-sandbox"},
	seed: func(_ *testing.T, m *mockgithub.Mock) {
		line := func(product, sku string, net float64) mockgithub.UsageItem {
			return mockgithub.UsageItem{Product: product, SKU: sku, UnitType: "minutes", PricePerUnit: 0.016, GrossQuantity: net / 0.016,
				GrossAmount: net, NetQuantity: net / 0.016, NetAmount: net, Day: 2, Repository: "my-org/web"}
		}
		m.SetUsage("orgs/my-org", 2026, 10, []mockgithub.UsageItem{
			line("Actions", "actions_linux_16_core", 400), line("Actions", "actions_windows", 81.5), line("Actions", "actions_linux", 0),
			line("Packages", "packages_storage", 10),
		})
	},
	steps: []guideStep{
		{files: []string{"examples/guides/spend-guardrails/main.tf"}, run: "terraform init"},
		{run: spendGuardrailsRun},
		{run: strings.Replace(spendGuardrailsRun, "apply", "plan", 1), empty: true},
	},
	check: func(m *mockgithub.Mock, _ int) error {
		org, box, err := guideBudgets(m)
		if err != nil {
			return err
		}
		got := map[string]string{}
		for _, b := range org {
			got[b.ProductSKU] = fmt.Sprintf("%s %s %s %.0f stop=%t alert=%t %v", b.Type, b.Scope, b.EntityName, b.Amount, b.PreventFurtherUsage, b.AlertingEnabled, b.AlertRecipients)
		}
		want := map[string]string{
			"actions_linux_16_core": "SkuPricing organization my-org 500 stop=false alert=true [platform-lead]", // 400 × 1.25
			"actions_windows":       "SkuPricing organization my-org 102 stop=false alert=true [platform-lead]", // 81.5 × 1.25, rounded up
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("new budgets of my-org = %v, want %v", got, want)
		}
		if len(box) != 1 || box[0].Type != "ProductPricing" || box[0].ProductSKU != "actions" || box[0].Amount != 25 || !box[0].PreventFurtherUsage ||
			box[0].Scope != "organization" || box[0].EntityName != "my-sandbox" {
			return fmt.Errorf("new budgets of my-sandbox = %+v, want one hard stop at 25 on all of Actions", box)
		}
		return nil
	},
	destroy: strings.Replace(spendGuardrailsRun, "apply", "destroy", 1),
	destroyed: func(m *mockgithub.Mock) error {
		org, box, err := guideBudgets(m)
		if err != nil {
			return err
		}
		if len(org)+len(box) != 0 {
			return fmt.Errorf("budgets left after destroy: %+v %+v", org, box)
		}
		return nil
	},
}

// guideBudgets returns the budgets of my-org and my-sandbox beyond those the mock starts with,
// or an error when one of those is changed or gone.
func guideBudgets(m *mockgithub.Mock) (org, sandbox []mockgithub.Budget, err error) {
	fresh := mockgithub.New(mockgithub.Config{Orgs: []string{"my-org", "my-sandbox"}})
	var news [2][]mockgithub.Budget
	for i, owner := range []string{"orgs/my-org", "orgs/my-sandbox"} {
		seeded := map[string]mockgithub.Budget{}
		for _, b := range fresh.Budgets(owner) {
			seeded[b.ID] = b
		}
		for _, b := range m.Budgets(owner) {
			if s, ok := seeded[b.ID]; !ok {
				news[i] = append(news[i], b)
			} else if fmt.Sprintf("%+v", s) != fmt.Sprintf("%+v", b) {
				return nil, nil, fmt.Errorf("budget %s of %s changed: %+v, was %+v", b.ID, owner, b, s)
			} else {
				delete(seeded, b.ID)
			}
		}
		if len(seeded) != 0 {
			return nil, nil, fmt.Errorf("budgets of %s the guide did not make are gone: %+v", owner, seeded)
		}
	}
	return news[0], news[1], nil
}

// runnerAccessDir is the directory of the guide "Who may use which runners".
const runnerAccessDir = "examples/guides/who-may-use-which-runners/"

// runnerAccessCase applies the runner access guide, with integrations/github vending the
// repositories: the organization's policy none, the group holding exactly the vended private
// repositories; destroy removes the repositories and the group and puts the policy's default back.
var runnerAccessCase = guideCase{
	name: "who-may-use-which-runners", page: "who-may-use-which-runners", integrations: true,
	section: "## Only GitHub-hosted runners, and repositories vended with access to one group",
	steps: []guideStep{
		{files: []string{runnerAccessDir + "main.tf", runnerAccessDir + "modules/vended-repository/main.tf"}, run: "terraform init"},
		{run: "terraform apply -var organization=my-org"},
		{run: "terraform plan -var organization=my-org", empty: true},
	},
	check: func(m *mockgithub.Mock, _ int) error {
		if p := m.SelfHostedRunnerPolicy("orgs/my-org"); p.EnabledRepositories != "none" {
			return fmt.Errorf("the organization's self-hosted runner policy is %+v, want none", p)
		}
		group, ok := mockRunnerGroupByName(m, "orgs/my-org", "vended-repositories")
		vended := map[int64]string{}
		for _, r := range m.Repositories("orgs/my-org") {
			if r.Name == "payments-api" || r.Name == "search-indexer" {
				if !r.Private {
					return fmt.Errorf("repository %s is not private", r.Name)
				}
				vended[r.ID] = r.Name
			}
		}
		members := map[int64]string{}
		for _, id := range group.SelectedIDs {
			members[id] = vended[id]
		}
		if !ok || len(vended) != 2 || len(group.SelectedIDs) != 2 || group.Visibility != "selected" || fmt.Sprint(members) != fmt.Sprint(vended) {
			return fmt.Errorf("group %+v should hold exactly the vended repositories %v", group, vended)
		}
		return nil
	},
	destroy: "terraform destroy -var organization=my-org",
	destroyed: func(m *mockgithub.Mock) error {
		for _, r := range m.Repositories("orgs/my-org") {
			if r.Name == "payments-api" || r.Name == "search-indexer" {
				return fmt.Errorf("repository %s survived the destroy", r.Name)
			}
		}
		if g, ok := mockRunnerGroupByName(m, "orgs/my-org", "vended-repositories"); ok {
			return fmt.Errorf("group %+v survived the destroy", g)
		}
		if p := m.SelfHostedRunnerPolicy("orgs/my-org"); p.EnabledRepositories != "all" {
			return fmt.Errorf("after destroy the policy is %+v, want GitHub's default all", p)
		}
		return nil
	},
}

// mockRunnerGroupByName returns the group of scope named name.
func mockRunnerGroupByName(m *mockgithub.Mock, scope, name string) (mockgithub.RunnerGroup, bool) {
	for _, g := range m.RunnerGroups(scope) {
		if g.Name == name {
			return g, true
		}
	}
	return mockgithub.RunnerGroup{}, false
}

// integrationsGitHubGroupsConfig is what a reader has before the runner group part of the
// migration guide: the guide's two groups, managed by integrations/github.
const integrationsGitHubGroupsConfig = `before.tf=terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "` + integrationsGitHubVersion + `"
    }
  }
}

provider "github" {
  owner = "my-org"
}

resource "github_actions_runner_group" "deploy" {
  name                    = "deploy"
  visibility              = "selected"
  selected_repository_ids = [123456789]
}

resource "github_enterprise_actions_runner_group" "shared" {
  enterprise_slug = "my-enterprise"
  name            = "shared"
  visibility      = "all"
}
`

// migrationExample is the directory of the migration guide's configurations.
const migrationExample = "examples/guides/migrating-from-integrations-github/"

// integrationsGitHubRunnerConfig is what a reader of the migration guide has before it: the
// runner of the guide, managed by integrations/github (base URL and token from the environment).
const integrationsGitHubRunnerConfig = `before.tf=terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "` + integrationsGitHubVersion + `"
    }
  }
}

provider "github" {
  owner = "my-org"
}

resource "github_actions_hosted_runner" "linux" {
  name            = "ubuntu-4core"
  size            = "4-core"
  runner_group_id = 1
  maximum_runners = 10
  image {
    id     = "ubuntu-latest"
    source = "github"
  }
}
`

// privateNetworkingCase is the private networking guide in one scope: vars names the scope
// as the page's command does, the group must get visibility.
func privateNetworkingCase(name, vars, scope, group, visibility string) guideCase {
	dir := "examples/guides/private-networking/"
	if name == "enterprise" {
		dir += "enterprise/"
	}
	run := "terraform apply -var " + vars + " -var network_settings_id=220F78DACB92BBFBC5E6F22DE1CCF52309D"
	return guideCase{
		name: "private-networking/" + name, page: "private-networking",
		section: "## 2. Network configuration, runner group and hosted runner",
		placeholders: func(m *mockgithub.Mock) map[string]string {
			return map[string]string{"220F78DACB92BBFBC5E6F22DE1CCF52309D": m.NetworkSettingsResources(scope)[0].ID}
		},
		steps: []guideStep{
			{files: []string{dir + "main.tf"}, run: "terraform init"},
			{run: run},
			{run: "terraform plan -var " + vars + " -var network_settings_id=220F78DACB92BBFBC5E6F22DE1CCF52309D", empty: true},
		},
		check: func(m *mockgithub.Mock, _ int) error {
			settings := m.NetworkSettingsResources(scope)[0].ID
			nets := m.NetworkConfigurations(scope)
			if len(nets) != 1 || nets[0].ComputeService != "actions" || fmt.Sprint(nets[0].NetworkSettingsIDs) != fmt.Sprint([]string{settings}) {
				return fmt.Errorf("want one actions network configuration on %s, got %+v", settings, nets)
			}
			found, _ := mockRunnerGroupByName(m, scope, group)
			if found.NetworkConfigurationID != nets[0].ID || found.Visibility != visibility {
				return fmt.Errorf("group %+v does not use network configuration %s with visibility %s", found, nets[0].ID, visibility)
			}
			return wantRunner(m, scope, mockgithub.Runner{Name: "ubuntu-private-4core", Size: "4-core", ImageID: "ubuntu-latest", MaximumRunners: 5, RunnerGroupID: found.ID})
		},
		// In dependency order: runner, group, then network configuration.
		destroy: "terraform destroy -var " + vars + " -var network_settings_id=220F78DACB92BBFBC5E6F22DE1CCF52309D",
		destroyed: func(m *mockgithub.Mock) error {
			if r, n := m.Runners(scope), m.NetworkConfigurations(scope); len(r) != 0 || len(n) != 0 {
				return fmt.Errorf("after destroy the mock holds runners %+v and network configurations %+v", r, n)
			}
			return nil
		},
	}
}

// seedAdoptedRunners makes the two runners the adopting guide imports.
func seedAdoptedRunners(_ *testing.T, m *mockgithub.Mock) {
	m.AddRunner("orgs/my-org", mockgithub.Runner{ID: 42, Name: "ubuntu-8core", Size: "8-core", ImageID: "ubuntu-latest", MaximumRunners: 20, RunnerGroupID: 1})
	m.AddRunner("enterprises/my-enterprise", mockgithub.Runner{ID: 7, Name: "windows-16core", Size: "16-core", ImageID: "windows-latest", MaximumRunners: 50, RunnerGroupID: 1})
}

// seedMigratedGroup makes the group (ID 4) that integrations/github made in the migration guide.
func seedMigratedGroup(m *mockgithub.Mock) {
	const scope = "orgs/my-org"
	m.AddRepository(scope, mockgithub.Repository{ID: 123456789, Name: "deploy-target", Private: true})
	m.AddRunnerGroup(scope, mockgithub.RunnerGroup{
		ID: 4, Name: "deploy", Visibility: "selected", SelectedIDs: []int64{123456789}, RestrictedToWorkflows: true,
		SelectedWorkflows: []string{"my-org/infra/.github/workflows/deploy.yml@refs/heads/main"},
	})
}

// wantRunner checks that scope holds a Ready runner named want.Name with want's size, image,
// maximum, group (and id, when set).
func wantRunner(m *mockgithub.Mock, scope string, want mockgithub.Runner) error {
	r, ok := mockRunnerByName(m, scope, want.Name)
	if want.ImageSource == "" {
		want.ImageSource = "github"
	}
	if !ok || want.ID != 0 && r.ID != want.ID || r.Size != want.Size || r.ImageID != want.ImageID || r.ImageSource != want.ImageSource ||
		r.ImageVersion != want.ImageVersion || r.MaximumRunners != want.MaximumRunners || r.RunnerGroupID != want.RunnerGroupID || r.Status != mockgithub.StatusReady {
		return fmt.Errorf("want in %s a Ready runner like %+v, the mock holds %+v", scope, want, m.Runners(scope))
	}
	return nil
}

// onlyReadSince checks that no POST, PATCH, PUT or DELETE reached the mock after the marked step.
func onlyReadSince(m *mockgithub.Mock, mark int) error {
	if mark < 0 {
		return fmt.Errorf("no step marked the request log")
	}
	if n := writes(m) - mark; n != 0 {
		return fmt.Errorf("the guide sent %d POST, PATCH, PUT or DELETE request(s); it must only read", n)
	}
	return nil
}
