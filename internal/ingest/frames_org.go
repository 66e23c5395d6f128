package ingest

import (
	"slices"
)

// The frames of organisations and centres: who founded a centre and where things are
// (frames_partners.go: who is a partner of whom; frames_funding.go: what funds and supports what).

var (
	fundable  = kinds{"EVENT", "PRACTICE", "CENTRE", "PROGRAMME"}
	progKinds = kinds{"PROGRAMME"}
)

// founded: a centre created by organisations. Passive ("създаден през 2021 г. от Община Габрово
// и …", "set up in 2021 by X together with Y", "η οποία δημιουργήθηκε από το Επιμελητήριο"): the
// centre before the cue, its founders after "by". Active in a relative clause ("το οποίο ίδρυσαν
// το 2016 ο Δήμος Τρικκαίων και το Πανεπιστήμιο"): the centre before the pronoun, the founders
// after the verb. Active ("Община Сливен ще изгради … Общински център"): founders before, the
// centre after. The year the sentence gives goes with it.
func (d *doc) founded(s sent) {
	for _, c := range d.cues(s, "founded-by") {
		centre, ok := d.before(s, c[0], 12, centreKinds)
		if !ok && c[0] <= d.firstWord(s)+1 {
			centre, ok = d.last(c[0], centreKinds) // "Създаден през 2020 г. от Cisco…" after the centre's sentence
		}
		if !ok { // "В Хасково беше открит бизнес инкубатор": the centre after the participle
			if centre, ok = d.after(s, c[1], 3, centreKinds); ok {
				d.openedIn(s, centre, c[0])
			}
		}
		by := d.byAfter(s, c[1], 8)
		if ok && by < 0 {
			d.foundedWith(s, centre, c[1])
		}
		if !ok || by < 0 {
			continue
		}
		if o, found := d.after(s, by+1, 6, orgKinds); found && d.onlyTitles(by+1, o.from) {
			d.foundedBy(s, centre, d.listFrom(s, o, orgKinds), c[1])
		}
	}
	for _, c := range d.cues(s, "founded-active") {
		if r, rel := d.relative(s, c[0], 3); rel {
			centre, ok := d.before(s, r+1, 8, centreKinds) // past a description: "X, ένα «ζωντανό εργαστήριο» που ίδρυσαν"
			if o, found := d.after(s, c[1], 8, orgKinds); ok && found {
				d.foundedBy(s, centre, d.listFrom(s, o, orgKinds), c[1])
			} else if o, found := d.after(s, r+1, c[0]-r-1, orgKinds); ok && found { // "…, which the municipality set up in 2023"
				d.foundedBy(s, centre, []occ{o}, c[1])
			}
			continue
		}
		founders := d.agentsBefore(s, c[0], orgKinds)
		if centre, ok := d.after(s, c[1], 8, centreKinds); ok {
			d.foundedBy(s, centre, founders, c[1])
			d.openedIn(s, centre, c[0])
		}
	}
	for _, c := range d.cues(s, "opened-doors") { // "В Русе отвори врати Център …", "The hub opened its doors in Tartu"
		centre, ok := d.after(s, c[1], 4, centreKinds)
		if !ok {
			centre, ok = d.before(s, c[0], 8, centreKinds)
		}
		if !ok {
			continue
		}
		if city, ok := d.placeAfter(s, max(c[1], centre.to), 3); ok {
			d.relate(s, centre, city, "LOCATED_IN", "opened-in-place", 0.7, nil)
			continue
		}
		d.openedIn(s, centre, min(c[0], centre.from))
	}
}

// openedIn: the city a sentence that opens a centre places it in, after a preposition of place
// and before the cue at token at ("В Русе отвори врати Център за зелена енергия", "In Tartu, the
// university opened …").
func (d *doc) openedIn(s sent, centre occ, at int) {
	for _, o := range d.inSentence(s) {
		if o.kind != "CITY" || d.inside(o) || o.from == 0 || o.to > at || d.orgBetweenKinds(o.to, at, kinds{"ORGANISATION", "CENTRE"}) {
			continue // the place that opens the clause of the opening
		}
		k := o.from - 1
		for k > s.from && d.is(k, "city-word") {
			k--
		}
		if d.is(k, "in") || d.toks[k].latin && d.in(d.en, k, "in") {
			d.relate(s, centre, o, "LOCATED_IN", "opened-in-place", 0.65, nil)
			return
		}
	}
}

