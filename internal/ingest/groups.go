package ingest

import (
	"slices"
	"strings"
	"unicode"

	"urbangraph/internal/translit"
)

// Names a text gives by other means than a head word, and groups it describes without naming
// their members: an acronym's expansion ("Joint Research Centre (JRC)"), each presenter's
// practices ("представиха своите добри практики"), an organisation's partners ("Община Солун,
// нейните партньори"), a centre's teams ("поддържа екипи"), collectives ("академичната
// общност", "start-ups").

// acronymNames reads "words (ACRONYM)" where no name was found before the bracket: the acronym
// is the initials of the words before it (joining words aside), as Schwartz and Hearst's rule
// has it, and the words are the name of an organisation, a centre or a programme (by its words).
func (d *doc) acronymNames() {
	for _, s := range d.sents {
		for j := s.from + 1; j+2 < s.to; j++ {
			if !d.punct(j, "(") || !d.punct(j+2, ")") || !d.toks[j+1].upper {
				continue
			}
			acr := d.toks[j+1].text
			if d.covered(j-1, j) {
				continue // a name stands before it: bracketAlias made the acronym its alias
			}
			from := d.expansion(s, j, acr)
			if from < 0 {
				continue
			}
			name := d.text(from, j)
			kind := acronymKind(name)
			d.addEntity(cand{kind: kind, rule: "acronym-expansion", confidence: 0.7, headAt: -1, aliases: []string{acr}}, name, from, j)
		}
	}
}

// expansion returns the first token of the shortest run of words before the bracket at j whose
// initials spell the acronym, or -1.
func (d *doc) expansion(s sent, j int, acr string) int {
	want := []rune(translit.Plain(acr))
	var initials []rune
	for k := j - 1; k >= s.from && j-k <= 14; k-- {
		t := d.toks[k]
		if !t.word {
			if d.punct(k, ",") {
				continue
			}
			break
		}
		if d.is(k, "joiner") || d.in(d.en, k, "joiner") {
			continue
		}
		r := []rune(t.plain)[0]
		initials = append([]rune{unicode.ToLower(r)}, initials...)
		if len(initials) > len(want) {
			break
		}
		if string(initials) == string(want) {
			return k
		}
	}
	return -1
}

