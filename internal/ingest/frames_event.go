package ingest

import (
	"slices"
	"strings"
)

// The frames of events: who took part (hosts, organisers, participants, delegations, presenters),
// where an event was held, what it discussed, which centres it visited, who was introduced to
// them, and what was presented at it.

var (
	orgKinds    = kinds{"ORGANISATION"}
	eventKinds  = kinds{"EVENT"}
	centreKinds = kinds{"CENTRE"}
	placeKinds  = kinds{"CITY"}
)

// participation: the organisations a cue of hosting, organising or taking part puts next to an
// event ("Домакин на срещата беше Община Видин", "Hosted by Vidin Municipality", "Ο Δήμος
// Ναυπλιέων φιλοξένησε…", "…, που διοργάνωσαν ο Δήμος Καρδίτσας και το Πανεπιστήμιο Πελοποννήσου",
// "Representatives of X also took part"), and those a text names through their people.
func (d *doc) participation(s sent) {
	ev, ok := d.focusEvent(s)
	if !ok {
		return
	}
	for _, list := range []string{"hosted", "organised", "participated", "gathered"} {
		for _, c := range d.cues(s, list) {
			e := d.eventNear(s, c, ev)
			agents := d.agentsAround(s, c, orgKinds)
			if d.passiveCue(s, c) { // "was … hosted at the Park", "organised by X": the agent only after "by"
				agents = nil
				if by := d.byAfter(s, c[1], 2); by >= 0 {
					if o, ok := d.after(s, by+1, 3, orgKinds); ok {
						agents = d.listFrom(s, o, orgKinds)
					}
				}
				if c[1] < s.to && d.in(d.en, c[1], "with") { // "was co-organised with X and Y"
					if o, ok := d.after(s, c[1]+1, 3, orgKinds); ok {
						agents = append(agents, d.listFrom(s, o, orgKinds)...)
					}
				}
			}
			if list == "organised" || list == "hosted" {
				agents = append(agents, d.jointlyAfter(s, c[1])...) // "организира от X, съвместно с Y и Z"
			}
			for _, o := range agents {
				d.relate(s, d.asOrganisation(o), e, "PARTICIPATED_IN", "cue:"+list, 0.8, nil)
			}
			if list == "organised" || list == "hosted" { // "hackathons organised by the Horizon Europe project X": the project funds it
				if by := d.byAfter(s, c[1], 2); by >= 0 {
					if p, ok := d.after(s, by+1, 4, progKinds); ok {
						d.relate(s, e, p, "FUNDED_BY", "organised-by-programme", 0.7, nil)
					}
				}
			}
			if list == "hosted" {
				d.hostingCentre(s, c, e)
				if city, ok := d.before(s, c[0], 2, placeKinds); ok { // "Ο Βόλος φιλοξένησε το συνέδριο"
					d.relate(s, e, city, "HELD_IN", "cue:hosted-by-city", 0.75, nil)
					d.relate(s, d.asOrganisation(city), e, "PARTICIPATED_IN", "cue:hosted-by-city", 0.7, nil)
				}
			}
		}
	}
	for _, c := range d.cues(s, "holds") { // "МИР ще проведе информационни дни": who holds an event takes part
		if e, ok := d.after(s, c[1], 3, eventKinds); ok {
			for _, o := range d.agentsBefore(s, c[0], orgKinds) {
				d.relate(s, o, e, "PARTICIPATED_IN", "cue:holds", 0.75, nil)
			}
		}
	}
	for _, e := range d.inSentence(s) { // "ετήσιο συνέδριο της ΚΕΔΕ": the organisation an event is of
		if e.kind != "EVENT" {
			continue
		}
		for _, x := range d.near(e.from, e.to) {
			if x.kind == "ORGANISATION" && x.id != "" && x.from > e.from && x.to <= e.to && (d.is(x.from-1, "of") || d.in(d.en, x.from-1, "of")) {
				d.relate(s, x, e, "PARTICIPATED_IN", "event-of", 0.7, nil)
			}
		}
	}
	for _, e := range d.inSentence(s) { // "работна среща с Община X", "συνάντηση εργασίας με τον Δήμο Σερρών", "a meeting with …"
		if e.kind == "EVENT" && e.to < s.to && (d.is(e.to, "with") || d.toks[e.to].latin && d.in(d.en, e.to, "with")) {
			if o, ok := d.after(s, e.to+1, 3, orgKinds); ok && d.onlyDeterminers(e.to+1, o.from) {
				for _, x := range d.listFrom(s, o, orgKinds) {
					d.relate(s, x, e, "PARTICIPATED_IN", "event-with", 0.7, nil)
				}
			}
		}
	}
	for _, o := range d.envoys(s) {
		d.relate(s, o, d.eventNear(s, [2]int{s.from, s.from}, ev), "PARTICIPATED_IN", "envoys", 0.75, nil)
	}
	if slices.ContainsFunc(d.inSentence(s), func(o occ) bool { return o.kind == "EVENT" }) {
		for _, o := range d.titled(s) { // "в присъствието на министъра …", "the mayor said at the forum"
			d.relate(s, o, d.eventNear(s, [2]int{s.from, s.from}, ev), "PARTICIPATED_IN", "titled", 0.7, nil)
		}
	}
}

