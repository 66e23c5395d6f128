package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"urbangraph/internal/errs"
	"urbangraph/internal/metrics"
)

// operationLimits refuses operations that are too deep or have too many root fields and aliases
// (alias batching multiplies the work of one request). It runs after parsing and validation, before
// any resolver: a refused operation never reaches Neo4j.
type operationLimits struct{ maxDepth, maxAliases int }

var (
	_ graphql.HandlerExtension        = operationLimits{}
	_ graphql.OperationContextMutator = operationLimits{}
)

func (operationLimits) ExtensionName() string                   { return "OperationLimits" }
func (operationLimits) Validate(graphql.ExecutableSchema) error { return nil }
func (l operationLimits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	depth := selectionDepth(oc.Operation.SelectionSet, map[string]bool{})
	if depth > l.maxDepth {
		err := gqlerror.Errorf("the query is %d levels deep; the limit is %d (URBANGRAPH_MAX_DEPTH)", depth, l.maxDepth)
		err.Extensions = map[string]any{"code": errs.CodeTooDeep}
		return err
	}
	if n := len(oc.Operation.SelectionSet) + aliasCount(oc.Operation.SelectionSet, map[string]bool{}); n > l.maxAliases {
		err := gqlerror.Errorf("the operation has %d root fields and aliases; the limit is %d (URBANGRAPH_MAX_ALIASES)", n, l.maxAliases)
		err.Extensions = map[string]any{"code": errs.CodeTooManyAliases}
		return err
	}
	return nil
}

// selectionDepth is the depth of the deepest field, following fragments; introspection fields
// (__schema, __type) do not count, as their depth is fixed by the GraphQL specification.
func selectionDepth(set ast.SelectionSet, visiting map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, visiting)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, visiting)
		case *ast.FragmentSpread:
			if s.Definition == nil || visiting[s.Name] {
				continue
			}
			visiting[s.Name] = true
			d = selectionDepth(s.Definition.SelectionSet, visiting)
			delete(visiting, s.Name)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// aliasCount counts aliased fields (a field whose alias differs from its name), following fragments.
func aliasCount(set ast.SelectionSet, visiting map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				n++
			}
			n += aliasCount(s.SelectionSet, visiting)
		case *ast.InlineFragment:
			n += aliasCount(s.SelectionSet, visiting)
		case *ast.FragmentSpread:
			if s.Definition != nil && !visiting[s.Name] {
				visiting[s.Name] = true
				n += aliasCount(s.Definition.SelectionSet, visiting)
				delete(visiting, s.Name)
			}
		}
	}
	return n
}

// statusKey holds the HTTP status a response should carry when an error calls for one.
type statusKey struct{}

// setStatus asks for an HTTP status on the response (e.g. 503 when Neo4j is unavailable).
func setStatus(ctx context.Context, code int) {
	if p, ok := ctx.Value(statusKey{}).(*atomic.Int32); ok {
		p.CompareAndSwap(0, int32(code))
	}
}

// statusWriter turns the transport's 200 into the status an error asked for. It also mends one
// gqlgen behaviour: when the request's context is done by the time the response is assembled, the
// executor drops the response (resolver errors included) and the transport writes `null`; the client
// gets a TIMEOUT error instead.
//
// Following the GraphQL-over-HTTP specification, a client that accepts only application/json (not
// application/graphql-response+json) gets 200 for documents that fail to parse or validate, where
// gqlgen would send 422: such clients read errors from the body, not the status.
type statusWriter struct {
	http.ResponseWriter
	ctx         context.Context
	status      *atomic.Int32
	legacyJSON  bool
	wroteHeader bool
	code        int
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		if s := int(w.status.Load()); s != 0 && code == http.StatusOK {
			code = s
		}
		if code == http.StatusUnprocessableEntity && w.legacyJSON {
			code = http.StatusOK
		}
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader && string(b) == "null" && errors.Is(w.ctx.Err(), context.DeadlineExceeded) {
		w.status.Store(http.StatusGatewayTimeout)
		w.WriteHeader(http.StatusOK)
		_, err := w.ResponseWriter.Write([]byte(`{"errors":[{"message":"the request took longer than its deadline (URBANGRAPH_REQUEST_TIMEOUT)",` +
			`"extensions":{"code":"` + errs.CodeTimeout + `","requestId":"` + requestID(w.ctx) + `"}}],"data":null}`))
		return len(b), err
	}
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.code >= 400 && !w.legacyJSON {
		// A request that failed before execution has no data entry at all (GraphQL over HTTP).
		var body map[string]json.RawMessage
		if json.Unmarshal(b, &body) == nil && string(body["data"]) == "null" {
			delete(body, "data")
			if out, err := json.Marshal(body); err == nil {
				_, err = w.ResponseWriter.Write(out)
				return len(b), err
			}
		}
	}
	return w.ResponseWriter.Write(b)
}

// bounded applies the body size limit and the request deadline to GraphQL requests, and lets
// errors choose the HTTP status.
func bounded(l Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > l.MaxBodyBytes {
			refuse(w, r, http.StatusRequestEntityTooLarge, errs.CodeBadInput,
				fmt.Errorf("the request body is %d bytes; the limit is %d (URBANGRAPH_MAX_BODY_BYTES)", r.ContentLength, l.MaxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, l.MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), l.RequestTimeout)
		defer cancel()
		status := new(atomic.Int32)
		ctx = context.WithValue(ctx, statusKey{}, status)
		accept := r.Header.Get("Accept")
		legacy := !strings.Contains(accept, "application/graphql-response+json")
		next.ServeHTTP(&statusWriter{ResponseWriter: w, ctx: ctx, status: status, legacyJSON: legacy}, r.WithContext(ctx))
	})
}

// observeOperation counts GraphQL operations by name and outcome and times them.
func observeOperation(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name := ""
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.Operation != nil && oc.Operation.Name != "" {
			name = oc.Operation.Name
		}
	}
	op := metrics.OperationLabel(name)
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "error"
		if c, ok := resp.Errors[0].Extensions["code"].(string); ok {
			outcome = c
		}
	}
	metrics.GraphQLRequests.WithLabelValues(op, outcome).Inc()
	metrics.GraphQLDuration.WithLabelValues(op).Observe(time.Since(start).Seconds())
	return resp
}
