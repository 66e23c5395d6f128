package ingest

import (
	"slices"
	"strings"
)

// Typing: before the relations are read, what a text says of a name settles its kind where the
// name alone could not: a description after it ("Näsi Urban Lab – градска лаборатория",
// "SILVER-MOVE, a Horizon Europe project", "Strijp Urban Living Lab, ένα «ζωντανό εργαστήριο»"),
// a cue before it (what was presented is a practice; what funds is a programme), a head before it
// with a comma ("The procedure, "Energy Efficiency in …""). A description is no entity of its
// own: its head word becomes a word the entity is spoken of by ("лабораторията").

// typeNames runs the typing rules over every sentence.
func (d *doc) typeNames() {
	for _, s := range d.sents {
		d.describedNames(s)
		d.listedUnits(s)
		d.presentedNames(s)
		d.funderNames(s)
		d.eventsByTheirVerbs(s)
	}
}

// eventsByTheirVerbs: a noun that names a lab or a workshop alike ("εργαστήριο", "работилница")
// is an event where a verb of events governs it ("φιλοξένησε το δεύτερο διασυνοριακό εργαστήριο",
// "Στο εργαστήριο συμμετείχαν") or an ordinal counts it.
func (d *doc) eventsByTheirVerbs(s sent) {
	for _, o := range d.inSentence(s) {
		if o.known || o.kind == "EVENT" || !d.lemmaIn(o, "event-or-unit") {
			continue
		}
		governed := false
		for _, list := range []string{"hosted", "organised", "participated", "held"} {
			for _, c := range d.cues(s, list) {
				if c[1] <= o.from && o.from-c[1] <= 4 || o.to <= c[0] && c[0]-o.to <= 2 {
					governed = true
				}
			}
		}
		for k := o.from; k < o.to && !governed; k++ {
			governed = d.is(k, "ordinal-word") || d.toks[k].digit
		}
		if e := d.entity(o.id); governed && e != nil {
			d.retype(e, "EVENT", "", d.lang+"-event-by-verb", byCommonHead)
			if same := d.sameEvent(nameKey(e.Name)); same != nil && same != e && d.lemmaIn(occ{id: same.ID}, "event-or-unit") {
				d.mergeInto(e, same) // "το δεύτερο διασυνοριακό εργαστήριο …", then "Στο εργαστήριο"
			}
		}
	}
}

// lemmaIn reports whether a head word an occurrence's entity is named with is in a list.
func (d *doc) lemmaIn(o occ, list string) bool {
	for _, l := range d.lemmas[o.id] {
		if d.lx.list(list).has(plain(l)) || d.en.list(list).has(plain(l)) {
			return true
		}
	}
	return false
}

// describedNames: a name followed by a dash or a comma and a common noun phrase whose head is a
// head word (with an indefinite article in English and Greek, none in Bulgarian) is described by
// it.
func (d *doc) describedNames(s sent) {
	for _, o := range d.inSentence(s) {
		j := o.to
		copula := j+1 < s.to && (d.is(j, "copula") || d.toks[j].latin && d.in(d.en, j, "copula")) &&
			(d.is(j+1, "indefinite") || d.in(d.en, j+1, "indefinite")) // "ZEROBUILD is an Interreg Europe project"
		if !d.punct(j, "–-—,") && !copula || d.known(o) {
			continue
		}
		if e := d.entity(o.id); e != nil && strings.Contains(e.Rule, "-common-") && !d.toks[o.from].cap && d.punct(j, ",") {
			continue // "лаборатория за …, отдел за …": a list of common nouns, none describes another
		}
		if d.punct(j, ",") && (d.is(o.from-1, "indefinite") || d.in(d.en, o.from-1, "indefinite")) {
			continue // "three units: a Food Testing Laboratory, a Prototyping Workshop and …": a list
		}
		k := j + 1
		if d.punct(j, ",") && d.lang != "bg" && !d.is(k, "indefinite") && !d.in(d.en, k, "indefinite") && !d.in(d.en, k, "determiner") &&
			!(d.lang == "el" && d.is(k, "determiner") && d.is(k+1, "ordinal-word")) { // "…, ο πρώτος διαγωνισμός καινοτομίας"
			continue // "X, Y and Z" is a list, "X, a network…" a description
		}
		// only words that qualify a noun between: "– градска лаборатория", ", ένα «ζωντανό εργαστήριο»",
		// ", an Action Planning Network"
		indefinite := d.is(k, "indefinite") || d.in(d.en, k, "indefinite")
		for k < s.to && k <= j+5 && (d.toks[k].word && (!d.toks[k].cap || indefinite && d.toks[k].latin) && !d.isHeadWord(k) && d.qualifier(k) || d.punct(k, "«\"“")) {
			k++
		}
		for k+1 < s.to && d.isHeadWord(k) && d.isHeadWord(k+1) && d.toks[k+1].word && d.toks[k].latin {
			k++ // "Action Planning Network": the last head word is the description's
		}
		if k >= s.to || !d.isHeadWord(k) || d.toks[k].cap && !d.toks[k].latin {
			continue
		}
		h := d.headsAt(k)[0]
		e := d.entity(o.id)
		if e == nil {
			continue
		}
		if e.Confidence <= foreignName || e.Category == "NETWORK" && h.kind != "ORGANISATION" {
			d.retype(e, h.kind, h.category, "described-as-"+kindRule(h.kind), byClassifier)
		}
		d.addLemma(e.ID, h.base)
		d.dropDescription(j+1, k+len(h.words)+3, indefinite)
	}
}

