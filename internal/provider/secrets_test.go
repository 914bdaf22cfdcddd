package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccSecrets_TraceLogHasNoSecrets runs applies with TF_LOG=TRACE into a per-test log
// file (terraform-plugin-testing gives the in-process provider a log sink that honours
// TF_LOG and TF_LOG_PATH_MASK on every call) through the paths where secrets could leak: a
// token with a line break, a rejected token, App authentication with an ambiguous create,
// and a token again. The log must hold the provider's request lines and none of the tokens,
// the App's JWTs or its key. Not parallel: it sets environment variables.
func TestAccSecrets_TraceLogHasNoSecrets(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))

	app := newTestApp(t)
	// Three callers (two tokens and the App) write here, each with its own write spacing, and
	// no time passes between steps on the fake clock: the mock's single spacing rule is off.
	e, _ := newFaultEnv(t, app.mockConfig(mockgithub.Config{MinWriteSpacing: -1}))
	const rejected = "ghp_rejectedRejected0123456789abcdefXYZ"
	const pasted = "ghp_pastedPasted0123456789"
	const pastedTail = "abcdefPastedTailXYZ"
	withToken := func(token string) string {
		return fmt.Sprintf("\nprovider \"githubactions\" {\n  base_url = %q\n  token = %q\n}\n", e.URL, token) +
			runnerBlock("organization", "acme", "secretive")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{Config: withToken(pasted + "\n" + pastedTail), ExpectError: regexp.MustCompile(`(?s)Invalid GitHub Token.*line break`)},
			{Config: withToken(rejected), ExpectError: regexp.MustCompile(`Bad credentials`)},
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusBadGateway, Body: badGateway})
				},
				Config: app.providerBlock(e, "") + runnerBlock("organization", "acme", "secretive"),
				Check:  checkInvariants(e),
			},
			{Config: withToken(e.Token), PlanOnly: true},
		},
	})

	files, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no log captured in %s: %v", dir, err)
	}
	var logs strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		logs.WriteString(withoutTestConfigs(string(b)))
	}
	text := logs.String()
	for _, want := range []string{"GitHub API request", "GitHub API response body", "Adopted the runner the ambiguous create request made", "Invalid GitHub Token"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the captured log (%d bytes) lacks %q: it does not hold the provider's logs", len(text), want)
		}
	}
	secrets := append([]string{e.Token, rejected, pasted, pastedTail}, e.Mock.IssuedTokens()...)
	if len(e.Mock.IssuedTokens()) == 0 {
		t.Fatal("no installation token was issued: the App path did not run")
	}
	keyLines := strings.Split(strings.TrimSpace(string(app.pem)), "\n")
	secrets = append(secrets, keyLines[1:len(keyLines)-1]...)
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Fatalf("secret in log: the trace log contains the secret %q", s)
		}
	}
	for _, re := range []*regexp.Regexp{regexp.MustCompile(`eyJ[A-Za-z0-9_-]{5,}\.eyJ`), regexp.MustCompile(`PRIVATE KEY`), regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{10,}`)} {
		if m := re.FindString(text); m != "" {
			t.Fatalf("secret in log: the trace log contains %q", m)
		}
	}
	t.Logf("checked %d bytes of TRACE log in %d files against %d secrets", len(text), len(files), len(secrets))
}

// withoutTestConfigs drops the test harness's own dumps of each step's configuration
// (sdk.helper_resource "Setting Terraform configuration", whose text holds the tokens the
// test wrote into it); everything Terraform and the provider logged stays.
func withoutTestConfigs(log string) string {
	var out strings.Builder
	skipping := false
	for _, line := range strings.SplitAfter(log, "\n") {
		switch {
		case strings.Contains(line, "test_terraform_configuration="):
			skipping = true
		case skipping && strings.HasPrefix(line, "  |"):
		default:
			skipping = false
			out.WriteString(line)
		}
	}
	return out.String()
}
