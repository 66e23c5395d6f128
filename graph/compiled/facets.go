package compiled

import (
	"bytes"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
)

// facets is a list's facets field: counts over the whole filtered list (store.Facets, one query, as
// the resolvers make it), named in lang, first buckets a facet.
type facets struct {
	lang    string
	first   int
	fields  []leaf            // Facets' fields: __typename and the facets
	buckets map[string][]leaf // each facet's FacetBucket fields, by response key
}

func (p planner) facets(f graphql.CollectedField, connType string) (*facets, error) {
	a := argsOf(f, p.oc.Variables)
	lang, first := enum[model.Lang](a, "lang"), a.int("first")
	if !a.ok {
		return nil, notCovered("an argument of %s.facets is not of its type", connType)
	}
	fc := &facets{lang: model.LangCode(lang), first: args.Or(first, args.Default(connType+".facets", "first")), buckets: map[string][]leaf{}}
	fields, err := p.collect(f.Selections, "Facets")
	if err != nil {
		return nil, err
	}
	for _, ff := range fields {
		fc.fields = append(fc.fields, leaf{key: ff.Alias, name: ff.Name})
		if ff.Name == "__typename" {
			continue
		}
		if fc.buckets[ff.Alias], err = p.leaves(ff.Selections, "FacetBucket", "key", "name", "count"); err != nil {
			return nil, err
		}
	}
	return fc, nil
}

func (fc *facets) write(w *bytes.Buffer, fs *model.Facets) error {
	lists := map[string][]*model.FacetBucket{"countries": fs.Countries, "cities": fs.Cities, "domains": fs.Domains,
		"categories": fs.Categories, "programmes": fs.Programmes, "years": fs.Years}
	return writeObject(w, "Facets", fc.fields, func(f leaf) error {
		bs := lists[f.name]
		return writeObjects(w, len(bs), func(i int) error {
			writeLeaves(w, "FacetBucket", fc.buckets[f.key], func(name string) {
				switch name {
				case "key":
					graphql.MarshalString(bs[i].Key).MarshalGQL(w)
				case "name":
					graphql.MarshalString(bs[i].Name).MarshalGQL(w)
				case "count":
					graphql.MarshalInt(bs[i].Count).MarshalGQL(w)
				}
			})
			return nil
		})
	})
}
