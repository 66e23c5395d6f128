package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.known && o.from <= from && to <= o.to })
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
	headCap := d.toks[i].cap
	named := headCap && i > first || h.category == "MUNICIPALITY" && !h.plural && !h.properOnly &&
		(d.properStart(i+n) || d.in(lx, i+n, "of") && d.properStart(i+n+1)) || // "градския съвет на Ивано-Франкивск"
		c.from < i && d.toks[c.from].cap && (lx.lang == "en" && headCap || lx.lang != "en" && (c.from > first || d.capitalAdjective(lx, c.from))) ||
		headCap && i == first && d.namedAtStart(lx, s, i, h)
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
		// Events and units are named by common nouns ("работно посещение", "лаборатория по
		// роботика"), or by a quoted name ("семинара „Енергийни общности…“").
		if q := d.quoteAfter(s, i+n); q > 0 {
			c.to, c.nameFrom, c.nameTo = q+1, i+n+1, q
			c.rule, c.confidence = lx.lang+"-quoted-"+kindRule(h.kind), byClassifier
			break
		}
		if h.plural && d.properStart(i+n) {
			c.rule, c.confidence = lx.lang+"-listed-"+kindRule(h.kind), byClassifier
			break // a list of names after a plural head: below
		}
		if k := d.latinNameAfter(s, i+n); h.kind == "EVENT" && !h.plural && k > i+n && lx.lang != "en" {
			// "хакатона HackVT 2025", "το φόρουμ Smart Cities Expo": the event's name after its head
			c.to, c.nameFrom, c.nameTo = k, i+n, k
			c.rule, c.confidence = lx.lang+"-classifier-"+kindRule(h.kind), byClassifier
			break
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
	case named && c.from == i && h.inflected && lx.lang == "bg" && d.properStart(i+n) && i == first:
		// "Стартъпът AirSense Labs", "Проектът PORT-CLIMA": a head with the article classifies
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

// latinTail is the Latin name a Bulgarian or Greek name ends with, another name of the same
// entity: "Център за прецизно земеделие AgroLab Plovdiv" is also "AgroLab Plovdiv".
func (d *doc) latinTail(c cand) []string {
	to := c.nameTo
	if to <= c.nameFrom || !d.toks[to-1].latin || d.toks[c.nameFrom].latin {
		return nil
	}
	from := to
	for from > c.nameFrom && (d.toks[from-1].latin && d.capital(from-1) || d.toks[from-1].digit) {
		from--
	}
	if from == c.nameFrom || !d.capital(from) {
		return nil
	}
	return []string{d.text(from, to)}
}

// latinNameAfter returns where a Latin-script name that starts at token j ends (its capitalised
// words, and a year or a version after them), or j: the name a Bulgarian or Greek text gives an
// event in the original ("HackVT 2025").
func (d *doc) latinNameAfter(s sent, j int) int {
	k := j
	for k < s.to && d.toks[k].latin && d.capital(k) {
		k++
	}
	if k > j && k < s.to && d.toks[k].digit && (isPeriod(d.toks[k].text) || isVersion(d.toks[k].text) || len(d.toks[k].text) == 4) {
		k++
	}
	return k
}

// inCue reports whether token j lies inside a relationship's cue of several words.
func (d *doc) inCue(s sent, j int) bool {
	for k := max(s.from, j-3); k < j; k++ {
		if n := d.cueLen(s, k); n > 1 && k+n > j {
			return true
		}
	}
	return false
}

// titleCase reports whether a sentence capitalises every word of four letters or more (an English
// headline's style), so that capitals say nothing of names.
func (d *doc) titleCase(s sent) bool {
	n := 0
	for j := s.from; j < s.to; j++ {
		t := d.toks[j]
		if t.word && !t.digit && len([]rune(t.text)) >= 4 {
			if !t.cap {
				return false
			}
			n++
		}
	}
	return n >= 3
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

// modifiers extends a name to the left over the words that qualify its head: capitalised words
// ("Kavala Chamber", "Техническия университет"), adjectives ("работно посещение", "εναρκτήρια
// συνάντηση", "Черноморския енергиен клъстер"), English noun modifiers of an event or a unit
// ("kick-off meeting", "study tour"), English name words across "of the" ("Development of the
// Regions Programme").
func (d *doc) modifiers(lx *lexicon, s sent, i int, h head) int {
	from := i
	common := h.kind == "EVENT" || h.kind == "UNIT"
	headCap := d.toks[i].cap
	listed := false // an "and" of a list of name words passed ("Maritime, Fisheries and Aquaculture")
	for j := i - 1; j >= s.from && i-j <= 7; j-- {
		t := d.toks[j]
		if d.punct(j, "“”\"»") && lx.lang == "en" && !common && from == i {
			// "the "Smart Cities" action": the quoted name before a classifying head
			if q := d.openingQuote(s, j); q >= 0 {
				return q
			}
		}
		if listed && d.punct(j, ",") && j-1 >= s.from && d.capital(j-1) {
			continue // "European Maritime, Fisheries and Aquaculture Fund": the list goes on
		}
		if lx.lang == "el" && d.punct(j, "&") && d.coordinatedAdjectives(lx, s, j, from) {
			j--
			from = j
			continue // "Εθνικού & Καποδιστριακού Πανεπιστημίου"
		}
		if d.is(j, "agreement") || j > s.from && d.is(j-1, "agreement") && t.cap {
			break // "Μνημονίου Συνεργασίας Ευρωπαϊκού Πανεπιστημίου …": the agreement is no part of the name
		}
		if t.digit && lx.lang == "en" && !isPeriod(t.text) && !isVersion(t.text) && !isYear(t.text) && !romanOrNumber(t.text) && !isOrdinalNumber(t.text) {
			break // "New £6.4m Advanced Manufacturing Skills Hub": a sum is no part of the name
		}
		if !t.word || d.in(lx, j, "title") || t.latin != d.toks[i].latin && !t.digit || d.in(lx, j, "weekday") || d.in(lx, j, "month") || d.inCue(s, j) {
			break // a Latin name and a Greek head are two names; "την Τρίτη ημερίδα" is on Tuesday; "са обособени лаборатория"
		}
		properEvent := lx.lang == "en" && common && headCap && t.cap && i > d.firstWord(s) && !d.titleCase(s)
		if _, isHead := d.headAt(j); isHead && !(lx.lang == "en" && t.cap && !common) && !properEvent {
			break // a head word never qualifies another ("Regions Programme", "Smart City Hackathon" aside)
		}
		if properEvent && !d.in(lx, j, "weekday") && !d.in(lx, j, "month") && !d.in(lx, j, "determiner") {
			from = j // "the first Larissa Smart City Hackathon": an event's proper name
			continue
		}
		switch {
		case lx.lang == "en" && !common && (d.in(lx, j, "joiner") || d.in(lx, j, "title-joiner")) && !t.cap:
			k := j - 1
			and := d.in(lx, j, "and")
			andThe := and && d.in(lx, j+1, "determiner")
			for k >= s.from && (d.toks[k].word && !d.toks[k].cap && d.in(lx, k, "joiner") || d.punct(k, ",")) {
				and = and || d.in(lx, k, "and") || d.punct(k, ",")
				andThe = andThe || d.in(lx, k, "and") && d.in(lx, k+1, "determiner")
				k--
			}
			if k < s.from || !d.capital(k) || !d.capital(from) || k == d.firstWord(s) || and && !d.onlyCapitalsTo(s, k) || d.afterTitle(s, k) || andThe {
				// "Port of Aarhus and the Port of …": "and the" begins another name
				return from // "Vratsa Municipality and …", "Representatives of the …", "Mayor Ivan Petrov of …"
			}
			listed = listed || and
			j = k + 1
			continue // "of the", "after", "Maritime, Fisheries and" between capitalised words
		case lx.lang == "el" && d.coordinatedAdjectives(lx, s, j, from):
			j-- // "Εμπορικό και Βιομηχανικό Επιμελητήριο": two adjectives of one head
		case d.in(lx, j, "stop") || d.in(lx, j, "joiner") && !t.cap:
			return from
		case lx.lang == "en" && common:
			if !(d.in(lx, j, "modifier") || strings.Contains(t.text, "-") || d.adjective(lx, j)) || t.cap {
				return from
			}
		case lx.lang == "en" && (t.cap || t.upper || t.digit):
			if d.in(lx, j, "demonym") && !headCap || d.in(lx, j, "weekday") {
				return from
			}
		case d.adjective(lx, j) && (t.cap || common || !headCap):
		case t.cap && headCap && lx.lang == "el" && j > d.firstWord(s):
			// "4ο Πανελλήνιο Συνέδριο", "Δημοκρίτειο Πανεπιστήμιο": Greek names capitalise every word
		case t.digit && common && lx.lang == "el":
		default:
			return from
		}
		from = j
	}
	return from
}

// coordinatedAdjectives reports whether "and" at j joins two capitalised adjectives of one head,
// the one before it and the one at from, by the same ending ("Εμπορικό και Βιομηχανικό"). (Greek
// only: "Югозападния и Американския университет" are two universities.)
func (d *doc) coordinatedAdjectives(lx *lexicon, s sent, j, from int) bool {
	if j-1 < s.from || !d.toks[j].word && !d.punct(j, "&") || !d.in(lx, j, "and") || !d.toks[j-1].cap || !d.toks[from].cap {
		return false
	}
	if !d.adjective(lx, j-1) || !d.adjective(lx, from) {
		return false
	}
	a, b := []rune(d.toks[j-1].plain), []rune(d.toks[from].plain)
	return len(a) > 3 && len(b) > 3 && string(a[len(a)-2:]) == string(b[len(b)-2:])
}

// afterTitle reports whether the capitalised words that end at token k follow a person's title:
// they name a person ("Deputy Mayor Ivan Petrov").
func (d *doc) afterTitle(s sent, k int) bool {
	for ; k >= s.from && d.capital(k) && !d.in(d.lexOf(k), k, "title") && !d.is(k, "title"); k-- {
	}
	return k >= s.from && (d.in(d.lexOf(k), k, "title") || d.is(k, "title") || d.punct(k, ".") && d.is(k-1, "title"))
}

// placeEndsAt reports whether a known city's name ends right before token j.
func (d *doc) placeEndsAt(j int) bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.known && o.kind == "CITY" && o.to == j })
}

