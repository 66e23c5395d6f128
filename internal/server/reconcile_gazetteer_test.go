package server_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
	"unicode"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/reference"
	"urbangraph/internal/translit"
)

// gazetteerCase is a city's name written in a script its country does not write: a Bulgarian city's
// Latin or Greek name, a Greek city's Latin or Cyrillic one.
type gazetteerCase struct {
	query, country, want string
	unique               bool // the only city of its country with a name or alias folded alike
}

// gazetteerCases are the Bulgarian and Greek cities of the gazetteer, each by its names in the
// other scripts, with the city a reconciliation should put first: the most populous of the
// country's cities named alike.
func gazetteerCases(t *testing.T) []gazetteerCase {
	nodes, rels, err := reference.Read(filepath.Join(neo4jtest.RepoRoot(), "data", "reference"))
	if err != nil {
		t.Fatal(err)
	}
	country := map[string]string{}
	for _, r := range rels {
		if r.Type == "LOCATED_IN" {
			country[r.From] = r.To
		}
	}
	type city struct {
		id, country string
		population  float64
		names       []string
	}
	var cities []city
	byName := map[string][]int{} // country + folded name -> cities
	for _, n := range nodes {
		c := country[n.ID]
		if n.Kind != "CITY" || (c != "country:bulgaria" && c != "country:greece") {
			continue
		}
		p, _ := n.Properties["population"].(float64)
		names := append([]string{n.Names["en"], n.Names["bg"], n.Names["el"]}, n.Aliases...)
		cities = append(cities, city{n.ID, c, p, names})
		for _, name := range names {
			if k := c + "|" + translit.Fold(name); name != "" && !slices.Contains(byName[k], len(cities)-1) {
				byName[k] = append(byName[k], len(cities)-1)
			}
		}
	}
	native := map[string]*unicode.RangeTable{"country:bulgaria": unicode.Cyrillic, "country:greece": unicode.Greek}
	var out []gazetteerCase
	for _, c := range cities {
		for _, name := range c.names {
			if name == "" || scriptOf(name) == native[c.country] || scriptOf(name) == nil {
				continue
			}
			alike := byName[c.country+"|"+translit.Fold(name)]
			best := slices.MaxFunc(alike, func(a, b int) int { return cmp.Compare(cities[a].population, cities[b].population) })
			out = append(out, gazetteerCase{query: name, country: c.country, want: cities[best].id, unique: len(alike) == 1})
		}
	}
	return out
}

// scriptOf is the script of a name's letters: Latin, Cyrillic or Greek (nil for another or a mix).
func scriptOf(s string) *unicode.RangeTable {
	var found *unicode.RangeTable
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, t := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek} {
			if unicode.Is(t, r) {
				if found != nil && found != t {
					return nil
				}
				found = t
			}
		}
	}
	return found
}

// The gazetteer's Bulgarian and Greek cities, each written in the other scripts, reconciled in
// OpenRefine's batches of 10 with the type CITY, with and without the country: the right city first,
// and match: true for a name no other city of the country has. The figures are docs/reconcile.md's.
func TestReconcilingTheGazetteersCitiesAcrossScripts(t *testing.T) {
	c := newReconcileClient(t)
	cases := gazetteerCases(t)
	if len(cases) < 150 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, withCountry := range []bool{true, false} {
		first, matched, unique := 0, 0, 0
		var misses []string
		for from := 0; from < len(cases); from += 10 {
			batch := map[string]any{}
			for i, k := range cases[from:min(from+10, len(cases))] {
				q := map[string]any{"query": k.query, "type": "CITY"}
				if withCountry {
					q["properties"] = []map[string]any{{"pid": "country", "v": map[string]string{"id": k.country}}}
				}
				batch[fmt.Sprint("q", i)] = q
			}
			b, _ := json.Marshal(batch)
			r := c.form("queries", string(b), http.StatusOK, "reconciliation-result-batch.json")
			for i, k := range cases[from:min(from+10, len(cases))] {
				top := at(r, fmt.Sprint("q", i), "result", 0)
				if at(top, "id") == k.want {
					first++
				} else if len(misses) < 10 {
					misses = append(misses, fmt.Sprintf("%s → %v (want %s)", k.query, at(top, "id"), k.want))
				}
				if k.unique {
					unique++
					if at(top, "id") == k.want && at(top, "match") == true {
						matched++
					}
				}
			}
		}
		rate, matchRate := float64(first)/float64(len(cases)), float64(matched)/float64(unique)
		t.Logf("with the country %v: %d of %d names put their city first (%.1f %%); %d of %d names unique in their country matched (%.1f %%); misses: %v",
			withCountry, first, len(cases), 100*rate, matched, unique, 100*matchRate, misses)
		if withCountry && (rate < 0.98 || matchRate < 0.95) {
			t.Errorf("with the country, want 98 %% first and 95 %% matched")
		}
	}
}