// qualifier reports whether token k may stand in a description before its noun: an article, an
// adjective, a modifier, a number, a hyphenated word.
func (d *doc) qualifier(k int) bool {
	lx := d.lexOf(k)
	t := d.toks[k]
	return d.in(lx, k, "indefinite") || d.in(lx, k, "determiner") || d.adjective(lx, k) || d.in(lx, k, "modifier") || d.in(lx, k, "ordinal-word") ||
		t.digit || strings.Contains(t.text, "-") || lx.lang == "en" && !d.in(lx, k, "stop") && !d.verb(lx, k)
}

// known reports whether an occurrence names an entity the graph knows.
func (d *doc) known(o occ) bool { return o.known }

// isHeadWord reports whether a head word starts at token k.
func (d *doc) isHeadWord(k int) bool { return k < len(d.toks) && len(d.headsAt(k)) > 0 }

// inHead reports whether token j lies inside a head word's phrase ("Hall" in "City Hall").
func (d *doc) inHead(j int) bool {
	for k := j; k >= 0 && k >= j-3; k-- {
		for _, h := range d.headsAt(k) {
			if k+len(h.words) > j {
				return true
			}
		}
	}
	return false
}

// dropDescription forgets the common-noun entities proposed inside a description (tokens
// [from, to)) when that was their only place.
func (d *doc) dropDescription(from, to int, indefinite bool) {
	for _, o := range slices.Clone(d.occs) {
		if o.known || o.from < from || o.from >= to {
			continue
		}
		e := d.entity(o.id)
		if e != nil && strings.Contains(e.Rule, "classifier") && e.Kind == "PROGRAMME" {
			continue // "a Horizon Europe project": the programme it names stays
		}
		if e != nil && d.places(o.id) == 1 && (indefinite || e.Confidence <= byCommonHead && (e.Kind == "UNIT" || e.Kind == "EVENT" ||
			e.Kind == "PRACTICE" || e.Kind == "PROGRAMME" || e.Kind == "ORGANISATION" && e.Confidence <= foreignName)) {
			d.dropEntity(o.id) // "an Action Planning Network" describes what it follows; it names nothing
		}
	}
}

// places counts the places an entity is named.
func (d *doc) places(id string) int {
	n := 0
	for _, o := range d.occs {
		if o.id == id {
			n++
		}
	}
	return n
}

// presentedNames: a name right after a cue of presenting whose kind was a guess is a practice
// ("представи … ParkSZ", "presented Schoolyards for All", "παρουσίασε το πιλοτικό πρόγραμμα
// «Καθαρά Δίχτυα»").
func (d *doc) presentedNames(s sent) {
	for _, c := range d.cues(s, "presented") {
		for k := c[1]; k < s.to && k <= c[1]+7; k++ {
			if d.punct(k, ",.;:") || d.is(k, "relative") {
				break
			}
			o, ok := d.occAt(k)
			if !ok || o.from != k {
				continue
			}
			if e := d.entity(o.id); e != nil && !o.refers && d.practiceLike(e, k-c[1]) && e.Kind != "PRACTICE" {
				d.retype(e, "PRACTICE", "", "presented-name", 0.75)
			}
			break
		}
	}
}

// funderNames: a guessed name right after "funded by" and the like is a programme ("funded by
// URBACT IV"); a network a text says is funded is a project ("мрежата GreenPlaces, финансирана
// по…").
func (d *doc) funderNames(s sent) {
	for _, c := range d.cues(s, "funded-by") {
		if o, ok := d.after(s, c[1], 4, orgKinds); ok && (d.fundingGuess(o) || d.network(o)) {
			d.asProgramme(o)
		}
		if o, ok := d.before(s, c[0], 3, orgKinds); ok && d.network(o) {
			d.asProgramme(o)
		}
	}
	for _, c := range d.cues(s, "framed") {
		if o, ok := d.after(s, c[1], 2, orgKinds); ok && d.network(o) {
			d.asProgramme(o)
		}
	}
}
