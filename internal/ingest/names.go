package ingest

import (
	"slices"
	"strings"
)

// cand is a name the rules found: tokens [from, to) with the part that is the name proper
// [nameFrom, nameTo) (the whole, or without a classifying head word: "проекта PORT-CLIMA" names
// PORT-CLIMA), its kind and the rule that found it.
type cand struct {
	from, to         int
	nameFrom, nameTo int
	kind, category   string
	rule             string
	confidence       float64
	head             string   // the head word's base form, when the head starts the name
	headAt           int      // the head's first token (-1 if none)
	lemma            string   // the head word's base form, wherever it stands
	aliases          []string // an acronym in brackets, a name in another script in brackets
	items            [][2]int // for a plural head before a list ("общините X, Y и Z"): each item
}

// Confidences of names by how their kind is known.
const (
	byHead       = 0.85 // a head word of the kind in the name: "Община", "Centre", "Πανεπιστήμιο"
	byClassifier = 0.8  // a classifying word before a proper name: "проекта PORT-CLIMA"
	byCommonHead = 0.75 // a common noun phrase of an event or a unit: "работно посещение"
	byShape      = 0.7  // an acronym-like project name, a foreign head word
	foreignName  = 0.5  // a Latin name in a Cyrillic or Greek text, kind unknown
	byCapitals   = 0.4  // capitalised words and nothing else: a reviewer decides
)

// findNames proposes the names of the text that the graph does not know, sentence by sentence.
func (d *doc) findNames() []cand {
	var out []cand
	for _, s := range d.sents {
		var cs []cand
		for i := s.from; i < s.to; i++ {
			for _, h := range d.headsAt(i) { // "лаборатория": a centre in a name, a unit alone
				if c, ok := d.headPhrase(s, i, h); ok {
					cs = append(cs, c)
					break
				}
			}
		}
		cs = append(cs, d.quotedNames(s)...)
		cs = append(cs, d.capitalRuns(s)...)
		out = append(out, d.choose(cs)...)
	}
	return out
}

// choose keeps, of overlapping candidates, the surest and then the longest; a candidate that only
// repeats a known name is left to the mention.
func (d *doc) choose(cs []cand) []cand {
	slices.SortStableFunc(cs, func(a, b cand) int {
		// A name that holds another about as sure wins: the quoted programme "Техническа помощ
		// … в община Стара Загора" over the municipality inside it.
		switch {
		case a.from <= b.from && b.to <= a.to && a.to-a.from > b.to-b.from && a.confidence >= b.confidence-0.1:
			return -1
		case b.from <= a.from && a.to <= b.to && b.to-b.from > a.to-a.from && b.confidence >= a.confidence-0.1:
			return 1
		case a.confidence != b.confidence:
			if a.confidence > b.confidence {
				return -1
			}
			return 1
		}
		return (b.to - b.from) - (a.to - a.from)
	})
	var out []cand
	for _, c := range cs {
		if slices.ContainsFunc(out, func(o cand) bool { return o.from < c.to && c.from < o.to }) {
			continue
		}
		if d.knownCovers(c.nameFrom, c.nameTo) {
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b cand) int { return a.from - b.from })
	return out
}

// knownCovers reports whether a known mention covers tokens [from, to) whole: the name is the
// graph's already.
func (d *doc) knownCovers(from, to int) bool {
	return slices.ContainsFunc(d.near(from, to), func(o occ) bool { return o.known && o.from <= from && to <= o.to })
}

// lexOf is the lexicon that reads token i: English for a Latin word in any text ("Näsi Urban
// Lab" in a Bulgarian sentence), else the text's.
func (d *doc) lexOf(i int) *lexicon {
	if d.toks[i].latin {
		return d.en
	}
	return d.lx
}

// in reports whether token j is a one-word form of a list of lexicon lx.
func (d *doc) in(lx *lexicon, j int, list string) bool {
	return j >= 0 && j < len(d.toks) && lx.list(list).has(d.toks[j].plain)
}

