package ingest

import (
	"slices"
	"urbangraph/internal/store"
)

// The frames of centres' expertise and units: the domains a centre works in, the units it has and
// the countries they work on.

// domains: a centre's expertise ("работи в областите X, Y и Z", "εξειδικεύεται στην X",
// "researchers work on X, Y and Z"), a practice's domain in a sentence of its own ("Практиката е в
// областта на X"): the centre or practice named before the cue, else the one named last.
func (d *doc) domains(s sent) {
	d.domainsListed(s)
	d.trainsIn(s)
	var seen [][2]int
	for _, list := range []string{"expertise", "domain-of"} {
		for _, c := range d.cues(s, list) {
			if slices.ContainsFunc(seen, func(x [2]int) bool { return x[0] < c[1] && c[0] < x[1] }) {
				continue // "експертиза в областите" read once
			}
			seen = append(seen, c)
			subj, ok := d.before(s, c[0], 12, kinds{"CENTRE", "PRACTICE"})
			if !ok {
				subj, ok = d.last(c[0], kinds{"CENTRE", "PRACTICE"})
			}
			if !ok || list == "domain-of" && subj.kind == "CENTRE" && !subj.refers && d.sentenceOf(subj.from).Start != s.Start && d.namesBefore(s, c[0]) {
				for _, it := range d.conceptList(s, c[1]) { // the domains a text lists are domains, whoever is in them
					d.concept(s, it, "DOMAIN", "cue:"+list)
				}
				continue
			}
			var t store.RelType = "HAS_EXPERTISE_IN"
			if subj.kind == "PRACTICE" {
				t = "IN_DOMAIN"
			}
			for _, it := range d.conceptList(s, c[1]) {
				if dom, ok := d.concept(s, it, "DOMAIN", "cue:"+list); ok {
					d.relate(s, subj, dom, t, "cue:"+list, 0.7, nil)
				}
			}
		}
	}
}

// namesBefore reports whether sentence s names anything before token j (a sentence that opens
// with its verb, "Θα λειτουργεί ως …", speaks of the last subject).
func (d *doc) namesBefore(s sent, j int) bool {
	return slices.ContainsFunc(d.inSentence(s), func(o occ) bool { return o.to <= j && !o.refers })
}

// domainsListed: the fields a dash or a colon lists after a noun of fields ("Хъбът работи в три
// области – здравеопазване, земеделие и публична администрация", "core areas: A, B and C"),
// the sentence's centre's expertise or its practice's domain.
func (d *doc) domainsListed(s sent) {
	for j := s.from + 1; j < s.to; j++ {
		if !d.punct(j, ":–—") || !(d.is(j-1, "field-word") || d.in(d.en, j-1, "field-word")) {
			continue
		}
		subj, ok := d.before(s, j, 10, kinds{"CENTRE", "PRACTICE"})
		if !ok {
			if subj, ok = d.last(j, kinds{"CENTRE", "PRACTICE"}); !ok || d.namesBefore(s, j) {
				continue
			}
		}
		var t store.RelType = "HAS_EXPERTISE_IN"
		if subj.kind == "PRACTICE" {
			t = "IN_DOMAIN"
		}
		for _, it := range d.conceptList(s, j+1) {
			if dom, ok := d.concept(s, it, "DOMAIN", "fields-listed"); ok {
				d.relate(s, subj, dom, t, "fields-listed", 0.7, nil)
			}
		}
	}
}

// trainsIn: what a centre trains people in ("It will train up to 1,200 learners a year in
// electric vehicle technology, robotics and digital engineering") is its expertise.
func (d *doc) trainsIn(s sent) {
	for _, c := range d.cues(s, "trains") {
		subj, ok := d.before(s, c[0], 4, centreKinds)
		if !ok {
			continue
		}
		for k := c[1]; k < s.to && k <= c[1]+8; k++ {
			if d.punct(k, ",;.") || d.covered(k, k+1) {
				break
			}
			if d.in(d.en, k, "in") && d.toks[k].latin {
				for _, it := range d.conceptList(s, k+1) {
					if dom, ok := d.concept(s, it, "DOMAIN", "cue:trains-in"); ok {
						d.relate(s, subj, dom, "HAS_EXPERTISE_IN", "cue:trains-in", 0.65, nil)
					}
				}
				break
			}
		}
	}
}

