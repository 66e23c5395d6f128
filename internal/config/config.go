// Package config reads Urbangraph's configuration from the environment, once, at start-up.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is every setting the program reads. The zero value is not usable: build it with FromEnv.
type Config struct {
	Neo4jURI      string   // NEO4J_URI
	Neo4jUsername string   // NEO4J_USERNAME
	Neo4jPassword string   // NEO4J_PASSWORD; never logged
	Neo4jDatabase string   // NEO4J_DATABASE
	Addr          string   // URBANGRAPH_ADDR
	CORSOrigins   []string // URBANGRAPH_CORS_ORIGINS
	LogFormat     string   // URBANGRAPH_LOG_FORMAT: text or json
	SeedDir       string   // URBANGRAPH_SEED_DIR: loaded by `serve --seed`
	ReferenceDir  string   // URBANGRAPH_REFERENCE_DIR: loaded by `serve --seed` after the seed ("": none)

	APIKeys           []string // URBANGRAPH_API_KEYS: name:role:sha256hex entries; secret-ish, never logged
	ReadsRequireToken bool     // URBANGRAPH_READS_REQUIRE_TOKEN
	JWTSecret         string   // URBANGRAPH_JWT_HS256_SECRET; never logged
	JWKSURL           string   // URBANGRAPH_JWT_JWKS_URL
	JWTRoleClaim      string   // URBANGRAPH_JWT_ROLE_CLAIM
	JWTIssuer         string   // URBANGRAPH_JWT_ISSUER
	JWTAudience       string   // URBANGRAPH_JWT_AUDIENCE
	MaxImportBytes    int64    // URBANGRAPH_MAX_IMPORT_BYTES

	MaxSubscriptions          int           // URBANGRAPH_MAX_SUBSCRIPTIONS
	MaxSubscriptionsPerClient int           // URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT
	SubscriptionIdleTimeout   time.Duration // URBANGRAPH_SUBSCRIPTION_IDLE_TIMEOUT

	MaxComplexity  int           // URBANGRAPH_MAX_COMPLEXITY
	MaxDepth       int           // URBANGRAPH_MAX_DEPTH
	MaxTokens      int           // URBANGRAPH_MAX_TOKENS
	MaxAliases     int           // URBANGRAPH_MAX_ALIASES
	MaxBodyBytes   int64         // URBANGRAPH_MAX_BODY_BYTES
	RequestTimeout time.Duration // URBANGRAPH_REQUEST_TIMEOUT
	Introspection  bool          // URBANGRAPH_INTROSPECTION
	Playground     bool          // URBANGRAPH_PLAYGROUND
	CompiledReads  bool          // URBANGRAPH_COMPILED_READS

	Neo4jMaxPoolSize        int           // NEO4J_MAX_POOL_SIZE
	Neo4jAcquisitionTimeout time.Duration // NEO4J_ACQUISITION_TIMEOUT
	Neo4jConnectTimeout     time.Duration // NEO4J_CONNECT_TIMEOUT
	Neo4jLivenessCheck      time.Duration // NEO4J_LIVENESS_CHECK
	Neo4jMaxRetryTime       time.Duration // NEO4J_MAX_RETRY_TIME
	Neo4jTxTimeout          time.Duration // NEO4J_TX_TIMEOUT
	Neo4jExportTxTimeout    time.Duration // NEO4J_EXPORT_TX_TIMEOUT

	IngestReadTimeout time.Duration // URBANGRAPH_INGEST_READ_TIMEOUT
	ClientIPHeader    string        // URBANGRAPH_CLIENT_IP_HEADER

	MaxExports         int           // URBANGRAPH_MAX_EXPORTS
	ExportWriteTimeout time.Duration // URBANGRAPH_EXPORT_WRITE_TIMEOUT

	PprofAddr string // URBANGRAPH_PPROF_ADDR
}

// Var describes one environment variable: docs/configuration.md's table is checked against this
// list by a test, so the two cannot drift apart.
type Var struct {
	Name, Default, Meaning string
}

