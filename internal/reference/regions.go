package reference

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"urbangraph/internal/store"
)

// Regions are the first-level subdivisions of the gazetteer's countries (ISO 3166-2: a Greek
// administrative region, a Bulgarian district): what a regional authority's name holds
// ("Περιφέρεια Ιονίων Νήσων": the Ionian Islands). They are not entities of the graph; ingestion reads
// them to give a regional authority its English name. `make reference` writes them to regions.tsv
// beside this file, which the binary embeds.

// RawSubdivision is an ISO 3166-2 subdivision as pycountry has it, with pycountry's Bulgarian and
// Greek translations of its name.
type RawSubdivision struct {
	Code         string            `json:"code"`
	Country      string            `json:"country"`
	Type         string            `json:"type"`
	Parent       string            `json:"parent"`
	Name         string            `json:"name"`
	Translations map[string]string `json:"translations"`
}

// SubdivisionNames are the subdivision names of the Unicode CLDR (npm cldr-subdivisions-full), by
// language, then CLDR code (ISO's code in lower case without its hyphen: "grb" for GR-B).
type SubdivisionNames map[string]map[string]string

// Region is a first-level subdivision: its ISO 3166-2 code, its country's ID, its English name and
// its other names (the ISO name, romanised where the language is not written in Latin, and the
// Bulgarian and Greek names where the packages have them).
type Region struct {
	Code, Country, English string
	Names                  []string
}

// ReadSubdivisionNames reads en, bg and el from cldr-subdivisions-full's subdivisions directory.
func ReadSubdivisionNames(dir string) (SubdivisionNames, error) {
	names := SubdivisionNames{}
	for _, lang := range store.Langs {
		path := filepath.Join(dir, lang, lang+".json")
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var file struct {
			Subdivisions struct {
				LocaleDisplayNames struct {
					Subdivisions map[string]string `json:"subdivisions"`
				} `json:"localeDisplayNames"`
			} `json:"subdivisions"`
		}
		if err := json.Unmarshal(b, &file); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		names[lang] = file.Subdivisions.LocaleDisplayNames.Subdivisions
	}
	if len(names["en"]) == 0 {
		return nil, fmt.Errorf("%s: no English subdivision names", dir)
	}
	return names, nil
}

// BuildRegions makes the regions of the countries (ISO code -> country ID): their first-level
// subdivisions, named in English by the CLDR (else by ISO).
func BuildRegions(subs []RawSubdivision, cldr SubdivisionNames, countryID map[string]string) []Region {
	var out []Region
	for _, s := range subs {
		if countryID[s.Country] == "" || s.Parent != "" {
			continue
		}
		key := strings.ToLower(strings.ReplaceAll(s.Code, "-", ""))
		en := cmpOr(cldr["en"][key], s.Name)
		var names []string
		for _, n := range []string{s.Name, s.Translations["bg"], s.Translations["el"], cldr["bg"][key], cldr["el"][key]} {
			if n != "" && n != en && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		out = append(out, Region{Code: s.Code, Country: countryID[s.Country], English: en, Names: names})
	}
	slices.SortFunc(out, func(a, b Region) int { return strings.Compare(a.Code, b.Code) })
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// regionsHeader heads regions.tsv: what it is, where it comes from, under which licences.
const regionsHeader = `# Written by make reference (internal/reference/regions.go): do not edit by hand.
# The first-level subdivisions of the gazetteer's countries: ISO 3166-2 code, country, English name,
# other names. Codes and names: ISO 3166 via Debian's iso-codes (pycountry %s, LGPL-2.1-or-later);
# English names: Unicode CLDR (cldr-subdivisions-full %s, Unicode License v3).
`

// WriteRegions writes the regions as tab-separated lines (other names joined by "|").
func WriteRegions(path string, rs []Region, pycountry, cldr string) error {
	var b strings.Builder
	fmt.Fprintf(&b, regionsHeader, pycountry, cldr)
	for _, r := range rs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", r.Code, r.Country, r.English, strings.Join(r.Names, "|"))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

//go:embed regions.tsv
var regionsTSV string

// LoadRegions returns the regions of regions.tsv (parsed once).
var LoadRegions = sync.OnceValue(func() []Region {
	var out []Region
	sc := bufio.NewScanner(strings.NewReader(regionsTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			panic(fmt.Sprintf("regions.tsv: %q has %d fields, want 4", line, len(f)))
		}
		r := Region{Code: f[0], Country: f[1], English: f[2]}
		if f[3] != "" {
			r.Names = strings.Split(f[3], "|")
		}
		out = append(out, r)
	}
	return out
})