// placeStarts reports whether a known city's name starts at token j.
func (d *doc) placeStarts(j int) bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.known && o.kind == "CITY" && o.from == j })
}

// onlyCapitalsTo reports whether the capitalised words that end at token k (going back to the
// clause's start or a small word) hold no head word and no determiner before them: "European
// Maritime, Fisheries and Aquaculture Fund" is one name, "Vratsa Municipality and Kardzhali
// Municipality" two.
func (d *doc) onlyCapitalsTo(s sent, k int) bool {
	for ; k >= s.from; k-- {
		t := d.toks[k]
		if t.word && !t.cap && d.in(d.en, k, "determiner") {
			return true // "… and the Food and Environment Research Agency": the name starts after "the"
		}
		if d.punct(k, ",") || t.word && !t.cap && d.in(d.en, k, "joiner") && !d.in(d.en, k, "and") {
			continue // "University of Ruse and …": "of" goes on within the first name
		}
		if !t.word || !t.cap {
			return !d.in(d.en, k, "and")
		}
		if len(d.en.headsAt(d.toks, k)) > 0 {
			return false
		}
	}
	return true
}

// openingQuote returns the token that opens the quote closed at j, or -1.
func (d *doc) openingQuote(s sent, j int) int {
	for k := j - 1; k >= s.from && k >= j-12; k-- {
		if d.punct(k, "„«“\"") {
			if d.closingQuote(s, k) == j {
				return k
			}
			return -1
		}
	}
	return -1
}

