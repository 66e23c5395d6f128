package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// byID resolves a root field that requires the entity to exist and be of kind k.
func byID[T any](ctx context.Context, r *Resolver, id string, k store.Kind) (T, error) {
	var zero T
	n, err := r.Store.NodeOrRedirect(ctx, id)
	if err != nil {
		return zero, err
	}
	if n.Kind != k {
		return zero, errs.BadInput("id", "%q is a %s, not a %s", id, n.Kind, k)
	}
	return model.As[T](n), nil
}

// page runs a list query and returns its nodes with the cursor of each, and the connection's Page.
func (r *Resolver) page(ctx context.Context, kind store.Kind, filter *model.EntityFilter, sort *model.EntitySort,
	first *int, after *string) ([]store.Node, []string, model.Page, error) {
	p, err := args.PageOf(graphql.GetFieldContext(ctx).Field.Name, filter, sort, first, after)
	if err != nil {
		return nil, nil, model.Page{}, err
	}
	nodes, more, err := r.Store.List(ctx, p.Query(kind), store.Projection{Light: lightSelection(ctx)})
	if err != nil {
		return nil, nil, model.Page{}, err
	}
	cursors, info := args.Info(p.Skip, len(nodes), more)
	count := func(ctx context.Context) (int, error) { return r.Store.Count(ctx, kind, p.Filter) }
	connType := graphql.GetFieldContext(ctx).Field.Definition.Type.Name()
	return nodes, cursors, model.Page{PageInfo: info, Count: count, FacetsOf: r.facetsOf(connType, kind, p.Filter)}, nil
}

// edges builds a connection's edges from a page of nodes.
func edges[E any, N any](nodes []store.Node, cursors []string, edge func(cursor string, node N) E) []E {
	list := make([]E, len(nodes))
	for i, n := range nodes {
		list[i] = edge(cursors[i], model.As[N](n))
	}
	return list
}
