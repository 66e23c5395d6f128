package graph

import (
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph/generated"
	"urbangraph/internal/feed"
	"urbangraph/internal/store"
)

// Resolver holds the dependencies of every resolver. One per process; per-request state lives in the
// context (dataloaders).
type Resolver struct {
	Store        *store.Store
	BuildVersion string
	Feed         *feed.Feed // the live change log; nil: subscriptions are refused
	// IngestReadTimeout bounds the reading of a document ingestDocument is given
	// (ingest.DefaultReadTimeout when 0).
	IngestReadTimeout time.Duration
}

// NewExecutableSchema is the GraphQL layer as gqlgen's handler takes it: the generated executor
// (package generated) with these resolvers, the complexity prices and the @hasRole directive.
func NewExecutableSchema(r *Resolver) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Complexity: Complexity(),
		Directives: generated.DirectiveRoot{HasRole: HasRole},
	})
}

// Schema is schema.graphqls, parsed (once, by the generated code).
func Schema() *ast.Schema { return generated.NewExecutableSchema(generated.Config{}).Schema() }
