package ingest

import (
	"strings"
	"testing"
)

// resolveLinker knows a few entities as the graph would: two towns with their names, a municipality
// in English only, and a programme with an acronym.
func resolveLinker() *Linker {
	return NewLinker([]Name{
		{ID: "city:vidin", Kind: "CITY", Text: "Vidin", English: true, Country: "country:bulgaria"},
		{ID: "city:vidin", Kind: "CITY", Text: "Видин", Country: "country:bulgaria"},
		{ID: "city:vidin", Kind: "CITY", Text: "Βιντίν", Alias: true, Country: "country:bulgaria"},
		{ID: "city:nafplio", Kind: "CITY", Text: "Nafplio", English: true, Country: "country:greece"},
		{ID: "city:nafplio", Kind: "CITY", Text: "Ναύπλιο", Country: "country:greece"},
		{ID: "org:lom-municipality", Kind: "ORGANISATION", Text: "Lom Municipality", English: true},
		{ID: "programme:green-towns", Kind: "PROGRAMME", Text: "Programme Green Towns 2030", English: true},
		{ID: "programme:green-towns", Kind: "PROGRAMME", Text: "ПЗГ", Alias: true},
	})
}

// A municipality's canonical name in every language and script: the head word and the place, the
// place's English name from the graph (found by its inflected or stem-sharing forms), else romanised.
func TestCanonicalNamesByPattern(t *testing.T) {
	l := resolveLinker()
	for _, c := range []struct{ name, english, city string }{
		{"Община Видин", "Vidin Municipality", "city:vidin"},
		{"Δήμος Βιντίν", "Vidin Municipality", "city:vidin"},
		{"Municipality of Vidin", "Vidin Municipality", "city:vidin"},
		{"Vidin Municipality", "Vidin Municipality", "city:vidin"},
		{"Δήμος Ναυπλιέων", "Nafplio Municipality", "city:nafplio"}, // the inhabitants' genitive
		{"Община Лом", "Lom Municipality", ""},                      // no such town known: romanised
		{"Областна администрация Видин", "Vidin Region", ""},        // a region is more than its seat
		// Regions that are no city: ISO 3166-2's, named in English by the CLDR (internal/reference).
		{"Περιφέρεια Κεντρικής Μακεδονίας", "Central Macedonia Region", ""},
		{"Περιφέρεια Ιονίων Νήσων", "Ionian Islands Region", ""},
		{"Περιφέρεια Ανατολικής Μακεδονίας και Θράκης", "East Macedonia and Thrace Region", ""},
		{"Region of Central Macedonia", "Central Macedonia Region", ""},
		{"Central Macedonia Region", "Central Macedonia Region", ""},
		{"Περιφέρεια Κεντρικής Θεσσαλίας", "Kentrikis Thessalias Region", ""}, // no such region: romanised
	} {
		english, city, ok := canonicalName(c.name, l)
		if !ok || english != c.english || city != c.city {
			t.Errorf("%s: %q in %q (%v), want %q in %q", c.name, english, city, ok, c.english, c.city)
		}
	}
	for _, name := range []string{"Център за иновации", "Община", "Cisco"} {
		if english, _, ok := canonicalName(name, l); ok {
			t.Errorf("%s has a canonical name: %q", name, english)
		}
	}
}

// A new entity is a known one by its canonical name, the same words in another order, or a shared
// acronym; each match says why. A name the graph does not hold stays new.
func TestResolutionSaysWhy(t *testing.T) {
	l := resolveLinker()
	for _, c := range []struct {
		e      NewEntity
		id     string
		reason string
	}{
		{NewEntity{Kind: "ORGANISATION", Name: "Община Лом", ID: "org:lom-municipality", English: "Lom Municipality"}, "org:lom-municipality", "canonical name"},
		{NewEntity{Kind: "PROGRAMME", Name: "Green Towns Programme 2030", ID: "programme:green-towns-programme-2030"}, "programme:green-towns", "the same words"},
		{NewEntity{Kind: "PROGRAMME", Name: "Програма за зелени градове", ID: "programme:x", Aliases: []string{"ПЗГ"}}, "programme:green-towns", "shared acronym"},
		{NewEntity{Kind: "ORGANISATION", Name: "Programme Green Towns 2030", ID: "org:y"}, "", ""}, // another kind
		{NewEntity{Kind: "PROGRAMME", Name: "Blue Towns Programme 2030", ID: "programme:z"}, "", ""},
	} {
		id, why := l.resolved(c.e)
		if id != c.id || !strings.Contains(why, c.reason) {
			t.Errorf("%s: %q (%s), want %q (%s)", c.e.Name, id, why, c.id, c.reason)
		}
	}
}
