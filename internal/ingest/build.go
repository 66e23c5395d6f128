package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// tokenSpan is the tokens [from, to) that lie within characters [start, end).
func (d *doc) tokenSpan(start, end int) (from, to int) {
	from, _ = slices.BinarySearchFunc(d.toks, start, func(t token, s int) int { return t.start - s })
	to = from
	for to < len(d.toks) && d.toks[to].end <= end {
		to++
	}
	return from, to
}

// runeSpan is the characters of tokens [from, to).
func (d *doc) runeSpan(from, to int) Span { return Span{d.toks[from].start, d.toks[to-1].end} }

// addMentions records the known entities the linker found; a mention with several candidates
// keeps its place (no new name is proposed over it) but names no entity.
func (d *doc) addMentions(ms []Mention) {
	for _, m := range ms {
		from, to := d.tokenSpan(m.Start, m.End)
		if from >= to {
			continue
		}
		o := occ{from: from, to: to, known: true}
		if m.Sure() {
			o.id, o.kind = m.Candidates[0].ID, m.Candidates[0].Kind
			if o.kind == "ORGANISATION" { // its category by the head word of its name as written ("Ministry of …")
				for j := from; j < to && o.category == ""; j++ {
					for _, h := range d.headsAt(j) {
						if h.kind == "ORGANISATION" && h.category != "" && o.category == "" {
							o.category = h.category
						}
					}
				}
			}
		}
		d.addOcc(o)
	}
}

// addNames makes the new entities of the names found: one per name (a plural head's list, one per
// item), the same name met again (in any inflection) the same entity.
func (d *doc) addNames(cs []cand) {
	for _, c := range cs {
		if len(c.items) > 0 && (len(c.items) > 1 || c.category != "MUNICIPALITY") {
			for _, it := range c.items {
				name := d.text(it[0], it[1])
				if c.category == "MUNICIPALITY" {
					name = capitalise(d.baseOf(c.headAt)) + " " + name
				}
				d.addEntity(c, name, it[0], it[1])
			}
			continue
		}
		if c.rule != "" && strings.Contains(c.rule, "classifier") && c.kind != "EVENT" && d.namesOther(c) {
			// "Центърът Cisco": the centre named after Cisco, not a centre called Cisco; it speaks of
			// the last centre, and is a name of it. (An event is not named after an organisation:
			// "хакатона HackVT 2025" is HackVT 2025.)
			if o, ok := d.last(c.from, kinds{c.kind}); ok {
				d.addOcc(occ{id: o.id, kind: o.kind, category: o.category, from: c.from, to: c.to, refers: true, known: o.known})
				if e := d.entity(o.id); e != nil && !slices.Contains(e.Aliases, d.text(c.from, c.to)) {
					e.Aliases = append(e.Aliases, d.text(c.from, c.to))
				}
			}
			continue
		}
		d.addEntity(c, d.nameOf(c), c.from, c.to)
	}
}

// namesOther reports whether a classifier's proper part names an entity of another kind the
// text knows already.
func (d *doc) namesOther(c cand) bool {
	key := nameKey(d.text(c.nameFrom, c.nameTo))
	for _, e := range d.ents {
		if e.Kind != c.kind && nameKey(e.Name) == key && e.Confidence >= foreignName {
			return true // a sure name of another kind, not a guess the classifier settles
		}
	}
	return slices.ContainsFunc(d.near(c.nameFrom, c.nameTo), func(o occ) bool {
		return o.known && o.kind != c.kind && o.kind != "CITY" && o.from == c.nameFrom && o.to == c.nameTo
	})
}

// baseOf is the base form of the head word at token i, as the lexicon writes it.
func (d *doc) baseOf(i int) string {
	h, _ := d.headAt(i)
	return h.base
}

