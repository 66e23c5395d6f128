// Package graph is the GraphQL layer: gqlgen's generated executor plus thin resolvers that read
// arguments, call one store method and map the result. Nothing here speaks Cypher.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"
