package ingest

import (
	"slices"
	"strings"
	"unicode"
	"urbangraph/internal/store"
)

// doc is a text as the rules read it: its tokens, its sentences as token ranges, its language's
// lexicon, and every place an entity is named (occurrences), known or new.
type doc struct {
	runes []rune
	toks  []token
	sents []sent
	lang  string
	lx    *lexicon // the text's language
	en    *lexicon // English, for the Latin names of any text
	ents  []*NewEntity
	occs  []occ // sorted by start
	rels  []RelProposal
	// lemmas are the head words a new entity is named or described with ("проект" for "проекта
	// PORT-CLIMA", "лаборатория" for "Näsi Urban Lab – градска лаборатория"), by ID: a head word
	// alone later speaks of the last entity it named.
	lemmas map[string][]string
	// envoyCache holds each sentence's envoys by its start, read once the names are settled.
	envoyCache map[int][]occ
	// byKind and relAt index occs and rels, so that a long text is read in near-linear time: the
	// positions in occs of each kind's occurrences (rebuilt when occsVersion moves: every change to
	// occs calls occsChanged), and the positions in rels of each (from, type, to, sentence).
	byKind      map[string][]int
	occsVersion int
	indexed     int
	relAt       map[relKey]int
	// venues are the centres events took place at ("the hub hosted the hackathon"), by event ID:
	// the centre's ID and the sentence that says so.
	venues map[string]venue
}

// venue is the centre an event took place at, and the sentence that says so.
type venue struct {
	centre string
	s      sent
}

// atVenue records that an event took place at a centre (the first the text says).
func (d *doc) atVenue(s sent, e, centre occ) {
	if d.venues == nil {
		d.venues = map[string]venue{}
	}
	if _, ok := d.venues[e.id]; !ok && e.kind == "EVENT" && centre.kind == "CENTRE" {
		d.venues[e.id] = venue{centre.id, s}
	}
}

// relKey is what makes a proposed relationship one: its ends, its type and its sentence.
type relKey struct {
	from, to string
	t        store.RelType
	start    int
}

// sent is a sentence and its tokens [from, to).
type sent struct {
	Sentence
	from, to int
}

// occ is one place an entity is named: its tokens [from, to), and whether the name there only
// refers to it (a pronoun or a head word alone: "Центърът", "the lab").
type occ struct {
	id, kind, category string
	from, to           int
	refers             bool
	known              bool
}

func newDoc(text string, sentences []Sentence) *doc {
	d := &doc{runes: []rune(text), lang: scriptLanguage(text), en: lexicons["en"], lemmas: map[string][]string{}, envoyCache: map[int][]occ{}}
	d.lx = lexicons[d.lang]
	d.toks = tokenize(d.runes)
	for _, s := range sentences {
		from, to := tokenRange(d.toks, s)
		d.sents = append(d.sents, sent{s, from, to})
	}
	return d
}

// scriptLanguage is a text's language by its letters: mostly Cyrillic is Bulgarian, mostly Greek
// is Greek, anything else English (the three languages the lexicons hold).
func scriptLanguage(text string) string {
	var cyr, gr, lat int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Greek, r):
			gr++
		case unicode.In(r, unicode.Latin):
			lat++
		}
	}
	switch {
	case cyr > gr && cyr > lat:
		return "bg"
	case gr > cyr && gr > lat:
		return "el"
	}
	return "en"
}

// text is the text of tokens [from, to) as written.
func (d *doc) text(from, to int) string {
	if from >= to {
		return ""
	}
	return string(d.runes[d.toks[from].start:d.toks[to-1].end])
}

// sentenceOf is the sentence holding token i.
func (d *doc) sentenceOf(i int) sent {
	for _, s := range d.sents {
		if s.from <= i && i < s.to {
			return s
		}
	}
	return sent{}
}

// addOcc records a place an entity is named, once.
func (d *doc) addOcc(o occ) {
	i, _ := slices.BinarySearchFunc(d.occs, o, func(a, b occ) int { return a.from - b.from })
	for _, x := range d.occs[i:] {
		if x.from != o.from {
			break
		}
		if x.id == o.id && x.to == o.to {
			return
		}
	}
	d.occs = slices.Insert(d.occs, i, o)
	d.occsChanged()
}

