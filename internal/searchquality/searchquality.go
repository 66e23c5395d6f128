// Package searchquality measures how well search finds places: for every city of the reference
// gazetteer and each of its names (English, Bulgarian, Greek), is the city the first hit? The
// figure and the misses are kept in docs/search.md (`make search-report`); a test runs a sample.
package searchquality

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"urbangraph/internal/reference"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Case is one search: a name of a city, and the city search should rank first by its rule (the
// city itself, or a more populous city with a name spelled the same: a homonym).
type Case struct {
	Query, Lang string
	City        string // the city whose name it is
	Expected    string // the city the ranking rule puts first
	Population  int
}

// city is what a case needs of a gazetteer city.
type city struct {
	ID         string
	Names      map[string]string
	Population int
}

// Cases reads the cities of the gazetteer in dir and makes a case of each of their names; every
// step-th city only (1: all).
func Cases(dir string, step int) ([]Case, error) {
	nodes, _, err := reference.Read(dir)
	if err != nil {
		return nil, err
	}
	var cities []city
	for _, n := range nodes {
		if n.Kind == "CITY" {
			p, _ := n.Properties["population"].(float64)
			cities = append(cities, city{ID: n.ID, Names: n.Names, Population: int(p)})
		}
	}
	slices.SortFunc(cities, func(a, b city) int { return strings.Compare(a.ID, b.ID) })
	// The rule's winner for each spelling: the most populous city with a name folded alike.
	best := map[string]city{}
	for _, c := range cities {
		for _, n := range c.Names {
			f := translit.Fold(n)
			if b, ok := best[f]; !ok || c.Population > b.Population {
				best[f] = c
			}
		}
	}
	var cases []Case
	for i, c := range cities {
		if i%step != 0 {
			continue
		}
		for _, lang := range store.Langs {
			if n := c.Names[lang]; n != "" {
				cases = append(cases, Case{Query: n, Lang: lang, City: c.ID, Expected: best[translit.Fold(n)].ID,
					Population: c.Population})
			}
		}
	}
	return cases, nil
}

// Miss is a case whose first hit was not the expected city.
type Miss struct {
	Case
	Got string // the first hit ("" when none)
}

// Report is the outcome of running the cases.
type Report struct {
	Cases       int
	ByLang      map[string][2]int // cases and first hits by the rule, per language
	FirstHits   int               // the city itself first
	RuleHits    int               // the rule's city first (homonyms ranked by population)
	Misses      []Miss            // by the rule
	HomonymHits []Miss            // the city itself not first, as the rule says (a more populous homonym)
}

// Run searches each case's name (all kinds, first hit only).
func Run(ctx context.Context, s *store.Store, cases []Case) (Report, error) {
	r := Report{Cases: len(cases), ByLang: map[string][2]int{}}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.Query, nil, 1, store.Projection{Light: true})
		if err != nil {
			return r, fmt.Errorf("search %q: %w", c.Query, err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].Node.ID
		}
		l := r.ByLang[c.Lang]
		l[0]++
		if got == c.City {
			r.FirstHits++
		}
		switch {
		case got == c.Expected:
			r.RuleHits++
			l[1]++
			if got != c.City {
				r.HomonymHits = append(r.HomonymHits, Miss{c, got})
			}
		default:
			r.Misses = append(r.Misses, Miss{c, got})
		}
		r.ByLang[c.Lang] = l
	}
	return r, nil
}

// Rate is the share of cases whose first hit is the rule's city.
func (r Report) Rate() float64 {
	if r.Cases == 0 {
		return 0
	}
	return float64(r.RuleHits) / float64(r.Cases)
}
