package ingest

import (
	"slices"
	"strings"
	"unicode"

	"urbangraph/internal/store"
)

// The frames of what is described rather than named: topics a discussion lists, the domains a
// centre works in or a practice belongs to, the practices presented, the units a centre has.
// Their names are the phrases the text uses ("енергийната ефективност на общинските сгради",
// "waste management"), read by conceptList.

// conceptList reads the phrases listed from token j: items parted by commas and "and" words, each
// without its leading determiner or preposition ("στην τηλεϊατρική, στις μεταφορές και στην
// εκπαίδευση"), up to the end of the list (the sentence's end, a clause's start, a name of
// another kind).
func (d *doc) conceptList(s sent, j int) [][2]int {
	var items [][2]int
	start := j
	closeItem := func(end int) {
		if a, b := d.trimConcept(start, end); b > a {
			items = append(items, [2]int{a, b})
		}
	}
	k := j
	for ; k < s.to; k++ {
		if d.conceptEnds(s, k, k == j) || d.is(k, "and") && d.punct(k+1, ",") {
			break // "… της ύδρευσης και, σύμφωνα με …"
		}
		if d.punct(k, ",") {
			closeItem(k)
			start = k + 1
			if n := k + 1; n < s.to && d.toks[n].word && (d.is(n, "stop") && !d.is(n, "concept-lead") && !d.is(n, "determiner") || d.is(n, "concept-end") || d.gerund(n)) {
				break // ", вече е допринесла", ", αξιοποιώντας …": the list is over
			}
			continue
		}
		if d.is(k, "and") && d.toks[k].word && d.splitsList(k) {
			closeItem(k)
			start = k + 1
			if n := k + 1; n < s.to && (d.toks[n].word && (d.is(n, "stop") && !d.is(n, "determiner") && !d.is(n, "concept-lead") || d.verb(d.lexOf(n), n)) || d.punct(n, ",")) {
				break // "… културния туризъм и ще бъде оборудван …", "… της ύδρευσης και, σύμφωνα με …": a clause of its own
			}
		}
	}
	closeItem(k)
	var out [][2]int
	for _, it := range items {
		if it[1]-it[0] <= 12 {
			out = append(out, it)
		}
	}
	return out
}

// topicsWordBefore reports whether a plural noun of topics ("challenges", "теми", "θέματα")
// stands within a few words before the colon at j.
func (d *doc) topicsWordBefore(s sent, j int) bool {
	for k := j - 1; k >= s.from && k >= j-6; k-- {
		if d.is(k, "topics-word") || d.toks[k].latin && d.in(d.en, k, "topics-word") {
			return true
		}
		if !d.toks[k].word || d.covered(k, k+1) && !d.refersAt(k) {
			return false
		}
	}
	return false
}

// refersAt reports whether token k is a head word that speaks of an entity named before.
func (d *doc) refersAt(k int) bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.refers && o.from <= k && k < o.to })
}

// gerund reports whether token j is a gerund by its ending ("αξιοποιώντας", "използвайки"): a
// clause of its own, no item of a list.
func (d *doc) gerund(j int) bool {
	w := d.toks[j].plain
	for _, e := range d.lx.endings("gerund-ending") {
		if strings.HasSuffix(w, e) && len([]rune(w)) > len([]rune(e))+2 {
			return true
		}
	}
	return false
}

// conceptListBefore reads the list that ends right before token j, from the clause's start.
func (d *doc) conceptListBefore(s sent, j int) [][2]int {
	start := d.clauseStart(s, j)
	for k := j - 1; k > start; k-- {
		if d.punct(k, ",.:;") || d.is(k, "relative") {
			start = k + 1
			break
		}
	}
	var out [][2]int
	for _, it := range d.conceptList(s, start) {
		if it[1] <= j {
			out = append(out, it)
		}
	}
	return out
}

// splitsList reports whether the "and" at k parts two items: in Greek only before an article
// ("… και η οδική ασφάλεια"; "πεζών και ποδηλατών" is one item), elsewhere always.
func (d *doc) splitsList(k int) bool {
	if d.lang == "el" && !d.toks[k].latin {
		return d.is(k+1, "determiner") || d.is(k+1, "concept-lead")
	}
	return true
}