// hostingCentre records the centre that hosted an event, where the cue of hosting names one: "the
// hub hosted the hackathon", "hosted by the X Centre".
func (d *doc) hostingCentre(s sent, c [2]int, e occ) {
	if x, ok := d.before(s, c[0], 8, centreKinds); ok && !d.passiveCue(s, c) && (d.subjectOf(s, x) || x.to >= c[0]-1) {
		d.atVenue(s, e, x)
	} else if by := d.byAfter(s, c[1], 2); by >= 0 && d.passiveCue(s, c) {
		if x, ok := d.after(s, by+1, 2, centreKinds); ok {
			d.atVenue(s, e, x)
		}
	}
}

// onlyDeterminers reports whether tokens [from, to) are determiners only.
func (d *doc) onlyDeterminers(from, to int) bool {
	for k := from; k < to; k++ {
		if !d.is(k, "determiner") && !d.in(d.en, k, "determiner") {
			return false
		}
	}
	return true
}

// jointlyAfter lists the organisations named after "jointly with" ("съвместно с", "σε συνεργασία
// με") within a few words after token j: those who organised or hosted with the agents.
func (d *doc) jointlyAfter(s sent, j int) []occ {
	for k := j; k < s.to && k <= j+12; k++ {
		if d.punct(k, ";.") {
			break
		}
		if n := max(d.match(k, "jointly"), d.en.list("jointly").matchAt(d.toks[:s.to], k)); n > 0 {
			if o, ok := d.after(s, k+n, 3, orgKinds); ok {
				return d.listFrom(s, o, orgKinds)
			}
			break
		}
	}
	return nil
}

// passiveCue reports whether an English participle cue is passive: an auxiliary before it ("was
// hosted", "and hosted" after one) or a preposition of place right after it ("hosted at").
func (d *doc) passiveCue(s sent, c [2]int) bool {
	if !d.toks[c[0]].latin || d.lang != "en" {
		return false
	}
	if d.in(d.en, c[1], "in") || d.toks[c[1]].text == "at" {
		return true
	}
	for k := c[0] - 1; k >= s.from && k >= c[0]-8; k-- {
		if d.in(d.en, k, "auxiliary") {
			return true
		}
		if !d.toks[k].word || d.toks[k].cap {
			return false
		}
	}
	return false
}

