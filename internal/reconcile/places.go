package reconcile

import (
	"context"
	"slices"

	"urbangraph/internal/store"
)

// place is an entity another is located in: its city, or its city's country.
type place struct{ store.Node }

// places returns where each entity is: what it is LOCATED_IN, and what those are LOCATED_IN (an
// organisation's city and that city's country).
func (s Service) places(ctx context.Context, ids []string) (map[string][]place, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	direct, err := s.locatedIn(ctx, ids)
	if err != nil {
		return nil, err
	}
	var first []string
	for _, ts := range direct {
		first = append(first, ts...)
	}
	second, err := s.locatedIn(ctx, unique(first))
	if err != nil {
		return nil, err
	}
	all := slices.Clone(first)
	for _, ts := range second {
		all = append(all, ts...)
	}
	nodes, err := s.Store.NodesByID(ctx, unique(all))
	if err != nil {
		return nil, err
	}
	out := make(map[string][]place, len(ids))
	for _, id := range ids {
		var at []string
		for _, t := range direct[id] {
			at = append(at, t)
			at = append(at, second[t]...)
		}
		for _, t := range unique(at) {
			if n, ok := nodes[t]; ok {
				out[id] = append(out[id], place{n})
			}
		}
	}
	return out, nil
}

// locatedIn returns what each entity is LOCATED_IN.
func (s Service) locatedIn(ctx context.Context, ids []string) (map[string][]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	edges, err := s.Store.EdgesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for id, es := range edges {
		for _, e := range es {
			if e.Type == "LOCATED_IN" && e.From == id {
				out[id] = append(out[id], e.To)
			}
		}
	}
	return out, nil
}

func unique(ids []string) []string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return slices.Compact(s)
}
