// Package graph is the hand-written GraphQL layer. The executor that gqlgen generates from the
// schema (schema.graphqls, graph/kinds.graphqls, graph/editing.graphqls) lives in graph/generated and
// the models in graph/model (with the @property fields' methods, written by graph/model/propgen
// before gqlgen runs); here are the resolvers (<name>.resolvers.go beside each schema file: read the
// arguments, call the store, map the result; the batch resolvers of relationship fields in
// batch.go), the complexity prices, and the executable schema, to which internal/server adds
// compiled reads (package graph/compiled: plain nested reads answered with one Cypher query per root
// field). Nothing here speaks Cypher: docs/architecture.md follows a request through both read paths.
package graph

//go:generate sh -c "cd .. && go run ./graph/model/propgen && go tool gqlgen generate"