// Vars lists every variable FromEnv reads, with its default.
var Vars = []Var{
	{"NEO4J_URI", "bolt://127.0.0.1:7687", "Bolt URI of Neo4j; use neo4j:// for a cluster (routing)"},
	{"NEO4J_USERNAME", "neo4j", "Neo4j user"},
	{"NEO4J_PASSWORD", "", "Neo4j password (required; `make` uses urbangraph-dev for the local server)"},
	{"NEO4J_DATABASE", "neo4j", "database name"},
	{"URBANGRAPH_ADDR", ":8080", "address the HTTP server listens on"},
	{"URBANGRAPH_CORS_ORIGINS", "", "comma-separated origins allowed by CORS (empty: none; `*`: any)"},
	{"URBANGRAPH_LOG_FORMAT", "text", "log format: text or json"},
	{"URBANGRAPH_SEED_DIR", "data/seed", "seed directory loaded by `serve --seed`"},
	{"URBANGRAPH_REFERENCE_DIR", "data/reference", "reference gazetteer loaded by `serve --seed` after the seed (empty: none)"},
	{"URBANGRAPH_API_KEYS", "", "comma-separated API keys `name:role:sha256hex` (role reader, editor or admin); make one with `urbangraph apikey NAME ROLE`"},
	{"URBANGRAPH_READS_REQUIRE_TOKEN", "false", "`true`: GraphQL reads and exports need a valid token too"},
	{"URBANGRAPH_JWT_HS256_SECRET", "", "accept JWTs signed with this HS256 secret (at least 32 bytes)"},
	{"URBANGRAPH_JWT_JWKS_URL", "", "accept JWTs signed with the keys published at this JWKS URL (instead of a secret)"},
	{"URBANGRAPH_JWT_ROLE_CLAIM", "role", "the JWT claim holding the role (reader, editor, admin)"},
	{"URBANGRAPH_JWT_ISSUER", "", "when set, a JWT's `iss` must equal it"},
	{"URBANGRAPH_JWT_AUDIENCE", "", "when set, a JWT's `aud` must contain it; required with URBANGRAPH_JWT_JWKS_URL"},
	{"URBANGRAPH_MAX_IMPORT_BYTES", "67108864", "largest body `POST /import` accepts"},
	{"URBANGRAPH_MAX_SUBSCRIPTIONS", "1000", "the most subscriptions one API replica serves at once"},
	{"URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT", "20", "the most subscriptions one client (a token, or an address) may hold on a replica"},
	{"URBANGRAPH_SUBSCRIPTION_IDLE_TIMEOUT", "5m", "a WebSocket at `/subscriptions` that holds no subscription this long is closed"},
	{"URBANGRAPH_MAX_COMPLEXITY", "10000", "the most a GraphQL query may cost (docs/security.md)"},
	{"URBANGRAPH_MAX_DEPTH", "12", "the deepest a GraphQL selection may nest"},
	{"URBANGRAPH_MAX_TOKENS", "10000", "the most lexer tokens a GraphQL query may have"},
	{"URBANGRAPH_MAX_ALIASES", "30", "the most root fields plus aliases in one operation"},
	{"URBANGRAPH_MAX_BODY_BYTES", "1048576", "the largest `/graphql` request body"},
	{"URBANGRAPH_REQUEST_TIMEOUT", "10s", "each GraphQL request's deadline (shorter than NEO4J_MAX_RETRY_TIME)"},
	{"URBANGRAPH_INTROSPECTION", "true", "serve GraphQL introspection (`false` to turn it off)"},
	{"URBANGRAPH_PLAYGROUND", "true", "serve the Playground at `/playground` (`false` to turn it off)"},
	{"URBANGRAPH_COMPILED_READS", "true", "answer plain nested reads with one Cypher query per root field (`false`: every field through its resolver; see docs/benchmarks.md)"},
	{"NEO4J_MAX_POOL_SIZE", "50", "driver connections per Neo4j server"},
	{"NEO4J_ACQUISITION_TIMEOUT", "5s", "longest wait for a pooled connection"},
	{"NEO4J_CONNECT_TIMEOUT", "3s", "longest wait to open a connection"},
	{"NEO4J_LIVENESS_CHECK", "30s", "pooled connections idle longer than this are checked before use"},
	{"NEO4J_MAX_RETRY_TIME", "15s", "how long the driver retries transient failures"},
	{"NEO4J_TX_TIMEOUT", "30s", "Neo4j ends any transaction (a read or a write) that runs longer"},
	{"NEO4J_EXPORT_TX_TIMEOUT", "10m", "the same for an export's streamed read"},
	{"URBANGRAPH_CLIENT_IP_HEADER", "", "behind a proxy, the header it puts the client's address in (X-Real-IP, or X-Forwarded-For, whose last address counts): anonymous subscribers are counted by it instead of the connection's address"},
	{"URBANGRAPH_INGEST_READ_TIMEOUT", "20s", "reading one document (its text out of PDF, HTML, Markdown) may take this long; a document still being read is refused"},
	{"URBANGRAPH_MAX_EXPORTS", "2", "the most `/export` downloads served at once (never more than half of NEO4J_MAX_POOL_SIZE); beyond, 429 with Retry-After"},
	{"URBANGRAPH_EXPORT_WRITE_TIMEOUT", "30s", "an export whose client has not taken the next piece within this is ended, and its connection freed"},
	{"URBANGRAPH_PPROF_ADDR", "", "when set (e.g. 127.0.0.1:6060), Go's pprof profiles are served there, on a listener of their own"},
}

