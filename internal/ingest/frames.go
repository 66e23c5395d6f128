package ingest

import (
	"slices"
	"strconv"

	"urbangraph/internal/store"
)

// Relationships are read by frames: a cue of the language (a verb, a preposition, a phrase of the
// lexicon's named lists) with the places its arguments stand around it — the subject before a
// verb, the agent after "by", the items of a list after "discussed". Each frame is a rule of a
// language, never of a text; each proposes with the confidence its rule has earned on the
// development corpus (docs/ingestion.md). This file holds what every frame uses.

// relate proposes a relationship stated by sentence s, where the model allows it, once per
// sentence.
func (d *doc) relate(s sent, from, to occ, t store.RelType, rule string, confidence float64, props map[string]any) {
	if from.id == "" || to.id == "" || from.id == to.id || !t.Connects(store.Kind(from.kind), store.Kind(to.kind)) {
		return
	}
	key := relKey{from.id, to.id, t, s.Start}
	if d.relAt == nil {
		d.indexRels()
	}
	if i, ok := d.relAt[key]; ok {
		if confidence > d.rels[i].Confidence {
			d.rels[i].Rule, d.rels[i].Confidence = rule, confidence
		}
		return
	}
	d.relAt[key] = len(d.rels)
	d.rels = append(d.rels, RelProposal{From: from.id, To: to.id, Type: t, Props: props, Quote: s.Text, Start: s.Start, End: s.End,
		Rule: rule, Confidence: confidence})
}

// indexRels rebuilds relAt after rels changed other than by relate (an entity merged or retyped):
// the first of equal relationships is the one relate updates.
func (d *doc) indexRels() {
	d.relAt = make(map[relKey]int, len(d.rels))
	for i, r := range d.rels {
		k := relKey{r.From, r.To, r.Type, r.Start}
		if _, ok := d.relAt[k]; !ok {
			d.relAt[k] = i
		}
	}
}

// inSentence lists the outermost occurrences of sentence s that name an entity.
func (d *doc) inSentence(s sent) []occ {
	var out []occ
	for _, o := range d.occsIn(s.from, s.to) {
		if o.id != "" {
			out = append(out, o)
		}
	}
	return out
}

// cues returns where the phrases of a named cue list stand in sentence s: [from, to) each. A
// phrase inside a longer cue of another list is that cue's ("получи подкрепа по ПКИП" is no
// frame "по").
func (d *doc) cues(s sent, list string) [][2]int {
	var out [][2]int
	p := d.lx.list(list)
	for i := s.from; i < s.to; i++ {
		if n := p.matchAt(d.toks[:s.to], i); n > 0 && !d.insideLongerCue(s, i, n) {
			out = append(out, [2]int{i, i + n})
			i += n - 1
		}
	}
	return out
}

// insideLongerCue reports whether a cue of n tokens at i lies inside a longer cue of any list
// that starts before it.
func (d *doc) insideLongerCue(s sent, i, n int) bool {
	for k := max(s.from, i-4); k < i; k++ {
		if m := d.cueLen(s, k); k+m >= i+n && m > n {
			return true
		}
	}
	return false
}

// kinds is a set of kinds an argument may have.
type kinds []string

func (k kinds) has(kind string) bool { return slices.Contains(k, kind) }

// after returns the first occurrence of one of the kinds that starts at or after token j within
// the sentence and at most max tokens on.
func (d *doc) after(s sent, j, max int, ks kinds) (occ, bool) {
	for _, o := range d.inSentence(s) {
		if o.from >= j && o.from-j <= max && ks.has(o.kind) {
			return o, true
		}
	}
	return occ{}, false
}

// before returns the last occurrence of one of the kinds that ends at or before token j within
// the sentence and at most max tokens back.
func (d *doc) before(s sent, j, max int, ks kinds) (occ, bool) {
	os := d.inSentence(s)
	for k := len(os) - 1; k >= 0; k-- {
		if o := os[k]; o.to <= j && j-o.to <= max && ks.has(o.kind) {
			return o, true
		}
	}
	return occ{}, false
}

// listFrom returns the list of occurrences of one of the kinds that begins with o: the items
// joined by commas and "and" words, each maybe with its determiner, a place in brackets or after
// "from" ("the Municipality of Piraeus (Greece), Klaipėda City Municipality (Lithuania)…").
func (d *doc) listFrom(s sent, o occ, ks kinds) []occ {
	out := []occ{o}
	os := d.inSentence(s)
	end := o.to
	for _, x := range os {
		if x.from < end {
			continue
		}
		if !d.joinsList(end, x.from) {
			if ks.has(x.kind) || !d.placeAside(x) {
				break
			}
			continue
		}
		if ks.has(x.kind) {
			out = append(out, x)
			end = x.to
		} else if d.placeAside(x) {
			end = x.to
		} else {
			break
		}
	}
	return out
}

// listEnding returns the list of occurrences of one of the kinds that ends with o, in the text's
// order.
func (d *doc) listEnding(s sent, o occ, ks kinds) []occ {
	out := []occ{o}
	os := d.inSentence(s)
	start := o.from
	for k := len(os) - 1; k >= 0; k-- {
		x := os[k]
		if x.to > start {
			continue
		}
		if !d.joinsList(x.to, start) {
			break
		}
		if ks.has(x.kind) {
			out = append([]occ{x}, out...)
			start = x.from
		} else if d.placeAside(x) {
			start = x.from
		} else {
			break
		}
	}
	return out
}