// foundedBy proposes each founder of a centre, with the sentence's year, and the centre's place
// when a preposition of place follows the founders ("…, που ίδρυσε το 2021 το Δημοκρίτειο
// Πανεπιστήμιο Θράκης στην Ξάνθη").
func (d *doc) foundedBy(s sent, centre occ, founders []occ, at int) {
	var props map[string]any
	if y := d.year(s, at); y > 0 {
		props = map[string]any{"year": y}
	}
	for _, o := range founders {
		d.relate(s, o, centre, "FOUNDED", "cue:founded", 0.8, props)
	}
	if len(founders) > 0 {
		if city, ok := d.placeAfter(s, founders[len(founders)-1].to, 2); ok {
			d.relate(s, centre, city, "LOCATED_IN", "founded-in-place", 0.7, nil)
		}
	}
}

// foundedCommonCentres names the centres that founding verbs' objects describe by common words
// ("X и Y откриха бизнес инкубатор", "В Хасково беше открит бизнес инкубатор", "opened a business
// incubator"), before references are read, so that "Инкубаторът" later speaks of them.
func (d *doc) foundedCommonCentres() {
	for _, s := range d.sents {
		for _, c := range d.cues(s, "founded-active") {
			if _, ok := d.after(s, c[1], 8, centreKinds); !ok && len(d.agentsBefore(s, c[0], orgKinds)) > 0 {
				d.commonCentreAfter(s, c[1])
			}
		}
		for _, c := range d.cues(s, "founded-by") {
			if _, ok := d.before(s, c[0], 12, centreKinds); !ok {
				d.commonCentreAfter(s, c[1])
			}
		}
	}
}

// commonCentreAfter names a centre that a founding verb's object describes by common words, its
// head a centre's ("бизнес инкубатор", "a business incubator", "ένα νέο κέντρο καινοτομίας"): the
// lower-case words from right after the verb (a determiner aside) to the head and its complement.
func (d *doc) commonCentreAfter(s sent, j int) (occ, bool) {
	lx := d.lexOf(j)
	for j < s.to && (d.in(lx, j, "determiner") || d.is(j, "determiner") || d.in(d.en, j, "determiner")) {
		j++
	}
	for k := j; k < s.to && k <= j+2; k++ {
		t := d.toks[k]
		if !t.word || t.cap || d.covered(k, k+1) || d.in(lx, k, "stop") && k > j || d.verb(lx, k) {
			return occ{}, false
		}
		h, ok := d.headAt(k)
		if !ok || h.kind != "CENTRE" || h.plural || h.properOnly {
			continue
		}
		to := d.complement(lx, s, k+len(h.words), h, false)
		if d.covered(j, to) {
			return occ{}, false
		}
		d.addEntity(cand{kind: "CENTRE", rule: lx.lang + "-common-centre", confidence: 0.7, headAt: k, lemma: h.base}, d.text(j, to), j, to)
		return d.after(s, j, 0, centreKinds)
	}
	return occ{}, false
}

// foundedWith: the founders a passive cue names by a co-agent of several words, without "by"
// ("The lab was set up together with the university and two firms", "създаден съвместно с X").
func (d *doc) foundedWith(s sent, centre occ, j int) {
	for k := j; k < s.to && k <= j+4; k++ {
		n := max(d.match(k, "co-agent"), d.en.list("co-agent").matchAt(d.toks[:s.to], k))
		if n < 2 { // not "with" alone: "set up with funding from …"
			continue
		}
		if o, found := d.after(s, k+n, 3, orgKinds); found && d.onlyTitles(k+n, o.from) {
			d.foundedBy(s, centre, d.listFrom(s, o, orgKinds), j)
		}
		return
	}
}

