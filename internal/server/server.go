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
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph"
	"urbangraph/internal/auth"
	"urbangraph/internal/loader"
	"urbangraph/internal/store"
)

// DefaultComplexityLimit is the most a query may cost (graph.Complexity prices each field).
const DefaultComplexityLimit = 10000

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
	// MaxImportBytes bounds the body of POST /import (0: DefaultMaxImportBytes).
	MaxImportBytes int64
}

// New returns the whole HTTP API.
func New(d Deps) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", requireReadToken(d, loader.Middleware(d.Store, graphQL(d))))
	mux.Handle("/playground", playground.Handler("Urbangraph", "/graphql"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readyz(d))
	mux.Handle("GET /export/{file}", requireReadToken(d, exportHandler(d)))
	mux.HandleFunc("POST /import", importHandler(d))

	c := cors.New(cors.Options{
		AllowedOrigins: d.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return withRequestID(withAccessLog(d.Logger, c.Handler(authenticate(d, mux))))
}

func graphQL(d Deps) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{
		Resolvers:  &graph.Resolver{Store: d.Store, BuildVersion: d.Version},
		Complexity: graph.Complexity(),
		Directives: graph.DirectiveRoot{HasRole: graph.HasRole},
	}))
	// Only POST with a JSON body and GET (queries only): no form or multipart transports, which a
	// browser could send cross-site without a CORS preflight.
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(DefaultComplexityLimit))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
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