// headPhrase builds the name around a head word at token i: its modifiers before it, and what
// completes it after (a proper name, a quoted name, a complement), as the language puts them.
func (d *doc) headPhrase(s sent, i int, h head) (cand, bool) {
	lx := d.lexOf(i)
	if d.in(lx, i-1, "title") || d.otherHeadFollows(lx, s, i, h) || d.insideLongerHead(i) {
		return cand{}, false
	}
	n := len(h.words)
	c := cand{kind: h.kind, category: h.category, headAt: i, lemma: h.base}
	c.from = d.modifiers(lx, s, i, h)
	first := d.firstWord(s)
	named := d.named(lx, s, i, h, c.from)
	if h.plural && (h.kind != "EVENT" && h.kind != "UNIT") && !d.properStart(i+n) {
		return cand{}, false // "Ελληνικοί δήμοι", "the partner universities": several, unnamed
	}
	if h.plural && !d.properStart(i+n) && i > s.from && (d.toks[i-1].digit || d.is(i-1, "number") || d.in(d.en, i-1, "number")) {
		return cand{}, false // "three hackathons", "18 events": how many, not one named
	}
	c.to = d.complement(lx, s, i+n, h, named)
	if h.category == "MUNICIPALITY" && h.plural && !named {
		c.to = d.capitalList(s, i+n)
	}
	if h.properOnly && !named && (h.kind == "EVENT" || h.kind == "UNIT") {
		return cand{}, false // "last week" is no event; "the European Week of Regions and Cities" is
	}
	switch {
	case h.kind == "EVENT" || h.kind == "UNIT":
		var ok bool
		if c, ok = d.commonPhrase(lx, s, i, h, c); !ok {
			return cand{}, false
		}
	case named && c.from == i && h.inflected && lx.lang == "bg" && d.properStart(i+n) && i == first:
		// "Стартъпът Data Labs", "Проектът PORT-CLIMA": a head with the article classifies
		c.nameFrom, c.nameTo = i+n, c.to
		if q := d.quoteAfter(s, i+n); q > 0 && q+1 == c.to {
			c.nameFrom, c.nameTo = i+n+1, q
		}
		c.rule, c.confidence = lx.lang+"-classifier-"+kindRule(h.kind), byClassifier
	case named && c.from < i || named && c.to > i+n:
		// A capitalised name with its head: "Община Габрово", "Kavala Chamber of Commerce",
		// "Техническия университет – Габрово", "Κέντρο Ψηφιακής Καινοτομίας Τρικάλων".
		c.nameFrom, c.nameTo = c.from, c.to
		c.rule, c.confidence = lx.lang+"-head-"+kindRule(h.kind), byHead
		if c.from == i && !h.plural {
			c.head = h.base
		}
	case !named && (!h.properOnly || d.punct(i+n, "„«“\"")) && c.to > i+n && d.properStart(i+n):
		// A classifying head before a proper name: "проекта PORT-CLIMA", "платформата „Габрово
		// Онлайн“", "the municipal company e-Trikala". The name is what follows the head.
		c.from = i
		c.nameFrom, c.nameTo = i+n, c.to
		if q := d.quoteAfter(s, i+n); q > 0 && q+1 == c.to {
			c.nameFrom, c.nameTo = i+n+1, q
		}
		c.rule, c.confidence = lx.lang+"-classifier-"+kindRule(h.kind), byClassifier
	case !named && lx.lang == "en" && c.from < i && !(h.properOnly && h.kind == "ORGANISATION") && d.properBefore(c.from, i) && !d.ownedBy(i-1, h) &&
		!(c.from == first && !d.properBefore(c.from+1, i) && !d.toks[c.from].upper && !d.mixedCase(c.from)):
		// (not "Business incubator opens …": a sentence's first word is capitalised for that)
		// (not "a European Commission initiative": the name before is its owner's)
		// "the Interreg Europe programme", "Trikala Flex": the name stands before the head.
		c.nameFrom, c.nameTo = c.from, i
		if d.punct(c.nameFrom, "„«“\"") && d.punct(c.nameTo-1, "“”\"»") {
			c.nameFrom, c.nameTo = c.nameFrom+1, c.nameTo-1 // the "Smart Cities" action
		}
		c.to = i + n
		c.rule, c.confidence = "en-classifier-"+kindRule(h.kind), byClassifier
	default:
		return cand{}, false
	}
	if h.plural && d.properStart(i+n) {
		// "общините Кърджали, Смолян, Ямбол и Сливен", "отдели STEM и Robotics": one each
		c.to = max(c.to, d.capitalList(s, i+n))
		c.items = d.listItems(i+n, c.to)
	}
	c.aliases = append(d.bracketAlias(c.to), d.latinTail(c)...)
	return c, true
}

// named reports whether a head phrase is a proper name: a capitalised head inside a sentence, a
// municipality's head before a proper name ("градския съвет на Ивано-Франкивск"), capitalised
// modifiers, a capitalised head that opens a sentence with a name's shape.
func (d *doc) named(lx *lexicon, s sent, i int, h head, from int) bool {
	n, first, headCap := len(h.words), d.firstWord(s), d.toks[i].cap
	return headCap && i > first || h.category == "MUNICIPALITY" && !h.plural && !h.properOnly &&
		(d.properStart(i+n) || d.in(lx, i+n, "of") && d.properStart(i+n+1)) ||
		from < i && d.toks[from].cap && (lx.lang == "en" && headCap || lx.lang != "en" && (from > first || d.capitalAdjective(lx, from))) ||
		headCap && i == first && d.namedAtStart(lx, s, i, h)
}