// FromEnv builds and validates a Config. getenv is os.Getenv in production and a map in tests.
// All problems are reported together, so one start-up shows every mistake.
func FromEnv(getenv func(string) string) (Config, error) {
	e := &envReader{getenv: getenv}
	get, posInt, dur, flag := e.get, e.posInt, e.dur, e.flag
	c := Config{
		Neo4jURI:      get("NEO4J_URI"),
		Neo4jUsername: get("NEO4J_USERNAME"),
		Neo4jPassword: getenv("NEO4J_PASSWORD"),
		Neo4jDatabase: get("NEO4J_DATABASE"),
		Addr:          get("URBANGRAPH_ADDR"),
		LogFormat:     strings.ToLower(get("URBANGRAPH_LOG_FORMAT")),
		SeedDir:       get("URBANGRAPH_SEED_DIR"),
		ReferenceDir:  get("URBANGRAPH_REFERENCE_DIR"),
		APIKeys:       e.list("URBANGRAPH_API_KEYS"),
		CORSOrigins:   e.list("URBANGRAPH_CORS_ORIGINS"),
	}
	c.JWTSecret = getenv("URBANGRAPH_JWT_HS256_SECRET")
	c.JWKSURL, c.JWTRoleClaim = get("URBANGRAPH_JWT_JWKS_URL"), get("URBANGRAPH_JWT_ROLE_CLAIM")
	c.JWTIssuer, c.JWTAudience = get("URBANGRAPH_JWT_ISSUER"), get("URBANGRAPH_JWT_AUDIENCE")
	c.ReadsRequireToken = flag("URBANGRAPH_READS_REQUIRE_TOKEN")
	var err error
	if c.MaxImportBytes, err = strconv.ParseInt(get("URBANGRAPH_MAX_IMPORT_BYTES"), 10, 64); err != nil || c.MaxImportBytes < 1 {
		e.errs = append(e.errs, fmt.Errorf("URBANGRAPH_MAX_IMPORT_BYTES=%q: want a positive number of bytes", get("URBANGRAPH_MAX_IMPORT_BYTES")))
	}
	c.MaxComplexity, c.MaxDepth = posInt("URBANGRAPH_MAX_COMPLEXITY"), posInt("URBANGRAPH_MAX_DEPTH")
	c.MaxTokens, c.MaxAliases = posInt("URBANGRAPH_MAX_TOKENS"), posInt("URBANGRAPH_MAX_ALIASES")
	c.MaxBodyBytes = int64(posInt("URBANGRAPH_MAX_BODY_BYTES"))
	c.MaxSubscriptions, c.MaxSubscriptionsPerClient = posInt("URBANGRAPH_MAX_SUBSCRIPTIONS"), posInt("URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT")
	c.RequestTimeout, c.SubscriptionIdleTimeout = dur("URBANGRAPH_REQUEST_TIMEOUT"), dur("URBANGRAPH_SUBSCRIPTION_IDLE_TIMEOUT")
	c.Introspection, c.Playground = flag("URBANGRAPH_INTROSPECTION"), flag("URBANGRAPH_PLAYGROUND")
	c.CompiledReads = flag("URBANGRAPH_COMPILED_READS")
	c.PprofAddr = get("URBANGRAPH_PPROF_ADDR")
	c.Neo4jMaxPoolSize = posInt("NEO4J_MAX_POOL_SIZE")
	c.Neo4jAcquisitionTimeout, c.Neo4jConnectTimeout = dur("NEO4J_ACQUISITION_TIMEOUT"), dur("NEO4J_CONNECT_TIMEOUT")
	c.Neo4jLivenessCheck, c.Neo4jMaxRetryTime = dur("NEO4J_LIVENESS_CHECK"), dur("NEO4J_MAX_RETRY_TIME")
	c.Neo4jTxTimeout, c.Neo4jExportTxTimeout = dur("NEO4J_TX_TIMEOUT"), dur("NEO4J_EXPORT_TX_TIMEOUT")
	c.MaxExports, c.ExportWriteTimeout = posInt("URBANGRAPH_MAX_EXPORTS"), dur("URBANGRAPH_EXPORT_WRITE_TIMEOUT")
	c.IngestReadTimeout = dur("URBANGRAPH_INGEST_READ_TIMEOUT")
	c.ClientIPHeader = get("URBANGRAPH_CLIENT_IP_HEADER")
	return c, errors.Join(append(e.errs, c.validate()...)...)
}

