package model

import "urbangraph/internal/store"

// categoryNames name the organisation categories in the three languages (the facet's bucket names).
var categoryNames = map[OrganisationCategory]map[string]string{
	OrganisationCategoryMunicipality: {"en": "Municipality", "bg": "Община", "el": "Δήμος"},
	OrganisationCategoryCompany:      {"en": "Company", "bg": "Компания", "el": "Εταιρεία"},
	OrganisationCategoryMinistry:     {"en": "Ministry", "bg": "Министерство", "el": "Υπουργείο"},
	OrganisationCategoryAcademia:     {"en": "Academia", "bg": "Академична общност", "el": "Ακαδημαϊκή κοινότητα"},
	OrganisationCategoryStartUp:      {"en": "Start-up", "bg": "Стартъп", "el": "Νεοφυής επιχείρηση"},
	OrganisationCategoryOther:        {"en": "Other", "bg": "Друга", "el": "Άλλη"},
}

// NewFacets is the store's facets as the API's, named in lang (en, bg or el): both read paths
// answer facets with it.
func NewFacets(fs store.Facets, lang string) *Facets {
	return &Facets{Countries: FacetBuckets(fs.Countries), Cities: FacetBuckets(fs.Cities),
		Domains: FacetBuckets(fs.Domains), Programmes: FacetBuckets(fs.Programmes), Years: FacetBuckets(fs.Years),
		Categories: namedBuckets(fs.Categories, func(key string) string {
			if names, ok := categoryNames[OrganisationCategory(key)]; ok {
				return names[lang]
			}
			return key
		})}
}

// FacetBuckets are store buckets as the API's; a bucket without a name (a year) is named by its key.
func FacetBuckets(bs []store.Bucket) []*FacetBucket {
	return namedBuckets(bs, func(key string) string { return key })
}

func namedBuckets(bs []store.Bucket, name func(key string) string) []*FacetBucket {
	out := make([]*FacetBucket, len(bs))
	for i, b := range bs {
		n := b.Name
		if n == "" {
			n = name(b.Key)
		}
		out[i] = &FacetBucket{Key: b.Key, Name: n, Count: b.Count}
	}
	return out
}