// occStarts reports whether a known entity's name covers token j.
func (d *doc) occStarts(j int) bool {
	return slices.ContainsFunc(d.occs, func(o occ) bool { return o.known && o.from <= j && j < o.to })
}

// capitalAdjective reports whether the capitalised word j is an adjective of a name, not a word
// capitalised because it starts the sentence: it is an adjective and no verb stands after the
// head before the next punctuation... which cannot be told; so only adjectives that are not
// adverbs by their ending count.
func (d *doc) capitalAdjective(lx *lexicon, j int) bool {
	return d.adjective(lx, j) && !d.in(lx, j, "adverb") && !d.in(lx, j, "modifier") // "Νέο κέντρο…": a headline's "new"
}

// complement extends a name to the right over what completes its head, per language: a proper
// name ("Община Габрово", "Δήμος Λάρισας", "University of Thrace"), a quoted name, the
// complement of a capitalised head ("Министерството на регионалното развитие", "Центъра за
// мониторинг на морската среда „Акватория“"), a common noun's complement ("лаборатория по
// роботика", "επίσκεψη μελέτης"), a year or a period ("2021-2027").
func (d *doc) complement(lx *lexicon, s sent, j int, h head, named bool) int {
	end, start := j, j
	common := h.kind == "EVENT" || h.kind == "UNIT"
	lowerRun := false // inside a lower-case complement ("за устойчиво енергийно развитие")
	for j < s.to {
		t := d.toks[j]
		if d.in(lx, j, "title") || j > start && j == end && d.placeEndsAt(j) && d.capital(j) && !common {
			return end // "… на науките акад. Юлиан …"; "Община Русе Пламен Стоилов": the name is whole
		}
		switch {
		case d.punct(j, "„«“\"") && (named || j == end):
			q := d.closingQuote(s, j)
			if q < 0 {
				return end
			}
			end = q + 1
			if end < s.to && d.toks[end].digit && isPeriod(d.toks[end].text) {
				end++ // "Програма „Развитие на регионите“ 2021-2027"
			}
			return end // a quoted name ends the name
		case d.capital(j) && !d.in(lx, j, "title") && !d.personAhead(lx, j) && (named || j == end) && (!common || named && (lx.lang == "el" || lx.lang == "en" && j > start)),
			d.capital(j) && common && lx.lang == "el" && j > start && d.in(lx, j-1, "joiner"):
			j++
			end = j
			continue
		case t.digit && j == end && (isPeriod(t.text) || isVersion(t.text) || isYear(t.text) && named && common) && (!common || named):
			// "Програма … 2021-2027", "Chania Smart City Hackathon 2024"
			j++
			end = j
			if d.in(lx, j, "yearword") {
				j++
			}
			continue
		case d.punct(j, "–-") && j == end && named && (h.kind == "ORGANISATION" || h.kind == "CENTRE") && j+1 < s.to && d.toks[j+1].cap &&
			(j+2 >= s.to || !d.toks[j+2].word || !d.toks[j+2].cap):
			// "Техническия университет – Габрово", "Търговско-промишлена палата - Габрово"
			j += 2
			end = j
			continue
		case lx.lang == "en" && named && d.punct(j, ",") && j == end && end > start && d.nameListAfter(s, j) > 0:
			j = d.nameListAfter(s, j) // "Ministry of Research, Innovation and Digitalisation"
			end = j
			continue
		case d.cueLen(s, j) > 1 || d.isCueStart(s, j) && !d.in(lx, j, "joiner"):
			return end // "Центъра за дигитална трансформация в областите: …"
		case (d.in(lx, j, "in") || d.in(lx, j, "from")) && d.placeStarts(j+1):
			return end // "Лабораторията за води в Ловеч": where it is, not its name
		case d.in(lx, j, "in") && (d.in(lx, j+1, "place-noun") || d.in(lx, j+1, "determiner") && d.in(lx, j+2, "place-noun")):
			return end // "Център за зелена енергия в сградата на …", "in the former …": where it is
		case t.word && d.in(lx, j, "joiner") && (named || common && (lx.lang != "en" || h.kind == "UNIT" && d.in(lx, j, "purpose"))):
			k := j + 1
			if d.in(lx, j, "purpose") && !common && d.purposeBefore(lx, start, j) {
				return end // one "за" a name: "… план за възстановяване и устойчивост за саниране…"
			}
			window := 5 // "… и Югоизточния дигитален иновационен хъб"
			if lx.lang == "en" {
				window = 3 // not "… and Science opened the Centre"
			}
			if d.in(lx, j, "and") && (d.headWithin(k, window, h.kind, common) || end == start) {
				// "Община Габрово и Техническия университет", "лаборатория … и ателие …", "между
				// Общината и БАН": two names
				return end
			}
			if k >= s.to {
				return end
			}
			if d.toks[k].latin != d.toks[j-1].latin && d.toks[k].cap && !d.toks[k].digit {
				return end // "Медицинския университет – Плевен на European Digital Health Summit": a name in another script is another name
			}
			if o, isHead := d.headAt(k); isHead && o.kind != h.kind && d.properStart(k+len(o.words)) && common {
				return end // "εργαστήριο του έργου HERITAGE-LINK": the project is a name of its own
			}
			if o, isHead := d.headAt(k); isHead && (o.kind == "CENTRE" || o.kind == "ORGANISATION") && d.toks[k].cap && !d.properStart(k+len(o.words)) &&
				!d.in(lx, k+len(o.words), "joiner") {
				return end // "Εργαστήριο Τρισδιάστατης Σάρωσης του Κέντρου": the lab of the centre named before
			}
			// "σεμινάριο του Κέντρου", "ετήσιο συνέδριο της ΚΕΔΕ": a Greek event's genitive complement
			if k < s.to && (d.capital(k) && (!common || lx.lang == "el" || lx.lang == "en" && named) || d.continuesLower(lx, k, h, named)) && !d.in(lx, k, "stop") {
				j = k
				lowerRun = !d.capital(k)
				continue
			}
			return end
		case h.kind == "UNIT" && lowerRun && d.in(lx, j, "with") && j+1 < s.to && d.toks[j+1].word && !d.toks[j+1].cap && !d.in(lx, j+1, "stop"):
			j += 2 // "отдел за дистанционни изследвания с дронове"
			end = j
			continue
		case t.word && !t.cap && d.continuesLower(lx, j, h, named) && (lowerRun || j == end && d.lowerStarts(lx, j, h)):
			j++
			end = j
			lowerRun = true
			continue
		}
		return end
	}
	return end
}