// units: the units a centre has ("разполага с лаборатория по роботика и ателие за …", "В нея
// действат екип … и отдел …", "has a department …").
func (d *doc) units(s sent) {
	cs := d.cues(s, "units")
	for j := s.from + 1; j < s.to; j++ { // "… now runs four departments: …": a plural unit's head and a colon
		if d.punct(j, ":") && !slices.ContainsFunc(cs, func(c [2]int) bool { return c[1] <= j && j <= c[1]+4 }) &&
			slices.ContainsFunc(d.headsAt(j-1), func(h head) bool { return h.kind == "UNIT" && h.plural }) {
			cs = append(cs, [2]int{j - 1, j - 1})
		}
	}
	for _, c := range d.cues(s, "founded-active") { // "центърът откри нова лаборатория …": a centre opens its unit
		if subj, ok := d.before(s, c[0], 4, centreKinds); ok {
			if u, ok := d.after(s, c[1], 4, kinds{"UNIT"}); ok {
				for _, x := range d.listFrom(s, u, kinds{"UNIT"}) {
					d.relate(s, subj, x, "HAS_UNIT", "cue:opened-unit", 0.7, nil)
				}
			}
		}
	}
	for _, c := range cs {
		listed := d.unitsListed(s, c[1])
		subj, ok := d.before(s, c[0], 8, centreKinds)
		if !ok {
			subj, ok = d.last(c[0], centreKinds)
		}
		if !ok {
			continue
		}
		d.unitsNamedInList(s, c[1], subj) // "… лаборатория за …, отдел за … и Академия за дигитално земеделие"
		if _, ok := d.after(s, c[1], 7, kinds{"UNIT"}); !ok && len(listed) == 0 {
			continue
		}
		for _, x := range d.inSentence(s) { // every unit the sentence goes on to name
			if x.kind == "UNIT" && x.from >= c[1] {
				d.relate(s, subj, x, "HAS_UNIT", "cue:units", 0.7, nil)
			}
		}
	}
}

// unitsNamedInList makes units of the names a list of a centre's units holds whatever their own
// head ("Академия за дигитално земеделие", "το Εργαστήριο Ανάλυσης Ελαιολάδου"): a lab or an
// academy listed with a centre's departments is its unit.
func (d *doc) unitsNamedInList(s sent, j int, centre occ) {
	ks := kinds{"UNIT", "CENTRE", "ORGANISATION", "EVENT"} // "a Prototyping Workshop" among them
	first, ok := d.after(s, j, 7, ks)
	if !ok {
		return
	}
	items := d.listFrom(s, first, ks)
	if !slices.ContainsFunc(items, func(x occ) bool { return x.kind == "UNIT" || d.unitLike(x) }) {
		return // "has partners X and Y": no unit among them
	}
	for _, x := range items {
		if x.kind != "UNIT" && x.id != centre.id && d.unitLike(x) {
			if e := d.entity(x.id); e != nil {
				d.retype(e, "UNIT", "", "listed-unit", byCommonHead)
			}
		}
	}
}

// unitLike reports whether a new entity is named by the head word of a centre's unit (a lab, an
// academy, an office, a team), whatever kind its name gave it.
func (d *doc) unitLike(o occ) bool {
	e := d.entity(o.id)
	if o.known || o.refers || e == nil || e.Category == "MUNICIPALITY" {
		return false
	}
	first := plain(firstWord(e.Name))
	return d.lemmaIn(o, "unit-like") || d.lx.list("unit-like").has(first) || d.en.list("unit-like").has(first)
}

// unitsOf: a unit named as a centre's ("Ακαδημία Ψηφιακών Δεξιοτήτων του Κόμβου", "the centre's
// training academy"), or set beside "unit" ("Το Εργαστήριο Ρομποτικής, δεύτερη μονάδα του
// EpirusHub", "Η τρίτη μονάδα, η Ομάδα Διεθνών Συνεργασιών").
func (d *doc) unitsOf(s sent) {
	os := d.inSentence(s)
	for i, o := range os {
		if !d.unitLike(o) && !(o.kind == "UNIT" && !o.known && !o.refers) {
			continue
		}
		var centre occ
		found := false
		if i+1 < len(os) && os[i+1].kind == "CENTRE" && (d.onlyOfWords(o.to, os[i+1].from) || d.unitApposition(o.to, os[i+1].from)) {
			centre, found = os[i+1], true
		} else if d.unitBefore(s, o.from) {
			centre, found = d.last(o.from, centreKinds)
		}
		if !found || centre.id == o.id {
			continue
		}
		if e := d.entity(o.id); e != nil && e.Kind != "UNIT" {
			d.retype(e, "UNIT", "", "unit-of-centre", byCommonHead)
			o.id, o.kind, o.category = e.ID, "UNIT", ""
		}
		d.relate(s, centre, o, "HAS_UNIT", "unit-of-centre", 0.7, nil)
	}
}

// onlyOfWords reports whether tokens [from, to) are only "of" words and determiners ("του", "на",
// "of the").
func (d *doc) onlyOfWords(from, to int) bool {
	if to <= from {
		return false
	}
	for k := from; k < to; k++ {
		if !d.is(k, "of") && !d.is(k, "determiner") && !(d.toks[k].latin && (d.in(d.en, k, "of") || d.in(d.en, k, "determiner"))) {
			return false
		}
	}
	return true
}

