package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel/attribute"

	"urbangraph/internal/tracing"
)

// traceOperation holds a GraphQL operation in a span named after it ("graphql CentreFounders"),
// with its name and type; package compiled adds which path answered it (urbangraph.read_path:
// compiled, resolvers or fallback). The variables are not recorded.
func traceOperation(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	name, kind := "", ""
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.Operation != nil {
			kind = string(oc.Operation.Operation)
			if oc.Operation.Name != "" {
				name = oc.Operation.Name
			}
		}
	}
	spanName := "graphql"
	if name != "" {
		spanName += " " + name
	}
	ctx, span := tracing.Start(ctx, spanName, attribute.String("graphql.operation.name", name), attribute.String("graphql.operation.type", kind))
	defer span.End()
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		span.SetAttributes(attribute.Int("graphql.errors", len(resp.Errors)))
	}
	return resp
}
