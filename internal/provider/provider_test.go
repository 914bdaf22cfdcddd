package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestMain points the acceptance tests at a CLI config file of their own (the machines set
// TF_CLI_CONFIG_FILE to one that does not exist) and at the CLI that `make tools` builds.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "githubactions-test-")
	if err != nil {
		panic(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, []byte("# written by the provider's tests\n"), 0o600); err != nil {
		panic(err)
	}
	_ = os.Setenv("TF_CLI_CONFIG_FILE", rc)
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if abs, err := filepath.Abs("../../bin/terraform"); err == nil {
			if _, err := os.Stat(abs); err == nil {
				_ = os.Setenv("TF_ACC_TERRAFORM_PATH", abs)
			}
		}
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// testEnv is one acceptance test's own mock GitHub and provider.
type testEnv struct {
	t      *testing.T
	Mock   *mockgithub.Mock
	URL    string
	Token  string
	opts   []Option
	extras string
	// clock is the fake clock the mock and the provider share; nil on the wall clock.
	clock *clock.Fake
	// flight counts the requests the env's servers are answering.
	flight *inFlight
}

// newTestEnv starts a mock with cfg (a short provisioning and deletion delay unless cfg sets
// them) for the test's lifetime, on a fake clock that the mock and the in-process provider
// share (cfg.Clock is replaced): every wait of the provider advances the mock's time at once,
// so nothing sleeps on the wall clock. opts come after the test defaults (short polls and
// retry waits) and may replace them.
func newTestEnv(t *testing.T, cfg mockgithub.Config, opts ...Option) *testEnv {
	t.Helper()
	fake := clock.NewAutoFake(time.Now().Truncate(time.Second)).WallDeadlines() // Terraform's timeouts
	cfg.Clock = fake
	e := startTestEnv(t, cfg, append([]Option{WithClock(fake)}, opts...))
	e.clock = fake
	return e
}

// newWallClockEnv is newTestEnv with the mock and the provider on the wall clock. A test uses
// it only when its provider runs out of process (a built binary the fake clock cannot reach:
// nothing would ever advance a fake clock of the mock's), or when it counts reads shared by
// operations that Terraform starts in parallel in real time (the fake clock would move on
// between them by as much as the machine's load lets it).
func newWallClockEnv(t *testing.T, cfg mockgithub.Config, opts ...Option) *testEnv {
	t.Helper()
	cfg.Clock = nil
	return startTestEnv(t, cfg, opts)
}

// startTestEnv serves a mock with cfg for the test's lifetime, with the provider options opts.
func startTestEnv(t *testing.T, cfg mockgithub.Config, opts []Option) *testEnv {
	t.Helper()
	if cfg.ProvisionDelay == 0 {
		cfg.ProvisionDelay = 150 * time.Millisecond
	}
	if cfg.DeleteDelay == 0 {
		cfg.DeleteDelay = 150 * time.Millisecond
	}
	m := mockgithub.New(cfg)
	flight := newInFlight()
	srv := httptest.NewServer(flight.track(mockgithub.Handler(m))) // under /api/v3 too, for integrations/github
	t.Cleanup(srv.Close)
	token := mockgithub.DefaultToken
	if len(cfg.Tokens) > 0 {
		token = cfg.Tokens[0]
	}
	base := []Option{WithPollInterval(20*time.Millisecond, 100*time.Millisecond), WithRetryWait(time.Millisecond, 20*time.Millisecond)}
	return &testEnv{t: t, Mock: m, URL: srv.URL, Token: token, opts: append(base, opts...), flight: flight}
}

// factories serves this env's provider in-process over protocol 6.
func (e *testEnv) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"githubactions": providerserver.NewProtocol6WithError(New("test", e.opts...)()),
	}
}

// providerConfig renders the provider block pointing at the mock, with no write spacing.
func (e *testEnv) providerConfig() string {
	return providerBlock(
		fmt.Sprintf("base_url       = %q", e.URL),
		fmt.Sprintf("token          = %q", e.Token),
		"write_delay_ms = 0",
		"max_concurrent_requests = 4",
		e.extras)
}