// nameOf is the name a candidate proposes: its proper part as written, the head word brought to
// its base form ("Министерството на …" is "Министерство на …", "του Δήμου Λάρισας" "Δήμος
// Λάρισας").
func (d *doc) nameOf(c cand) string {
	if c.head == "" || c.nameFrom != c.headAt {
		return d.text(c.nameFrom, c.nameTo)
	}
	h, _ := d.headAt(c.headAt)
	base := h.base
	if d.toks[c.headAt].cap || h.category == "MUNICIPALITY" {
		base = capitalise(base) // "община Пловдив" is Община Пловдив
	}
	rest := d.text(c.headAt+len(h.words), c.nameTo)
	if rest == "" {
		return base
	}
	sep := " "
	if j := c.headAt + len(h.words); d.toks[j].start == d.toks[j-1].end {
		sep = ""
	}
	return base + sep + rest
}

// addEntity adds the entity a candidate names at tokens [from, to), or another place of one
// named before under the same name.
func (d *doc) addEntity(c cand, name string, from, to int) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	key := nameKey(name)
	e := d.findEntity(c.kind, key)
	if e == nil {
		e = d.byAlias(name)
	}
	if e == nil {
		// The same name under another kind ("το πρόγραμμα Interreg Europe", then "Το Interreg
		// Europe"): one entity, of the surer rule's kind.
		if o := d.findEntity("", key); o != nil {
			if c.confidence > o.Confidence {
				d.retype(o, c.kind, c.category, c.rule, c.confidence)
			}
			e = o
		}
	}
	if e == nil {
		e = d.extended(c.kind, name)
	}
	if e == nil && c.kind == "EVENT" {
		e = d.sameEvent(key)
	}
	if e == nil && c.kind == "EVENT" && c.lemma != "" {
		if b := d.bareEvent(c.lemma); b != nil && nameKey(name) != nameKey(c.lemma) && !genitiveName(strings.TrimSpace(strings.TrimPrefix(name, firstWord(name)))) {
			// "семинар в Добрич" in the headline, then "семинара „Енергийни общности…“": one
			// seminar, named by the name the text gives it
			d.rename(b, name)
			e = b
		} else if b := d.lastEvent(); b != nil && nameKey(name) == nameKey(c.lemma) && d.baseForm(from, c.lemma) {
			e = b // "включваше и посещение в …": a bare head word speaks of the event the text reports
		}
	}
	if e == nil {
		e = &NewEntity{Kind: c.kind, Name: name, Lang: scriptLang(name), Rule: c.rule, Confidence: c.confidence,
			Category: c.category, Start: d.toks[from].start, End: d.toks[to-1].end}
		if e.Kind == "ORGANISATION" && e.Category == "" {
			e.Category = "OTHER"
		}
		e.ID = domain.ID(store.Kind(e.Kind), name)
		for d.idTaken(e.ID, e) {
			e.ID += "-" + strings.ToLower(e.Kind[:1])
		}
		d.ents = append(d.ents, e)
	} else if c.confidence > e.Confidence {
		e.Rule, e.Confidence = c.rule, c.confidence
	}
	for _, a := range c.aliases {
		if !slices.Contains(e.Aliases, a) {
			e.Aliases = append(e.Aliases, a)
		}
	}
	d.addLemma(e.ID, c.lemma)
	d.addOcc(occ{id: e.ID, kind: e.Kind, category: e.Category, from: from, to: to})
}

// idTaken reports whether another entity has the ID (two kinds may share a slug).
func (d *doc) idTaken(id string, self *NewEntity) bool {
	return slices.ContainsFunc(d.ents, func(o *NewEntity) bool { return o != self && o.ID == id })
}

// findEntity returns the new entity of a kind (any, if "") with the same name key, or nil.
func (d *doc) findEntity(kind, key string) *NewEntity {
	for _, e := range d.ents {
		if (kind == "" || e.Kind == kind) && nameKey(e.Name) == key {
			return e
		}
	}
	return nil
}

