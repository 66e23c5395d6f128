package compiled

import (
	"bytes"
	"context"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/internal/store"
)

// searchRoot is a search whose hits show no properties and no evidence: light entities, and their
// countries, light too (a second query, as the resolvers make it: store.Countries).
type searchRoot struct {
	query     string
	kinds     []store.Kind
	first     int
	fields    []leaf
	nodes     map[string]*selection // by response key
	countries map[string]*selection // by response key
}

func (p planner) searchRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	query, kinds, first := a.str("query"), a.kinds("kinds"), a.int("first")
	if !a.ok {
		return nil, notCovered("an argument of search is not of its type")
	}
	ks, n, err := args.Search(kinds, first)
	if err != nil {
		return nil, notCovered("search: %v", err)
	}
	r := &searchRoot{query: query, kinds: ks, first: n, nodes: map[string]*selection{}, countries: map[string]*selection{}}
	fields, err := p.collect(f.Selections, "SearchHit")
	if err != nil {
		return nil, err
	}
	for _, hf := range fields {
		r.fields = append(r.fields, leaf{key: hf.Alias, name: hf.Name})
		switch hf.Name {
		case "__typename", "score", "matched":
		case "node":
			if r.nodes[hf.Alias], err = p.graphNode(hf); err != nil {
				return nil, err
			}
		case "country":
			if r.countries[hf.Alias], err = p.lightEntity(hf, "Country"); err != nil {
				return nil, err
			}
		default:
			return nil, notCovered("the field SearchHit.%s", hf.Name)
		}
	}
	return r, nil
}

func (r *searchRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	hits, err := s.Search(ctx, r.query, r.kinds, r.first, store.Projection{Light: true})
	if err != nil {
		return nil, err
	}
	var countries map[string]store.Node
	if len(r.countries) > 0 && len(hits) > 0 {
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.Node.ID
		}
		if countries, err = s.Countries(ctx, ids); err != nil {
			return nil, err
		}
	}
	return func(w *bytes.Buffer) error { return r.write(w, hits, countries) }, nil
}

func (r *searchRoot) write(w *bytes.Buffer, hits []store.Hit, countries map[string]store.Node) error {
	return writeObjects(w, len(hits), func(j int) error {
		h := hits[j]
		return writeObject(w, "SearchHit", r.fields, func(f leaf) error {
			switch f.name {
			case "score":
				return writeFloat(w, h.Score)
			case "matched":
				graphql.MarshalString(h.Matched).MarshalGQL(w)
			case "node":
				return r.nodes[f.key].write(w, h.Node)
			case "country":
				c, ok := countries[h.Node.ID]
				if !ok {
					graphql.Null.MarshalGQL(w)
					return nil
				}
				return r.countries[f.key].write(w, c)
			}
			return nil
		})
	})
}
