package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func request(token string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return r
}

func TestAPIKeysAreCheckedByTheirHash(t *testing.T) {
	token, entry, err := NewAPIKey("ci", Editor)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(entry, token) || !strings.HasPrefix(entry, "ci:editor:") {
		t.Fatalf("entry %q must hold the hash, not the token", entry)
	}
	a, err := New(context.Background(), Config{APIKeys: []string{entry}})
	if err != nil {
		t.Fatal(err)
	}
	if id, err := a.Authenticate(request(token)); err != nil || id != (Identity{Name: "ci", Role: Editor}) {
		t.Errorf("good token: %v %v", id, err)
	}
	for _, bad := range []string{token + "x", "Basic " + token} {
		r := request(bad)
		if strings.HasPrefix(bad, "Basic") {
			r.Header.Set("Authorization", bad)
		}
		if _, err := a.Authenticate(r); err != ErrUnauthenticated {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
	if id, err := a.Authenticate(request("")); err != nil || id.Role != Anonymous {
		t.Errorf("no token: %v %v", id, err)
	}
}

func TestBadConfigurationIsRefusedWithoutEchoingSecrets(t *testing.T) {
	for _, c := range []Config{
		{APIKeys: []string{"name:editor:nothex-secret-looking"}},
		{APIKeys: []string{"name:overlord:" + strings.Repeat("ab", 32)}},
		{JWTSecret: "short"},
		{JWTSecret: strings.Repeat("x", 32), JWKSURL: "http://127.0.0.1:1/jwks"},
		{JWKSURL: "http://127.0.0.1:1/jwks", Issuer: "https://id.example"}, // no audience
	} {
		_, err := New(context.Background(), c)
		if err == nil {
			t.Errorf("%+v: accepted", c)
			continue
		}
		if strings.Contains(err.Error(), "secret-looking") {
			t.Errorf("error echoes the key: %v", err)
		}
	}
}

func TestRequireMapsRolesToErrors(t *testing.T) {
	for _, tc := range []struct {
		have, need Role
		want       error
	}{{Anonymous, Editor, ErrUnauthenticated}, {Reader, Editor, ErrForbidden}, {Editor, Admin, ErrForbidden}, {Admin, Editor, nil}, {Editor, Editor, nil}} {
		ctx := WithIdentity(context.Background(), Identity{Name: "x", Role: tc.have})
		if got := Require(ctx, tc.need); got != tc.want {
			t.Errorf("%v needs %v: %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
}

// A JWKS URL (here a local server) verifies RS256 tokens; the role comes from the configured claim.
func TestJWTsSignedWithJWKSKeys(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	jwks := map[string]any{"keys": []any{map[string]any{
		"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()),
	}}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _ = json.NewEncoder(w).Encode(jwks) }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := New(ctx, Config{JWKSURL: srv.URL, RoleClaim: "urbangraph_role", Audience: "urbangraph"})
	if err != nil {
		t.Fatal(err)
	}
	sign := func(claims jwt.MapClaims) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := sign(jwt.MapClaims{"sub": "bob", "urbangraph_role": "admin", "aud": "urbangraph", "exp": time.Now().Add(time.Hour).Unix()})
	if id, err := a.Authenticate(request(good)); err != nil || id != (Identity{Name: "jwt:bob", Role: Admin}) {
		t.Errorf("good JWT: %v %v", id, err)
	}
	for name, claims := range map[string]jwt.MapClaims{
		"wrong audience": {"sub": "bob", "urbangraph_role": "admin", "aud": "other", "exp": time.Now().Add(time.Hour).Unix()},
		"no expiry":      {"sub": "bob", "urbangraph_role": "admin", "aud": "urbangraph"},
	} {
		if _, err := a.Authenticate(request(sign(claims))); err != ErrUnauthenticated {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	// An HS256 token is refused by a JWKS-configured server (no algorithm confusion).
	hs, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "eve", "urbangraph_role": "admin", "aud": "urbangraph",
		"exp": time.Now().Add(time.Hour).Unix()}).SignedString([]byte("whatever-secret-whatever-secret-xx"))
	if _, err := a.Authenticate(request(hs)); err != ErrUnauthenticated {
		t.Errorf("HS256 against JWKS: err = %v", err)
	}
}
