package ingest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"urbangraph/internal/neo4jtest"
)

// For every name a Bulgarian or Greek city shares with a city of another country — the same name,
// or a name the linker meets by the same stems (a near-homonym) — a Bulgarian or Greek sentence
// that names the city in its country never links the name surely to the other country's city.
func TestEveryHomonymOfABulgarianOrGreekCityIsReadInContext(t *testing.T) {
	s := neo4jtest.ReferenceOnly(t)
	named, err := s.AllNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Names(named))
	home := map[string]struct{ lang, sentence string }{
		"country:bulgaria": {"bg", "Срещата се проведе в %s, България."},
		"country:greece":   {"el", "Η συνάντηση έγινε στην πόλη %s της Ελλάδας."},
	}
	pairs, checked, wrong, resolved := 0, map[string]bool{}, 0, 0
	for _, cs := range l.names {
		for _, x := range cs {
			h, ok := home[l.country[x.ID]]
			if x.Kind != "CITY" || !ok {
				continue
			}
			var foreign []Candidate
			for _, y := range cs {
				if y.Kind == "CITY" && l.country[y.ID] != l.country[x.ID] {
					foreign = append(foreign, y)
				}
			}
			text := fmt.Sprintf(h.sentence, x.Name)
			if len(foreign) == 0 || checked[text] {
				continue
			}
			checked[text] = true
			pairs += len(foreign)
			for _, m := range Propose(text, l).Mentions {
				if m.Confidence() < 0.5 {
					continue
				}
				if m.Candidates[0].ID == x.ID || l.country[m.Candidates[0].ID] == l.country[x.ID] && m.Candidates[0].Kind == "CITY" {
					resolved++ // the name's city in the sentence's country (or a homonym there: Dimitrovgrad)
				}
				for _, y := range foreign {
					if slices.ContainsFunc(m.Candidates, func(c Candidate) bool { return c.ID == y.ID }) {
						wrong++
						if wrong <= 20 {
							t.Errorf("%q: %q names %s (%s) surely, outside the document's country %s", text, m.Text, y.ID,
								l.country[y.ID], l.country[x.ID])
						}
					}
				}
			}
		}
	}
	if pairs < 100 {
		t.Fatalf("only %d homonym pairs found: the gazetteer is not loaded as expected", pairs)
	}
	t.Logf("%d homonym and near-homonym pairs of a Bulgarian or Greek city, in %d sentences: %d linked outside their context, %d resolved to the city in context",
		pairs, len(checked), wrong, resolved)
	// The context settles them: a name shared across countries is no longer left to a reviewer
	// when the sentence says the country.
	if resolved < len(checked)*9/10 {
		t.Errorf("only %d of %d sentences resolve the name to the city in the sentence's country", resolved, len(checked))
	}
}
