// Package auth decides who a request comes from: an API key from the configuration (kept as a
// SHA-256 hash) or a JWT (HS256 secret or a JWKS URL, verified by golang-jwt), each carrying a role.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"urbangraph/internal/errs"
)

// Role is what an identity may do. Reading needs no role (unless configured); writing needs Editor;
// deleting and importing over HTTP need Admin.
type Role int

const (
	Anonymous Role = iota
	Reader
	Editor
	Admin
)

// ParseRole reads a role name from configuration or a token claim.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "reader":
		return Reader, nil
	case "editor":
		return Editor, nil
	case "admin":
		return Admin, nil
	}
	return Anonymous, fmt.Errorf("unknown role %q (reader, editor, admin)", s)
}

func (r Role) String() string {
	return [...]string{"anonymous", "reader", "editor", "admin"}[r]
}

// Identity is who a request comes from.
type Identity struct {
	Name string // API key name or JWT subject; "anonymous" without a token
	Role Role
}

// Errors the API reports as UNAUTHENTICATED and FORBIDDEN (internal/errs classifies them).
var (
	ErrUnauthenticated = errs.ErrUnauthenticated
	ErrForbidden       = errs.ErrForbidden
)

// Config configures an Authenticator.
type Config struct {
	// APIKeys are "name:role:sha256hex" entries (see NewAPIKey).
	APIKeys []string
	// JWTSecret verifies HS256 tokens; JWKSURL verifies tokens signed with the keys it publishes.
	JWTSecret, JWKSURL string
	// RoleClaim is the claim holding the role (default "role"). Issuer and Audience, when set, must
	// match; with a JWKS URL, Audience is required.
	RoleClaim, Issuer, Audience string
}

// Authenticator checks bearer tokens.
type Authenticator struct {
	keys      map[[32]byte]Identity
	jwtKeys   jwt.Keyfunc
	methods   []string
	roleClaim string
	parserOps []jwt.ParserOption
}

// New builds an Authenticator; ctx bounds the JWKS refresh goroutine, if any.
func New(ctx context.Context, c Config) (*Authenticator, error) {
	a := &Authenticator{keys: map[[32]byte]Identity{}, roleClaim: c.RoleClaim}
	if a.roleClaim == "" {
		a.roleClaim = "role"
	}
	for _, entry := range c.APIKeys {
		name, rest, ok1 := strings.Cut(entry, ":")
		roleName, hash, ok2 := strings.Cut(rest, ":")
		raw, err := hex.DecodeString(hash)
		if !ok1 || !ok2 || name == "" || err != nil || len(raw) != sha256.Size {
			return nil, fmt.Errorf("API key entry %q is not name:role:sha256hex", redact(entry))
		}
		role, err := ParseRole(roleName)
		if err != nil {
			return nil, fmt.Errorf("API key %s: %w", name, err)
		}
		a.keys[[32]byte(raw)] = Identity{Name: name, Role: role}
	}
	switch {
	case c.JWTSecret != "" && c.JWKSURL != "":
		return nil, errors.New("give a JWT secret or a JWKS URL, not both")
	case c.JWTSecret != "":
		if len(c.JWTSecret) < 32 {
			return nil, errors.New("the JWT HS256 secret must be at least 32 bytes")
		}
		secret := []byte(c.JWTSecret)
		a.jwtKeys = func(*jwt.Token) (any, error) { return secret, nil }
		a.methods = []string{"HS256"}
	case c.JWKSURL != "" && c.Audience == "":
		return nil, errors.New("a JWKS URL needs an audience: the provider's keys sign other applications' tokens too")
	case c.JWKSURL != "":
		k, err := keyfunc.NewDefaultCtx(ctx, []string{c.JWKSURL})
		if err != nil {
			return nil, fmt.Errorf("JWKS %s: %w", c.JWKSURL, err)
		}
		a.jwtKeys = k.Keyfunc
		a.methods = []string{"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "EdDSA"}
	}
	a.parserOps = []jwt.ParserOption{jwt.WithValidMethods(a.methods), jwt.WithExpirationRequired(), jwt.WithLeeway(30 * time.Second)}
	if c.Issuer != "" {
		a.parserOps = append(a.parserOps, jwt.WithIssuer(c.Issuer))
	}
	if c.Audience != "" {
		a.parserOps = append(a.parserOps, jwt.WithAudience(c.Audience))
	}
	return a, nil
}

func redact(entry string) string {
	if i := strings.LastIndex(entry, ":"); i >= 0 {
		return entry[:i+1] + "…"
	}
	return "…"
}

// Authenticate reads the Authorization header. No header is the anonymous identity; a header with a
// token that does not verify is ErrUnauthenticated (a client that sends a token wants to know it is
// wrong, even for a public read).
func (a *Authenticator) Authenticate(r *http.Request) (Identity, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return Identity{Name: "anonymous", Role: Anonymous}, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return Identity{}, ErrUnauthenticated
	}
	if id, ok := a.keys[sha256.Sum256([]byte(token))]; ok {
		return id, nil
	}
	if a.jwtKeys == nil || strings.Count(token, ".") != 2 {
		return Identity{}, ErrUnauthenticated
	}
	claims := jwt.MapClaims{}
	if _, err := jwt.ParseWithClaims(token, claims, a.jwtKeys, a.parserOps...); err != nil {
		return Identity{}, ErrUnauthenticated
	}
	roleName, _ := claims[a.roleClaim].(string)
	role, err := ParseRole(roleName)
	if err != nil {
		role = Reader // a valid token without a known role may read
	}
	sub, _ := claims["sub"].(string)
	if sub == "" {
		sub = "jwt"
	}
	return Identity{Name: "jwt:" + sub, Role: role}, nil
}

