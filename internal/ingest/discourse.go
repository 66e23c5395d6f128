package ingest

import (
	"slices"
	"strconv"
	"strings"
)

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
			if !ok && hs[0].kind == "EVENT" && !hs[0].plural {
				// "Семинарът се финансира по…" with no event named before: the head names the
				// text's event
				d.addEntity(cand{kind: "EVENT", rule: d.lang + "-event-by-head", confidence: byCommonHead, headAt: -1, lemma: hs[0].base},
					hs[0].base, i, i+len(hs[0].words))
				continue
			}
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
	// (a Bulgarian head with its article has no adjective before it: the article would be the
	// adjective's, so "През годината центърът" is "the year", then "the centre")
	if i-1 >= s.from && d.toks[i-1].word && !d.toks[i-1].cap && d.adjective(lx, i-1) && !d.in(lx, i-1, "determiner") && !(lx.lang == "bg" && h.inflected) {
		return false
	}
	j := i + len(h.words)
	if (d.in(lx, j, "of") || d.in(lx, j, "joiner")) && j+1 < s.to && d.capital(j+1) && lx.lang == "el" {
		return false // "το έργο του Κέντρου": the centre's work, not a project named before
	}
	if j < s.to && d.toks[j].word && !d.toks[j].cap && !d.in(lx, j, "stop") && !d.in(lx, j, "joiner") &&
		!d.in(lx, j, "relative") && !d.verb(lx, j) && !d.isCueStart(s, j) && (lx.lang != "el" || d.genitive(lx, j)) && lx.lang != "en" &&
		(lx.lang != "bg" || d.adjective(lx, j)) { // (a Bulgarian noun takes no bare word after it but an adjective: "Академията обучи" is the academy)
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
	"presented", "founded-by", "founded-active", "opened-doors", "located", "offices", "partners", "signed", "to-found", "funded-by", "framed", "benefits", "beneficiaries", "receives",
	"supports", "supported-by", "offices", "expertise", "domain-of", "combines", "trains", "units", "contributes"}

// pronouns: a sentence that opens with a pronoun ("It is financed by…", "Той разполага с…",
// "Αυτό…") speaks of the subject of the sentence before it.
func (d *doc) pronouns() {
	for i, s := range d.sents {
		j := d.firstWord(s)
		for k := j; k < s.to && k <= j+3 && !d.covered(k, k+1) && d.toks[k].word; k++ {
			if d.is(k, "pronoun") || d.toks[k].latin && d.in(d.en, k, "pronoun") {
				j = k // "През ноември тя беше представена…": after a phrase of time
				break
			}
		}
		if i == 0 || d.covered(j, j+1) || !d.is(j, "pronoun") && !(d.toks[j].latin && d.in(d.en, j, "pronoun")) {
			continue
		}
		if o, ok := d.subject(d.sents[i-1], kinds{"CENTRE", "ORGANISATION", "PROGRAMME", "EVENT", "PRACTICE", "UNIT"}); ok {
			d.addOcc(occ{id: o.id, kind: o.kind, category: o.category, from: j, to: j + 1, refers: true, known: o.known})
		}
	}
}

// firstPerson: a text written in the first person plural of an organisation (a centre's year in
// review, a council's own news: "we hosted…", "our units") speaks of the organisation or centre its
// headline names first. Each first-person word outside a quotation then refers to it, when the
// text has two such words at least (a quoted "we" is the speaker's).
func (d *doc) firstPerson() {
	if len(d.sents) < 2 {
		return
	}
	var author occ
	for _, o := range d.inSentence(d.sents[0]) {
		if (o.kind == "CENTRE" || o.kind == "ORGANISATION") && o.id != "" && !o.refers {
			author = o
			break
		}
	}
	if author.id == "" {
		return
	}
	var at []int
	for _, s := range d.sents {
		for k := s.from; k < s.to; k++ {
			if (d.is(k, "we") || d.toks[k].latin && d.in(d.en, k, "we")) && !d.covered(k, k+1) && !d.insideSpeech(s, k) {
				at = append(at, k)
			}
		}
	}
	if len(at) < 2 {
		return
	}
	for _, k := range at {
		d.addOcc(occ{id: author.id, kind: author.kind, category: author.category, from: k, to: k + 1, refers: true, known: author.known})
	}
}

// insideSpeech reports whether token k stands inside quotation marks opened in its sentence (an odd
// number of them before it).
func (d *doc) insideSpeech(s sent, k int) bool {
	n := 0
	for j := s.from; j < k; j++ {
		if d.punct(j, "\"“”„«»") {
			n++
		}
	}
	return n%2 == 1
}

