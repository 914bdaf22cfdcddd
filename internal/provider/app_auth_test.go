package provider

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"testing"

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
	return fmt.Sprintf(`
provider "githubactions" {
  base_url = %[1]q
  app_auth {
    id              = "%[2]d"
    installation_id = "%[3]d"
    pem_file        = %[4]q
  }
%[5]s
}
`, e.URL, testAppID, testInstallationID, a.pemPath, extra)
}
