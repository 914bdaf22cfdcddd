package mockgithub

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
)

// appKey is one RSA key shared by the App tests (generating keys is slow).
var appKey = func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}()

// signJWT signs claims with key.
func signJWT(t *testing.T, key *rsa.PrivateKey, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// appConfig is a Config with App auth on a manual clock.
func appConfig(clock *clock.Fake) Config {
	return Config{Clock: clock, AppID: 42, AppPublicKey: &appKey.PublicKey, InstallationID: 7, TokenLifetime: 30 * time.Minute}
}

// TestAppTokenFlow covers a JWT exchanged for an installation token that expires.
func TestAppTokenFlow(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	h := newHarness(t, appConfig(clock))
	for _, iss := range []any{"42", 42} {
		jwtStr := signJWT(t, appKey, jwt.MapClaims{"iss": iss, "iat": epoch.Add(-30 * time.Second).Unix(), "exp": epoch.Add(9 * time.Minute).Unix()})
		r := h.do(http.MethodPost, "/app/installations/7/access_tokens", nil, withHeader("Authorization", "Bearer "+jwtStr)).expect(t, http.StatusCreated)
		requireFields(t, "token", r.obj, map[string]string{"token": kString, "expires_at": kString, "permissions": kObject, "repository_selection": kString})
		if !strings.HasPrefix(r.obj["token"].(string), "ghs_") || r.obj["expires_at"] != epoch.Add(30*time.Minute).Format(time.RFC3339) {
			t.Errorf("token %s", r.raw)
		}
	}
	issued := h.mock.IssuedTokens()
	if len(issued) != 2 || issued[0] == issued[1] {
		t.Fatalf("issued %v", issued)
	}
	auth := withHeader("Authorization", "token "+issued[0])
	h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners", nil, auth).expect(t, http.StatusOK)
	clock.Advance(30 * time.Minute)
	requireError(t, h.do(http.MethodGet, "/orgs/acme/actions/hosted-runners", nil, auth), http.StatusUnauthorized, "Bad credentials")
}

// TestAppJWTRejected covers the JWT checks.
func TestAppJWTRejected(t *testing.T) {
	t.Parallel()
	clock := clock.NewFake(epoch)
	h := newHarness(t, appConfig(clock))
	other, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	iat, exp := epoch.Add(-30*time.Second).Unix(), epoch.Add(5*time.Minute).Unix()
	hs, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": "42", "iat": iat, "exp": exp}).SignedString([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, auth, path string
		status           int
	}{
		{"no auth", "", "/app/installations/7/access_tokens", 401},
		{"personal token", "token " + DefaultToken, "/app/installations/7/access_tokens", 401},
		{"wrong key", "Bearer " + signJWT(t, other, jwt.MapClaims{"iss": "42", "iat": iat, "exp": exp}), "/app/installations/7/access_tokens", 401},
		{"HS256", "Bearer " + hs, "/app/installations/7/access_tokens", 401},
		{"wrong issuer", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "43", "iat": iat, "exp": exp}), "/app/installations/7/access_tokens", 401},
		{"expired", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "iat": iat, "exp": epoch.Add(-time.Second).Unix()}), "/app/installations/7/access_tokens", 401},
		{"exp too far", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "iat": iat, "exp": epoch.Add(time.Hour).Unix()}), "/app/installations/7/access_tokens", 401},
		{"iat in future", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "iat": epoch.Add(5 * time.Minute).Unix(), "exp": exp}), "/app/installations/7/access_tokens", 401},
		{"no iat", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "exp": exp}), "/app/installations/7/access_tokens", 401},
		{"unknown installation", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "iat": iat, "exp": exp}), "/app/installations/8/access_tokens", 404},
		{"JWT on the API", "Bearer " + signJWT(t, appKey, jwt.MapClaims{"iss": "42", "iat": iat, "exp": exp}), "/orgs/acme/actions/hosted-runners", 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			method := http.MethodPost
			if !strings.HasPrefix(c.path, "/app/") {
				method = http.MethodGet
			}
			r := h.do(method, c.path, nil, withHeader("Authorization", c.auth))
			requireError(t, r, c.status, r.obj["message"].(string))
		})
	}
	if n := len(h.mock.IssuedTokens()); n != 0 {
		t.Errorf("%d tokens issued", n)
	}
}

// installationHarness starts a mock with App auth on a manual clock and returns it with a
// request edit that authenticates as an installation token it issued.
func installationHarness(t *testing.T) (*harness, func(*http.Request)) {
	t.Helper()
	h := newHarness(t, appConfig(clock.NewFake(epoch)))
	jwtStr := signJWT(t, appKey, jwt.MapClaims{"iss": 42, "iat": epoch.Unix(), "exp": epoch.Add(2 * time.Minute).Unix()})
	tok := h.do(http.MethodPost, "/app/installations/7/access_tokens", nil, withHeader("Authorization", "Bearer "+jwtStr)).
		expect(t, http.StatusCreated).obj["token"].(string)
	return h, withHeader("Authorization", "Bearer "+tok)
}

// TestInstallationTokenScope covers the operations GitHub Apps may not call.
func TestInstallationTokenScope(t *testing.T) {
	t.Parallel()
	h, auth := installationHarness(t)
	org := h.mock.AddRunner("orgs/acme", Runner{Name: "o", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	ent := h.mock.AddRunner("enterprises/acme-corp", Runner{Name: "e", ImageID: "ubuntu-latest", Size: "2-core", RunnerGroupID: 1})
	cases := []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/orgs/acme/actions/hosted-runners", 200},
		{http.MethodPatch, "/orgs/acme/actions/hosted-runners/" + itoa(org.ID), 200},
		{http.MethodGet, "/orgs/acme/actions/hosted-runners/machine-sizes", 200},
		{http.MethodDelete, "/orgs/acme/actions/hosted-runners/" + itoa(org.ID), 403},
		{http.MethodGet, "/enterprises/acme-corp/actions/hosted-runners/" + itoa(ent.ID), 200},
		{http.MethodGet, "/enterprises/acme-corp/actions/hosted-runners", 403},
		{http.MethodPost, "/enterprises/acme-corp/actions/hosted-runners", 403},
		{http.MethodGet, "/enterprises/acme-corp/actions/hosted-runners/platforms", 403},
		{http.MethodDelete, "/enterprises/acme-corp/actions/hosted-runners/images/custom/1", 403},
	}
	for _, c := range cases {
		r := h.do(c.method, c.path, map[string]any{}, auth)
		if c.status == 403 {
			requireError(t, r, 403, "Resource not accessible by integration")
			if r.header.Get("X-Accepted-GitHub-Permissions") == "" {
				t.Errorf("%s %s: no X-Accepted-GitHub-Permissions", c.method, c.path)
			}
			continue
		}
		r.expect(t, c.status)
	}
}
