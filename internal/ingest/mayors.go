package ingest

import "strings"

// mayorsMunicipalities: a mayor or a delegation from a city stands for its municipality ("the
// mayors of Lovech and Gabrovo", "кметът на Враца", "ο δήμαρχος Κοζάνης", "delegations from
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
// Κοζάνης", "Gabrovo Municipality".
func (lx *lexicon) municipalityName(city string) string {
	for _, line := range lx.written["municipality-name"] {
		return strings.Replace(line, "_", city, 1)
	}
	return city
}