// eventNear is the event a cue speaks of: the one its sentence names nearest to it, else the
// sentence's focus.
func (d *doc) eventNear(s sent, c [2]int, focus occ) occ {
	best, dist := focus, -1
	for _, o := range d.inSentence(s) {
		if o.kind != "EVENT" {
			continue
		}
		n := abs(o.from - c[0])
		if dist < 0 || n < dist {
			best, dist = o, n
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// agentsAround returns the list of the kinds a cue speaks of: after it (within six tokens:
// "домакини бяха Община Варна и …", "organised by X and Y", "διοργάνωσαν … ο Δήμος Βόλου και το
// Πανεπιστήμιο"), else before it (its subject: "Община Видин беше домакин").
func (d *doc) agentsAround(s sent, c [2]int, ks kinds) []occ {
	if o, ok := d.after(s, c[1], 6, ks); ok && !d.crossesClause(c[1], o.from) {
		return d.listFrom(s, o, ks)
	}
	if o, ok := d.before(s, c[0], 6, ks); ok && !d.crossesClause(o.to, c[0]) {
		return d.listEnding(s, o, ks)
	}
	return nil
}

// crossesClause reports whether tokens [from, to) hold a clause's end: a semicolon, or a comma
// followed by a relative pronoun or a conjunction of clauses.
func (d *doc) crossesClause(from, to int) bool {
	for j := from; j < to; j++ {
		if d.punct(j, ";") || d.is(j, "relative") || d.in(d.en, j, "relative") && d.toks[j].latin {
			return true
		}
	}
	return false
}

// asOrganisation is the organisation a place stands for ("Trikala presented…", "Ο Βόλος
// φιλοξένησε…"): the municipality named after it in the text, else the place itself (which no
// relationship of an organisation takes).
func (d *doc) asOrganisation(o occ) occ {
	if o.kind != "CITY" {
		return o
	}
	city := nameKey(d.text(o.from, o.to))
	for _, x := range d.occs {
		if x.kind == "ORGANISATION" && x.category == "MUNICIPALITY" && !x.refers && x.id != "" {
			if strings.Contains(" "+nameKey(d.text(x.from, x.to))+" ", " "+city+" ") {
				return x
			}
		}
	}
	return o
}

// occAt returns the outermost occurrence that holds token j.
func (d *doc) occAt(j int) (occ, bool) {
	for _, o := range d.near(j, j+1) {
		if o.id != "" && o.from <= j && j < o.to && !d.inside(o) {
			return o, true
		}
	}
	return occ{}, false
}

// discussed: the topics a cue of discussion lists ("обсъдиха X, Y и Z", "συζητήθηκαν η X και η Y",
// "discussed X, Y and Z", "focused on X and Y"), each DISCUSSED by the event the sentence speaks
// of; with the topic before the cue when nothing follows it ("Енергийните общности бяха във
// фокуса на семинар").
func (d *doc) discussed(s sent) {
	ev, ok := d.focusEvent(s)
	if !ok {
		return
	}
	for _, e := range d.inSentence(s) { // "a two-day workshop on river restoration and …", "ημερίδα με θέμα «…»"
		n := d.match(e.to, "about")
		if n == 0 && e.to < s.to && d.toks[e.to].latin {
			n = d.en.list("about").matchAt(d.toks[:s.to], e.to)
		}
		if e.kind == "EVENT" && n > 0 {
			for _, it := range d.conceptList(s, e.to+n) {
				if t, ok := d.concept(s, it, "TOPIC", "event-about"); ok {
					d.relate(s, e, t, "DISCUSSED", "event-about", 0.65, nil)
				}
			}
		}
	}
	for j := s.from + 1; j < s.to; j++ { // "three challenges set by the municipality: A, B and C"
		if d.punct(j, ":") && d.topicsWordBefore(s, j) {
			for _, it := range d.conceptList(s, j+1) {
				if t, ok := d.concept(s, it, "TOPIC", "topics-listed"); ok {
					d.relate(s, ev, t, "DISCUSSED", "topics-listed", 0.65, nil)
				}
			}
		}
	}
	for _, c := range d.cues(s, "discussed") {
		if subj, ok := d.before(s, c[0], 8, kinds{"CENTRE", "ORGANISATION", "PRACTICE"}); ok && !d.orgBetweenKinds(subj.to, c[0], eventKinds) && d.subjectOf(s, subj) {
			continue // "The centre will focus on…": what a centre does, not what an event discussed
		}
		e := d.eventNear(s, c, ev)
		from := c[1]
		for from < s.to && d.is(from, "auxiliary") {
			from++ // "Обсъдени бяха …", "Discussed were …": the verb's auxiliary is no part of a topic
		}
		items := d.conceptList(s, from)
		if len(items) == 0 || d.occStartsAt(c[1], eventKinds) {
			items = d.conceptListBefore(s, c[0]) // "Енергийните общности бяха във фокуса на семинар": the topic before
		}
		for _, it := range items {
			if t, ok := d.concept(s, it, "TOPIC", "cue:discussed"); ok {
				d.relate(s, e, t, "DISCUSSED", "cue:discussed", 0.7, nil)
			}
		}
	}
}

// orgBetweenKinds reports whether an occurrence of the kinds stands in tokens [from, to).
func (d *doc) orgBetweenKinds(from, to int, ks kinds) bool {
	return slices.ContainsFunc(d.near(from, to), func(o occ) bool { return ks.has(o.kind) && o.from >= from && o.to <= to })
}

// subjectOf reports whether o opens its sentence (its subject).
func (d *doc) subjectOf(s sent, o occ) bool {
	x, ok := d.subject(s, kinds{o.kind})
	return ok && x.from == o.from
}

// onlyWords reports whether tokens [from, to) are words and no names: "the twin city of", "the
// neighbouring".
func (d *doc) onlyWords(from, to int) bool {
	for j := from; j < to; j++ {
		if !d.toks[j].word || d.toks[j].cap || d.covered(j, j+1) {
			return false
		}
	}
	return true
}

// occStartsAt reports whether an occurrence of the kinds starts at token j (a determiner or two
// before it aside).
func (d *doc) occStartsAt(j int, ks kinds) bool {
	_, ok := d.after(d.sentenceOf(j), j, 2, ks)
	return ok
}

// visited: the centres a cue of visiting names ("посетиха", "разгледаха", "visited", "toured",
// "a visit to", "επισκέφθηκε", "ξεναγήθηκε στο"), visited by the event the sentence speaks of.
func (d *doc) visited(s sent) {
	ev, ok := d.focusEvent(s)
	if !ok {
		return
	}
	for _, c := range d.cues(s, "visited") {
		if o, ok := d.after(s, c[1], 8, centreKinds); ok {
			for _, x := range d.listFrom(s, o, centreKinds) {
				d.relate(s, d.eventNear(s, c, ev), x, "VISITED", "cue:visited", 0.75, nil)
			}
		} else if city, ok := d.after(s, c[1], 3, placeKinds); ok && city.kind == "CITY" && d.onlyWords(c[1], city.from) {
			d.relate(s, d.eventNear(s, c, ev), city, "HELD_IN", "cue:visited-city", 0.65, nil) // "посети … град Ивано-Франкивск"
		}
	}
}

// introduced: the organisations a cue of being introduced ("се запознаха с работата на
// центъра", "introduced the guests to the centre's work", "γνώρισαν από κοντά το έργο του
// Κέντρου") puts before a centre: its subject, or the text's visitors when the subject is a group
// ("Гостите", "the guests", "Τα στελέχη του λαρισινού δήμου").
func (d *doc) introduced(s sent) {
	for _, c := range d.cues(s, "introduced") {
		centre, ok := d.after(s, c[1], 10, centreKinds)
		if !ok { // "с услугите на DigiLab Vratsa се запознаха … общините Ловеч и Троян": the centre first, who after
			if x, found := d.before(s, c[0], 4, centreKinds); found {
				if o, ok := d.after(s, c[1], 12, orgKinds); ok {
					for _, w := range d.listFrom(s, o, orgKinds) {
						d.relate(s, w, x, "INTRODUCED_TO", "cue:introduced", 0.65, nil)
					}
				}
				continue
			}
		}
		if !ok && (d.is(d.firstWord(s), "there") || d.in(d.en, d.firstWord(s), "there")) {
			centre, ok = d.last(c[0], centreKinds) // "Εκεί τα μέλη της αποστολής ενημερώθηκαν…": there is the centre
		}
		if !ok {
			continue
		}
		who := d.agentsBefore(s, c[0], orgKinds)
		if len(who) == 0 {
			if o, ok := d.after(s, s.from, 3, orgKinds); ok && o.to <= c[0] { // "Για τον Δήμο Σερρών, …, η γνωριμία με…"
				who = []occ{o}
			}
		}
		if len(who) == 0 { // "The guests from Niš were introduced to …": those the sentence names through their people
			for _, o := range d.envoys(s) {
				if o.to <= c[0] {
					who = append(who, o)
				}
			}
		}
		if len(who) == 0 {
			who = d.visitors(centre)
		}
		for _, o := range who {
			d.relate(s, d.asOrganisation(o), centre, "INTRODUCED_TO", "cue:introduced", 0.7, nil)
		}
	}
}

// agentsBefore returns the list of the kinds that is the subject of a cue: it ends within six
// tokens before the cue, in its clause.
func (d *doc) agentsBefore(s sent, j int, ks kinds) []occ {
	os := d.inSentence(s)
	for k := len(os) - 1; k >= 0; k-- {
		o := os[k]
		if o.to > j {
			continue
		}
		if j-o.to > 6 || d.crossesClause(o.to, j) && !d.relativeSubject(o.to, j) {
			return nil
		}
		if o.kind == "CITY" && d.aside(o) {
			continue // "Стартъпът X от Варна представи": Varna is where, not who
		}
		if ks.has(o.kind) {
			return d.listEnding(s, o, ks)
		}
	}
	return nil
}

// aside reports whether a place stands aside: after "from", "in" or a bracket.
func (d *doc) aside(o occ) bool {
	k := o.from - 1
	return k >= 0 && (d.is(k, "from") || d.is(k, "in") || d.punct(k, "(") || d.toks[k].latin && (d.in(d.en, k, "from") || d.in(d.en, k, "in")))
}

// relativeSubject reports whether tokens [from, to) are only a relative pronoun (with brackets
// and commas) before a cue: "the Central Union … (KEDE), which was represented at": the
// antecedent is the cue's subject.
func (d *doc) relativeSubject(from, to int) bool {
	rel := false
	for j := from; j < to; j++ {
		switch {
		case d.is(j, "relative") || d.toks[j].latin && d.in(d.en, j, "relative"):
			rel = true
		case d.punct(j, ",()") || d.toks[j].upper || d.is(j, "stop") || d.in(d.en, j, "stop"):
		default:
			return false
		}
	}
	return rel
}

// visitors are the organisations the text names through their delegations and representatives,
// but those that founded or run the centre visited (the hosts).
func (d *doc) visitors(centre occ) []occ {
	var out []occ
	for _, s := range d.sents {
		for _, o := range d.envoys(s) {
			if !slices.ContainsFunc(out, func(x occ) bool { return x.id == o.id }) && !d.hostOf(o, centre) {
				out = append(out, o)
			}
		}
	}
	return out
}

// hostOf reports whether an organisation founded the centre, or hosted the text's event.
func (d *doc) hostOf(o, centre occ) bool {
	return slices.ContainsFunc(d.rels, func(r RelProposal) bool {
		return r.From == o.id && (r.Type == "FOUNDED" && r.To == centre.id || strings.HasPrefix(r.Rule, "cue:hosted"))
	})
}
