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

// Countries are the countries of the gazetteer, by ISO 3166-1 alpha-2 code (GeoNames' XK for
// Kosovo): Europe and its neighbours.
var Countries = []string{
	// The European Union.
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
	"LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
	// The rest of the European Economic Area.
	"IS", "LI", "NO",
	// Candidate and potential candidate countries (the Western Balkans among them).
	"AL", "BA", "GE", "MD", "ME", "MK", "RS", "TR", "UA", "XK",
	// The United Kingdom, Switzerland, the small states, and the other neighbours.
	"GB", "CH", "AD", "MC", "SM", "VA", "BY", "RU", "AM", "AZ",
}

// countryNode is a country with its names (English from ISO 3166 as pycountry has it, Bulgarian
// and Greek from i18n-iso-countries), codes and GeoNames record, each fact with the record that
// states it.
func countryNode(c RawCountry, names CountryNames) (domain.Node, error) {
	code := c.ISO2
	en := englishCountryName(c, names["en"][code])
	bg, el := shortest(names["bg"][code]), shortest(names["el"][code])
	if en == "" || bg == "" || el == "" {
		return domain.Node{}, fmt.Errorf("country %s: a name is missing (en %q, bg %q, el %q)", code, en, bg, el)
	}
	others := []string{c.GeonamesName}
	for _, lang := range store.Langs {
		others = append(others, names[lang][code]...)
	}
	props := map[string]any{"isoAlpha2": code, "geonamesId": c.GeonameID, "population": c.Population}
	var evidence []domain.Evidence
	if iso := c.ISO; iso != nil {
		others = append(others, iso.Name, iso.OfficialName)
		props["isoAlpha3"] = iso.Alpha3
		n, err := strconv.Atoi(iso.Numeric)
		if err != nil {
			return domain.Node{}, fmt.Errorf("country %s: numeric code %q: %w", code, iso.Numeric, err)
		}
		props["isoNumeric"] = n
		quote := fmt.Sprintf("ISO 3166-1 %s: %s, alpha-3 %s, numeric %s", code, iso.Name, iso.Alpha3, iso.Numeric)
		if iso.OfficialName != "" {
			quote += ", officially " + iso.OfficialName
		}
		evidence = append(evidence, domain.Evidence{Source: SourceISO, Quote: quote + ".",
			Properties: []string{"isoAlpha2", "isoAlpha3", "isoNumeric"}})
	}
	recordProps := []string{"geonamesId", "population"}
	if c.ISO == nil { // a code ISO has not assigned: GeoNames' record states it
		props["isoAlpha3"] = c.ISO3
		recordProps = append(recordProps, "isoAlpha2", "isoAlpha3")
	}
	evidence = append(evidence,
		domain.Evidence{Source: SourceCountryNames, Quote: fmt.Sprintf("i18n-iso-countries %s: en %s; bg %s; el %s.", code,
			strings.Join(names["en"][code], " / "), strings.Join(names["bg"][code], " / "), strings.Join(names["el"][code], " / "))},
		domain.Evidence{Source: SourceGeoNames, Quote: fmt.Sprintf("GeoNames %d: %s (%s, %s), population %d.",
			c.GeonameID, c.GeonamesName, code, c.ISO3, c.Population), Properties: recordProps})
	return domain.Node{
		ID:         domain.ID(store.Country, en),
		Kind:       "COUNTRY",
		Names:      map[string]string{"en": en, "bg": bg, "el": el},
		Aliases:    aliases(others, en, bg, el),
		Properties: props,
		Evidence:   evidence,
	}, nil
}

// englishCountryName is ISO's common name ("Moldova"), else its name unless it is inverted
// ("Moldova, Republic of") and without its parenthesis, else the shortest English name of i18n-iso-countries (for Kosovo).
func englishCountryName(c RawCountry, i18n []string) string {
	if iso := c.ISO; iso != nil {
		if iso.CommonName != "" {
			return iso.CommonName
		}
		if !strings.Contains(iso.Name, ",") { // "Holy See (Vatican City State)" is the Holy See
			name, _, _ := strings.Cut(iso.Name, " (")
			return name
		}
	}
	return shortest(i18n)
}

// shortest is the shortest name of a list (the first of equally short ones): i18n-iso-countries
// lists official forms first ("Δημοκρατία της Μολδαβίας", "Μολδαβία").
func shortest(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return slices.MinFunc(names, func(a, b string) int { return cmp.Compare(len([]rune(a)), len([]rune(b))) })
}