// conceptEnds reports whether the list stops at token k: a final mark, a bracket or a dash, a
// word that opens a clause (relative pronouns, "before", "като"), a verb, a name of another kind
// (a programme: "joint applications under the Interreg … programme").
func (d *doc) conceptEnds(s sent, k int, first bool) bool {
	t := d.toks[k]
	lx := d.lexOf(k)
	switch {
	case d.punct(k, ".;!?()[]„“”«»\"–—"):
		return true
	case d.punct(k, ":") && !first:
		return true
	case t.word && (d.in(lx, k, "concept-end") || d.in(lx, k, "relative")):
		return true
	case t.word && !first && (d.in(lx, k, "in") || d.in(lx, k, "on")) && k+1 < s.to && (d.toks[k+1].digit || d.in(lx, k+1, "month")):
		return true // "… construction on 5 May", "… в 2023": a date ends the phrase
	case t.word && !first && d.verb(lx, k) && !t.cap:
		return true
	case !first && !d.modifies(k) && (d.cueLen(s, k) > 1 || d.isCueStart(s, k) && !d.is(k, "joiner") && !d.in(d.en, k, "joiner")):
		return true // another relationship's cue: "… градско развитие с подкрепа на европейските фондове"
	}
	if o, ok := d.occAt(k); ok && o.from == k && !o.refers && o.kind != "DOMAIN" && o.kind != "TOPIC" && d.sure(o) && !first {
		return true
	}
	return false
}

// modifies reports whether the word at k stands where a noun's modifier does, after a joining
// word or a determiner: "the maintenance of shared facilities" ("shared" is no cue there).
func (d *doc) modifies(k int) bool {
	return k > 0 && d.toks[k-1].word && (d.is(k-1, "joiner") || d.is(k-1, "determiner") || d.toks[k-1].latin &&
		(d.in(d.en, k-1, "joiner") || d.in(d.en, k-1, "determiner")))
}

// sure reports whether an occurrence names an entity surely enough to end a phrase: a known one,
// or a new one proposed at 0.5 and above (a capitalised guess inside a phrase is part of it).
func (d *doc) sure(o occ) bool {
	if o.known {
		return true
	}
	e := d.entity(o.id)
	return e == nil || e.Confidence >= 0.5
}

// trimConcept drops from an item the words that only lead to it (determiners, prepositions,
// possessives: "the", "στην", "своите") and the joining words left at its end.
func (d *doc) trimConcept(from, to int) (int, int) {
	for from < to && (!d.toks[from].word || d.is(from, "determiner") || d.is(from, "concept-lead") || d.in(d.en, from, "determiner") ||
		d.in(d.en, from, "concept-lead") || d.is(from, "and")) {
		from++
	}
	for to > from && (!d.toks[to-1].word || d.is(to-1, "joiner") || d.is(to-1, "and") || d.in(d.en, to-1, "joiner") ||
		d.is(to-1, "in") || d.is(to-1, "city-word") || d.in(d.en, to-1, "in")) {
		to-- // "… развитие в град" before "Солун": the place is not the phrase's
	}
	if to > from && !d.hasLowerWord(from, to) {
		return from, from
	}
	return from, to
}

// hasLowerWord reports whether tokens [from, to) hold a lower-case word of three letters or more:
// a phrase, not a name or a number.
func (d *doc) hasLowerWord(from, to int) bool {
	for j := from; j < to; j++ {
		t := d.toks[j]
		if t.word && !t.cap && !t.digit && len([]rune(t.text)) >= 3 {
			return true
		}
	}
	return false
}

// concept returns the entity an item names: a known domain or topic it is, else a new entity of
// the kind, named by the item as written.
func (d *doc) concept(s sent, it [2]int, kind, rule string) (occ, bool) {
	for _, o := range d.occs {
		if o.known && (o.kind == "DOMAIN" || o.kind == "TOPIC") && o.from <= it[0] && it[1] <= o.to+1 && o.to-o.from >= (it[1]-it[0])/2 {
			return o, true
		}
	}
	name := d.text(it[0], it[1])
	if name == "" || !unicode.IsLetter([]rune(name)[0]) && !unicode.IsDigit([]rune(name)[0]) {
		return occ{}, false
	}
	d.dropGuessesIn(it[0], it[1])
	d.addEntity(cand{kind: kind, rule: rule, confidence: 0.7, headAt: -1}, name, it[0], it[1])
	o, ok := d.occAt(it[0])
	return o, ok && o.kind == kind
}

