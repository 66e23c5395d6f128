// Package server assembles Urbangraph's http.Handler: the GraphQL endpoint and its limits, the
// Playground, health and readiness, CORS, request IDs and access logs. All routes are listed in New.
package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"urbangraph/graph"
	"urbangraph/graph/compiled"
	"urbangraph/internal/auth"
	"urbangraph/internal/feed"
	"urbangraph/internal/loader"
	"urbangraph/internal/metrics"
	"urbangraph/internal/store"
	"urbangraph/internal/tracing"
)

// Limits protect the GraphQL endpoint; docs/security.md says what each one stops. The zero value of
// every field means its default (DefaultLimits): the switches are worded so that false is the default.
type Limits struct {
	MaxComplexity  int           // the most a query may cost (graph.Complexity prices each field)
	MaxDepth       int           // the deepest selection (introspection's own fields aside)
	MaxTokens      int           // the most lexer tokens a query may have (the parser stops there)
	MaxAliases     int           // the most root fields plus aliased fields in one operation
	MaxBodyBytes   int64         // the largest /graphql request body
	RequestTimeout time.Duration // each GraphQL request's deadline, Neo4j retries included
	// SubscriptionIdle closes a WebSocket at /subscriptions that has held no subscription this long.
	SubscriptionIdle time.Duration
	// MaxExports is how many /export downloads run at once (never more than half the store's
	// connections); ExportWriteTimeout ends one whose client stops reading.
	MaxExports         int
	ExportWriteTimeout time.Duration
	// IngestReadTimeout bounds the reading of one document (ingest.DefaultReadTimeout when 0).
	IngestReadTimeout time.Duration
	// BodyReadTimeout bounds the reading of an SSE subscription's request body, and
	// StreamWriteTimeout each write of its stream: a client that drips its body, or stops reading,
	// is let go.
	BodyReadTimeout, StreamWriteTimeout time.Duration
	// ClientIPHeader names the header a trusted proxy puts the client's address in
	// (URBANGRAPH_CLIENT_IP_HEADER): anonymous subscribers are counted by it. Empty: by the
	// connection's address.
	ClientIPHeader  string
	NoIntrospection bool // refuse __schema and __type
	NoPlayground    bool // do not serve /playground
	ResolversOnly   bool // answer every operation with the resolvers: no compiled reads (graph/compiled)
}

// DefaultLimits let every documented query through, with room to spare.
var DefaultLimits = Limits{MaxComplexity: 10000, MaxDepth: 12, MaxTokens: 10000, MaxAliases: 30,
	MaxBodyBytes: 1 << 20, RequestTimeout: 10 * time.Second, SubscriptionIdle: 5 * time.Minute,
	MaxExports: 2, ExportWriteTimeout: 30 * time.Second, BodyReadTimeout: 10 * time.Second, StreamWriteTimeout: 30 * time.Second}

func (l *Limits) defaults() {
	d := DefaultLimits
	if l.MaxComplexity <= 0 {
		l.MaxComplexity = d.MaxComplexity
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = d.MaxTokens
	}
	if l.MaxAliases <= 0 {
		l.MaxAliases = d.MaxAliases
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = d.RequestTimeout
	}
	if l.SubscriptionIdle <= 0 {
		l.SubscriptionIdle = d.SubscriptionIdle
	}
	if l.MaxExports <= 0 {
		l.MaxExports = d.MaxExports
	}
	if l.ExportWriteTimeout <= 0 {
		l.ExportWriteTimeout = d.ExportWriteTimeout
	}
	if l.BodyReadTimeout <= 0 {
		l.BodyReadTimeout = d.BodyReadTimeout
	}
	if l.StreamWriteTimeout <= 0 {
		l.StreamWriteTimeout = d.StreamWriteTimeout
	}
}

// Deps are what the handler needs from the rest of the program.
type Deps struct {
	Store       *store.Store
	Logger      *slog.Logger
	CORSOrigins []string // allowed origins; "*" allows any
	Version     string
	// Auth checks bearer tokens; nil accepts no tokens (every request is anonymous: reads only).
	Auth *auth.Authenticator
	// ReadsRequireToken makes every GraphQL and export request need a valid token.
	ReadsRequireToken bool
	// Feed serves subscriptions (package feed; its Run must be running); nil refuses them.
	Feed *feed.Feed
	// MaxImportBytes bounds the body of POST /import (0: DefaultMaxImportBytes).
	MaxImportBytes int64
	// Limits of the GraphQL endpoint; nil means DefaultLimits.
	Limits *Limits
}

