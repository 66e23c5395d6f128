package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Facets count the entities of a filtered list (all of them, not a page) by what they are related
// to. Each facet is its buckets, the largest first (ties by key), at most the number asked for.
type Facets struct {
	Countries, Cities, Domains, Categories, Programmes, Years []Bucket
}

// Bucket is one value of a facet: its key (an entity ID, a category, a year), its name in the asked
// language (falling back to English; empty for categories and years, which the API names) and how
// many entities of the list have it.
type Bucket struct {
	Key, Name string
	Count     int
}

// MaxFacetBuckets is the most buckets a facet returns.
const MaxFacetBuckets = 100

// countryFacet counts the entities of the list ns by their country (countryOf: the subquery that
// binds c for an entity n).
func countryFacet(countryOf string) string {
	return `CALL (ns) {
  UNWIND ns AS n
  ` + countryOf + `
  WITH c, count(DISTINCT n) AS k ORDER BY k DESC, c.id LIMIT $first
  RETURN collect({key: c.id, name: coalesce(c[$name], c.name_en), count: k}) AS countries
}`
}

// cityFacet counts the entities of the list ns by their place (places: the subquery body that binds
// place for an entity n; "" for a kind without location, which has no such facet).
func cityFacet(places string) string {
	if places == "" {
		return "CALL () { RETURN [] AS cities }"
	}
	return `CALL (ns) {
  UNWIND ns AS n
  CALL (n) {
    ` + places + `
  }
  WITH place, count(DISTINCT n) AS k ORDER BY k DESC, place.id LIMIT $first
  RETURN collect({key: place.id, name: coalesce(place[$name], place.name_en), count: k}) AS cities
}`
}

// facetsTail computes every facet of the entities of kind bound to n, in one query (only the
// location pattern of the kind is tried):
//   - countries: the country of n's place (geo.go), or the country n is LOCATED_IN directly;
//   - cities: n's place;
//   - domains: HAS_EXPERTISE_IN or IN_DOMAIN;
//   - categories: the category property (organisations);
//   - programmes: FUNDED_BY a programme, or a programme that BENEFITS or SUPPORTS n;
//   - years: an event's or centre's year (year, foundedYear) and the year of a founding (FOUNDED.year,
//     either end).
func facetsTail(kind Kind) string {
	return `
WITH collect(DISTINCT n) AS ns
` + countryFacet(countryOfPlaces(placesOf(kind))) + `
` + cityFacet(placesOf(kind)) + `
CALL (ns) {
  UNWIND ns AS n
  MATCH (n)-[:HAS_EXPERTISE_IN|IN_DOMAIN]->(d:Domain)
  WITH d, count(DISTINCT n) AS k ORDER BY k DESC, d.id LIMIT $first
  RETURN collect({key: d.id, name: coalesce(d[$name], d.name_en), count: k}) AS domains
}
CALL (ns) {
  UNWIND ns AS n
  WITH n.category AS c, count(*) AS k WHERE c IS NOT NULL
  WITH c, k ORDER BY k DESC, c LIMIT $first
  RETURN collect({key: c, name: '', count: k}) AS categories
}
CALL (ns) {
  UNWIND ns AS n
  CALL (n) {
    MATCH (n)-[:FUNDED_BY]->(p:Programme) RETURN p
    UNION
    MATCH (p:Programme)-[:BENEFITS|SUPPORTS]->(n) RETURN p
  }
  WITH p, count(DISTINCT n) AS k ORDER BY k DESC, p.id LIMIT $first
  RETURN collect({key: p.id, name: coalesce(p[$name], p.name_en), count: k}) AS programmes
}
CALL (ns) {
  UNWIND ns AS n
  CALL (n) {
    UNWIND [n.year, n.foundedYear] AS y RETURN y
    UNION
    MATCH (n)-[f:FOUNDED]-() RETURN f.year AS y
  }
  WITH y, count(DISTINCT n) AS k WHERE y IS NOT NULL
  WITH y, k ORDER BY k DESC, y DESC LIMIT $first
  RETURN collect({key: toString(y), name: '', count: k}) AS years
}
RETURN countries, cities, domains, categories, programmes, years`
}

// facetQueries are facetsTail of each kind, made once.
var facetQueries = func() map[Kind]string {
	m := map[Kind]string{}
	for _, k := range Kinds() {
		m[k] = facetsTail(k)
	}
	return m
}()

// Facets counts the entities of kind that f lets through, in lang ("en", "bg" or "el"), up to
// first buckets a facet (one query).
func (s *Store) Facets(ctx context.Context, kind Kind, f Filter, lang string, first int) (Facets, error) {
	if !kind.Valid() {
		return Facets{}, errs.BadInput("kind", "unknown kind %q", kind)
	}
	if first < 0 || first > MaxFacetBuckets {
		return Facets{}, errs.BadInput("first", "must be between 0 and %d, got %d", MaxFacetBuckets, first)
	}
	params := map[string]any{"first": first, "name": "name_" + lang}
	where, _, err := filterClause(kind, f, params)
	if err != nil {
		return Facets{}, err
	}
	recs, err := s.read(ctx, "facets", "MATCH (n:`"+kind.Label()+"`)"+where+facetQueries[kind], params)
	if err != nil {
		return Facets{}, mapErr("facets "+string(kind), err)
	}
	if len(recs) != 1 {
		return Facets{}, fmt.Errorf("facets %s: %d records", kind, len(recs))
	}
	var out Facets
	for key, dst := range map[string]*[]Bucket{"countries": &out.Countries, "cities": &out.Cities, "domains": &out.Domains,
		"categories": &out.Categories, "programmes": &out.Programmes, "years": &out.Years} {
		list, _, err := neo4j.GetRecordValue[[]any](recs[0], key)
		if err != nil {
			return Facets{}, fmt.Errorf("facets %s: %w", key, err)
		}
		*dst = buckets(list)
	}
	return out, nil
}

// ByCountry counts every entity but sources and countries by the country it is in (as the
// countries facet does), in lang, the first buckets.
func (s *Store) ByCountry(ctx context.Context, lang string, first int) ([]Bucket, error) {
	if first < 0 || first > MaxFacetBuckets {
		return nil, errs.BadInput("first", "must be between 0 and %d, got %d", MaxFacetBuckets, first)
	}
	recs, err := s.read(ctx, "by_country", "MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Country WITH collect(n) AS ns "+
		countryFacet(countryOf)+" RETURN countries", map[string]any{"first": first, "name": "name_" + lang})
	if err != nil {
		return nil, mapErr("by country", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("by country: %d records", len(recs))
	}
	list, _, err := neo4j.GetRecordValue[[]any](recs[0], "countries")
	if err != nil {
		return nil, fmt.Errorf("by country: %w", err)
	}
	return buckets(list), nil
}

func buckets(list []any) []Bucket {
	out := make([]Bucket, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		b := Bucket{}
		b.Key, _ = m["key"].(string)
		b.Name, _ = m["name"].(string)
		k, _ := m["count"].(int64)
		b.Count = int(k)
		out = append(out, b)
	}
	return out
}
