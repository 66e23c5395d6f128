package ingest

import (
	"slices"
	"strings"
	"unicode"
)

// What is described rather than named: topics a discussion lists, the domains a centre works in or
// a practice belongs to, the practices presented, the units a centre has. Their names are the
// phrases the text uses ("енергийната ефективност на общинските сгради", "waste management"),
// read here by conceptList and made entities by concept; frames_practices.go, frames_units.go
// and the topics of frames_event.go use them.

// conceptList reads the phrases listed from token j: items parted by commas and "and" words, each
// without its leading determiner or preposition ("στην τηλεϊατρική, στις μεταφορές και στην
// εκπαίδευση"), up to the end of the list (the sentence's end, a clause's start, a name of
// another kind).
func (d *doc) conceptList(s sent, j int) [][2]int {
	if d.punct(j, "„«“\"") { // "на тема „…“": the quoted title is one item
		if q := d.closingQuote(s, j); q > j+1 && q-j-1 <= 12 {
			return [][2]int{{j + 1, q}}
		}
	}
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
	return slices.ContainsFunc(d.near(k, k+1), func(o occ) bool { return o.refers && o.from <= k && k < o.to })
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
	case t.word && !first && (d.is(k, "by") || d.in(d.en, k, "by")) && d.occStartsAt(k+1, orgKinds):
		return true // "καλές πρακτικές από τον Δήμο …": the agent is no part of what it did
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
	for _, o := range d.near(it[0], it[0]+1) {
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
	for _, o := range d.near(from, to) {
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
	d.occsChanged()
}
