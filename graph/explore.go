package graph

import (
	"context"
	"sort"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

func graphNodes(nodes []store.Node) []*model.GraphNode {
	out := make([]*model.GraphNode, len(nodes))
	for i, n := range nodes {
		out[i] = model.NewGraphNode(n)
	}
	return out
}

func graphEdges(edges []store.Edge) []*model.GraphEdge {
	out := make([]*model.GraphEdge, len(edges))
	for i, e := range edges {
		out[i] = model.NewGraphEdge(e)
	}
	return out
}

func toPath(p store.Path) *model.Path {
	return &model.Path{Length: len(p.Edges), Nodes: graphNodes(p.Nodes), Edges: graphEdges(p.Edges)}
}

func (r *Resolver) neighbourhood(ctx context.Context, id string, depth *int, relTypes []string, kinds []model.Kind, limit *int) (*model.Subgraph, error) {
	types, err := args.RelTypes(relTypes)
	if err != nil {
		return nil, err
	}
	q := store.NeighbourhoodQuery{ID: id, Depth: args.Or(depth, args.Default("neighbourhood", "depth")), Types: types,
		Kinds: args.Kinds(kinds), Limit: args.Or(limit, args.Default("neighbourhood", "limit"))}
	sg, err := r.Store.Neighbourhood(ctx, q, exploreProjection(ctx))
	if err != nil {
		return nil, err
	}
	return &model.Subgraph{Nodes: graphNodes(sg.Nodes), Edges: graphEdges(sg.Edges), Truncated: sg.Truncated}, nil
}

// paths answers shortestPath and paths (field), with that field's defaults.
func (r *Resolver) paths(ctx context.Context, field, from, to string, maxHops, first *int, relTypes []string) ([]*model.Path, error) {
	types, err := args.RelTypes(relTypes)
	if err != nil {
		return nil, err
	}
	q := store.PathsQuery{From: from, To: to, MaxHops: args.Or(maxHops, args.Default(field, "maxHops")), Types: types,
		First: args.Or(first, args.Default("paths", "first"))}
	ps, err := r.Store.Paths(ctx, q, exploreProjection(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]*model.Path, len(ps))
	for i, p := range ps {
		out[i] = toPath(p)
	}
	return out, nil
}

func (r *Resolver) similar(ctx context.Context, id string, first *int) ([]*model.SimilarEntity, error) {
	sims, err := r.Store.SimilarTo(ctx, id, args.Or(first, args.Default("similar", "first")))
	if err != nil {
		return nil, err
	}
	out := make([]*model.SimilarEntity, len(sims))
	for i, s := range sims {
		out[i] = &model.SimilarEntity{Node: model.NewGraphNode(s.Node), Score: s.Score, Shared: graphNodes(s.Shared)}
	}
	return out, nil
}

func (r *Resolver) stats(ctx context.Context) (*model.GraphStats, error) {
	st, err := r.Store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	out := &model.GraphStats{}
	for _, k := range store.Kinds() {
		out.ByKind = append(out.ByKind, &model.KindCount{Kind: model.Kind(k), Count: st.ByKind[k]})
		out.Nodes += st.ByKind[k]
	}
	for _, t := range store.RelTypes() {
		out.ByType = append(out.ByType, &model.TypeCount{Type: string(t), Count: st.ByType[t]})
		out.Relationships += st.ByType[t]
	}
	sort.SliceStable(out.ByKind, func(i, j int) bool { return out.ByKind[i].Count > out.ByKind[j].Count })
	sort.SliceStable(out.ByType, func(i, j int) bool { return out.ByType[i].Count > out.ByType[j].Count })
	return out, nil
}

func (r *Resolver) mostConnected(ctx context.Context, first *int) ([]*model.Connected, error) {
	cs, err := r.Store.MostConnected(ctx, args.Or(first, args.Default("GraphStats.mostConnected", "first")))
	if err != nil {
		return nil, err
	}
	out := make([]*model.Connected, len(cs))
	for i, c := range cs {
		out[i] = &model.Connected{Node: model.NewGraphNode(c.Node), Degree: c.Degree}
	}
	return out, nil
}