// acronymKind guesses an expanded name's kind by its words.
func acronymKind(name string) string {
	lower := strings.ToLower(name)
	switch {
	case containsAny(lower, []string{"fund", "programme", "program", "фонд", "програма", "ταμείο", "πρόγραμμα"}):
		return "PROGRAMME"
	case containsAny(lower, []string{"centre", "center", "център", "κέντρο"}):
		return "CENTRE"
	}
	return "ORGANISATION"
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// namedByWords: names the lexicon lists ("европейските фондове", "European funds": programmes
// by a common noun, capitals or not).
func (d *doc) namedByWords() {
	for _, s := range d.sents {
		for j := s.from; j < s.to; j++ {
			n := d.match(j, "named-programme")
			if n == 0 && d.toks[j].latin {
				n = d.en.list("named-programme").matchAt(d.toks, j)
			}
			if n == 0 || d.covered(j, j+n) {
				continue
			}
			d.addEntity(cand{kind: "PROGRAMME", rule: "named-programme", confidence: 0.7, headAt: -1}, d.text(j, j+n), j, j+n)
			j += n - 1
		}
	}
}

// collectives: the groups a text names by a common noun ("академичната общност", "стартиращи
// компании", "start-ups", "νεοφυείς επιχειρήσεις"), each an organisation that stands for a group.
func (d *doc) collectives() {
	for _, s := range d.sents {
		for j := s.from; j < s.to; j++ {
			n := d.match(j, "collective")
			if n == 0 && d.toks[j].latin {
				n = d.en.list("collective").matchAt(d.toks, j)
			}
			if n == 0 || d.covered(j, j+n) {
				continue
			}
			name := d.text(j, j+n)
			category := "OTHER"
			switch f := translit.Fold(name); {
			case strings.Contains(f, "akadem") || strings.Contains(f, "academ"):
				category = "ACADEMIA"
			case strings.Contains(f, "start") || strings.Contains(f, "neofye"):
				category = "START_UP"
			}
			d.addEntity(cand{kind: "ORGANISATION", category: category, rule: "collective", confidence: 0.6, headAt: -1}, name, j, j+n)
			if e := d.entity(d.occAtID(j)); e != nil {
				e.Collective = true
			}
			j += n - 1
		}
	}
}

// occAtID is the ID of the entity named at token j, or "".
func (d *doc) occAtID(j int) string {
	if o, ok := d.occAt(j); ok {
		return o.id
	}
	return ""
}

// ownPractices: "X, Y и Z представиха своите добри практики за градско развитие": each presenter
// presented practices of its own, described and not named — one entity each, tied to it.
func (d *doc) ownPractices(s sent, c [2]int, who []occ) bool {
	k := c[1]
	if !d.is(k, "own") && !d.in(d.en, k, "own") {
		return false
	}
	items := d.conceptList(s, k+1)
	if len(items) == 0 || len(who) == 0 || !d.pluralPractice(items[0]) {
		return false
	}
	it := items[0]
	phrase := d.text(it[0], it[1])
	ev, hasEvent := d.focusEvent(s)
	for _, o := range who {
		o = d.asOrganisation(o)
		name := byWhom(phrase, d.nameAt(o), d.lang)
		d.addEntity(cand{kind: "PRACTICE", rule: "practices-presented", confidence: 0.65, headAt: -1}, name, it[0], it[1])
		p, ok := d.occNamed(name, it[0])
		if !ok {
			continue
		}
		if e := d.entity(p.id); e != nil {
			e.Unnamed, e.Collective = true, true
		}
		d.relate(s, o, p, "PRESENTED", "practices-presented", 0.7, nil)
		if hasEvent {
			d.relate(s, p, d.eventNear(s, c, ev), "PRESENTED_AT", "practices-presented", 0.7, nil)
			d.relate(s, o, d.eventNear(s, c, ev), "PARTICIPATED_IN", "presenter", 0.7, nil)
		}
		d.describedDomains(s, p)
	}
	return true
}

// pluralPractice reports whether a phrase holds a practice's head in the plural ("добри
// практики", "good practices"): practices described, not named.
func (d *doc) pluralPractice(it [2]int) bool {
	for j := it[0]; j < it[1]; j++ {
		for _, h := range d.headsAt(j) {
			if h.kind == "PRACTICE" && h.plural {
				return true
			}
		}
	}
	return false
}

// occNamed returns the occurrence at token from of the entity named name.
func (d *doc) occNamed(name string, from int) (occ, bool) {
	for _, e := range d.ents {
		if e.Name == name {
			for _, o := range d.near(from, from+1) {
				if o.id == e.ID && o.from == from {
					return o, true
				}
			}
		}
	}
	return occ{}, false
}

// byWhom names practices by who presented them: "добри практики за градско развитие, представени
// от Община Пловдив".
func byWhom(phrase, who, lang string) string {
	switch lang {
	case "bg":
		return phrase + ", представени от " + who
	case "el":
		return phrase + " που παρουσίασε " + who
	}
	return phrase + " presented by " + who
}

// ofWhom names a group by whose it is: "партньорите на Община Солун".
func ofWhom(group, whose, lang string) string {
	switch lang {
	case "bg":
		return group + " на " + whose
	case "el":
		return group + " του " + whose
	}
	return group + " of " + whose
}

// partnersOf: "Община Солун, нейните партньори" — the partners of the organisation just named,
// described and not named.
func (d *doc) partnersOf(s sent) {
	for j := s.from + 1; j < s.to; j++ {
		n := d.match(j, "their-partners")
		if n == 0 && d.toks[j].latin {
			n = d.en.list("their-partners").matchAt(d.toks, j)
		}
		if n == 0 {
			continue
		}
		k := j - 1
		for k > s.from && (d.punct(k, ",") || d.is(k, "and") || d.in(d.en, k, "and")) {
			k--
		}
		o, ok := d.occAt(k)
		if !ok || o.to != k+1 || o.kind != "ORGANISATION" {
			continue
		}
		name := ofWhom(partnersWord[d.lang], d.nameAt(o), d.lang)
		d.addEntity(cand{kind: "ORGANISATION", rule: "partners-of", confidence: 0.6, headAt: -1}, name, j, j+n)
		if p, ok := d.occNamed(name, j); ok {
			if e := d.entity(p.id); e != nil {
				e.Unnamed, e.Collective = true, true
			}
			d.relate(s, p, o, "PARTNER_OF", "partners-of", 0.6, nil)
		}
	}
}

var partnersWord = map[string]string{"bg": "партньорите", "en": "partners", "el": "εταίροι"}

// teams: "Центърът … поддържа екипи, които…": teams of the centre the sentence is about,
// described and not named.
func (d *doc) teams(s sent) {
	for _, c := range d.cues(s, "teams") {
		centre, ok := d.subject(s, centreKinds)
		if !ok {
			if centre, ok = d.before(s, c[0], 25, centreKinds); !ok {
				continue
			}
		}
		name := ofWhom(d.text(c[1]-1, c[1]), d.nameAt(centre), d.lang)
		d.addEntity(cand{kind: "UNIT", rule: "teams-of", confidence: 0.55, headAt: -1}, name, c[1]-1, c[1])
		if u, ok := d.occNamed(name, c[1]-1); ok {
			if e := d.entity(u.id); e != nil {
				e.Unnamed, e.Collective = true, true
			}
			d.relate(s, centre, u, "HAS_UNIT", "teams-of", 0.55, nil)
		}
	}
}

// nameAt is the name of the entity an occurrence names: a new entity's name, else the text's.
func (d *doc) nameAt(o occ) string {
	if e := d.entity(o.id); e != nil {
		return e.Name
	}
	return d.text(o.from, o.to)
}

// listedUnits: a unit's head before names ("отдели STEM и Robotics", "отдел за обучение – Cisco
// Networking Academy"): the names are units.
func (d *doc) listedUnits(s sent) {
	for _, o := range d.inSentence(s) {
		if o.kind != "UNIT" || o.known {
			continue
		}
		e := d.entity(o.id)
		if e == nil || e.Confidence > byCommonHead {
			continue
		}
		k := o.to
		if d.punct(k, "–-—,") {
			k++ // "отдел за обучение – Cisco Networking Academy", "a department for ocean data, Blue Data Lab,"
		}
		next, ok := d.occAt(k)
		if !ok || next.from != k || next.known {
			continue
		}
		ne := d.entity(next.id)
		if ne == nil || ne.Kind == "UNIT" || ne.Category == "MUNICIPALITY" {
			continue
		}
		for _, x := range d.listFrom(s, next, kinds{ne.Kind}) {
			if xe := d.entity(x.id); xe != nil && !x.known && xe.Category != "MUNICIPALITY" {
				d.retype(xe, "UNIT", "", "named-after-unit", 0.6)
			}
		}
		if d.places(o.id) == 1 && slices.Contains([]string{"bg-common-unit", "el-common-unit", "en-common-unit"}, e.Rule) {
			d.dropEntity(o.id) // "отдели", "отдел за обучение –" only said what the names are
		}
	}
}
