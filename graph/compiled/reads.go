package compiled

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"urbangraph/graph/fields"
	"urbangraph/internal/metrics"
	"urbangraph/internal/store"
	"urbangraph/internal/tracing"
)

// ErrNotCovered says that the compiler does not cover an operation; the resolvers answer it. The
// error's text says why.
var ErrNotCovered = errors.New("compiled reads do not cover this")

func notCovered(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrNotCovered, fmt.Sprintf(format, a...))
}

// A compiler plans operations against one schema.
type compiler struct {
	schema       *ast.Schema
	relations    fields.Relations
	entityRoots  map[string]store.Kind // Query fields that read one entity by id
	listRoots    map[string]store.Kind // Query fields that return a connection of entities
	implementors sync.Map              // type name -> []string
}

func newCompiler(schema *ast.Schema) (*compiler, error) {
	rs, err := fields.RelationsOf(schema)
	if err != nil {
		return nil, err
	}
	c := &compiler{schema: schema, relations: rs, entityRoots: map[string]store.Kind{}, listRoots: map[string]store.Kind{}}
	for _, f := range schema.Query.Fields {
		if k, ok := store.KindOfLabel(f.Type.Name()); ok && f.Type.Elem == nil && len(f.Arguments) == 1 && f.Arguments[0].Name == "id" {
			c.entityRoots[f.Name] = k
		}
		if conn := schema.Types[f.Type.Name()]; conn != nil && conn.Fields.ForName("nodes") != nil && conn.Fields.ForName("pageInfo") != nil {
			if k, ok := store.KindOfLabel(conn.Fields.ForName("nodes").Type.Name()); ok {
				c.listRoots[f.Name] = k
			}
		}
	}
	return c, nil
}

// Reads is the gqlgen extension that answers the operations the compiler covers (see the package
// documentation). Register it after the extensions that observe responses, so that it runs inside
// them.
type Reads struct {
	store *store.Store
	c     *compiler
}

// New returns the extension for schema (the executable schema's parsed schema).
func New(s *store.Store, schema *ast.Schema) (*Reads, error) {
	c, err := newCompiler(schema)
	if err != nil {
		return nil, err
	}
	return &Reads{store: s, c: c}, nil
}

var (
	_ graphql.HandlerExtension    = (*Reads)(nil)
	_ graphql.ResponseInterceptor = (*Reads)(nil)
)

func (*Reads) ExtensionName() string                   { return "CompiledReads" }
func (*Reads) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse answers a covered operation itself; otherwise it lets the resolvers answer.
func (r *Reads) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	// gqlgen also sends refused operations (parse, validation, complexity...) through the response
	// interceptors, with their errors already in the response context: those are not ours to answer.
	if !graphql.HasOperationContext(ctx) || len(graphql.GetErrors(ctx)) > 0 {
		return next(ctx)
	}
	p, err := r.c.plan(graphql.GetOperationContext(ctx))
	if err != nil {
		readPath(ctx, "resolvers")
		return next(ctx)
	}
	answer, err := p.Fetch(ctx, r.store)
	if err != nil {
		readPath(ctx, "fallback")
		return next(ctx)
	}
	if keys := p.resolved(); len(keys) > 0 {
		return r.partly(ctx, next, p, answer, keys)
	}
	var buf bytes.Buffer
	if err := p.write(&buf, answer); err != nil {
		readPath(ctx, "fallback")
		return next(ctx)
	}
	readPath(ctx, "compiled")
	return &graphql.Response{Data: buf.Bytes()}
}

// readPath counts which path answers an operation (urbangraph_compiled_reads_total{path}) and
// says it on the operation's trace span, when traces are sent.
func readPath(ctx context.Context, path string) {
	metrics.CompiledReads.WithLabelValues(path).Inc()
	if tracing.Enabled() {
		trace.SpanFromContext(ctx).SetAttributes(attribute.String("urbangraph.read_path", path))
	}
}

// Prepare plans a query document, for tools that run the same Cypher without HTTP or GraphQL (the
// benchmark's limit). It fails with ErrNotCovered when compiled reads do not cover the query.
func Prepare(schema *ast.Schema, query string, vars map[string]any) (*Plan, error) {
	doc, errs := gqlparser.LoadQueryWithRules(schema, query, nil) // nil: the default rules
	if errs != nil {
		return nil, errs
	}
	if len(doc.Operations) != 1 {
		return nil, fmt.Errorf("prepare: want one operation, got %d", len(doc.Operations))
	}
	c, err := newCompiler(schema)
	if err != nil {
		return nil, err
	}
	p, err := c.plan(&graphql.OperationContext{RawQuery: query, Variables: vars, Doc: doc, Operation: doc.Operations[0]})
	if err != nil {
		return nil, err
	}
	if why := p.uncovered(); why != nil {
		return nil, why // a tool runs the whole operation's Cypher, or none
	}
	return p, nil
}

// A Plan is a covered operation: one operation per root field, in response order.
type Plan struct {
	roots  []root
	caller *caller
}

type root struct {
	key string // the response key (alias or name)
	op  operation
	why error // when op is nil: why the resolvers answer this root field
}

// uncovered is why the first root field the resolvers answer is not compiled, or nil.
func (p *Plan) uncovered() error {
	for _, r := range p.roots {
		if r.op == nil {
			return r.why
		}
	}
	return nil
}

// resolved are the response keys of the root fields the resolvers answer.
func (p *Plan) resolved() []string {
	var out []string
	for _, r := range p.roots {
		if r.op == nil {
			out = append(out, r.key)
		}
	}
	return out
}

// An operation answers one root field.
type operation interface {
	// fetch runs the operation's Cypher (one query; a connection's totalCount is one more) and
	// returns what writes the field's value.
	fetch(ctx context.Context, s *store.Store) (value, error)
}

// A value writes one root field's JSON value.
type value func(w *bytes.Buffer) error

// An Answer is what a plan's reads returned, ready to be written.
type Answer []value

// Fetch runs the plan's reads. An entity that is not there is an error: the resolvers then answer
// with the usual NOT_FOUND.
func (p *Plan) Fetch(ctx context.Context, s *store.Store) (Answer, error) {
	p.caller.ctx = ctx
	out := make(Answer, len(p.roots))
	for i, r := range p.roots {
		if r.op == nil {
			continue // the resolvers'
		}
		v, err := r.op.fetch(ctx, s)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// write writes the response's data, as gqlgen would: root fields in selection order.
func (p *Plan) write(w *bytes.Buffer, a Answer) error {
	w.WriteByte('{')
	for i, r := range p.roots {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, r.key)
		if err := a[i](w); err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return nil
}

// typenameRoot is Query's __typename.
type typenameRoot struct{}

func (typenameRoot) fetch(context.Context, *store.Store) (value, error) {
	return func(w *bytes.Buffer) error { graphql.MarshalString("Query").MarshalGQL(w); return nil }, nil
}