// nameListAfter returns where a list of capitalised name words that starts with the comma at j
// and ends with "and" and a last one ends (", Innovation and Digitalisation"), or -1: words
// without head words or known names, so that "…, Sofia Municipality and …" are other names.
func (d *doc) nameListAfter(s sent, j int) int {
	k, and := j, false
	for k < s.to {
		switch {
		case d.punct(k, ",") && !and:
			k++
			continue
		case d.toks[k].word && !d.toks[k].cap && d.in(d.en, k, "and") && !and:
			and = true
			k++
			continue
		}
		if !d.capital(k) || d.isHeadWord(k) || d.occStarts(k) {
			return -1
		}
		for k < s.to && d.capital(k) && !d.isHeadWord(k) && !d.occStarts(k) {
			k++
		}
		if and {
			if k < s.to && (d.capital(k) || d.punct(k, ",") && d.capital(k+1)) {
				return -1
			}
			return k
		}
		if k >= s.to || !d.punct(k, ",") && !(d.toks[k].word && d.in(d.en, k, "and")) {
			return -1
		}
	}
	return -1
}

// purposeBefore reports whether a word of the purpose list ("за", "for") stands in tokens
// [from, to) already.
func (d *doc) purposeBefore(lx *lexicon, from, to int) bool {
	for k := to - 1; k >= from; k-- {
		if d.in(lx, k, "purpose") {
			return true
		}
	}
	return false
}

