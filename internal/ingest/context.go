package ingest

import (
	"slices"
	"strings"
)

// Places in context. A name that several places share ("Burgas" is also an alias of Burgos)
// names the one in the countries the document's other places are in; a word that only shares a
// stem with a place's name ("Черноморския", an adjective, is not Chornomorsk; "Τριπόλεως" is
// Tripoli, not Tirebolu, whose alias Tripolis shares the stem) is not a place at all unless it
// is the name itself or an inflection of it. Either way nothing outside the document's context
// is proposed at 0.5 or above while a place inside it matches.

// langCountry is the country a text in a language is most likely about, the context of a text
// that names no place surely.
var langCountry = map[string]string{"bg": "country:bulgaria", "el": "country:greece"}

// inflections are the endings (folded to Latin) that inflect a place's name in the three
// languages: Bulgarian articles, Greek cases (the genitive -ou, -as, -is, -eos, -on), English
// possessives.
var inflections = []string{"", "a", "ta", "at", "yat", "ya", "i", "ite", "te", "to", "u", "ou", "os", "o", "s", "n",
	"as", "is", "es", "eos", "on", "oi", "ous", "ovo"}

// contextualise settles the mentions of places: each keeps the candidates it names by their
// name or an inflection of one (else it is weak: a reviewer decides), and of several places those
// in the document's countries.
func (l *Linker) contextualise(ms []Mention, lang string) []Mention {
	for i := range ms {
		var strong []Candidate
		for _, c := range ms[i].Candidates {
			if l.namedBy(c.ID, ms[i].Text) {
				strong = append(strong, c)
			}
		}
		if len(strong) == 0 {
			ms[i].Weak = true
			continue
		}
		ms[i].Candidates = strong
	}
	ctx := l.countries(ms, lang)
	for i := range ms {
		m := &ms[i]
		if m.Weak || !m.Ambiguous() || slices.ContainsFunc(m.Candidates, func(c Candidate) bool { return !isPlace(c) }) {
			continue
		}
		// The places in the document's countries; of those, a place's own name before another's
		// alias ("Burgas" is Burgas, an alias of Burgos), the name as written before an inflection.
		if in := slices.DeleteFunc(slices.Clone(m.Candidates), func(c Candidate) bool { return !ctx[l.countryOf(c)] }); len(in) > 0 {
			m.Candidates = in
		}
		folded := strings.Join(foldedWords(tokens(m.Text)), " ")
		for _, keep := range []func(Candidate) bool{
			func(c Candidate) bool { return slices.Contains(l.primary[c.ID], folded) },
			func(c Candidate) bool { return l.namedIn(l.primary[c.ID], m.Text) },
		} {
			if by := slices.DeleteFunc(slices.Clone(m.Candidates), func(c Candidate) bool { return !keep(c) }); len(by) > 0 {
				m.Candidates = by
				break
			}
		}
		if c, ok := l.farBetterKnown(m.Candidates); ok {
			m.Candidates = []Candidate{c} // "Ηράκλειο": Heraklion in Crete, not the Athenian suburb of that name
		}
	}
	return ms
}

// farBetterKnown returns, of places in one country, the one the gazetteer knows by at least
// twice as many names as any other: the larger, better known place.
func (l *Linker) farBetterKnown(cs []Candidate) (Candidate, bool) {
	if len(cs) < 2 {
		return Candidate{}, false
	}
	slices.SortStableFunc(cs, func(a, b Candidate) int { return len(l.forms[b.ID]) - len(l.forms[a.ID]) })
	for _, c := range cs[1:] {
		if l.countryOf(c) != l.countryOf(cs[0]) || len(l.forms[cs[0].ID]) < 2*len(l.forms[c.ID]) {
			return Candidate{}, false
		}
	}
	return cs[0], true
}

func isPlace(c Candidate) bool { return c.Kind == "CITY" || c.Kind == "COUNTRY" }

// countries are the document's context: the countries of the places it names surely (one
// candidate, by name or inflection), else its language's country.
func (l *Linker) countries(ms []Mention, lang string) map[string]bool {
	ctx := map[string]bool{}
	for _, m := range ms {
		if !m.Weak && !m.Ambiguous() && isPlace(m.Candidates[0]) {
			ctx[l.countryOf(m.Candidates[0])] = true
		}
	}
	if len(ctx) == 0 && langCountry[lang] != "" {
		ctx[langCountry[lang]] = true
	}
	return ctx
}

// countryOf is a place's country: a country is its own, a city the one it is in.
func (l *Linker) countryOf(c Candidate) string {
	if c.Kind == "COUNTRY" {
		return c.ID
	}
	return l.country[c.ID]
}

// namedBy reports whether a text is one of an entity's names or an inflection of one: each
// word, without one ending of inflections, is the name's word without one.
func (l *Linker) namedBy(id, text string) bool { return l.namedIn(l.forms[id], text) }

// namedIn reports whether a text is one of the names or an inflection of one.
func (l *Linker) namedIn(names []string, text string) bool {
	words := tokens(text)
	for _, name := range names {
		nw := strings.Fields(name)
		if len(nw) != len(words) {
			continue
		}
		same := true
		for k, w := range words {
			if !inflectedFrom(w.folded, nw[k]) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// inflectedFrom reports whether word is name, or name with one ending exchanged for another.
func inflectedFrom(word, name string) bool {
	if word == name {
		return true
	}
	for _, a := range inflections {
		base, ok := strings.CutSuffix(word, a)
		if !ok || len(base) < 3 {
			continue
		}
		for _, b := range inflections {
			if nb, ok := strings.CutSuffix(name, b); ok && nb == base {
				return true
			}
		}
	}
	return false
}
