package graph

import (
	"context"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// categoryNames name the organisation categories in the three languages (the facet's bucket names).
var categoryNames = map[model.OrganisationCategory]map[string]string{
	model.OrganisationCategoryMunicipality: {"en": "Municipality", "bg": "Община", "el": "Δήμος"},
	model.OrganisationCategoryCompany:      {"en": "Company", "bg": "Компания", "el": "Εταιρεία"},
	model.OrganisationCategoryMinistry:     {"en": "Ministry", "bg": "Министерство", "el": "Υπουργείο"},
	model.OrganisationCategoryAcademia:     {"en": "Academia", "bg": "Академична общност", "el": "Ακαδημαϊκή κοινότητα"},
	model.OrganisationCategoryStartUp:      {"en": "Start-up", "bg": "Стартъп", "el": "Νεοφυής επιχείρηση"},
	model.OrganisationCategoryOther:        {"en": "Other", "bg": "Друга", "el": "Άλλη"},
}

// facetsOf is the facets of a list of kind filtered by f, for the connection type connType (whose
// facets field gives the default of first).
func (r *Resolver) facetsOf(connType string, kind store.Kind, f store.Filter) func(context.Context, *model.Lang, *int) (*model.Facets, error) {
	return func(ctx context.Context, lang *model.Lang, first *int) (*model.Facets, error) {
		code := model.LangCode(lang)
		fs, err := r.Store.Facets(ctx, kind, f, code, args.Or(first, args.Default(connType+".facets", "first")))
		if err != nil {
			return nil, err
		}
		return &model.Facets{Countries: facetBuckets(fs.Countries), Cities: facetBuckets(fs.Cities),
			Domains: facetBuckets(fs.Domains), Programmes: facetBuckets(fs.Programmes), Years: facetBuckets(fs.Years),
			Categories: namedBuckets(fs.Categories, func(key string) string {
				if names, ok := categoryNames[model.OrganisationCategory(key)]; ok {
					return names[code]
				}
				return key
			})}, nil
	}
}

// facetBuckets are store buckets as the API's; a bucket without a name (a year) is named by its key.
func facetBuckets(bs []store.Bucket) []*model.FacetBucket {
	return namedBuckets(bs, func(key string) string { return key })
}

func namedBuckets(bs []store.Bucket, name func(key string) string) []*model.FacetBucket {
	out := make([]*model.FacetBucket, len(bs))
	for i, b := range bs {
		n := b.Name
		if n == "" {
			n = name(b.Key)
		}
		out[i] = &model.FacetBucket{Key: b.Key, Name: n, Count: b.Count}
	}
	return out
}

func (r *Resolver) byCountry(ctx context.Context, objs []*model.GraphStats, lang *model.Lang, first *int) ([][]*model.FacetBucket, error) {
	bs, err := r.Store.ByCountry(ctx, model.LangCode(lang), args.Or(first, args.Default("GraphStats.byCountry", "first")))
	if err != nil {
		return nil, err
	}
	out := make([][]*model.FacetBucket, len(objs))
	for i := range objs {
		out[i] = facetBuckets(bs)
	}
	return out, nil
}