// commonPhrase names an event or a unit: by common nouns ("работно посещение", "лаборатория по
// роботика"), by a quoted name ("семинара „Енергийни общности…“"), by a Latin name after its head
// ("хакатона HackVT 2025"); or not at all ("срещата": one named before; "the third unit").
func (d *doc) commonPhrase(lx *lexicon, s sent, i int, h head, c cand) (cand, bool) {
	n := len(h.words)
	if q := d.quoteAfter(s, i+n); q > 0 {
		c.to, c.nameFrom, c.nameTo = q+1, i+n+1, q
		c.rule, c.confidence = lx.lang+"-quoted-"+kindRule(h.kind), byClassifier
		return c, true
	}
	if h.plural && d.properStart(i+n) {
		c.rule, c.confidence = lx.lang+"-listed-"+kindRule(h.kind), byClassifier
		return c, true // a list of names after a plural head: headPhrase reads its items
	}
	if k := d.latinNameAfter(s, i+n); h.kind == "EVENT" && !h.plural && k > i+n && lx.lang != "en" {
		// "хакатона HackVT 2025", "το φόρουμ Smart Cities Expo": the event's name after its head
		c.to, c.nameFrom, c.nameTo = k, i+n, k
		c.rule, c.confidence = lx.lang+"-classifier-"+kindRule(h.kind), byClassifier
		return c, true
	}
	if c.from == i && c.to == i+n && (h.inflected && lx.lang == "bg" || d.in(lx, i-1, "determiner") || d.toks[i].cap && i == s.from) {
		return cand{}, false // "срещата", "the meeting", "Το Κέντρο": one named before
	}
	if h.kind == "UNIT" && c.from == i-1 && d.in(lx, i-1, "ordinal-word") {
		return cand{}, false // "δεύτερη μονάδα (του …)", "the third unit": which unit, not its name
	}
	c.nameFrom, c.nameTo = c.from, c.to
	c.rule, c.confidence = lx.lang+"-common-"+kindRule(h.kind), byCommonHead
	if c.from == i && !h.plural {
		c.head = h.base
	}
	return c, true
}

// insideLongerHead reports whether token i lies inside a head of several words that starts
// before it ("tour" in "study tour").
func (d *doc) insideLongerHead(i int) bool {
	for k := max(0, i-3); k < i; k++ {
		for _, h := range d.lexOf(k).headsAt(d.toks, k) {
			if k+len(h.words) > i {
				return true
			}
		}
	}
	return false
}

// firstWord is the sentence's first word (after an opening quote or bracket).
func (d *doc) firstWord(s sent) int {
	for j := s.from; j < s.to; j++ {
		if d.toks[j].word {
			return j
		}
	}
	return s.from
}

// namedAtStart tells, for a capitalised head that starts its sentence (where every word has a
// capital), whether it starts a name: its complement names something ("Министерството на
// иновациите и растежа (МИР)", "Община Генерал Тошево"): capitalised words, an acronym in
// brackets after it, or three words and more.
func (d *doc) namedAtStart(lx *lexicon, s sent, i int, h head) bool {
	n := len(h.words)
	to := d.complement(lx, s, i+n, h, true)
	if to == i+n {
		return false
	}
	return d.properAfter(i, to, i+n) || d.bracketAlias(to) != nil || to-(i+n) >= 3 || d.is(to, "in") && d.placeStarts(to+1)
}

// capitalList is the end of a list of capitalised names after a plural head: "общините
// Кърджали, Смолян, Ямбол и Сливен".
func (d *doc) capitalList(s sent, j int) int {
	end := j
	for j < s.to && d.capital(j) {
		for j < s.to && d.capital(j) {
			j++
		}
		end = j
		if j < s.to && (d.punct(j, ",") || d.is(j, "and")) && j+1 < s.to && d.capital(j+1) {
			j++
			continue
		}
		break
	}
	return end
}

// ownedBy reports whether the capitalised word at j, right before a classifying head, is a head of
// another kind: the words before name the owner ("a European Commission initiative").
func (d *doc) ownedBy(j int, h head) bool {
	for _, o := range d.headsAt(j) {
		if o.kind != h.kind {
			return true
		}
	}
	return false
}

// otherHeadFollows reports whether, in English, another head word comes right after this one
// within the name: "Regions Programme" is a programme, "City Council" a council.
func (d *doc) otherHeadFollows(lx *lexicon, s sent, i int, h head) bool {
	if lx.lang != "en" {
		return false
	}
	j := i + len(h.words)
	if d.toks[i].cap && j < s.to && !d.toks[j].cap && h.kind != "PROGRAMME" {
		if o, ok := lx.headAt(d.toks, j); ok && o.kind == "PROGRAMME" {
			return true // "The City Labs project": the lower-case head after a name classifies it
		}
	}
	for j < s.to && d.toks[j].word && d.toks[j].cap && j < i+len(h.words)+3 {
		if _, ok := lx.headAt(d.toks, j); ok {
			return true
		}
		j++
	}
	return false
}

// quoteAfter returns the closing quote of a quoted name that opens at j, or -1.
func (d *doc) quoteAfter(s sent, j int) int {
	if j < s.to && d.punct(j, "„«“\"") {
		return d.closingQuote(s, j)
	}
	return -1
}

// properStart reports whether a proper name starts at token j: a capitalised word, an acronym, a
// quoted name.
func (d *doc) properStart(j int) bool {
	return j < len(d.toks) && (d.capital(j) || d.punct(j, "„«“\""))
}

// kindRule is a kind as rules name it: "organisation", "centre"...
func kindRule(kind string) string { return strings.ToLower(kind) }
