package provider

import (
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// newTLSMock serves a mock over HTTPS with httptest's own certificate, trusted by nobody. It
// runs on the wall clock: TestAccTLS_TrustedThroughSSLCertFile's provider is a built binary,
// out of reach of a fake clock, and in TestAccTLS_UntrustedCertificate nothing reaches it.
func newTLSMock(t *testing.T) (*mockgithub.Mock, *httptest.Server) {
	t.Helper()
	m := mockgithub.New(mockgithub.Config{ProvisionDelay: 100 * time.Millisecond, DeleteDelay: 100 * time.Millisecond})
	srv := httptest.NewUnstartedServer(m)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return m, srv
}

// TestAccTLS_UntrustedCertificate: TLS is verified by default; a server whose certificate
// no trusted CA signed fails with a clear error, and nothing reaches it.
func TestAccTLS_UntrustedCertificate(t *testing.T) {
	t.Parallel()
	m, srv := newTLSMock(t)
	e := &testEnv{t: t, Mock: m, URL: srv.URL, Token: mockgithub.DefaultToken}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      faultRunner(e, "", "tls", ""),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Hosted Runner.*tls:\s+failed\s+to\s+verify\s+certificate:\s+x509:\s+certificate\s+signed\s+by\s+unknown\s+authority.*nothing\s+was\s+sent.*SSL_CERT_FILE`),
		}},
	})
	if n := len(m.Requests()); n != 0 {
		t.Fatalf("%d requests reached the untrusted server", n)
	}
}

// TestAccTLS_TrustedThroughSSLCertFile trusts the mock's certificate the way a user would:
// SSL_CERT_FILE names a PEM file with it. Go reads SSL_CERT_FILE once per process, so the
// provider runs as a built binary through dev_overrides, with that variable in Terraform's
// environment (Terraform passes it on to the provider), and the Terraform CLI is run
// directly: apply, a plan with no changes, destroy.
func TestAccTLS_TrustedThroughSSLCertFile(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	t.Parallel()
	m, srv := newTLSMock(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(bin, "terraform-provider-githubactions"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, fmt.Appendf(nil, "provider_installation {\n  dev_overrides {\n    \"runnerforge/githubactions\" = %q\n  }\n  direct {}\n}\n", bin), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	config := requiredProviders +
		providerBlock(fmt.Sprintf("base_url = %q", srv.URL), "write_delay_ms = 0") +
		resourceBlock("githubactions_hosted_runner", "tls", scopeCases[0],
			`name         = "over-tls"`,
			`image        = { id = "ubuntu-latest" }`,
			`size         = "4-core"`)
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	terraform := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
		cmd.Dir = work
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + rc, "SSL_CERT_FILE=" + caFile,
			"GITHUB_TOKEN=" + mockgithub.DefaultToken, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("terraform %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	terraform("apply", "-auto-approve", "-input=false", "-no-color")
	if rs := m.Runners(orgScope); len(rs) != 1 || rs[0].Name != "over-tls" || rs[0].Status != mockgithub.StatusReady {
		t.Fatalf("after apply over TLS the mock has %+v, want the runner over-tls, Ready", rs)
	}
	if out := terraform("plan", "-detailed-exitcode", "-input=false", "-no-color"); !regexp.MustCompile(`No changes`).MatchString(out) {
		t.Fatalf("the plan after apply is not empty:\n%s", out)
	}
	terraform("destroy", "-auto-approve", "-input=false", "-no-color")
	if rs := m.Runners(orgScope); len(rs) != 0 {
		t.Fatalf("after destroy the mock still has %+v", rs)
	}
}