// placeAside reports whether an occurrence is a place that stands aside in a list: "X (Greece)",
// "X от Испания".
func (d *doc) placeAside(o occ) bool { return o.kind == "COUNTRY" || o.kind == "CITY" }

// joinsList reports whether tokens [from, to) only join two items of a list: commas, "and"
// words, determiners, brackets, "from"/"от"/"από" before a place.
func (d *doc) joinsList(from, to int) bool {
	if to-from > 8 {
		return false
	}
	for j := from; j < to; j++ {
		t := d.toks[j]
		if n := max(d.match(j, "and"), d.match(j, "co-agent"), d.en.list("and").matchAt(d.toks, j)); n > 1 {
			j += n - 1 // "както и", "в сътрудничество с", "together with"
			continue
		}
		switch {
		case d.punct(j, ",():;–-€$%"):
		case t.word && (d.is(j, "and") || d.is(j, "determiner") || d.is(j, "from") || d.in(d.en, j, "and") || d.in(d.en, j, "determiner")):
		case d.classifierBefore(j, to):
			return true // "…, the construction company Rakenne Oy and …": the next item's classifying words
		case t.word && t.latin && d.in(d.en, j, "demonym") && j+1 <= to && j+1 < len(d.toks) && d.toks[j+1].word && !d.toks[j+1].cap:
			// "… and the Swedish municipality of Umeå", "the Belgian city of Ghent": a nationality before the next item's head
		case t.word && j > from && (d.is(j, "of") || d.in(d.en, j, "of")) && (d.is(j-1, "and") || d.in(d.en, j-1, "and")):
			// "представители на X и на Y", "representatives of X and of Y": the list goes on
		case t.digit || d.is(j, "month") || d.in(d.en, j, "month") || d.is(j, "amount") || d.in(d.en, j, "amount"):
			// "(3 юни)", "(€5.8 million)": dates and amounts beside the items
		case t.upper && d.punct(j-1, "(") && d.punct(j+1, ")"):
			// "Българската академия на науките (БАН), Община Плевен и …": an item's acronym
		default:
			return false
		}
	}
	return true
}

// classifierBefore reports whether tokens [j, to) are lower-case words that end with a head word
// right before an item, or come before an item that starts with its lower-case head: the words
// that classify it ("the regional development agency X").
func (d *doc) classifierBefore(j, to int) bool {
	if to-j > 4 || to-j < 1 {
		return false
	}
	s := d.sentenceOf(j)
	for k := j; k < to; k++ {
		lx := d.lexOf(k)
		if !d.toks[k].word || d.toks[k].cap || d.toks[k].digit || d.isCueStart(s, k) || d.verb(lx, k) ||
			d.in(lx, k, "of") || d.in(lx, k, "purpose") || d.in(lx, k, "in") || d.is(k, "by") || d.in(d.en, k, "by") {
			return false // "…, финансиран по програма X": a verb and its frame, no classifier
		}
	}
	if _, ok := d.headAt(to - 1); ok {
		return true
	}
	_, ok := d.headAt(to) // the item's name holds its classifying head: "construction [company Rakenne Oy]"
	return ok && !d.toks[to].cap
}

// year is the first year a sentence gives (19xx or 20xx), or 0.
func (d *doc) year(s sent, from int) int {
	for j := from; j < s.to; j++ {
		if t := d.toks[j]; t.digit && len(t.text) == 4 && isPeriod(t.text) {
			n, _ := strconv.Atoi(t.text)
			return n
		}
	}
	for j := s.from; j < from; j++ {
		if t := d.toks[j]; t.digit && len(t.text) == 4 && isPeriod(t.text) {
			n, _ := strconv.Atoi(t.text)
			return n
		}
	}
	return 0
}

// relative reports whether a relative pronoun stands within the n tokens before j ("…, която се
// съфинансира", "το οποίο ίδρυσαν", "which is financed").
func (d *doc) relative(s sent, j, n int) (int, bool) {
	for k := j - 1; k >= s.from && k >= j-n; k-- {
		if d.is(k, "relative") || d.in(d.en, k, "relative") && d.toks[k].latin {
			return k, true
		}
	}
	return 0, false
}

// last returns the occurrence of one of the kinds named last before token j in the text.
func (d *doc) last(j int, ks kinds) (occ, bool) {
	// occs is sorted by start, and an occurrence ends after it starts: none from j on ends by j.
	best := -1
	for _, k := range ks {
		pos := d.ofKind(k)
		end, _ := slices.BinarySearchFunc(pos, j, func(i, j int) int { return d.occs[i].from - j })
		for p := end - 1; p >= 0 && pos[p] > best; p-- {
			if o := d.occs[pos[p]]; o.to <= j && !d.inside(o) {
				best = pos[p]
				break
			}
		}
	}
	if best < 0 {
		return occ{}, false
	}
	return d.occs[best], true
}

// clauseStart is where the clause holding token j starts: after the nearest semicolon, or the
// sentence's start.
func (d *doc) clauseStart(s sent, j int) int {
	for k := j - 1; k > s.from; k-- {
		if d.punct(k, ";") {
			return k + 1
		}
	}
	return s.from
}
