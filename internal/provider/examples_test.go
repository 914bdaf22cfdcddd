package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// cliEnv is the built provider and a Terraform CLI configured to run it offline: a filesystem
// mirror, the only installation method, holds the provider (and integrations/github when
// bin/ has it), so `terraform init` never reaches a registry and, unlike dev_overrides, keeps
// the dependency lock file and its checks as a user's init does.
type cliEnv struct {
	t         *testing.T
	terraform string
	rc        string
}

// newCLIEnv builds the provider into a temporary directory and writes the CLI configuration.
// It needs the Terraform CLI that acceptance tests use, so it runs only with TF_ACC set.
func newCLIEnv(t *testing.T) *cliEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI: set TF_ACC=1")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set and bin/terraform is missing: run make tools")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "terraform-provider-githubactions")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mirror := filepath.Join(dir, "mirror")
	host, _, _ := strings.Cut(providerAddress(), "/")
	mirrorProvider(t, mirror, host+"/runnerforge/githubactions", "0.1.0", bin)
	if source, err := filepath.Abs(integrationsGitHubBin); err == nil {
		if _, err := os.Stat(source); err == nil {
			mirrorProvider(t, mirror, host+"/integrations/github", integrationsGitHubVersion, source)
		}
	}
	rc := filepath.Join(dir, "terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cliEnv{t: t, terraform: tf, rc: rc}
}

// mirrorProvider links the provider binary bin into the filesystem mirror as version of the
// provider address (host/namespace/type), for this platform.
func mirrorProvider(t *testing.T, mirror, address, version, bin string) {
	t.Helper()
	dir := filepath.Join(mirror, filepath.FromSlash(address), version, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := "terraform-provider-" + path.Base(address) + "_v" + version
	if err := os.Symlink(bin, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// providerAddress is the provider's address as the CLI under test resolves
// "runnerforge/githubactions": on the host TF_ACC_PROVIDER_HOST names (registry.opentofu.org
// for OpenTofu), registry.terraform.io by default.
func providerAddress() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/runnerforge/githubactions"
}

// run runs terraform in dir and returns its combined output and exit code; extraEnv adds variables.
func (c *cliEnv) run(dir string, extraEnv []string, args ...string) (string, int) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+c.rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=")
	cmd.Env = append(cmd.Env, extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		c.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), code
}

// mustRun is run that fails the test on a non-zero exit code.
func (c *cliEnv) mustRun(dir string, extraEnv []string, args ...string) string {
	c.t.Helper()
	out, code := c.run(dir, extraEnv, args...)
	if code != 0 {
		c.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// exampleDirs walks examples/ for every directory that holds .tf files.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "examples")
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".tf") {
			seen[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// TestAccExamples checks that every example directory is formatted and a valid configuration.
func TestAccExamples(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	dirs := exampleDirs(t)
	if len(dirs) < 24 {
		t.Fatalf("found only %d example directories: %v", len(dirs), dirs)
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(filepath.Join("..", "..", "examples"), dir)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			abs, err := filepath.Abs(dir)
			if err != nil {
				t.Fatal(err)
			}
			c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
			if out, code := c.run(abs, nil, "fmt", "-check", "-diff", "-no-color"); code != 0 {
				t.Errorf("terraform fmt -check: not formatted (run make fmt):\n%s", out)
			}
			// Work on a copy so that no .terraform directory or lock file lands in the tree; the
			// .tf files of subdirectories come along, for the local modules an example calls.
			work := t.TempDir()
			err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".tf") {
					return err
				}
				rel, _ := filepath.Rel(abs, path)
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				if err := os.MkdirAll(filepath.Join(work, filepath.Dir(rel)), 0o755); err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(work, rel), data, 0o600)
			})
			if err != nil {
				t.Fatal(err)
			}
			if out, code := c.run(work, nil, "init", "-backend=false", "-input=false", "-no-color"); code != 0 {
				// The moved-block guide needs Terraform >= 1.8 (required_version says so): older
				// CLIs refuse it here, and `make testacc-moved` validates it on a newer one.
				if strings.Contains(out, "Unsupported Terraform Core version") {
					t.Skipf("this CLI is older than the example's required_version; validated by make testacc-moved and on OpenTofu:\n%s", out)
				}
				t.Fatalf("terraform init exited %d:\n%s", code, out)
			}
			out := c.mustRun(work, nil, "validate", "-no-color")
			if !strings.Contains(out, "The configuration is valid") {
				t.Errorf("terraform validate did not say the configuration is valid:\n%s", out)
			}
		})
	}
}

// TestAccProviderSchema checks, through the real CLI, that the provider offers exactly the
// resources and data sources listed below.
func TestAccProviderSchema(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(`terraform {
  required_providers {
    githubactions = { source = "runnerforge/githubactions" }
  }
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	c.mustRun(work, nil, "init", "-backend=false", "-input=false", "-no-color")
	out := c.mustRun(work, nil, "providers", "schema", "-json")
	var schemas struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas   map[string]json.RawMessage `json:"resource_schemas"`
			DataSourceSchemas map[string]json.RawMessage `json:"data_source_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &schemas); err != nil {
		t.Fatalf("decoding the schema: %v\n%s", err, out)
	}
	ps, ok := schemas.ProviderSchemas[providerAddress()]
	if !ok {
		t.Fatalf("no schema for %s in %v", providerAddress(), schemas.ProviderSchemas)
	}
	keys := func(m map[string]json.RawMessage) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	wantResources := "githubactions_budget githubactions_custom_image githubactions_custom_image_version githubactions_hosted_runner " +
		"githubactions_network_configuration githubactions_runner_group githubactions_runner_group_organization " +
		"githubactions_runner_group_repository githubactions_self_hosted_runner_policy"
	wantData := "githubactions_actions_usage githubactions_budgets githubactions_custom_image githubactions_custom_image_version githubactions_custom_image_versions " +
		"githubactions_custom_images githubactions_hosted_runner githubactions_hosted_runners githubactions_limits " +
		"githubactions_machine_size githubactions_machine_sizes githubactions_network_configuration " +
		"githubactions_network_configurations githubactions_network_settings githubactions_platforms " +
		"githubactions_runner_group githubactions_runner_groups githubactions_runner_image githubactions_runner_images " +
		"githubactions_self_hosted_runner_policy"
	if got := keys(ps.ResourceSchemas); got != wantResources {
		t.Errorf("resources:\n got %s\nwant %s", got, wantResources)
	}
	if got := keys(ps.DataSourceSchemas); got != wantData {
		t.Errorf("data sources:\n got %s\nwant %s", got, wantData)
	}
}
