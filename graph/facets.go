package graph

import (
	"context"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// facetsOf is the facets of a list of kind filtered by f, for the connection type connType (whose
// facets field gives the default of first).
func (r *Resolver) facetsOf(connType string, kind store.Kind, f store.Filter) func(context.Context, *model.Lang, *int) (*model.Facets, error) {
	return func(ctx context.Context, lang *model.Lang, first *int) (*model.Facets, error) {
		code := model.LangCode(lang)
		fs, err := r.Store.Facets(ctx, kind, f, code, args.Or(first, args.Default(connType+".facets", "first")))
		if err != nil {
			return nil, err
		}
		return model.NewFacets(fs, code), nil
	}
}

func (r *Resolver) byCountry(ctx context.Context, objs []*model.GraphStats, lang *model.Lang, first *int) ([][]*model.FacetBucket, error) {
	bs, err := r.Store.ByCountry(ctx, model.LangCode(lang), args.Or(first, args.Default("GraphStats.byCountry", "first")))
	if err != nil {
		return nil, err
	}
	out := make([][]*model.FacetBucket, len(objs))
	for i := range objs {
		out[i] = model.FacetBuckets(bs)
	}
	return out, nil
}
