package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"urbangraph/graph"
	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
)

// keepAlive is how often a subscription's connection is pinged (WebSocket) or sent a comment (SSE)
// when no change comes, so that proxies keep it open and dead clients are noticed.
const keepAlive = 15 * time.Second

// subscriptions serves `subscription { changes }` at /subscriptions and /graphql over WebSocket
// (graphql-transport-ws) and Server-Sent Events (a POST with Accept: text/event-stream). A
// WebSocket's origin must be the server's own or one of URBANGRAPH_CORS_ORIGINS, as for HTTP; its
// token comes in the upgrade request's Authorization header or in connection_init's payload
// ({"Authorization": "Bearer …"}). Subscriptions are capped per client and in total (package feed);
// a WebSocket holding none is closed after limits.SubscriptionIdle.
func subscriptions(d Deps, limits Limits) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(resolver(d, limits)))
	srv.AddTransport(transport.Websocket{
		Implementation: transport.CoderWebsocketImplementation{AcceptOptions: acceptOptions(d.CORSOrigins)},
		InitFunc:       wsInit(d, limits.SubscriptionIdle),
		InitTimeout:    10 * time.Second,
		// Pings the client must answer: a dead client is let go after twice the interval.
		PingPongInterval: keepAlive,
	})
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: keepAlive})
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.Use(operationLimits{maxDepth: limits.MaxDepth, maxAliases: limits.MaxAliases})
	srv.Use(subscriptionsOnly{})
	srv.Use(countSubscriptions{})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.SetErrorPresenter(presentError(d.Logger))
	srv.SetRecoverFunc(recoverPanic(d.Logger))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.ReadsRequireToken && !isWebSocket(r) && auth.FromContext(r.Context()).Role == auth.Anonymous {
			refuse(w, r, http.StatusUnauthorized, errs.CodeUnauth, auth.ErrUnauthenticated)
			return
		}
		rc := http.NewResponseController(w)
		ctx, stop := context.WithCancel(context.WithValue(r.Context(), graph.ClientAddrKey{}, clientKey(r, limits.ClientIPHeader)))
		defer stop()
		if !isWebSocket(r) {
			// An SSE request's query arrives within the body deadline; then each write of the
			// stream has its own deadline.
			if !readSSEBody(w, r, rc, limits) {
				return
			}
			w = streamWriter{ResponseWriter: w, rc: rc, timeout: limits.StreamWriteTimeout, stop: stop}
		}
		// A subscription outlives the server's read deadline (set for ordinary requests): clear it.
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		srv.ServeHTTP(w, r.WithContext(ctx))
	})
}

// oneEndpoint serves subscriptions at /graphql too, as the GraphQL ecosystem's clients expect (Apollo,
// graphql-ws, graphql-sse, GraphiQL: one URL): a WebSocket upgrade and an SSE request (a POST that
// accepts text/event-stream) go to subs, the subscriptions' handler of /subscriptions with its
// origin checks, tokens and caps; everything else to the queries' and mutations' handler.
func oneEndpoint(queries, subs http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWebSocket(r) || (r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream")) {
			subs.ServeHTTP(w, r)
			return
		}
		queries.ServeHTTP(w, r)
	})
}

func isWebSocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// acceptOptions checks a WebSocket's Origin like CORS: its own host always, the configured origins'
// hosts, any origin only for "*".
func acceptOptions(origins []string) coderws.AcceptOptions {
	var o coderws.AcceptOptions
	for _, origin := range origins {
		if origin == "*" {
			o.InsecureSkipVerify = true
			continue
		}
		if u, err := url.Parse(origin); err == nil && u.Host != "" {
			o.OriginPatterns = append(o.OriginPatterns, u.Host)
		}
	}
	return o
}

// wsInit authenticates a WebSocket by connection_init's Authorization (when the upgrade request
// carried none), refuses anonymous ones when reads need a token, and closes the connection once it
// has held no subscription for `idle`.
func wsInit(d Deps, idle time.Duration) transport.WebsocketInitFunc {
	return func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		if token := p.Authorization(); token != "" && auth.FromContext(ctx).Role == auth.Anonymous {
			if d.Auth == nil {
				return ctx, nil, auth.ErrUnauthenticated
			}
			r, _ := http.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
			r.Header.Set("Authorization", token)
			id, err := d.Auth.Authenticate(r)
			if err != nil {
				return ctx, nil, auth.ErrUnauthenticated
			}
			ctx = auth.WithIdentity(ctx, id)
		}
		if d.ReadsRequireToken && auth.FromContext(ctx).Role == auth.Anonymous {
			return ctx, nil, auth.ErrUnauthenticated
		}
		return watchIdle(ctx, idle), nil, nil
	}
}

// subscriptionsOnly refuses queries and mutations over WebSocket and SSE: they go to /graphql as
// ordinary requests, with their deadline.
type subscriptionsOnly struct{}

var (
	_ graphql.HandlerExtension        = subscriptionsOnly{}
	_ graphql.OperationContextMutator = subscriptionsOnly{}
)

func (subscriptionsOnly) ExtensionName() string                   { return "SubscriptionsOnly" }
func (subscriptionsOnly) Validate(graphql.ExecutableSchema) error { return nil }
func (subscriptionsOnly) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation != nil && oc.Operation.Operation != ast.Subscription {
		err := gqlerror.Errorf("only subscriptions are served over WebSocket and SSE; send queries and mutations as an ordinary POST or GET to /graphql")
		err.Extensions = map[string]any{"code": errs.CodeBadInput}
		return err
	}
	return nil
}