// New returns the whole HTTP API.
func New(d Deps) http.Handler {
	limits := DefaultLimits
	if d.Limits != nil {
		limits = *d.Limits
		limits.defaults()
	}
	mux := http.NewServeMux()
	subs := subscriptions(d, limits)
	mux.Handle("/graphql", oneEndpoint(requireReadToken(d, bounded(limits, loader.Middleware(d.Store, graphQL(d, limits)))), subs))
	if !limits.NoPlayground {
		mux.Handle("GET /playground", playground())
	}
	mux.Handle("GET /metrics", promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{}))
	mux.Handle("GET /{$}", explorer())
	mux.Handle("GET /assets/", explorer())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readyz(d))
	mux.Handle("GET /export/{file}", requireReadToken(d, exportHandler(d, newExportSlots(d.Store, limits), limits.ExportWriteTimeout)))
	mux.HandleFunc("POST /import", importHandler(d))
	mux.HandleFunc("POST /ingest", ingestHandler(d, limits.IngestReadTimeout))
	mux.Handle("/subscriptions", subs)
	reconcileRoutes(mux, d, limits)

	c := cors.New(corsOptions(d.CORSOrigins))
	h := withRequestID(withAccessLog(d.Logger, c.Handler(authenticate(d, mux))))
	if tracing.Enabled() {
		// A span per request, named by its route (never its query string), continuing the caller's
		// trace (W3C traceparent).
		h = otelhttp.NewHandler(h, "http", otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
			return r.Method + " " + route(r.URL.Path)
		}))
	}
	return h
}

// corsOptions allows exactly the listed origins: none when the list is empty, any only for "*".
// rs/cors reads an empty AllowedOrigins as "allow every origin", the opposite of what
// URBANGRAPH_CORS_ORIGINS promises, so an empty list gets an origin check that refuses them all
// (rs/cors asks AllowOriginFunc before it looks at the list).
func corsOptions(origins []string) cors.Options {
	o := cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	}
	if len(origins) == 0 {
		o.AllowOriginFunc = func(string) bool { return false }
	}
	return o
}

// resolver is the GraphQL resolvers' root for these dependencies and limits.
func resolver(d Deps, limits Limits) *graph.Resolver {
	return &graph.Resolver{Store: d.Store, BuildVersion: d.Version, Feed: d.Feed, IngestReadTimeout: limits.IngestReadTimeout}
}

func graphQL(d Deps, limits Limits) http.Handler {
	schema := graph.NewExecutableSchema(resolver(d, limits))
	srv := handler.New(schema)
	// Only POST with a JSON body and GET (queries only): no form or multipart transports, which a
	// browser could send cross-site without a CORS preflight.
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(limits.MaxTokens)
	if !limits.NoIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(operationLimits{maxDepth: limits.MaxDepth, maxAliases: limits.MaxAliases})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	if tracing.Enabled() {
		srv.AroundResponses(traceOperation) // the outermost: its span holds the whole operation
	}
	srv.AroundResponses(observeOperation)
	if !limits.ResolversOnly {
		// After observeOperation, so that it runs inside it (the first extension is the outermost).
		reads, err := compiled.New(d.Store, schema.Schema())
		if err != nil {
			panic(err) // a bad @relation in schema.graphqls: package graph refuses it at init already
		}
		srv.Use(reads)
	}
	srv.SetErrorPresenter(presentError(d.Logger))
	srv.SetRecoverFunc(recoverPanic(d.Logger))
	return srv
}

// readyz answers 200 when Neo4j answers within two seconds, 503 with the reason otherwise.
func readyz(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := d.Store.Ping(ctx); err != nil {
			d.Logger.WarnContext(ctx, "not ready", "err", err, "request_id", requestID(ctx))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{
				"status": "unavailable",
				"reason": "neo4j is not reachable",
			})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