// dropGuessesIn forgets the capitalised guesses inside a phrase that names something else
// ("Σχεδίων Βιώσιμης Αστικής Κινητικότητας" inside a guide's description).
func (d *doc) dropGuessesIn(from, to int) {
	var gone []string
	for _, o := range d.occs {
		if !o.known && o.from >= from && o.to <= to {
			if e := d.entity(o.id); e != nil && e.Confidence < 0.5 {
				gone = append(gone, o.id)
			}
		}
	}
	for _, id := range gone {
		d.dropEntity(id)
	}
}

// dropEntity forgets a new entity and every place it is named.
func (d *doc) dropEntity(id string) {
	var ents []*NewEntity
	for _, e := range d.ents {
		if e.ID != id {
			ents = append(ents, e)
		}
	}
	d.ents = ents
	var occs []occ
	for _, o := range d.occs {
		if o.id != id {
			occs = append(occs, o)
		}
	}
	d.occs = occs
}

// presented: an organisation presented a practice ("Община Стара Загора представи системата …
// ParkSZ", "presented its Smart Fishing Port pilot", "ο Δήμος Μπουργκάς παρουσίασε το πιλοτικό
// πρόγραμμα «Καθαρά Δίχτυα»"): the practice is the name that follows, else the phrase; it was
// presented at the event the sentence speaks of, where its presenter took part.
func (d *doc) presented(s sent) {
	for _, c := range d.cues(s, "presented") {
		who := d.agentsBefore(s, c[0], kinds{"ORGANISATION", "CITY"})
		if len(who) == 0 {
			who = d.groupBefore(s, c[0])
		}
		if len(who) == 0 {
			who = d.titledBefore(s, c[0]) // "Deputy Mayor Pavel Marinov presented …"
		}
		if len(who) == 0 { // "Trikala, which … in regular traffic, presented Trikala Flex": the sentence's subject
			if o, ok := d.subject(s, kinds{"ORGANISATION", "CITY"}); ok && !d.orgBetween(o.to, c[0]) {
				who = []occ{o}
			}
		}
		if d.ownPractices(s, c, who) {
			continue
		}
		if by := d.byAfter(s, c[1], 1); by >= 0 { // "ShadeMap, presented by the start-up Arbor Analytics": passive
			d.presentedBy(s, c, by)
			continue
		}
		p, ok := d.practiceAfter(s, c[1])
		if r, rel := d.relative(s, c[0], 4); rel { // "…«Δροσερές Αυλές», μια καλή πρακτική …, την οποία ο δήμος παρουσίασε"
			if x, found := d.before(s, r, 2, kinds{"ORGANISATION"}); found && d.guess(x) { // "του ρομποτικού βοηθού «Ερμής», που παρουσιάστηκε"
				if e := d.entity(x.id); e != nil {
					d.retype(e, "PRACTICE", "", "presented-name", 0.7)
				}
			}
			if x, found := d.before(s, r, 15, kinds{"PRACTICE"}); found {
				p, ok = x, true
				if len(who) == 0 || who[0].to <= r {
					who = d.agentsBetween(s, r, c[0])
				}
			}
		}
		if !ok {
			continue
		}
		who = slices.DeleteFunc(who, func(o occ) bool { return o.id == p.id || !o.known && d.entity(o.id) == nil })
		ev, hasEvent := d.focusEvent(s)
		for _, o := range who {
			o = d.asOrganisation(o)
			d.relate(s, o, p, "PRESENTED", "cue:presented", 0.75, nil)
			if hasEvent {
				d.relate(s, o, d.eventNear(s, c, ev), "PARTICIPATED_IN", "presenter", 0.7, nil)
			}
		}
		if hasEvent {
			d.relate(s, p, d.eventNear(s, c, ev), "PRESENTED_AT", "cue:presented", 0.7, nil)
		}
		d.describedDomains(s, p)
	}
}

// titledBefore is the organisation a titled person stands for, when the title is the cue's
// subject (within the five tokens before it).
func (d *doc) titledBefore(s sent, j int) []occ {
	for k := j - 1; k >= s.from && k >= j-5; k-- {
		if d.is(k, "title") || d.in(d.en, k, "title") && d.toks[k].latin {
			return d.titled(sent{Sentence: s.Sentence, from: k, to: k + 1})
		}
	}
	return nil
}