// extended returns the entity of a kind whose name is this one's with a complement, or the
// other way round: "Δομή Καινοτομίας της Περιφέρειας Ηπείρου" and "Δομής Καινοτομίας",
// "Русенския университет" and "Русенския университет „Ангел Кънчев“". The longer name stays.
func (d *doc) extended(kind, name string) *NewEntity {
	nw := strings.Fields(name)
	for _, e := range d.ents {
		if e.Kind != kind || e.Unnamed {
			continue
		}
		ew := strings.Fields(e.Name)
		short, long := ew, nw
		if len(nw) < len(ew) {
			short, long = nw, ew
		}
		if len(short) == len(long) || !wordsAlike(short, long[:len(short)]) {
			continue
		}
		rest := long[len(short)]
		// "Κέντρο Ψηφιακής Υγείας" in a headline, "Κέντρο Ψηφιακής Υγείας Δυτικής Ελλάδας" in the
		// text: a Greek name's genitive complement needs no article
		genitive := (kind == "CENTRE" || kind == "ORGANISATION") && len(short) >= 2 && unicode.IsUpper([]rune(rest)[0]) && scriptLang(rest) == "el"
		if !genitive && !strings.ContainsAny(string([]rune(rest)[0]), "„«\"“") && !isPeriod(rest) && !slices.ContainsFunc(store.Langs,
			func(l string) bool { return lexicons[l].list("of").has(plain(rest)) }) {
			continue
		}
		if len(nw) > len(ew) {
			d.rename(e, name)
		}
		return e
	}
	return nil
}

// wordsAlike reports whether two names' words agree one by one, inflection aside: each folded
// word cut to its first max(4, length-3) letters starts the other's ("Технологичен парк" and
// "Технологичният парк").
func wordsAlike(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	cut := func(w string) string {
		r := []rune(translit.Fold(w))
		if len(r) > 4 {
			r = r[:max(4, len(r)-3)]
		}
		return string(r)
	}
	for i := range a {
		x, y := cut(a[i]), cut(b[i])
		if !strings.HasPrefix(x, y) && !strings.HasPrefix(y, x) {
			return false
		}
	}
	return true
}

// sameEvent returns the event whose name ends with this one's, or that this one's ends with:
// "working visit" and "two-day working visit" are one visit in one text.
func (d *doc) sameEvent(key string) *NewEntity {
	for _, e := range d.ents {
		if k := nameKey(e.Name); e.Kind == "EVENT" && (strings.HasSuffix(k, " "+key) || strings.HasSuffix(key, " "+k)) {
			return e
		}
	}
	return nil
}

