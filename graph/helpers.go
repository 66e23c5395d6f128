package graph

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"urbangraph/graph/model"
	"urbangraph/internal/loader"
	"urbangraph/internal/store"
)

// List paging limits, documented in the schema.
const (
	DefaultFirst   = 20
	MaxFirst       = 100
	DefaultSearch  = 10
	MaxSearchFirst = 50
)

func out(t store.RelType, k store.Kind) store.Rel {
	return store.Rel{Type: t, Dir: store.Out, Target: k}
}
func in(t store.RelType, k store.Kind) store.Rel { return store.Rel{Type: t, Dir: store.In, Target: k} }

// evidence turns a relationship's (source ID, quote) pairs into Evidence, loading the sources in one
// batch with every other relationship of the request.
func (r *Resolver) evidence(ctx context.Context, pairs func() (sourceIDs, quotes []string)) ([]*model.Evidence, error) {
	sourceIDs, quotes := pairs()
	nodes, err := loader.For(ctx, r.Store).Nodes(ctx, sourceIDs)
	if err != nil {
		return nil, err
	}
	byID := map[string]store.Node{}
	for _, n := range nodes {
		byID[n.ID] = n
	}
	out := make([]*model.Evidence, 0, len(sourceIDs))
	for i, id := range sourceIDs {
		src, ok := byID[id]
		if !ok || i >= len(quotes) {
			continue
		}
		out = append(out, &model.Evidence{Source: model.As[*model.Source](src), Quote: quotes[i], Properties: []string{}})
	}
	return out, nil
}

// foundings resolves FOUNDED relationships from either end.
func (r *Resolver) foundings(ctx context.Context, obj interface{ StoreNode() store.Node }, fromCentre bool) ([]*model.Founding, error) {
	rel := out("FOUNDED", store.Centre)
	if fromCentre {
		rel = in("FOUNDED", store.Organisation)
	}
	links, err := loader.For(ctx, r.Store).Related(ctx, rel, obj.StoreNode().ID)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Founding, 0, len(links))
	for _, l := range links {
		f := &model.Founding{Role: model.RelString(l, "role"), Year: model.RelInt(l, "year"), Link: l}
		if fromCentre {
			f.Organisation, f.Centre = model.As[*model.Organisation](l.Node), model.As[*model.Centre](obj.StoreNode())
		} else {
			f.Organisation, f.Centre = model.As[*model.Organisation](obj.StoreNode()), model.As[*model.Centre](l.Node)
		}
		out = append(out, f)
	}
	return out, nil
}

// participations resolves PARTICIPATED_IN relationships from either end.
func (r *Resolver) participations(ctx context.Context, obj interface{ StoreNode() store.Node }, fromEvent bool) ([]*model.Participation, error) {
	rel := out("PARTICIPATED_IN", store.Event)
	if fromEvent {
		rel = in("PARTICIPATED_IN", store.Organisation)
	}
	links, err := loader.For(ctx, r.Store).Related(ctx, rel, obj.StoreNode().ID)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Participation, 0, len(links))
	for _, l := range links {
		p := &model.Participation{Role: model.RelString(l, "role"), Link: l}
		if fromEvent {
			p.Organisation, p.Event = model.As[*model.Organisation](l.Node), model.As[*model.Event](obj.StoreNode())
		} else {
			p.Organisation, p.Event = model.As[*model.Organisation](obj.StoreNode()), model.As[*model.Event](l.Node)
		}
		out = append(out, p)
	}
	return out, nil
}

// byID resolves a root field that requires the entity to exist and be of kind k.
func byID[T any](ctx context.Context, r *Resolver, id string, k store.Kind) (T, error) {
	var zero T
	n, err := r.Store.Node(ctx, id)
	if err != nil {
		return zero, err
	}
	if n.Kind != k {
		return zero, store.BadInput("id", "%q is a %s, not a %s", id, n.Kind, k)
	}
	return model.As[T](n), nil
}

// Cursors are opaque to clients; inside they are the offset of the next item.
const cursorPrefix = "o:"

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(raw), cursorPrefix) {
		if n, err := strconv.Atoi(strings.TrimPrefix(string(raw), cursorPrefix)); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, store.BadInput("after", "not a cursor this API gave out")
}

// page runs a list query and returns its nodes with the cursor of each, and the connection's Page.
func (r *Resolver) page(ctx context.Context, kind store.Kind, filter *model.EntityFilter, sort *model.EntitySort,
	first *int, after *string) ([]store.Node, []string, model.Page, error) {
	n := DefaultFirst
	if first != nil {
		n = *first
	}
	if n < 0 || n > MaxFirst {
		return nil, nil, model.Page{}, store.BadInput("first", "must be between 0 and %d, got %d", MaxFirst, n)
	}
	skip := 0
	if after != nil {
		c, err := decodeCursor(*after)
		if err != nil {
			return nil, nil, model.Page{}, err
		}
		skip = c
	}
	f := storeFilter(filter)
	s := store.Sort(model.EntitySortNameAsc)
	if sort != nil {
		s = store.Sort(*sort)
	}
	nodes, more, err := r.Store.List(ctx, kind, f, s, skip, n)
	if err != nil {
		return nil, nil, model.Page{}, err
	}
	cursors := make([]string, len(nodes))
	for i := range nodes {
		cursors[i] = encodeCursor(skip + i + 1)
	}
	info := &model.PageInfo{HasNextPage: more, HasPreviousPage: skip > 0}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	count := func(ctx context.Context) (int, error) { return r.Store.Count(ctx, kind, f) }
	return nodes, cursors, model.Page{PageInfo: info, Count: count}, nil
}

func storeFilter(f *model.EntityFilter) store.Filter {
	if f == nil {
		return store.Filter{}
	}
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	out := store.Filter{NameContains: deref(f.NameContains), Country: deref(f.Country), City: deref(f.City), Domain: deref(f.Domain)}
	if f.Category != nil {
		out.Category = string(*f.Category)
	}
	return out
}

// edges builds a connection's edges from a page of nodes.
func edges[E any, N any](nodes []store.Node, cursors []string, edge func(cursor string, node N) E) []E {
	out := make([]E, len(nodes))
	for i, n := range nodes {
		out[i] = edge(cursors[i], model.As[N](n))
	}
	return out
}
