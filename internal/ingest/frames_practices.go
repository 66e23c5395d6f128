package ingest

import (
	"slices"
	"strings"
)

// The frames of practices: who presented what, at which event, and in which domain.

// presented: an organisation presented a practice ("Община Стара Загора представи системата …
// ParkSZ", "presented its Smart Harbour pilot", "ο Δήμος Καρδίτσας παρουσίασε το πιλοτικό
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
		if by := d.byAfter(s, c[1], 1); by >= 0 { // "CoolMap, presented by the start-up Leaf Data": passive
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
		if len(who) == 0 { // "παρουσιάστηκε η πλατφόρμα «X» του Δήμου Y", "the X of Y was presented": its owner
			if o, found := d.after(s, p.to, 1, orgKinds); found && (d.is(p.to, "of") || d.in(d.en, p.to, "of") || d.is(p.to, "determiner")) {
				who = []occ{o}
			}
		}
		if by := d.byAfter(s, p.to, 1); len(who) == 0 && by >= 0 { // "Παρουσιάστηκαν πρακτικές από τον Δήμο X και τον Δήμο Y"
			if o, found := d.after(s, by+1, 2, orgKinds); found {
				who = d.listFrom(s, o, orgKinds)
			}
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
	return slices.ContainsFunc(d.near(from, to), func(o occ) bool { return o.kind == "ORGANISATION" && o.from >= from && o.to <= to })
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
		if o.refers && o.kind == "PRACTICE" {
			return o, true // "shared the practice with …": the practice named before
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
	// transport service", "its Walk to School Ruse mobility scheme", "as a good practice in the education
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
		for _, x := range d.near(p.from, p.to) {
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