// headWithin reports whether a head word stands among the n words from token j: any, or for
// the complement of a common noun (an event's, a unit's), one of its own kind ("семинар за
// обмяна на опит и добри практики…" goes on past "практики").
func (d *doc) headWithin(j, n int, kind string, common bool) bool {
	for k := j; k < len(d.toks) && k < j+n && (d.toks[k].word || d.punct(k, "&")); k++ {
		if k > j && d.toks[k].word && d.in(d.lexOf(k), k, "and") {
			return false // "Αισθητήρων και Δορυφορικών Δεδομένων και το Γραφείο": the head is the next name's
		}
		if h, ok := d.headAt(k); ok && (!common || h.kind == kind || d.toks[k].cap) {
			return true
		}
	}
	return false
}

// lowerStarts reports whether a lower-case word may follow a head directly: a genitive after a
// Greek event or unit ("επίσκεψη μελέτης", "συνάντηση εταίρων").
func (d *doc) lowerStarts(lx *lexicon, j int, h head) bool {
	return lx.lang == "el" && (h.kind == "EVENT" || h.kind == "UNIT") && d.genitive(lx, j)
}

// continuesLower reports whether a lower-case word may go on a complement: not a stop word, a
// verb, a head of another name, a title. English complements are capitalised ("of Regional
// Development"); Greek ones too, but those of events and units.
func (d *doc) continuesLower(lx *lexicon, j int, h head, named bool) bool {
	t := d.toks[j]
	common := h.kind == "EVENT" || h.kind == "UNIT"
	if !t.word || t.cap || d.in(lx, j, "stop") || d.in(lx, j, "title") || d.in(lx, j, "determiner") || d.verb(lx, j) || t.latin != d.toks[j-1].latin && !t.digit {
		return false
	}
	switch lx.lang {
	case "en":
		// "department for ocean data": a unit's purpose; names are capitalised
		return h.kind == "UNIT" && (d.in(lx, j-1, "purpose") || d.toks[j-1].word && !d.toks[j-1].cap && !d.isHeadWord(j-1) && d.in(lx, j-2, "purpose"))
	case "el":
		if !common || !d.genitive(lx, j) {
			return false
		}
	}
	if o, isHead := d.headAt(j); isHead && (d.in(lx, j-1, "and") && o.kind == h.kind || o.kind != h.kind && !common) {
		return false // "лаборатория по роботика и ателие за…", "програмата на срещата": two names
	}
	return named || common
}

