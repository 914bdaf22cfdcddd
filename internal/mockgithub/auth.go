package mockgithub

import (
	"crypto/rand"
	"encoding/json"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// idKind is what a request's Authorization header turned out to be.
type idKind int

const (
	idNone         idKind = iota // no Authorization header
	idBad                        // unknown, malformed or expired credentials
	idPAT                        // an accepted personal access token
	idInstallation               // a live installation token issued by the mock
	idJWT                        // a bearer JWT (verified only by the access-token endpoint)
)

// identity is the caller of a request.
type identity struct {
	kind  idKind
	token string
}

// identify reads the Authorization header: "Bearer <t>" or "token <t>". Call with m.mu held.
func (m *Mock) identify(r *http.Request) identity {
	h := r.Header.Get("Authorization")
	if h == "" {
		return identity{kind: idNone}
	}
	scheme, tok, _ := strings.Cut(h, " ")
	tok = strings.TrimSpace(tok)
	bearer := strings.EqualFold(scheme, "bearer")
	if tok == "" || !bearer && !strings.EqualFold(scheme, "token") {
		return identity{kind: idBad}
	}
	for _, t := range m.cfg.Tokens {
		if t == tok {
			return identity{kind: idPAT, token: tok}
		}
	}
	if exp, ok := m.installs[tok]; ok {
		if m.clock.Now().Before(exp) {
			return identity{kind: idInstallation, token: tok}
		}
		return identity{kind: idBad}
	}
	if bearer && strings.Count(tok, ".") == 2 {
		return identity{kind: idJWT, token: tok}
	}
	return identity{kind: idBad}
}

// JWT rules GitHub enforces on App authentication, with a minute of clock skew allowed.
const (
	jwtMaxLifetime = 10 * time.Minute
	jwtSkew        = time.Minute
)

// accessToken is the 201 body of POST /app/installations/{id}/access_tokens.
type accessToken struct {
	Token               string            `json:"token"`
	ExpiresAt           string            `json:"expires_at"`
	Permissions         map[string]string `json:"permissions"`
	RepositorySelection string            `json:"repository_selection"`
}

// createInstallationToken answers POST /app/installations/{installation_id}/access_tokens.
// Call with m.mu held.
func (m *Mock) createInstallationToken(c *call) {
	res, id := c.res, c.id
	now := m.clock.Now()
	if id.kind == idNone {
		res.setError(http.StatusUnauthorized, "Requires authentication", docsRoot)
		return
	}
	if msg := m.verifyAppJWT(id, now); msg != "" {
		res.setError(http.StatusUnauthorized, msg, docsRoot)
		return
	}
	n, err := strconv.ParseInt(c.r.PathValue("installation_id"), 10, 64)
	if err != nil || m.cfg.InstallationID != 0 && n != m.cfg.InstallationID {
		res.setError(http.StatusNotFound, "Not Found", docsRoot)
		return
	}
	tok := "ghs_" + randomAlnum(36)
	exp := now.Add(m.cfg.TokenLifetime)
	m.installs[tok] = exp
	m.issued = append(m.issued, tok)
	res.setJSON(http.StatusCreated, accessToken{
		Token:               tok,
		ExpiresAt:           exp.UTC().Format(time.RFC3339),
		Permissions:         map[string]string{"organization_administration": "write"},
		RepositorySelection: "all",
	})
}

// verifyAppJWT checks an App JWT: RS256 signed by the app key, iss the app id, iat not in
// the future and exp in the future but at most ten minutes ahead, all on the mock's clock.
// It returns GitHub's message for the first problem, or "".
func (m *Mock) verifyAppJWT(id identity, now time.Time) string {
	const undecodable = "A JSON web token could not be decoded"
	if id.kind != idJWT || m.cfg.AppPublicKey == nil {
		return undecodable
	}
	claims := jwt.MapClaims{}
	parser := jwt.NewParser(jwt.WithoutClaimsValidation(), jwt.WithValidMethods([]string{"RS256"}), jwt.WithJSONNumber())
	if _, err := parser.ParseWithClaims(id.token, claims, func(*jwt.Token) (any, error) {
		return m.cfg.AppPublicKey, nil
	}); err != nil {
		return undecodable
	}
	exp, okExp := numericClaim(claims["exp"])
	if !okExp || !now.Before(time.Unix(exp, 0)) {
		return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
	}
	if time.Unix(exp, 0).After(now.Add(jwtMaxLifetime + jwtSkew)) {
		return "'Expiration time' claim ('exp') is too far in the future"
	}
	iat, okIat := numericClaim(claims["iat"])
	if !okIat || time.Unix(iat, 0).After(now.Add(jwtSkew)) {
		return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
	}
	var iss string
	switch v := claims["iss"].(type) {
	case string:
		iss = v
	case json.Number:
		iss = v.String()
	}
	if iss != strconv.FormatInt(m.cfg.AppID, 10) {
		return "'Issuer' claim ('iss') must be the ID of the GitHub App"
	}
	return ""
}

// numericClaim reads an integral JSON number claim.
func numericClaim(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

// randomAlnum returns n random letters and digits.
func randomAlnum(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[k.Int64()]
	}
	return string(b)
}

// IssuedTokens returns every installation token issued so far, oldest first.
func (m *Mock) IssuedTokens() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.issued...)
}