// agentsBetween lists the organisations named in tokens [from, to).
func (d *doc) agentsBetween(s sent, from, to int) []occ {
	var out []occ
	for _, o := range d.inSentence(s) {
		if o.kind == "ORGANISATION" && o.from >= from && o.to <= to {
			out = append(out, o)
		}
	}
	return out
}

// orgBetween reports whether an organisation is named in tokens [from, to).
func (d *doc) orgBetween(from, to int) bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.kind == "ORGANISATION" && o.from >= from && o.to <= to })
}

// groupBefore is the organisations a group word before a cue speaks of: "Домакините" (the hosts),
// "Οι ίδιοι" (the same: the last presenters).
func (d *doc) groupBefore(s sent, j int) []occ {
	for k := j - 1; k >= s.from && k >= j-4; k-- {
		if d.is(k, "hosts") || d.in(d.en, k, "hosts") && d.toks[k].latin {
			return d.hosts()
		}
		if d.is(k, "same") || d.in(d.en, k, "same") && d.toks[k].latin {
			return d.lastPresenters() // "Οι ίδιοι παρουσίασαν επίσης…"
		}
	}
	return nil
}

// lastPresenters are the organisations that presented the last practice presented.
func (d *doc) lastPresenters() []occ {
	for i := len(d.rels) - 1; i >= 0; i-- {
		if d.rels[i].Type == "PRESENTED" {
			return d.addOrg(nil, d.rels[i].From)
		}
	}
	return nil
}

// hosts are the organisations the text says hosted its event.
func (d *doc) hosts() []occ {
	var out []occ
	for _, r := range d.rels {
		if r.Type == "PARTICIPATED_IN" && strings.HasPrefix(r.Rule, "cue:hosted") {
			for _, o := range d.occs {
				if o.id == r.From {
					out = append(out, o)
					break
				}
			}
		}
	}
	return out
}

// asGoodPractice reports whether "as a good practice" ("като добра практика", "ως καλή πρακτική")
// follows token j: what was presented so is a practice, whatever its name looked like.
func (d *doc) asGoodPractice(s sent, j int) bool {
	return j < s.to && (d.match(j, "as-practice") > 0 || d.toks[j].latin && d.en.list("as-practice").matchAt(d.toks, j) > 0)
}

// presentedBy: a passive "X, presented by Y": the practice named right before the cue, its
// presenter after "by"; at the event the sentence speaks of.
func (d *doc) presentedBy(s sent, c [2]int, by int) {
	p, ok := d.before(s, c[0], 2, kinds{"PRACTICE", "PROGRAMME", "ORGANISATION"})
	if !ok {
		return
	}
	who, found := d.after(s, by+1, 5, orgKinds)
	if !found || who.id == p.id {
		return
	}
	if e := d.entity(p.id); e != nil && e.Kind != "PRACTICE" && d.practiceLike(e, 0) {
		d.retype(e, "PRACTICE", "", "presented-name", 0.75)
		p.id, p.kind = e.ID, "PRACTICE"
	}
	if p.kind != "PRACTICE" {
		return
	}
	d.relate(s, who, p, "PRESENTED", "cue:presented-by", 0.7, nil)
	if ev, ok := d.focusEvent(s); ok {
		d.relate(s, p, ev, "PRESENTED_AT", "cue:presented-by", 0.7, nil)
		d.relate(s, who, ev, "PARTICIPATED_IN", "presenter", 0.7, nil)
	}
}

// practiceAfter is what a cue of presenting presents: a name within a few tokens (retyped a
// practice when its kind was a guess), else the phrase that follows.
func (d *doc) practiceAfter(s sent, j int) (occ, bool) {
	for k := j; k < s.to && k <= j+7; k++ {
		if d.punct(k, ",.;:") || d.is(k, "relative") {
			break
		}
		o, ok := d.occAt(k)
		if !ok || o.from != k {
			continue
		}
		if e := d.entity(o.id); e != nil && !o.refers && (d.practiceLike(e, k-j) || d.asGoodPractice(s, o.to)) {
			if e.Kind != "PRACTICE" {
				d.retype(e, "PRACTICE", "", "presented-name", 0.75)
				o, _ = d.occAt(k)
			}
			return o, true
		}
		if d.sure(o) {
			break // another entity: what was presented is not named here
		}
	}
	items := d.conceptList(s, j)
	if len(items) == 0 {
		return occ{}, false
	}
	it := items[0]
	for _, x := range items[1:] { // one practice: "X и Y" stays whole, but a comma ends it
		if x[0] == it[1]+1 && (d.is(it[1], "and") || d.in(d.en, it[1], "and")) && d.toks[it[1]].word {
			it[1] = x[1]
		}
	}
	if it[1]-it[0] < 2 {
		return occ{}, false
	}
	return d.concept(s, it, "PRACTICE", "cue:presented")
}