// closingQuote returns the token that closes the quote opened at j, or -1: within the sentence, at
// most ten words, the first capitalised or a digit (a name, not a sentence someone said).
func (d *doc) closingQuote(s sent, j int) int {
	open := d.toks[j].text
	closers := map[string]string{"„": "“”\"", "«": "»", "“": "”\"", "\"": "\"”“"}[open]
	if j+1 >= s.to || !(d.toks[j+1].cap || d.toks[j+1].digit || d.toks[j+1].upper) {
		return -1
	}
	for k := j + 1; k < s.to && k <= j+24; k++ {
		if !d.toks[k].word && strings.Contains(closers, d.toks[k].text) {
			if k == j+1 || d.punct(k-1, ",.!?;:…") {
				return -1 // what someone said, not a name
			}
			return k
		}
		if d.toks[k].word && d.is(k, "verb") {
			return -1 // a sentence, not a name
		}
		if d.punct(k, "!?;") || d.punct(k, ".") && !(k+1 < s.to && d.toks[k+1].word) {
			return -1
		}
	}
	return -1
}

// quotedNames are the quoted names no head word stands before: their kind is for the relations'
// rules to say (what was presented is a practice), so they are proposed as capitalised guesses.
func (d *doc) quotedNames(s sent) []cand {
	var out []cand
	for j := s.from; j < s.to; j++ {
		if !d.punct(j, "„«“\"") {
			continue
		}
		q := d.closingQuote(s, j)
		if q < 0 {
			continue
		}
		out = append(out, cand{from: j, to: q + 1, nameFrom: j + 1, nameTo: q, kind: "ORGANISATION", headAt: -1,
			rule: "quoted-name", confidence: byCapitals})
		j = q
	}
	return out
}

// capitalRuns are the names written with capitals and no head word: a Latin name in a Cyrillic
// or Greek text (its lower-case Latin words too: "Klaipėdos miesto savivaldybė"), an acronym-like
// project name ("PORT-CLIMA", "LivingLabs4Towns"), capitalised words. Their kind is a guess the
// relations' rules may settle.
func (d *doc) capitalRuns(s sent) []cand {
	var out []cand
	for j := s.from; j < s.to; j++ {
		lxj := d.lexOf(j)
		if !d.capital(j) || d.in(lxj, j, "title") || d.in(lxj, j, "stop") || d.in(lxj, j, "weekday") || d.in(lxj, j, "demonym") ||
			strings.HasSuffix(d.toks[j].plain, "-based") {
			continue // "the Thessaloniki-based start-up": where it is, not a name
		}
		if j == d.firstWord(s) && !d.toks[j].upper && !d.mixedCase(j) {
			if !d.toks[j].latin || j+1 >= s.to || !d.capital(j+1) || d.in(d.en, j, "determiner") {
				continue // a sentence's first word: capitalised because it is first ("The Digital Twin Team")
			}
		}
		foreign := d.toks[j].latin && d.lang != "en"
		k := j + 1
		for k < s.to {
			lx := d.lexOf(k)
			switch {
			case d.capital(k) && !d.in(lx, k, "title") && d.toks[k].latin == d.toks[j].latin:
				k++
				continue
			case foreign && d.toks[k].word && d.toks[k].latin && !d.toks[k].digit:
				k++ // a foreign name's lower-case words
				continue
			case d.toks[k].digit && (isPeriod(d.toks[k].text) || isVersion(d.toks[k].text)):
				k++
				continue
			case d.toks[k].word && !d.toks[k].cap && (d.in(lx, k, "joiner") || d.in(lx, k, "title-joiner")) && k+1 < s.to &&
				d.capital(k+1) && d.toks[k+1].latin == d.toks[j].latin && d.toks[k].latin == d.toks[j].latin && !d.occStarts(k+1) && !d.occStarts(k-1) &&
				(d.toks[k].latin || !d.in(lx, k, "and")): // "Общината и БАН": two names
				k += 2
				continue
			}
			break
		}
		if d.personNamed(j, k) || d.in(d.lexOf(j), j, "month") || d.punct(j-1, "(") && d.punct(k, ")") && j >= 2 && d.toks[j-2].word {
			// a person, a month, an acronym or another name in brackets after a name (its alias)
			j = k - 1
			continue
		}
		c := cand{from: j, to: k, nameFrom: j, nameTo: k, kind: "ORGANISATION", headAt: -1, rule: "capitalised-name", confidence: byCapitals}
		one := k-j == 1
		if h, ok := d.headAt(j); ok && j+len(h.words) == k {
			j = k - 1
			continue // a head word alone ("Living Lab", "Hub"): one named before
		}
		switch {
		case isPeriod(d.toks[k-1].text) && k-j >= 2 && d.toks[j].upper:
			c.kind, c.rule, c.confidence = "PROGRAMME", "acronym-with-period", byShape // "ΕΣΠΑ 2014-2020"
		case one && d.toks[j].upper && !d.toks[j].latin && len([]rune(d.toks[j].text)) >= 3:
			c.rule, c.confidence = "acronym", foreignName // "ΚΕΔΕ", "МРРБ": an organisation, most likely
		case one && projectShaped(d.toks[j]):
			c.kind, c.rule, c.confidence = "PROGRAMME", "project-shaped-name", byShape
		case one && !d.toks[j].latin && !d.toks[j].upper && !d.mixedCase(j):
			j = k - 1
			continue // one capitalised Cyrillic or Greek word: a place, a person, a sentence's start
		case one && d.toks[j].upper && len([]rune(d.toks[j].text)) <= 3 && d.toks[j].latin:
			c.confidence = byCapitals // MW, EU, 3D: units and short acronyms say too little
		case foreign:
			c.rule, c.confidence = "latin-name-in-other-script", foreignName
		}
		c.aliases = d.bracketAlias(k)
		out = append(out, c)
		j = k - 1
	}
	return out
}

