package ingest

import "slices"

// What a text says across its sentences: a head word alone speaks of the last entity of its kind
// ("Центърът", "the lab", "το Κέντρο", "срещата"); a news item has a main event, the first it
// names, which a sentence without an event of its own speaks of ("Participants discussed…"); the
// people a text names for an organisation (its delegation, its representatives) stand for it.

// references adds, for every head word that stands alone (no name of its own around it), an
// occurrence of the entity it speaks of: the last one named or described with that head word
// ("Паркът" after "Технологичния парк „Янтра Тех“", "лабораторията" after "Näsi Urban Lab –
// градска лаборатория"), else the last one of its kind.
func (d *doc) references() {
	for _, s := range d.sents {
		for i := s.from; i < s.to; i++ {
			if d.covered(i, i+1) {
				continue
			}
			hs := d.headsAt(i)
			if len(hs) == 0 || !d.bareHead(s, i, hs[0]) {
				continue
			}
			o, ok := d.referent(i, hs)
			if !ok || d.covered(i, i+len(hs[0].words)) {
				continue
			}
			n := len(hs[0].words)
			d.addOcc(occ{id: o.id, kind: o.kind, category: o.category, from: i, to: i + n, refers: true, known: o.known})
			i += n - 1
		}
	}
}

// bareHead reports whether the head word at i stands alone: no adjective before it ("του
// πιλοτικού προγράμματος λεωφορείων" describes a new programme), no lower-case complement after it.
func (d *doc) bareHead(s sent, i int, h head) bool {
	lx := d.lexOf(i)
	if i-1 >= s.from && d.toks[i-1].word && !d.toks[i-1].cap && d.adjective(lx, i-1) && !d.in(lx, i-1, "determiner") {
		return false
	}
	j := i + len(h.words)
	if j < s.to && d.toks[j].word && !d.toks[j].cap && !d.in(lx, j, "stop") && !d.in(lx, j, "joiner") &&
		!d.in(lx, j, "relative") && !d.verb(lx, j) && !d.isCueStart(s, j) && (lx.lang != "el" || d.genitive(lx, j)) && lx.lang != "en" {
		return false
	}
	return true
}

// isCueStart reports whether a cue of any relationship starts at token j.
func (d *doc) isCueStart(s sent, j int) bool { return d.cueLen(s, j) > 0 }

// cueLen is the length of the longest cue of any relationship that starts at token j.
func (d *doc) cueLen(s sent, j int) int {
	n := 0
	for _, name := range cueLists {
		n = max(n, d.lx.list(name).matchAt(d.toks[:s.to], j))
	}
	return n
}

// cueLists are the lexicons' lists of relationship cues.
var cueLists = []string{"hosted", "organised", "participated", "gathered", "held", "holds", "discussed", "visited", "introduced",
	"presented", "founded-by", "founded-active", "located", "offices", "partners", "funded-by", "framed", "benefits", "receives",
	"supports", "supported-by", "expertise", "domain-of", "units", "contributes"}

// referent is the entity a head word alone at token i speaks of.
func (d *doc) referent(i int, hs []head) (occ, bool) {
	var byLemma, byKind occ
	lemma, kind := false, false
	for _, o := range d.occs {
		if o.id == "" || o.to > i || d.inside(o) || !d.referable(o) {
			continue
		}
		for _, h := range hs {
			if h.plural && h.kind != "EVENT" {
				continue
			}
			if slices.Contains(d.lemmaOf(o), h.base) {
				byLemma, lemma = o, true
			}
			if o.kind == h.kind {
				byKind, kind = o, true
			}
		}
	}
	if lemma {
		return byLemma, true
	}
	return byKind, kind
}

// lemmaOf is the head words an entity is named or described with: a new entity's, or those in
// a known entity's name as the text writes it.
func (d *doc) lemmaOf(o occ) []string {
	if !o.known {
		return d.lemmas[o.id]
	}
	var out []string
	for j := o.from; j < o.to; j++ {
		for _, h := range d.headsAt(j) {
			out = append(out, h.base)
		}
	}
	return out
}

// referable reports whether a head alone may speak of o: a known place never ("the city" is not
// the last city named: it says too little), anything else yes.
func (d *doc) referable(o occ) bool {
	return o.kind != "CITY" && o.kind != "COUNTRY"
}

// mainEvent is the event a text names first, if any.
func (d *doc) mainEvent() (occ, bool) {
	for _, o := range d.occs {
		if o.kind == "EVENT" && o.id != "" {
			return o, true
		}
	}
	return occ{}, false
}

// focusEvent is the event sentence s speaks of: one it names, else the one named last before it,
// else the main event.
func (d *doc) focusEvent(s sent) (occ, bool) {
	for _, o := range d.inSentence(s) {
		if o.kind == "EVENT" {
			return o, true
		}
	}
	if o, ok := d.last(s.from, kinds{"EVENT"}); ok {
		return o, true
	}
	return d.mainEvent()
}

// envoys are the organisations a text names through their people: "Делегация от Община X",
// "представители на Община X и Община Y", "Στελέχη του Δήμου X, του Δήμου Y", "A delegation of X",
// "the Mayor of X". They took part in what the text reports.
func (d *doc) envoys(s sent) []occ {
	var out []occ
	for j := s.from; j < s.to; j++ {
		n := d.match(j, "envoy")
		if n == 0 && d.toks[j].latin {
			n = d.en.list("envoy").matchAt(d.toks, j)
		}
		if n == 0 {
			continue
		}
		k := j + n
		for k < s.to && k < j+n+4 && d.toks[k].word && !d.covered(k, k+1) && (d.is(k, "of") || d.in(d.en, k, "of") ||
			d.is(k, "determiner") || d.in(d.en, k, "determiner") || d.adjective(d.lexOf(k), k)) {
			k++
		}
		if o, ok := d.after(s, k, 0, kinds{"ORGANISATION"}); ok {
			for _, x := range d.listFrom(s, o, kinds{"ORGANISATION"}) {
				if !slices.ContainsFunc(out, func(y occ) bool { return y.id == x.id }) {
					out = append(out, x)
				}
			}
		}
	}
	return out
}