// practiceLike reports whether a new entity named after a cue of presenting (dist tokens after
// it) may be a practice: a guess by capitals or quotes, a programme or an organisation a
// classifier named ("the pilot programme «Καθαρά Δίχτυα»", "the network X"), or any programme or
// other organisation right after the cue ("showcased the Integrated Action Plans").
func (d *doc) practiceLike(e *NewEntity, dist int) bool {
	switch {
	case e.Kind == "PRACTICE", e.Confidence <= foreignName:
		return true
	case e.Kind == "PROGRAMME" && (strings.Contains(e.Rule, "classifier") || dist <= 2):
		return true
	case e.Kind == "ORGANISATION" && (e.Category == "OTHER" || e.Category == "NETWORK") && (strings.Contains(e.Rule, "classifier") || dist <= 2):
		return true
	}
	return false
}

// describedDomains: the domain a sentence gives its practice ("– добра практика в областта на
// електронното управление", "a fisheries solution", "μια καλή πρακτική στον τομέα της διαχείρισης
// αποβλήτων").
func (d *doc) describedDomains(s sent, p occ) {
	for _, c := range d.cues(s, "combines") {
		if c[0] < p.to || d.orgBetweenKinds(p.to, c[0], kinds{"ORGANISATION", "CENTRE", "PROGRAMME", "EVENT"}) {
			continue // "клъстера …, който обединява 34 земеделски производители": a cluster's members
		}
		for _, it := range d.conceptList(s, c[1]) {
			if dom, ok := d.concept(s, it, "DOMAIN", "cue:combines"); ok {
				d.relate(s, p, dom, "IN_DOMAIN", "cue:combines", 0.7, nil)
			}
		}
	}
	for _, c := range d.cues(s, "domain-of") {
		if c[0] < p.to {
			continue
		}
		for _, it := range d.conceptList(s, c[1]) {
			if dom, ok := d.concept(s, it, "DOMAIN", "cue:domain-of"); ok {
				d.relate(s, p, dom, "IN_DOMAIN", "cue:domain-of", 0.7, nil)
			}
		}
	}
	// English: "X, a fisheries solution", "an education and robotics programme", "the on-demand
	// transport service", "its Bike Bus Braga mobility scheme", "as a good practice in the education
	// sector"
	if d.toks[p.from].latin {
		d.compoundDomain(s, p)
		d.sectorDomain(s, p)
	}
	for k := p.to; k < s.to-1; k++ {
		if !d.toks[k].latin || !d.in(d.en, k, "indefinite") && !(k == p.to+1 && d.punct(p.to, ",") && d.in(d.en, k, "determiner")) {
			continue
		}
		if d.asGoodPractice(s, k-1) {
			break // "as a good practice": how it was presented, no domain
		}
		m := k + 1
		for m < s.to && m <= k+5 && d.toks[m].word && !d.toks[m].cap {
			if h, ok := d.en.headAt(d.toks, m); ok && h.kind == "PRACTICE" || d.in(d.en, m, "practice-word") {
				for _, it := range d.conceptList(s, k+1) {
					it[1] = min(it[1], m)
					if it[1] > it[0] {
						if dom, ok := d.concept(s, it, "DOMAIN", "apposition:domain"); ok {
							d.relate(s, p, dom, "IN_DOMAIN", "apposition:domain", 0.65, nil)
						}
					}
				}
				break
			}
			m++
		}
		break
	}
}