// capital reports whether token j is a word written with a capital (or an acronym).
func (d *doc) capital(j int) bool {
	if j < 0 || j >= len(d.toks) {
		return false
	}
	t := d.toks[j]
	return t.word && (t.cap || t.upper || d.mixedCase(j))
}

// mixedCase is a word with an inner capital: "ParkSZ", "LivingLabs4Towns", "e-Trikala".
func (d *doc) mixedCase(j int) bool {
	t := d.toks[j]
	for i, r := range t.text {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// projectShaped is a word shaped like a project's name: capitals with a hyphen or a digit
// ("PORT-CLIMA", "BLUE-LOOP"), or mixed case with a digit ("LivingLabs4Towns").
func projectShaped(t token) bool {
	hasDigit := strings.ContainsAny(t.text, "0123456789")
	return t.upper && (strings.Contains(t.text, "-") || hasDigit) && utf8.RuneCountInString(t.text) >= 5
}

// bracketAlias reads "(ACRONYM)" or "(a name in another script)" right after a name.
func (d *doc) bracketAlias(j int) []string {
	if !d.punct(j, "(") {
		return nil
	}
	k := j + 1
	for k < len(d.toks) && k <= j+6 && !d.punct(k, ")") {
		if !d.toks[k].word && !d.punct(k, "-–") {
			return nil
		}
		k++
	}
	if k >= len(d.toks) || !d.punct(k, ")") || k == j+1 {
		return nil
	}
	alias := d.text(j+1, k)
	if !d.toks[j+1].cap && !d.toks[j+1].upper || d.occStarts(j+1) {
		return nil // "(Greece)" is where it is, not another name of it
	}
	return []string{alias}
}

// properAfter reports whether the name has a proper part after its head: capitalised words, a
// quoted name, an acronym.
func (d *doc) properAfter(from, to, after int) bool {
	for j := after; j < to; j++ {
		if d.capital(j) || d.punct(j, "„«“\"") {
			return true
		}
	}
	return false
}

// properBefore reports whether capitalised words stand before the head within the name.
func (d *doc) properBefore(from, head int) bool {
	for j := from; j < head; j++ {
		if d.capital(j) {
			return true
		}
	}
	return false
}

// properPart is the name proper of a phrase whose head only classifies it: the quoted or
// capitalised words after the head, else those before it.
func (d *doc) properPart(from, to, head, n int) (int, int) {
	if head+n < to {
		a, b := head+n, to
		if d.punct(a, "„«“\"") {
			if q := d.closingQuote(d.sentenceOf(a), a); q > a && q+1 == b {
				return a + 1, q
			}
		}
		return a, b
	}
	return from, head
}

// listItems splits the capitalised words of [from, to) into the items of a list: "Кърджали,
// Смолян, Ямбол и Сливен".
func (d *doc) listItems(from, to int) [][2]int {
	var items [][2]int
	start := -1
	for j := from; j <= to; j++ {
		if j < to && d.toks[j].word && d.toks[j].cap {
			if start < 0 {
				start = j
			}
			continue
		}
		if start >= 0 {
			items = append(items, [2]int{start, j})
			start = -1
		}
	}
	return items
}

// personAhead reports whether a capitalised word at j begins a person's name, not a name's part:
// a title stands right before it.
func (d *doc) personAhead(lx *lexicon, j int) bool {
	return d.in(lx, j-1, "title") || d.is(j-1, "title")
}

// personNamed reports whether capitalised words [from, to) name a person: a title before them
// ("заместник-кмета … Калина Петрова", "Deputy Mayor Dimitar Nikolov", "ο κ. Καραγιάννης"), or a
// verb of saying right after ("…", said Lekkas).
func (d *doc) personNamed(from, to int) bool {
	if to-from > 5 {
		return false
	}
	if d.is(from-1, "of") || from > 0 && d.toks[from-1].latin && d.in(d.en, from-1, "of") {
		// "кметът на Русе", "the Mayor of Varna": a title's place or organisation, not a person;
		// "кметът на Габрово Таня Христова": the title's place, then its holder
		if d.is(from-2, "title") || d.in(d.en, from-2, "title") {
			for _, o := range d.occs {
				if o.known && o.kind == "CITY" && o.from == from && o.to < to {
					return true
				}
			}
		}
		return d.match(to, "said") > 0 || d.punct(to, ",") && d.match(to+1, "said") > 0
	}
	for k := from - 1; k >= 0 && k >= from-5; k-- {
		if d.is(k, "title") || d.punct(k, ".") && d.is(k-1, "title") {
			return true
		}
		if !d.toks[k].word {
			break
		}
	}
	return d.match(to, "said") > 0 || d.punct(to, ",") && d.match(to+1, "said") > 0 || d.saidBefore(from)
}

// saidBefore reports whether a verb of saying ends right before token j, after a quote ("…“,
// заяви Калина Петрова", "δήλωσε ο κ. Καραγιάννης").
func (d *doc) saidBefore(j int) bool {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if d.is(k, "said") || d.toks[k].latin && d.in(d.en, k, "said") {
			return true
		}
		if !d.is(k, "determiner") && !d.is(k, "title") && !d.punct(k, ".") {
			return false
		}
	}
	return false
}

// adjective reports whether token j is an adjective by its ending (the lexicon's "adjective-ending"
// list) or an ordinal or other modifier the lexicon lists.
func (d *doc) adjective(lx *lexicon, j int) bool {
	w := d.toks[j].plain
	if d.in(lx, j, "modifier") {
		return true
	}
	for _, e := range lx.endings("adjective-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// genitive reports whether a Greek word has a genitive ending.
func (d *doc) genitive(lx *lexicon, j int) bool {
	w := d.toks[j].plain
	for _, e := range lx.endings("genitive-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// verb reports whether token j is a verb by its ending or the lexicon's list.
func (d *doc) verb(lx *lexicon, j int) bool {
	if d.in(lx, j, "verb") {
		return true
	}
	w := d.toks[j].plain
	for _, e := range lx.endings("verb-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// isPeriod is a year or a period: 2021, 2021-2027.
func isPeriod(s string) bool {
	a, b, two := strings.Cut(s, "-")
	year := func(y string) bool { return len(y) == 4 && (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) }
	return year(a) && (!two || year(b))
}

// isVersion is a number that names a version: 4.0, 2.0.
// isOrdinalNumber reports whether a token is an English ordinal in digits: "3rd", "21st".
func isOrdinalNumber(s string) bool {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(s, suf); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return true
		}
	}
	return false
}

// isYear reports whether a token is a year: four digits.
func isYear(s string) bool {
	return len(s) == 4 && strings.Trim(s, "0123456789") == ""
}

func isVersion(s string) bool {
	a, b, ok := strings.Cut(s, ".")
	return ok && len(a) <= 2 && len(b) == 1
}

// romanOrNumber is a roman numeral or a small number that ends a name: "URBACT IV", "4ο".
func romanOrNumber(s string) bool {
	return len(s) <= 3
}