// referent is the entity a head word alone at token i speaks of.
func (d *doc) referent(i int, hs []head) (occ, bool) {
	var byLemma, byKind occ
	lemma, kind := false, false
	for _, o := range d.occs {
		if o.id == "" || o.to > i || d.inside(o) || !d.referable(o) {
			continue
		}
		for _, h := range hs {
			if h.plural && h.kind != "EVENT" || h.properOnly {
				continue // "областта" alone is no region named before
			}
			if slices.Contains(d.lemmaOf(o), h.base) {
				byLemma, lemma = o, true
			}
			if o.kind == h.kind && (h.category == "" || h.category == "OTHER" || o.category == h.category) && !d.otherLemma(o, h) {
				byKind, kind = o, true // "the council" is the last council, not the last university
			}
		}
	}
	if lemma {
		return byLemma, true
	}
	return byKind, kind
}

// otherLemma reports whether a head word of projects ("the project", "проектът", "το έργο") would
// speak of a programme named by a head word of funders ("… Cohesion Policy Programme", "фонд"):
// a project is not the programme that funds it.
func (d *doc) otherLemma(o occ, h head) bool {
	if o.kind != "PROGRAMME" || !d.lx.list("project-word").has(plain(h.base)) && !d.en.list("project-word").has(plain(h.base)) {
		return false
	}
	for _, l := range d.lemmaOf(o) {
		if d.lx.list("funder-word").has(plain(l)) || d.en.list("funder-word").has(plain(l)) {
			return true
		}
	}
	return false
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
	if pos := d.ofKind("EVENT"); len(pos) > 0 {
		return d.occs[pos[0]], true
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
	out := d.envoysNamed(s)
	for j := s.from; j < s.to; j++ {
		if n := max(d.match(j, "envoy"), d.en.list("envoy").matchAt(d.toks, j)); n > 0 {
			k := j + n
			if d.is(k, "of") || d.in(d.en, k, "of") {
				k++
			}
			for _, o := range d.group(s, k) { // "представители на всички партньори", "кметовете на четирите общини"
				out = d.addOrg(out, o.id)
			}
		}
	}
	return out
}

// envoysNamed are the organisations a sentence names through their people, by name (read once a
// sentence: visitors ask for every sentence's).
func (d *doc) envoysNamed(s sent) []occ {
	if out, ok := d.envoyCache[s.Start]; ok {
		return out
	}
	out := d.readEnvoys(s)
	d.envoyCache[s.Start] = out
	return out
}

func (d *doc) readEnvoys(s sent) []occ {
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
		if d.punct(k, ",") && (d.is(k+1, "envoy-of") || d.in(d.en, k+1, "envoy-of")) {
			k++ // "The winning team, from the University of X, …"
		}
		for k < s.to && k < j+n+4 && d.toks[k].word && !d.covered(k, k+1) && (d.is(k, "of") || d.in(d.en, k, "of") || d.is(k, "envoy-of") ||
			d.is(k, "determiner") || d.in(d.en, k, "determiner") || d.adjective(d.lexOf(k), k)) {
			k++
		}
		if o, ok := d.after(s, k, 0, kinds{"ORGANISATION", "CITY"}); ok {
			for _, x := range d.listFrom(s, o, kinds{"ORGANISATION", "CITY"}) {
				x = d.asOrganisation(x) // "кметът на Русе": the municipality of Ruse, when the text names it
				if x.kind == "ORGANISATION" && !slices.ContainsFunc(out, func(y occ) bool { return y.id == x.id }) {
					out = append(out, x)
				}
			}
		}
	}
	return out
}