// onlyTitles reports whether tokens [from, to) hold only determiners and abbreviated titles
// ("by Prof. Dr. Dimitar Petkov University").
func (d *doc) onlyTitles(from, to int) bool {
	for j := from; j < to; j++ {
		if !(d.punct(j, ".") || d.is(j, "title") || d.in(d.en, j, "title") || d.is(j, "determiner") || d.in(d.en, j, "determiner")) {
			return false
		}
	}
	return true
}

// byAfter returns the "by" word ("от", "by", "από") within n tokens after j, or -1.
func (d *doc) byAfter(s sent, j, n int) int {
	for k := j; k < s.to && k <= j+n; k++ {
		if d.is(k, "by") || d.toks[k].latin && d.in(d.en, k, "by") {
			return k
		}
		if d.punct(k, ";") {
			break
		}
	}
	return -1
}

// located: where a centre or an organisation is. A city and its country side by side ("Tampere,
// Finland", "Αϊντχόβεν της Ολλανδίας"); an organisation with its country in brackets or after
// "from" ("Municipality of Piraeus (Greece)", "Autoridad Portuaria de Málaga от Испания", "από
// τη Βουλγαρία"); a centre right before a preposition of place and a city ("Регионалния
// иновационен център „Тракия Лаб“ в Хасково"); the subject of "се намира в", "is located in",
// "στεγάζεται" and a city after it.
func (d *doc) located(s sent) {
	os := d.inSentence(s)
	for i, o := range os {
		if i+1 >= len(os) {
			break
		}
		next := os[i+1]
		gap := next.from - o.to
		switch {
		case o.kind == "CITY" && next.kind == "COUNTRY" && gap <= 2 && d.onlyJoins(o.to, next.from, ",(") ||
			o.kind == "CITY" && next.kind == "COUNTRY" && gap == 1 && d.is(o.to, "of"):
			d.relate(s, o, next, "LOCATED_IN", "apposition:city-country", 0.8, nil)
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE") && next.kind == "COUNTRY" && gap == 1 && d.punct(o.to, "("):
			d.relate(s, o, next, "LOCATED_IN", "apposition:country-in-brackets", 0.8, nil)
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE") && d.placeAside(next) && gap <= 3 && d.fromBefore(o.to, next.from):
			d.relate(s, o, next, "LOCATED_IN", "from-place", 0.75, nil)
		case d.placeAside(o) && d.basedAfter(o.to-1) && (next.kind == "ORGANISATION" || next.kind == "CENTRE") && gap <= 5 &&
			!d.punctBetween(o.to+2, next.from, ",;:()"):
			d.relate(s, next, o, "LOCATED_IN", "based-in-place", 0.75, nil) // "the Pleven-based start-up X"
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE" || o.kind == "CITY") && next.kind == "COUNTRY" && gap == 1 && (d.is(o.to, "in") || d.in(d.en, o.to, "in")):
			d.relate(s, o, next, "LOCATED_IN", "in-country", 0.7, nil) // "Fraunhofer-Gesellschaft в Германия"
		case o.kind == "CENTRE" && !o.refers:
			if city, ok := d.placeAfter(s, o.to, 2); ok && city.from == next.from {
				d.relate(s, o, city, "LOCATED_IN", "centre-in-place", 0.7, nil)
			}
		}
	}
	for _, o := range os { // "Tartu Science Park", "Регионален иновационен център – Бургас": a centre named by its city
		if o.kind == "CENTRE" && !o.known && !o.refers {
			for _, x := range d.near(o.from, o.to) {
				if x.kind == "CITY" && x.id != "" && x.from >= o.from && x.to <= o.to && (d.punct(x.from-1, "–-") || d.namedElsewhere(x, o)) {
					d.relate(s, o, x, "LOCATED_IN", "name:centre-of-city", 0.6, nil)
				}
			}
		}
	}
	for _, o := range os { // "Община Видин", "Δήμος Καρδίτσας": a municipality is in the city its name holds
		if o.kind == "ORGANISATION" && o.category == "MUNICIPALITY" {
			for _, x := range d.near(o.from, o.to) {
				if x.kind == "CITY" && x.id != "" && x.from >= o.from && x.to <= o.to && !d.inHead(x.from) {
					d.relate(s, o, x, "LOCATED_IN", "name:municipality-of-city", 0.85, nil)
				}
			}
		}
	}
	for _, c := range d.cues(s, "offices") { // "στα γραφεία της Περιφέρειας στην Κομοτηνή"
		if o, ok := d.after(s, c[1], 2, orgKinds); ok {
			if city, ok := d.placeAfter(s, o.to, 2); ok {
				d.relate(s, o, city, "LOCATED_IN", "cue:offices", 0.75, nil)
			}
		}
	}
	for _, c := range d.cues(s, "located") {
		subj, ok := d.before(s, c[0], 20, centreKinds) // a centre before an organisation: "…, η οποία δημιουργήθηκε από το Επιμελητήριο … και λειτουργεί στο …"
		if !ok {
			subj, ok = d.before(s, c[0], 12, orgKinds)
		}
		if !ok {
			subj, ok = d.last(c[0], centreKinds)
		}
		if !ok {
			continue
		}
		for k := c[1]; k < s.to && k <= c[1]+10; k++ {
			if o, found := d.occAt(k); found && o.from == k {
				if o.kind == "CITY" {
					d.relate(s, subj, o, "LOCATED_IN", "cue:located", 0.75, nil)
				}
				if !d.placeAside(o) {
					break
				}
			}
		}
	}
}

// onlyJoins reports whether tokens [from, to) are only the marks given (or nothing).
func (d *doc) onlyJoins(from, to int, marks string) bool {
	for j := from; j < to; j++ {
		if !d.punct(j, marks) {
			return false
		}
	}
	return true
}

// fromBefore reports whether "from" ("от", "από", with an article) stands in [from, to) before a
// place, and nothing else does.
func (d *doc) fromBefore(from, to int) bool {
	seen := false
	for j := from; j < to; j++ {
		switch {
		case d.is(j, "from") || d.toks[j].latin && d.in(d.en, j, "from"):
			seen = true
		case d.is(j, "determiner") || d.in(d.en, j, "determiner"):
		default:
			return false
		}
	}
	return seen
}

// namedElsewhere reports whether the text names a place outside the name o holds it in: "Ron
// Cooke Hub" names no Rhoon the text speaks of.
func (d *doc) namedElsewhere(x, o occ) bool {
	return slices.ContainsFunc(d.occs, func(y occ) bool { return y.id == x.id && (y.to <= o.from || y.from >= o.to) })
}

// subject is the occurrence of one of the kinds that opens sentence s (its subject: "Проектът",
// "The project", "Ο Δήμος …"), after a determiner at most.
func (d *doc) subject(s sent, ks kinds) (occ, bool) {
	first := d.firstWord(s)
	if o, ok := d.subjectAt(s, first, ks); ok {
		return o, true
	}
	if _, named := d.occAt(first); named {
		return occ{}, false
	}
	for k := first; k < s.to && k <= first+12; k++ { // "Located in the port's former customs building, the incubator offers …"
		if d.punct(k, ",") {
			return d.subjectAt(s, k+1, ks)
		}
		if _, named := d.occAt(k); named || d.punct(k, ";:.") || d.is(k, "relative") || d.in(d.en, k, "relative") {
			break // "Hosted by the City of Ruse, the conference …": a name in the phrase, no guess
		}
	}
	return occ{}, false
}

// subjectAt is the occurrence of one of the kinds that starts at token j, after a determiner at
// most.
func (d *doc) subjectAt(s sent, j int, ks kinds) (occ, bool) {
	for k := j; k < s.to && k <= j+1; k++ {
		if o, ok := d.occAt(k); ok && o.from == k && ks.has(o.kind) {
			return o, true
		}
		if !d.is(k, "determiner") && !d.in(d.en, k, "determiner") {
			break
		}
	}
	return occ{}, false
}