// occsChanged says occs changed: the index by kind is rebuilt when next read.
func (d *doc) occsChanged() { d.occsVersion++ }

// ofKind is the positions in occs of the occurrences of kind that name an entity, in order.
func (d *doc) ofKind(kind string) []int {
	if d.byKind == nil || d.indexed != d.occsVersion {
		d.byKind, d.indexed = map[string][]int{}, d.occsVersion
		for i, o := range d.occs {
			if o.id != "" {
				d.byKind[o.kind] = append(d.byKind[o.kind], i)
			}
		}
	}
	return d.byKind[kind]
}

// occsIn lists the occurrences within tokens [from, to), outermost only: a city inside a
// municipality's name ("Община Видин") stays out.
func (d *doc) occsIn(from, to int) []occ {
	var out []occ
	lo, _ := slices.BinarySearchFunc(d.occs, from, func(x occ, from int) int { return x.from - from })
	for _, o := range d.occs[lo:] {
		if o.from >= to {
			break
		}
		if o.to <= to && !d.inside(o) {
			out = append(out, o)
		}
	}
	return out
}

// near lists the occurrences that may overlap tokens [from, to): those that start within maxName
// tokens before it, or in it.
func (d *doc) near(from, to int) []occ {
	lo, _ := slices.BinarySearchFunc(d.occs, from-maxName, func(x occ, from int) int { return x.from - from })
	hi, _ := slices.BinarySearchFunc(d.occs[lo:], to, func(x occ, to int) int { return x.from - to })
	return d.occs[lo : lo+hi]
}

// inside reports whether another entity's name holds o. Names are short: only the occurrences
// that start at most maxName tokens before o are looked at (occs is sorted by start).
func (d *doc) inside(o occ) bool {
	lo, _ := slices.BinarySearchFunc(d.occs, o.from-maxName, func(x occ, from int) int { return x.from - from })
	for _, x := range d.occs[lo:] {
		if x.from > o.from {
			return false
		}
		if o.to <= x.to && x.to-x.from > o.to-o.from {
			return true // another name holds it, or a longer place of the same one
		}
	}
	return false
}

// maxName is the most tokens a name spans (a quoted programme's name with its head: about 30).
const maxName = 40

// covered reports whether tokens [from, to) overlap a place an entity is named.
func (d *doc) covered(from, to int) bool {
	lo, _ := slices.BinarySearchFunc(d.occs, from-maxName, func(x occ, from int) int { return x.from - from })
	for _, o := range d.occs[lo:] {
		if o.from >= to {
			return false
		}
		if from < o.to {
			return true
		}
	}
	return false
}

// entity returns the new entity of an ID, or nil.
func (d *doc) entity(id string) *NewEntity {
	for _, e := range d.ents {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// isHead reports whether token i starts a head word of the text's language (or, for a Latin
// word, of English).
func (d *doc) headAt(i int) (head, bool) {
	if i < 0 || i >= len(d.toks) {
		return head{}, false
	}
	if h, ok := d.lx.headAt(d.toks, i); ok {
		return h, true
	}
	if d.toks[i].latin && d.lx != d.en {
		return d.en.headAt(d.toks, i)
	}
	return head{}, false
}

// headsAt returns every head word that starts at token i, longest first: the text's language's,
// or English ones for a Latin word.
func (d *doc) headsAt(i int) []head {
	if i < 0 || i >= len(d.toks) {
		return nil
	}
	lx := d.lx
	if d.toks[i].latin && d.lx != d.en {
		lx = d.en
	}
	hs := lx.headsAt(d.toks, i)
	slices.SortStableFunc(hs, func(a, b head) int { return len(b.words) - len(a.words) })
	return hs
}

// is reports whether token i is a one-word form of the named list.
func (d *doc) is(i int, name string) bool {
	return i >= 0 && i < len(d.toks) && d.lx.list(name).has(d.toks[i].plain)
}

// match returns the length of the named list's phrase at token i (0 if none).
func (d *doc) match(i int, name string) int {
	if i < 0 || i >= len(d.toks) {
		return 0
	}
	return d.lx.list(name).matchAt(d.toks, i)
}

// punct reports whether token i is one of the marks.
func (d *doc) punct(i int, marks string) bool {
	return i >= 0 && i < len(d.toks) && !d.toks[i].word && strings.Contains(marks, d.toks[i].text)
}