// group reads a group word at token j ("всички партньори", "двете общини", "των έξι φορέων",
// "the two municipalities") and returns the organisations it speaks of: the text's partners, its
// municipalities (those it names through delegations first), as many as the group's number says
// when it says one.
func (d *doc) group(s sent, j int) []occ {
	n := 0
	k := j
	definite := false // "общини", "municipalities" alone are any; "общините", "the two municipalities" those named
	for k < s.to && k < j+4 && d.toks[k].word {
		t := d.toks[k]
		switch {
		case (d.is(k, "group-partners") || d.in(d.en, k, "group-partners")) && (definite || d.definiteForm(k)):
			return d.sized(d.partnerSet(), n)
		case (d.is(k, "group-municipalities") || d.in(d.en, k, "group-municipalities")) && (definite || d.definiteForm(k)):
			if g := d.sized(d.visitingMunicipalities(), n); len(g) > 0 {
				return g
			}
			return d.sized(d.municipalities(), n)
		case d.is(k, "number") || d.in(d.en, k, "number") && t.latin:
			n, definite = d.numberAt(k), true
		case t.digit:
			n, _ = strconv.Atoi(t.text)
			definite = true
		case d.is(k, "determiner") || d.in(d.en, k, "determiner") || d.is(k, "all") || d.in(d.en, k, "all"):
			definite = true
		case d.is(k, "and") || d.adjective(d.lexOf(k), k) && !t.cap:
			definite = definite || d.definiteForm(k)
		default:
			return nil
		}
		k++
	}
	return nil
}

// definiteForm reports whether a Bulgarian word carries the definite article ("общините",
// "партньорите"): Bulgarian marks it on the word, the other languages by a determiner before it.
func (d *doc) definiteForm(k int) bool {
	if d.lexOf(k).lang != "bg" {
		return false
	}
	w := d.toks[k].plain
	for _, e := range []string{"те", "та", "то", "ят", "ът"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// numberAt is the number a number word says ("двете" 2, "έξι" 6, "four" 4): its place in the
// lexicon's list of its language's numbers (two to ten).
func (d *doc) numberAt(k int) int {
	lx := d.lexOf(k)
	for i, w := range lx.ordered("number") {
		for _, f := range strings.Split(w, "|") {
			if d.toks[k].plain == f {
				return i + 2
			}
		}
	}
	return 0
}

// sized keeps a group when it has as many members as its number says (any number, if none).
func (d *doc) sized(g []occ, n int) []occ {
	if len(g) == 0 || n > 0 && len(g) != n {
		return nil
	}
	return g
}

// partnerSet is every organisation the text makes a partner of another.
func (d *doc) partnerSet() []occ {
	var out []occ
	for _, r := range d.rels {
		if r.Type == "PARTNER_OF" {
			out = d.addOrg(out, r.From)
			out = d.addOrg(out, r.To)
		}
	}
	return out
}

// municipalities are the municipalities the text names.
func (d *doc) municipalities() []occ {
	var out []occ
	for _, o := range d.occs {
		if o.category == "MUNICIPALITY" && o.id != "" && !o.refers {
			out = d.addOrg(out, o.id)
		}
	}
	return out
}

// visitingMunicipalities are the municipalities the text names through their delegations.
func (d *doc) visitingMunicipalities() []occ {
	var out []occ
	for _, s := range d.sents {
		for _, o := range d.envoysNamed(s) {
			if o.category == "MUNICIPALITY" {
				out = d.addOrg(out, o.id)
			}
		}
	}
	return out
}

// addOrg adds the first occurrence of an entity to a list, once.
func (d *doc) addOrg(out []occ, id string) []occ {
	if slices.ContainsFunc(out, func(o occ) bool { return o.id == id }) {
		return out
	}
	for _, o := range d.occs {
		if o.id == id && !o.refers {
			return append(out, o)
		}
	}
	return out
}

// titled are the organisations a sentence names through a person's title alone ("Deputy Mayor
// Pavel Marinov presented…", "в присъствието на министъра на регионалното развитие"): the one of
// the title's category the sentence names, else the only one of it the text names.
func (d *doc) titled(s sent) []occ {
	var out []occ
	for j := s.from; j < s.to; j++ {
		for list, category := range map[string]string{"title-municipality": "MUNICIPALITY", "title-ministry": "MINISTRY", "title-academia": "ACADEMIA"} {
			if n := max(d.match(j, list), d.en.list(list).matchAt(d.toks, j)); n > 0 {
				if o, ok := d.ofCategory(s, category); ok {
					out = d.addOrg(out, o.id)
				}
				j += n - 1
			}
		}
	}
	return out
}

// ofCategory is the organisation of a category the sentence names, else the text's only one.
func (d *doc) ofCategory(s sent, category string) (occ, bool) {
	var in, all []occ
	for _, o := range d.occs {
		if o.kind != "ORGANISATION" || o.category != category || o.id == "" {
			continue
		}
		if o.from >= s.from && o.to <= s.to {
			in = d.addOrg(in, o.id)
		}
		all = d.addOrg(all, o.id)
	}
	switch {
	case len(in) == 1:
		return in[0], true
	case len(in) == 0 && len(all) == 1:
		return all[0], true
	}
	return occ{}, false
}
