package compiled

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/internal/store"
)

// Ranked lists of entities that one store call computes (nearby: by distance; similar: by the
// neighbours two entities share), answered as the resolvers answer them: the same call, light
// entities (GraphNode without properties), the same marshalers.

// rankedFields plans the selection of a ranked entity type (NearbyEntity, SimilarEntity): the
// GraphNode fields in nodes by response key, scalars the type's own.
func (p planner) rankedFields(set []graphql.CollectedField, typ string, nodes map[string]*selection, nodeFields []string, scalars ...string) ([]leaf, error) {
	var out []leaf
	for _, f := range set {
		out = append(out, leaf{key: f.Alias, name: f.Name})
		switch {
		case f.Name == "__typename" || slices.Contains(scalars, f.Name):
		case slices.Contains(nodeFields, f.Name):
			sel, err := p.graphNode(f)
			if err != nil {
				return nil, err
			}
			nodes[f.Alias] = sel
		default:
			return nil, notCovered("the field %s.%s", typ, f.Name)
		}
	}
	return out, nil
}

// nearbyRoot is nearby(id, withinKm, kinds, first): store.Nearby, nearest first.
type nearbyRoot struct {
	q      store.NearbyQuery
	fields []leaf
	nodes  map[string]*selection
}

func (p planner) nearbyRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	id, withinKm, kinds, first := a.str("id"), a.float("withinKm"), a.kinds("kinds"), a.int("first")
	if !a.ok {
		return nil, notCovered("an argument of nearby is not of its type")
	}
	q, err := args.Nearby(id, withinKm, kinds, first)
	if err != nil {
		return nil, notCovered("nearby: %v", err)
	}
	r := &nearbyRoot{q: q, nodes: map[string]*selection{}}
	fields, err := p.collect(f.Selections, "NearbyEntity")
	if err != nil {
		return nil, err
	}
	if r.fields, err = p.rankedFields(fields, "NearbyEntity", r.nodes, []string{"node"}, "distanceKm"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *nearbyRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	hits, err := s.Nearby(ctx, r.q, store.Projection{Light: true})
	if err != nil {
		return nil, err
	}
	return func(w *bytes.Buffer) error {
		return writeObjects(w, len(hits), func(i int) error {
			return writeObject(w, "NearbyEntity", r.fields, func(f leaf) error {
				if f.name == "distanceKm" {
					return writeFloat(w, hits[i].DistanceKm)
				}
				return r.nodes[f.key].write(w, hits[i].Node)
			})
		})
	}, nil
}

// similarRoot is similar(id, first): store.SimilarTo, most similar first, with the shared
// neighbours.
type similarRoot struct {
	id     string
	first  int
	fields []leaf
	nodes  map[string]*selection // node and shared, by response key
}

func (p planner) similarRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	id, first := a.str("id"), a.int("first")
	if !a.ok {
		return nil, notCovered("an argument of similar is not of its type")
	}
	r := &similarRoot{id: id, first: args.Or(first, args.Default("similar", "first")), nodes: map[string]*selection{}}
	fields, err := p.collect(f.Selections, "SimilarEntity")
	if err != nil {
		return nil, err
	}
	if r.fields, err = p.rankedFields(fields, "SimilarEntity", r.nodes, []string{"node", "shared"}, "score"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *similarRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	sims, err := s.SimilarTo(ctx, r.id, r.first)
	if err != nil {
		return nil, err
	}
	return func(w *bytes.Buffer) error {
		return writeObjects(w, len(sims), func(i int) error {
			return writeObject(w, "SimilarEntity", r.fields, func(f leaf) error {
				switch f.name {
				case "score":
					return writeFloat(w, sims[i].Score)
				case "shared":
					return writeList(w, sims[i].Shared, r.nodes[f.key])
				}
				return r.nodes[f.key].write(w, sims[i].Node)
			})
		})
	}, nil
}

// float reads a nullable Float argument.
func (a *argValues) float(name string) *float64 {
	if a.m[name] == nil {
		return nil
	}
	f, ok := floatOf(a.m[name])
	a.ok = a.ok && ok
	return &f
}

// floatOf reads a Float value, however the variables' decoder or the literal typed it.
func floatOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}