// env reads the variables, with their defaults (Vars), collecting every problem.
type envReader struct {
	getenv func(string) string
	errs   []error
}

func (e *envReader) get(name string) string {
	if v := strings.TrimSpace(e.getenv(name)); v != "" {
		return v
	}
	for _, v := range Vars {
		if v.Name == name {
			return v.Default
		}
	}
	return ""
}

func (e *envReader) posInt(name string) int {
	n, err := strconv.Atoi(e.get(name))
	if err != nil || n < 1 {
		e.errs = append(e.errs, fmt.Errorf("%s=%q: want a positive whole number", name, e.get(name)))
	}
	return n
}

func (e *envReader) dur(name string) time.Duration {
	d, err := time.ParseDuration(e.get(name))
	if err != nil || d <= 0 {
		e.errs = append(e.errs, fmt.Errorf("%s=%q: want a duration like 10s or 500ms", name, e.get(name)))
	}
	return d
}

func (e *envReader) flag(name string) bool {
	b, err := strconv.ParseBool(e.get(name))
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s=%q: want true or false", name, e.get(name)))
	}
	return b
}

// list is a comma-separated variable's items.
func (e *envReader) list(name string) []string {
	var out []string
	for _, v := range strings.Split(e.get(name), ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (c Config) validate() []error {
	var errs []error
	if c.RequestTimeout > 0 && c.Neo4jMaxRetryTime > 0 && c.RequestTimeout >= c.Neo4jMaxRetryTime {
		errs = append(errs, fmt.Errorf("URBANGRAPH_REQUEST_TIMEOUT (%s) must be shorter than NEO4J_MAX_RETRY_TIME (%s), "+
			"so that a request's deadline, not the driver, ends retries", c.RequestTimeout, c.Neo4jMaxRetryTime))
	}
	u, err := url.Parse(c.Neo4jURI)
	switch {
	case err != nil || u.Host == "":
		errs = append(errs, fmt.Errorf("NEO4J_URI=%q is not a URI like bolt://host:7687", c.Neo4jURI))
	default:
		switch u.Scheme {
		case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		default:
			errs = append(errs, fmt.Errorf("NEO4J_URI scheme %q: want bolt, neo4j, or their +s/+ssc forms", u.Scheme))
		}
	}
	if c.Neo4jPassword == "" {
		errs = append(errs, errors.New("NEO4J_PASSWORD is required (the local server made by scripts/neo4j.sh uses urbangraph-dev)"))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("URBANGRAPH_ADDR=%q is not host:port (e.g. :8080)", c.Addr))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("URBANGRAPH_LOG_FORMAT=%q: want text or json", c.LogFormat))
	}
	for _, o := range c.CORSOrigins {
		if o == "*" {
			continue
		}
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
			errs = append(errs, fmt.Errorf("URBANGRAPH_CORS_ORIGINS entry %q is not an origin like https://example.org", o))
		} else if strings.Contains(o, "*") {
			// rs/cors would read it as a pattern (https://*example.org matches https://evilexample.org).
			errs = append(errs, fmt.Errorf("URBANGRAPH_CORS_ORIGINS entry %q: list each origin; `*` only stands alone, for any origin", o))
		}
	}
	if c.JWTSecret != "" && c.JWKSURL != "" {
		errs = append(errs, errors.New("set URBANGRAPH_JWT_HS256_SECRET or URBANGRAPH_JWT_JWKS_URL, not both"))
	}
	if c.JWKSURL != "" && c.JWTAudience == "" {
		// An identity provider signs every application's tokens with the same keys: without an
		// audience, a token issued for another of them would be accepted here.
		errs = append(errs, errors.New("URBANGRAPH_JWT_JWKS_URL needs URBANGRAPH_JWT_AUDIENCE (this API's audience at the identity provider), "+
			"or tokens issued for other applications would be accepted"))
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		errs = append(errs, errors.New("URBANGRAPH_JWT_HS256_SECRET must be at least 32 bytes"))
	}
	return errs
}

// LogValue keeps the password out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("neo4j_uri", c.Neo4jURI),
		slog.String("neo4j_username", c.Neo4jUsername),
		slog.String("neo4j_password", "***"),
		slog.String("neo4j_database", c.Neo4jDatabase),
		slog.String("addr", c.Addr),
		slog.Any("cors_origins", c.CORSOrigins),
		slog.String("log_format", c.LogFormat),
		slog.Int("api_keys", len(c.APIKeys)),
		slog.Bool("reads_require_token", c.ReadsRequireToken),
		slog.Bool("jwt_secret_set", c.JWTSecret != ""),
		slog.String("jwt_jwks_url", c.JWKSURL),
	)
}