// namedDomains: a practice whose name holds a domain is in that domain ("добри практики за
// градско развитие").
func (d *doc) namedDomains(s sent) {
	for _, p := range d.inSentence(s) {
		if p.kind != "PRACTICE" {
			continue
		}
		for _, x := range d.occs {
			if x.kind == "DOMAIN" && x.id != "" && x.from >= p.from && x.to <= p.to {
				for _, y := range d.sameSpan(p) {
					d.relate(s, y, x, "IN_DOMAIN", "name:practice-in-domain", 0.7, nil)
				}
			}
		}
	}
}

// domainsInNames: once every domain is known, a practice whose name holds one of them is in it
// ("добри практики за обществен транспорт" and the domain "транспорт" named later), stated by the
// sentence that names the practice.
func (d *doc) domainsInNames() {
	for _, p := range d.ents {
		if p.Kind != "PRACTICE" {
			continue
		}
		pk := " " + nameKey(p.Name) + " "
		var first occ
		for _, o := range d.occs {
			if o.id == p.ID {
				first = o
				break
			}
		}
		if first.id == "" {
			continue
		}
		s := d.sentenceOf(first.from)
		seen := map[string]bool{}
		for _, o := range d.occs {
			if o.kind != "DOMAIN" || o.id == "" || seen[o.id] {
				continue
			}
			seen[o.id] = true
			if k := nameKey(d.nameAt(o)); k != "" && strings.Contains(pk, " "+k+" ") {
				d.relate(s, first, o, "IN_DOMAIN", "name:practice-in-domain", 0.7, nil)
			}
		}
	}
}

// compoundDomain: a practice's name followed by a domain and a practice's head word: "its Bike
// Bus Braga mobility scheme".
func (d *doc) compoundDomain(s sent, p occ) {
	k := p.to
	for k < s.to && k < p.to+3 && d.toks[k].word && d.toks[k].latin && !d.toks[k].cap && !d.isHeadWord(k) &&
		!d.in(d.en, k, "stop") && !d.in(d.en, k, "determiner") && !d.in(d.en, k, "indefinite") {
		k++
	}
	if k == p.to || k >= s.to || !d.toks[k].latin {
		return // the words after a Latin name in a Bulgarian or Greek sentence are that language's
	}
	if hs := d.en.headsAt(d.toks, k); len(hs) > 0 && hs[0].kind == "PRACTICE" {
		if dom, ok := d.concept(s, [2]int{p.to, k}, "DOMAIN", "compound:domain"); ok {
			d.relate(s, p, dom, "IN_DOMAIN", "compound:domain", 0.65, nil)
		}
	}
}

// sectorDomain: "… as a good practice in the education sector": the words before "sector",
// "field", "area" name the domain.
func (d *doc) sectorDomain(s sent, p occ) {
	for k := p.to; k+2 < s.to && k < p.to+12; k++ {
		if !d.in(d.en, k, "in") || !d.in(d.en, k+1, "determiner") {
			continue
		}
		m := k + 2
		for m < s.to && m < k+6 && d.toks[m].word && !d.toks[m].cap && !d.in(d.en, m, "sector-word") {
			m++
		}
		if m < s.to && m > k+2 && d.in(d.en, m, "sector-word") {
			if dom, ok := d.concept(s, [2]int{k + 2, m + 1}, "DOMAIN", "sector:domain"); ok {
				d.relate(s, p, dom, "IN_DOMAIN", "sector:domain", 0.65, nil)
			}
			return
		}
	}
}

// practiceDomains: the domains every practice a sentence names is described with.
func (d *doc) practiceDomains(s sent) {
	for _, p := range d.inSentence(s) {
		if p.kind == "PRACTICE" {
			d.describedDomains(s, p)
		}
	}
}

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

// contributes: a practice or a centre contributes to a topic ("допринася за намаляването на
// енергийната бедност", "contributes to climate adaptation", "συμβάλλει στην επαναχρησιμοποίηση…").
func (d *doc) contributes(s sent) {
	for _, c := range d.cues(s, "contributes") {
		subj, ok := d.before(s, c[0], 25, kinds{"PRACTICE", "CENTRE"}) // its subject, named or spoken of, in the sentence
		if !ok {
			continue
		}
		for _, it := range d.conceptList(s, c[1]) {
			if t, ok := d.concept(s, it, "TOPIC", "cue:contributes"); ok {
				d.relate(s, subj, t, "CONTRIBUTES_TO", "cue:contributes", 0.7, nil)
			}
		}
	}
}
