package graph

import (
	"context"
	"time"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// The change log in GraphQL (docs/changes.md): an entity's or a relationship's history and the
// global feed.

// entityHistory answers history on any entity type: one store call per entity (a list of entities
// asking for their history is priced by first, see Complexity).
func entityHistory[T interface{ ID() string }](ctx context.Context, r *Resolver, objs []T, first, after *int) ([][]*model.Change, error) {
	n, before, err := args.History("City.history", first, after)
	if err != nil {
		return nil, err
	}
	out := make([][]*model.Change, len(objs))
	for i, o := range objs {
		cs, err := r.Store.History(ctx, o.ID(), "", "", "", before, n)
		if err != nil {
			return nil, err
		}
		out[i] = changeModels(ctx, cs)
	}
	return out, nil
}

func (r *Resolver) edgeHistory(ctx context.Context, objs []*model.GraphEdge, first, after *int) ([][]*model.Change, error) {
	n, before, err := args.History("GraphEdge.history", first, after)
	if err != nil {
		return nil, err
	}
	out := make([][]*model.Change, len(objs))
	for i, o := range objs {
		cs, err := r.Store.History(ctx, "", o.E.From, o.E.Type, o.E.To, before, n)
		if err != nil {
			return nil, err
		}
		out[i] = changeModels(ctx, cs)
	}
	return out, nil
}

func (r *Resolver) changes(ctx context.Context, after, first *int, kinds []model.Kind, ids []string) ([]*model.Change, error) {
	n, err := args.First("changes", first)
	if err != nil {
		return nil, err
	}
	from := args.Or(after, 0)
	if from < 0 {
		return nil, errs.BadInput("after", "is a change's seq, or 0 for the beginning")
	}
	cs, err := r.Store.Changes(ctx, int64(from), n, args.Kinds(kinds), ids)
	if err != nil {
		return nil, err
	}
	return changeModels(ctx, cs), nil
}

// changeModels are the changes as the request's identity sees them (auth.Shown: readers see what
// wrote a change, not who).
func changeModels(ctx context.Context, cs []store.Change) []*model.Change {
	out := make([]*model.Change, len(cs))
	for i, c := range cs {
		out[i] = model.NewChange(c, func(actor string) string { return auth.Shown(ctx, actor) })
	}
	return out
}

func (r *Resolver) entityAsOf(ctx context.Context, id, asOf string) (*model.GraphNode, error) {
	at, err := time.Parse(time.RFC3339, asOf)
	if err != nil {
		return nil, errs.BadInput("asOf", "%q is not an RFC 3339 time (e.g. 2026-11-29T08:00:00Z)", asOf)
	}
	snap, err := r.Store.AsOf(ctx, id, at)
	if err != nil {
		return nil, err
	}
	return model.NewPastGraphNode(snap), nil
}

// relationships answers GraphNode.relationships: those rebuilt with the node (asOf), or those
// stored now, for all the nodes in one store call.
func (r *Resolver) relationships(ctx context.Context, objs []*model.GraphNode) ([][]*model.GraphEdge, error) {
	var now []string
	for _, o := range objs {
		if !o.Rebuilt {
			now = append(now, o.ID())
		}
	}
	stored := map[string][]store.Edge{}
	if len(now) > 0 {
		var err error
		if stored, err = r.Store.EdgesOf(ctx, now); err != nil {
			return nil, err
		}
	}
	out := make([][]*model.GraphEdge, len(objs))
	for i, o := range objs {
		edges := stored[o.ID()]
		if o.Rebuilt {
			edges = o.Past
		}
		out[i] = make([]*model.GraphEdge, len(edges))
		for j, e := range edges {
			out[i][j] = model.NewGraphEdge(e)
		}
	}
	return out, nil
}

// subscribe streams the change log to a subscriber (package feed), as the schema's Change.
func (r *Resolver) subscribe(ctx context.Context, kinds []model.Kind, ids []string, after *int) (<-chan *model.Change, error) {
	if r.Feed == nil {
		return nil, errs.BadInput("subscription", "this server serves no subscriptions")
	}
	if err := store.CheckChangeIDs(ids); err != nil {
		return nil, err
	}
	var from *int64
	if after != nil {
		if *after < 0 {
			return nil, errs.BadInput("after", "is a change's seq, or 0 for the beginning")
		}
		v := int64(*after)
		from = &v
	}
	changes, err := r.Feed.Subscribe(ctx, subscriber(ctx), from, args.Kinds(kinds), ids)
	if err != nil {
		return nil, err
	}
	out := make(chan *model.Change)
	go func() {
		defer close(out)
		for c := range changes {
			select {
			case out <- changeModels(ctx, []store.Change{c})[0]:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// subscriber names the client a subscription counts against: its token's name, or for an
// anonymous client, its address (the server puts it in the context).
func subscriber(ctx context.Context) string {
	if id := auth.FromContext(ctx); id.Role != auth.Anonymous {
		return "token:" + id.Name
	}
	if addr, ok := ctx.Value(ClientAddrKey{}).(string); ok {
		return "addr:" + addr
	}
	return "anonymous"
}

// ClientAddrKey is the context key under which the server puts a subscriber's address.
type ClientAddrKey struct{}
