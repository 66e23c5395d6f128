package graph

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"urbangraph/graph/model"
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

// pageArgs checks a connection's arguments: the page size, the offset the cursor stands for, the
// store's filter and sort.
func pageArgs(filter *model.EntityFilter, sort *model.EntitySort, first *int, after *string) (n, skip int, f store.Filter, s store.Sort, err error) {
	n = DefaultFirst
	if first != nil {
		n = *first
	}
	if n < 0 || n > MaxFirst {
		return 0, 0, f, s, store.BadInput("first", "must be between 0 and %d, got %d", MaxFirst, n)
	}
	if after != nil {
		if skip, err = decodeCursor(*after); err != nil {
			return 0, 0, f, s, err
		}
	}
	s = store.Sort(model.EntitySortNameAsc)
	if sort != nil {
		s = store.Sort(*sort)
	}
	return n, skip, storeFilter(filter), s, nil
}

// pageInfo is the page information of a page of n items after skip.
func pageInfo(skip, n int, more bool) ([]string, *model.PageInfo) {
	cursors := make([]string, n)
	for i := range cursors {
		cursors[i] = encodeCursor(skip + i + 1)
	}
	info := &model.PageInfo{HasNextPage: more, HasPreviousPage: skip > 0}
	if n > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[n-1]
	}
	return cursors, info
}

// page runs a list query and returns its nodes with the cursor of each, and the connection's Page.
func (r *Resolver) page(ctx context.Context, kind store.Kind, filter *model.EntityFilter, sort *model.EntitySort,
	first *int, after *string) ([]store.Node, []string, model.Page, error) {
	n, skip, f, s, err := pageArgs(filter, sort, first, after)
	if err != nil {
		return nil, nil, model.Page{}, err
	}
	nodes, more, err := r.Store.ListProjected(ctx, kind, f, s, skip, n, lightSelection(ctx))
	if err != nil {
		return nil, nil, model.Page{}, err
	}
	cursors, info := pageInfo(skip, len(nodes), more)
	count := func(ctx context.Context) (int, error) { return r.Store.Count(ctx, kind, f) }
	return nodes, cursors, model.Page{PageInfo: info, Count: count}, nil
}

// searchArgs checks search's arguments: the kinds (nil: all) and how many hits.
func searchArgs(kinds []model.Kind, first *int) ([]store.Kind, int, error) {
	n := DefaultSearch
	if first != nil {
		n = *first
	}
	if n < 0 || n > MaxSearchFirst {
		return nil, 0, store.BadInput("first", "must be between 0 and %d, got %d", MaxSearchFirst, n)
	}
	var ks []store.Kind
	if kinds != nil {
		ks = make([]store.Kind, len(kinds))
		for i, k := range kinds {
			ks[i] = store.Kind(k)
		}
	}
	return ks, n, nil
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
