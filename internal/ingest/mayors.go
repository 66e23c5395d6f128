package ingest

import (
	"slices"
	"strings"
)

// mayorsMunicipalities: a mayor or a delegation from a city stands for its municipality ("the
// mayors of Lovech and Pleven", "кметът на Враца", "ο δήμαρχος Κοζάνης", "delegations from
// Montana and Vidin"), so the municipality of each city after such a word is an entity of the
// text, named by its kind's pattern, when the text names it no other way.
func (d *doc) mayorsMunicipalities() {
	for _, s := range d.sents {
		for j := s.from; j < s.to; j++ {
			lx := d.lexOf(j)
			n := lx.list("city-envoy").matchAt(d.toks[:s.to], j)
			if n == 0 {
				continue
			}
			k := j + n
			if d.in(lx, k, "of") || d.in(lx, k, "envoy-of") {
				k++
			}
			first, ok := d.cityAt(k)
			if !ok {
				continue
			}
			for _, c := range d.listFrom(s, first, kinds{"CITY"}) {
				if c.kind != "CITY" || d.asOrganisation(c).kind != "CITY" || d.covered(c.from, c.to) && !d.onlyPlaceAt(c) {
					continue
				}
				city := d.text(c.from, c.to)
				name := lx.municipalityName(city)
				d.addEntity(cand{kind: "ORGANISATION", category: "MUNICIPALITY", rule: "city-envoy", confidence: 0.7, headAt: -1}, name, c.from, c.to)
			}
			j = k
		}
	}
}

// cityAt returns the known city named at token k.
func (d *doc) cityAt(k int) (occ, bool) {
	for _, o := range d.near(k, k+1) {
		if o.known && o.kind == "CITY" && o.from == k {
			return o, true
		}
	}
	return occ{}, false
}

// onlyPlaceAt reports whether nothing but the city itself is named at its tokens.
func (d *doc) onlyPlaceAt(c occ) bool {
	for _, o := range d.near(c.from, c.to) {
		if o.from < c.to && c.from < o.to && !(o.known && o.kind == "CITY") {
			return false
		}
	}
	return true
}

// municipalityName is the name of a city's municipality by the language's pattern (the lexicon's
// "municipality-name", "_" standing for the city as the text writes it): "Община Ловеч", "Δήμος
// Κοζάνης", "Lovech Municipality".
func (lx *lexicon) municipalityName(city string) string {
	return strings.Replace(firstLine(lx.written["municipality-name"]), "_", city, 1)
}

// titleOrg is an office whose holder stands for an organisation the title's complement names: a
// minister for a ministry, a regional governor for a region.
type titleOrg struct {
	titles, pattern, category, rule string
	capitals                        bool // the complement is capitalised words (a place), in every language
}

var titleOrgs = []titleOrg{
	{titles: "title-ministry", pattern: "ministry-name", category: "MINISTRY", rule: "minister-of"},
	{titles: "title-region", pattern: "region-name", category: "OTHER", rule: "governor-of", capitals: true},
}

// titledOrganisations: a minister stands for a ministry ("the Minister of Culture", "министъра на
// регионалното развитие", "του Υφυπουργού Εσωτερικών"), a regional governor for a region
// ("областният управител на област Хасково", "ο Περιφερειάρχης Θεσσαλίας"), so the organisation
// the title's complement names is an entity of the text (by the language's pattern). The
// complement follows "of"/"на", or in Greek is a genitive: "Minister Ivan Petrov" names a person.
// A ministry is proposed only when the text names none itself (the title then speaks of that one).
func (d *doc) titledOrganisations() {
	for _, to := range titleOrgs {
		if to.category == "MINISTRY" && d.namesAMinistry() {
			continue
		}
		for _, s := range d.sents {
			for j := s.from; j < s.to; j++ {
				if n := d.lexOf(j).list(to.titles).matchAt(d.toks[:s.to], j); n > 0 {
					j = d.titledOrganisation(s, j+n, to)
				}
			}
		}
	}
}

// titledOrganisation proposes the organisation whose title ends at token from, and returns where
// its complement ends.
func (d *doc) titledOrganisation(s sent, from int, to titleOrg) int {
	lx := d.lexOf(from)
	switch {
	case d.in(lx, from, "of"):
		from++
	case lx.lang != "el" || !d.genitive(lx, from):
		return from
	}
	if to.capitals && d.in(lx, from, "region-word") {
		from++ // "на област Хасково"
	}
	end := d.titleComplement(lx, s, from, to.capitals)
	if end <= from {
		return from
	}
	d.dropGuessesIn(from, end) // "Regional Development and Public Works" guessed a name of its own
	if d.covered(from, end) && !d.onlyPlacesIn(from, end) {
		return end
	}
	name := strings.Replace(firstLine(lx.written[to.pattern]), "_", d.text(from, end), 1)
	d.addEntity(cand{kind: "ORGANISATION", category: to.category, rule: to.rule, confidence: 0.7, headAt: -1}, name, from, end)
	return end
}

// onlyPlacesIn reports whether tokens [from, to) name known places only.
func (d *doc) onlyPlacesIn(from, to int) bool {
	for _, o := range d.near(from, to) {
		if o.from < to && from < o.to && !(o.known && (o.kind == "CITY" || o.kind == "COUNTRY")) {
			return false
		}
	}
	return true
}

// namesAMinistry reports whether the text names a ministry itself.
func (d *doc) namesAMinistry() bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.kind == "ORGANISATION" && o.category == "MINISTRY" })
}

// titleComplement returns where the complement of a title that starts at token from ends: a
// place's capitalised words when capitals says so; else in English and Greek its capitalised words ("Regional Development and Public Works", "Ψηφιακής
// Διακυβέρνησης"), in Bulgarian its lower-case words up to a capitalised one (the holder's name),
// a comma or a verb ("регионалното развитие и благоустройството").
func (d *doc) titleComplement(lx *lexicon, s sent, from int, capitals bool) int {
	k := from
	for k < s.to && k-from < 8 {
		t := d.toks[k]
		switch {
		case !t.word || t.digit || d.verb(lx, k) || d.isCueStart(s, k):
			return k
		case d.in(lx, k, "title") || d.in(lx, k, "and") && (d.in(lx, k+1, "of") || d.in(lx, k+1, "title")):
			return k // "… и на кметовете на …": another title's complement
		case capitals && t.cap && (k == from || lx.lang != "bg"):
			// a place: "Хасково" (one word in Bulgarian: what follows is the holder's name), "Δυτικής Μακεδονίας"
		case capitals && lx.lang != "bg" && k > from && d.in(lx, k, "and") && k+1 < s.to && d.toks[k+1].cap:
			// "Ανατολικής Μακεδονίας και Θράκης"
		case capitals:
			return k
		case lx.lang == "bg" && !t.cap:
		case lx.lang != "bg" && t.cap:
		case lx.lang != "bg" && k > from && d.in(lx, k, "and") && k+1 < s.to && d.toks[k+1].cap:
		default:
			return k
		}
		k++
	}
	if k > from && d.in(lx, k-1, "and") {
		k--
	}
	return k
}

// firstLine is a list's first line, or "_".
func firstLine(lines []string) string {
	if len(lines) == 0 {
		return "_"
	}
	return lines[0]
}