// bareEvent returns the event named only by a head word ("семинар"), or by a head word and the
// place or organisation it belongs to ("συνέδριο του Βόλου"), or nil.
func (d *doc) bareEvent(lemma string) *NewEntity {
	lk := nameKey(lemma)
	for _, e := range d.ents {
		if e.Kind != "EVENT" {
			continue
		}
		k := nameKey(e.Name)
		if k == lk {
			return e
		}
		rest, ok := strings.CutPrefix(e.Name, firstWord(e.Name))
		if ok && strings.HasPrefix(k, lk+" ") && genitiveName(strings.TrimSpace(rest)) {
			return e
		}
	}
	return nil
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// genitiveName reports whether words are a joining word and a capitalised name: "του Βόλου".
func genitiveName(s string) bool {
	j, name, ok := strings.Cut(s, " ")
	if !ok || name == "" || !unicode.IsUpper([]rune(name)[0]) {
		return false
	}
	return slices.ContainsFunc(store.Langs, func(l string) bool { return lexicons[l].list("joiner").has(plain(j)) })
}

// lastEvent returns the event named last, or nil.
func (d *doc) lastEvent() *NewEntity {
	for i := len(d.ents) - 1; i >= 0; i-- {
		if d.ents[i].Kind == "EVENT" {
			return d.ents[i]
		}
	}
	return nil
}

// baseForm reports whether the word at token i is its head's base form (not the plural).
func (d *doc) baseForm(i int, lemma string) bool {
	return i < len(d.toks) && d.toks[i].plain == plain(lemma)
}

// rename gives an entity a better name (the one it had becomes an alias) and the ID of it.
func (d *doc) rename(e *NewEntity, name string) {
	old := e.ID
	if !slices.Contains(e.Aliases, e.Name) {
		e.Aliases = append(e.Aliases, e.Name)
	}
	e.Name, e.Lang = name, scriptLang(name)
	e.ID = domain.ID(store.Kind(e.Kind), name)
	for d.idTaken(e.ID, e) {
		e.ID += "-" + strings.ToLower(e.Kind[:1])
	}
	d.lemmas[e.ID] = d.lemmas[old]
	for i := range d.occs {
		if d.occs[i].id == old {
			d.occs[i].id = e.ID
		}
	}
	d.occsChanged()
}

// mergeAliases makes one entity of a name and another's alias met before it: "МИР" in the
// headline is the ministry the text later names "Министерството на иновациите и растежа (МИР)".
func (d *doc) mergeAliases() {
	gone := map[*NewEntity]*NewEntity{} // merged → into
	for _, e := range d.ents {
		for _, a := range e.Aliases {
			for _, o := range d.ents {
				if o != e && o.Name == a && o.Confidence <= foreignName+0.05 && gone[e] == nil {
					gone[o] = e
				}
			}
		}
	}
	for o, e := range gone {
		d.mergeInto(o, e)
	}
}

// mergeInto makes entity o one with e: its places, head words and relationships become e's.
func (d *doc) mergeInto(o, e *NewEntity) {
	for i := range d.occs {
		if d.occs[i].id == o.ID {
			d.occs[i].id, d.occs[i].kind, d.occs[i].category = e.ID, e.Kind, e.Category
		}
	}
	d.occsChanged()
	for _, l := range d.lemmas[o.ID] {
		d.addLemma(e.ID, l)
	}
	for i := range d.rels {
		if d.rels[i].From == o.ID {
			d.rels[i].From = e.ID
		}
		if d.rels[i].To == o.ID {
			d.rels[i].To = e.ID
		}
	}
	d.ents = slices.DeleteFunc(d.ents, func(x *NewEntity) bool { return x == o })
	d.indexRels()
}

// retype gives an entity another kind (and the ID of that kind), where every place it is named
// follows.
func (d *doc) retype(e *NewEntity, kind, category, rule string, confidence float64) {
	old := e.ID
	e.Kind, e.Category, e.Rule, e.Confidence = kind, category, rule, confidence
	if kind == "ORGANISATION" && category == "" {
		e.Category = "OTHER"
	}
	e.ID = domain.ID(store.Kind(kind), e.Name)
	for d.idTaken(e.ID, e) {
		e.ID += "-" + strings.ToLower(kind[:1])
	}
	d.lemmas[e.ID] = d.lemmas[old]
	for i := range d.occs {
		if d.occs[i].id == old {
			d.occs[i].id, d.occs[i].kind, d.occs[i].category = e.ID, kind, e.Category
		}
	}
	d.occsChanged()
	// The relationships proposed with it follow it, those its new kind cannot have go.
	rels := d.rels[:0]
	for _, r := range d.rels {
		if r.From == old {
			r.From = e.ID
		}
		if r.To == old {
			r.To = e.ID
		}
		if r.Type.Connects(store.Kind(d.kindOf(r.From)), store.Kind(d.kindOf(r.To))) {
			rels = append(rels, r)
		}
	}
	d.rels = rels
	d.indexRels()
}

// addLemma records a head word an entity is named or described with.
func (d *doc) addLemma(id, lemma string) {
	if lemma != "" && !slices.Contains(d.lemmas[id], lemma) {
		d.lemmas[id] = append(d.lemmas[id], lemma)
	}
}

// kindOf is the kind of an entity the text names, by its ID.
func (d *doc) kindOf(id string) string {
	for _, o := range d.occs {
		if o.id == id {
			return o.kind
		}
	}
	return ""
}

// byAlias returns the new entity one of whose aliases is the name ("ЕФРР" after "Европейския
// фонд за регионално развитие (ЕФРР)"), or nil.
func (d *doc) byAlias(name string) *NewEntity {
	for _, e := range d.ents {
		if slices.Contains(e.Aliases, name) {
			return e
		}
	}
	return nil
}

// nameKey is a name reduced to its words' stems: the same name in another inflection has the
// same key ("Агенцията за устойчиво…" and "Агенция за устойчиво…").
func nameKey(name string) string {
	ws := strings.Fields(translit.Fold(name))
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return strings.Join(ws, " ")
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
