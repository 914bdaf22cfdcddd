package provider

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// Test App identity: the mock's App and its only installation.
const (
	testAppID          = 4242
	testInstallationID = 77
)

// testApp is a GitHub App key generated for one test, with its PEM on disk.
type testApp struct {
	key     *rsa.PrivateKey
	pem     []byte
	pemPath string
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	path := filepath.Join(t.TempDir(), "app.pem")
	if err := os.WriteFile(path, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return &testApp{key: key, pem: pemBytes, pemPath: path}
}

// mockConfig makes cfg accept this App's installation tokens (and the default token, which
// tests use for what GitHub does not let Apps do).
func (a *testApp) mockConfig(cfg mockgithub.Config) mockgithub.Config {
	cfg.AppID, cfg.AppPublicKey, cfg.InstallationID = testAppID, &a.key.PublicKey, testInstallationID
	return cfg
}

// providerBlock renders a provider block that authenticates as the App.
func (a *testApp) providerBlock(e *testEnv, extra string) string {
	return providerBlock(
		fmt.Sprintf("base_url = %q", e.URL),
		hclBlock("app_auth",
			fmt.Sprintf(`id              = "%d"`, testAppID),
			fmt.Sprintf(`installation_id = "%d"`, testInstallationID),
			fmt.Sprintf("pem_file        = %q", a.pemPath)),
		extra)
}

// TestAccAppAuth_EnvironmentVariables: with no credentials in the provider block, the
// GITHUB_APP_* variables authenticate as the App installation (the create carries an
// installation token); a token written in the block takes precedence over them. Not
// parallel: it sets environment variables.
func TestAccAppAuth_EnvironmentVariables(t *testing.T) {
	app := newTestApp(t)
	t.Setenv("GITHUB_APP_ID", fmt.Sprint(testAppID))
	t.Setenv("GITHUB_APP_INSTALLATION_ID", fmt.Sprint(testInstallationID))
	t.Setenv("GITHUB_APP_PEM_FILE", app.pemPath)
	t.Setenv("GITHUB_TOKEN", "")
	e, _ := newFaultEnv(t, app.mockConfig(mockgithub.Config{}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf("provider \"githubactions\" {\n  base_url = %q\n}\n", e.URL) + runnerBlock("organization", "acme", "from-env"),
				Check: resource.ComposeAggregateTestCheckFunc(checkInvariants(e), func(*terraform.State) error {
					for _, r := range e.Mock.Requests() {
						if r.Method == http.MethodPost && r.Path == "/orgs/acme/actions/hosted-runners" && !strings.HasPrefix(r.Header.Get("Authorization"), "token ghs_") {
							return fmt.Errorf("the create was not sent with an installation token")
						}
					}
					if len(e.Mock.IssuedTokens()) == 0 {
						return fmt.Errorf("no installation token was issued")
					}
					return nil
				}),
			},
			{
				// GitHub does not let Apps delete organization runners: destroy with a token.
				Config:   faultProvider(e, "") + runnerBlock("organization", "acme", "from-env"),
				PlanOnly: true,
			},
		},
	})
}