// unitApposition reports whether tokens [from, to) are ", (an ordinal) unit of (the)": "…,
// δεύτερη μονάδα του".
func (d *doc) unitApposition(from, to int) bool {
	if !d.punct(from, ",") {
		return false
	}
	k := from + 1
	for k < to && (d.is(k, "determiner") || d.is(k, "ordinal-word") || d.toks[k].latin && (d.in(d.en, k, "determiner") || d.in(d.en, k, "ordinal-word"))) {
		k++
	}
	return k < to && slices.ContainsFunc(d.headsAt(k), func(h head) bool { return h.kind == "UNIT" }) && d.onlyOfWords(k+1, to)
}

// unitBefore reports whether "the (ordinal) unit," stands right before token j: "Η τρίτη μονάδα,
// η Ομάδα …".
func (d *doc) unitBefore(s sent, j int) bool {
	k := j - 1
	for k > s.from && (d.is(k, "determiner") || d.in(d.en, k, "determiner")) {
		k--
	}
	if k <= s.from || !d.punct(k, ",") {
		return false
	}
	k--
	if !slices.ContainsFunc(d.headsAt(k), func(h head) bool { return h.kind == "UNIT" && !h.plural }) {
		return false
	}
	return k-1 >= s.from && (d.is(k-1, "ordinal-word") || d.in(d.en, k-1, "ordinal-word"))
}

// unitsListed reads the units a plural head announces before a colon ("три звена: лаборатория
// за …, отдел за … и екип за …", "three units: a data science lab, a training academy and an
// international desk"): each item of the list is a unit, whatever head it has (a lab inside a
// centre is its unit). The plural head said only what they are.
func (d *doc) unitsListed(s sent, j int) []occ {
	k := j
	for k < s.to && k <= j+4 && !d.punct(k, ":") {
		k++
	}
	if k >= s.to || !d.punct(k, ":") || !slices.ContainsFunc(d.headsAt(k-1), func(h head) bool { return h.kind == "UNIT" && h.plural }) {
		return nil
	}
	if o, ok := d.occAt(k - 1); ok && !o.known && d.places(o.id) == 1 {
		d.dropEntity(o.id)
	}
	var out []occ
	for _, it := range d.conceptList(s, k+1) {
		// "an incubator" among a centre's units is no reference to the centre
		d.occs = slices.DeleteFunc(d.occs, func(o occ) bool { return o.refers && o.from >= it[0] && o.to <= it[1] })
		d.occsChanged()
		if o, ok := d.occAt(it[0]); ok && !o.known && o.from == it[0] && o.kind != "UNIT" && o.category != "MUNICIPALITY" {
			if e := d.entity(o.id); e != nil {
				d.retype(e, "UNIT", "", "listed-unit", byCommonHead)
				o, _ = d.occAt(it[0])
				out = append(out, o)
				continue
			}
		}
		if u, ok := d.concept(s, it, "UNIT", "listed-unit"); ok {
			out = append(out, u)
		}
	}
	for _, o := range d.inSentence(s) { // "…, made up of …, and an Open Data Office that …": a unit the list's words hid
		if o.from > k && !slices.ContainsFunc(out, func(x occ) bool { return x.id == o.id }) && d.unitLike(o) {
			if e := d.entity(o.id); e != nil && e.Kind != "UNIT" {
				d.retype(e, "UNIT", "", "listed-unit", byCommonHead)
				o.id, o.kind, o.category = e.ID, "UNIT", ""
			}
			out = append(out, o)
		}
	}
	return out
}

// worksIn: the countries a unit works on, named in its own phrase or the clause that describes it
// ("екип за трансгранично сътрудничество, който ще работи с партньори от Румъния и Молдова",
// "ομάδα διασυνοριακής συνεργασίας με την Αλβανία", "a desk that works with partners in Latvia").
func (d *doc) worksIn(s sent) {
	os := d.inSentence(s)
	for i, u := range os {
		if u.kind != "UNIT" || u.known {
			continue
		}
		end := s.to
		for _, x := range os[i+1:] {
			if x.kind == "UNIT" || x.kind == "CENTRE" || x.kind == "ORGANISATION" || x.kind == "EVENT" {
				end = x.from // the next unit's phrase, or another actor's
				break
			}
		}
		for k := u.to; k < end; k++ {
			if d.punct(k, ";") || d.punct(k, ".") {
				break
			}
		}
		for _, x := range os[i+1:] {
			if x.from >= end {
				break
			}
			if x.kind == "COUNTRY" && !d.punctBetween(u.to, x.from, ";.") {
				d.relate(s, u, x, "WORKS_IN", "unit-country", 0.65, nil)
			}
		}
	}
}

// punctBetween reports whether one of the punctuation marks stands in tokens [from, to).
func (d *doc) punctBetween(from, to int, marks string) bool {
	for k := from; k < to; k++ {
		if d.punct(k, marks) {
			return true
		}
	}
	return false
}