type ctxKey struct{}

// WithIdentity puts an identity in a context.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// FromContext returns the request's identity (anonymous when none was set).
func FromContext(ctx context.Context) Identity {
	if id, ok := ctx.Value(ctxKey{}).(Identity); ok {
		return id
	}
	return Identity{Name: "anonymous", Role: Anonymous}
}

// Require checks that the request's identity has at least role.
func Require(ctx context.Context, role Role) error {
	id := FromContext(ctx)
	switch {
	case id.Role >= role:
		return nil
	case id.Role == Anonymous:
		return ErrUnauthenticated
	default:
		return ErrForbidden
	}
}

// NewAPIKey makes a random token and the configuration entry that accepts it. The token is shown
// once; only its hash is kept.
func NewAPIKey(name string, role Role) (token, entry string, err error) {
	if name == "" || strings.ContainsAny(name, ":,") {
		return "", "", errors.New("an API key name is non-empty, without ':' or ','")
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", err
	}
	token = "ug_" + base64.RawURLEncoding.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(token))
	return token, name + ":" + role.String() + ":" + hex.EncodeToString(sum[:]), nil
}

// systemActors write by name from the command line's own data: they are shown as they are.
var systemActors = []string{"seed", "reference"}

// PublicActor is who wrote something, as a reader sees it: a token's name or a JWT's subject is
// a person's or an application's, and a command-line import or ingest names a file on the server,
// so readers see what wrote it: "editor" (a write through the API, which takes an editor's or an
// admin's token), "import" or "ingest" (the command line), or a system actor.
func PublicActor(actor string) string {
	switch {
	case slices.Contains(systemActors, actor):
		return actor
	case strings.HasPrefix(actor, "import:"):
		return "import"
	case strings.HasPrefix(actor, "ingest:"):
		return "ingest"
	}
	return "editor"
}

// Shown is actor as the request's identity may see it: editors and admins see names
// (docs/security.md), readers and anonymous clients PublicActor's label.
func Shown(ctx context.Context, actor string) string {
	if FromContext(ctx).Role >= Editor || actor == "" {
		return actor
	}
	return PublicActor(actor)
}
