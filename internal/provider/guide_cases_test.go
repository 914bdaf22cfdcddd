package provider

import (
	"fmt"
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
			var found mockgithub.RunnerGroup
			for _, g := range m.RunnerGroups(scope) {
				if g.Name == group {
					found = g
				}
			}
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
