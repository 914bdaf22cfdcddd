package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// cliConfig is a root module for the CLI tests: the provider from the test's mock and body.
func cliConfig(e *testEnv, body string) string {
	return requiredProviders + e.providerConfig() + body
}

// writeConfig replaces the root module of dir with config.
func writeConfig(t *testing.T, dir, config string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// expectOutput fails unless out holds each phrase (whatever the CLI's line wrapping).
func expectOutput(t *testing.T, what, out string, phrases ...string) {
	t.Helper()
	if !wordsIn(phrases...).MatchString(out) {
		t.Errorf("%s: the output does not hold %q:\n%s", what, phrases, out)
	}
}

// TestAccPlanOutput runs the real CLI against the mock, in both scopes, and reads what the
// user sees: each plan-time warning (rename, static IP release, custom image deletion on
// replacement and destroy), exactly one error for a scope mistake and for a 422, and no
// write from any plan.
func TestAccPlanOutput(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
		// The provider runs as a built binary here, out of reach of a fake clock: the
		// mock must provision on the wall clock.
		e := newWallClockEnv(t, mockgithub.Config{})
		dir := t.TempDir()
		config := func(name, staticIP string, imageID int, version string) string {
			return cliConfig(e,
				resourceBlock("githubactions_hosted_runner", "test", sc,
					fmt.Sprintf("name             = %q", name),
					`image            = { id = "ubuntu-latest" }`,
					`size             = "4-core"`,
					`maximum_runners  = 3`,
					"enable_static_ip = "+staticIP)+
					resourceBlock("githubactions_custom_image", "test", sc, fmt.Sprintf("image_definition_id = %d", imageID))+
					resourceBlock("githubactions_custom_image_version", "test", sc,
						`image_definition_id = 1`,
						fmt.Sprintf("version             = %q", version)))
		}
		writeConfig(t, dir, config("w1", "true", 2, "1.0.0"))
		c.mustRun(dir, nil, "init", "-input=false", "-no-color")
		c.mustRun(dir, nil, "apply", "-auto-approve", "-input=false", "-no-color")
		ips := e.Mock.Runners(sc.path)[0].PublicIPs
		if len(ips) == 0 {
			t.Fatal("the mock assigned no static IP")
		}

		e.Mock.ResetRequests()
		writeConfig(t, dir, config("w2", "false", 1, "1.1.0"))
		out := c.mustRun(dir, nil, "plan", "-input=false", "-no-color")
		expectOutput(t, "rename", out, "Warning: Renaming the Runner Changes Its runs-on Label",
			`from "w1" to "w2"`, "jobs with runs-on: w1")
		expectOutput(t, "static IP release", out, "Warning: Turning Off Static IPs Releases the Runner's Addresses",
			fmt.Sprintf("%s/%d", ips[0].Prefix, ips[0].Length), "allow lists")
		expectOutput(t, "image replacement", out, "Warning: Replacing Deletes the Custom Image From GitHub",
			`custom image definition 2 ("win-build") and all 1 of its versions`)
		expectOutput(t, "version replacement", out, "Warning: Replacing Deletes the Custom Image Version From GitHub",
			"version 1.0.0 of custom image definition 1")
		if w := writesTo(e.Mock); len(w) != 0 {
			t.Errorf("terraform plan wrote to GitHub: %v", w)
		}

		writeConfig(t, dir, config("w1", "true", 2, "1.0.0"))
		out = c.mustRun(dir, nil, "plan", "-destroy", "-input=false", "-no-color")
		expectOutput(t, "destroy", out, "Warning: Destroying Deletes the Custom Image From GitHub",
			`custom image definition 2 ("win-build")`, "removed block")
		if w := writesTo(e.Mock); len(w) != 0 {
			t.Errorf("terraform plan -destroy wrote to GitHub: %v", w)
		}

		// Both scopes set: one error, not one per argument.
		both := t.TempDir()
		writeConfig(t, both, cliConfig(e, `
resource "githubactions_hosted_runner" "test" {
  organization = "acme"
  enterprise   = "acme-corp"
  name         = "both"
  image        = { id = "ubuntu-latest" }
  size         = "4-core"
}
`))
		c.mustRun(both, nil, "init", "-input=false", "-no-color")
		out, code := c.run(both, nil, "validate", "-no-color")
		if code == 0 || strings.Count(out, "Error:") != 1 {
			t.Errorf("setting organization and enterprise gave exit code %d and %d errors, want one:\n%s", code, strings.Count(out, "Error:"), out)
		}
		expectOutput(t, "both scopes", out, "Error: Both Organization and Enterprise Set", "not both")

		// A 422 the plan cannot foresee (a name taken between the provider's check for it and
		// the POST): one error, on the name, with the request id.
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: `/hosted-runners$`, Times: 1, Status: http.StatusUnprocessableEntity,
			Body: `{"message":"Validation Failed","errors":[{"resource":"HostedRunner","field":"name","code":"already_exists","message":"A hosted runner named \"taken\" already exists."}],"documentation_url":"https://docs.github.com/rest","status":"422"}`})
		dup := t.TempDir()
		writeConfig(t, dup, cliConfig(e, resourceBlock("githubactions_hosted_runner", "test", sc,
			`name  = "taken"`,
			`image = { id = "ubuntu-latest" }`,
			`size  = "4-core"`)))
		c.mustRun(dup, nil, "init", "-input=false", "-no-color")
		out, code = c.run(dup, nil, "apply", "-auto-approve", "-input=false", "-no-color")
		if code == 0 || strings.Count(out, "Error:") != 1 {
			t.Errorf("a taken name gave exit code %d and %d errors, want one:\n%s", code, strings.Count(out, "Error:"), out)
		}
		expectOutput(t, "422", out, "Error: Unable to Create Hosted Runner", `name = "taken"`,
			"GitHub refused the value: A hosted runner named \"taken\" already exists.", "X-GitHub-Request-Id")
		if strings.Contains(out, "already_exists") {
			t.Errorf("the error repeats GitHub's error code:\n%s", out)
		}

		c.mustRun(dir, nil, "destroy", "-auto-approve", "-input=false", "-no-color")
	})
}
