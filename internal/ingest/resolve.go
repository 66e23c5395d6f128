package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// Resolution settles a document's new entities against the graph, so that one body named in three
// languages is one entity:
//
//   - a body every language names by a head word and a place takes an English name by a pattern
//     ("Община Видин", "Δήμος Βιντίν", "Municipality of Vidin": Vidin Municipality, with the
//     gazetteer's English name of the place), which gives its ID; its name in the document's
//     language stays that language's name;
//   - a new entity the graph holds already (its ID, or its English name a name of a known entity of
//     its kind) becomes a mention of it, saying why; accepted, the document's name becomes the
//     entity's name in that language, or an alias;
//   - a new entity in a city where the graph holds entities of its kind with the same head word
//     ("Κέντρο …" and the Centre for … the graph places in that city) keeps its proposal, with
//     those entities as candidates: a weak match, for a reviewer to choose.

// canonicalPatterns are the English names the canonical lists' heads give, by list.
var canonicalPatterns = []struct {
	list, format string
	located      bool // the body is in the place its name holds, when that is a city
	regions      bool // the place may be a region (regions.go)
}{
	{"canonical-municipality", "%s Municipality", true, false},
	{"canonical-region", "%s Region", false, true}, // a region named after its seat is more than the city
}

// canonicalName returns the English name of an organisation named by a canonical head and a
// place, and the known city it is in by its name (a municipality's, if the place is a city).
func canonicalName(name string, l *Linker) (english, city string, ok bool) {
	var ws []token
	for _, t := range tokenize([]rune(name)) {
		if t.word {
			ws = append(ws, t)
		}
	}
	if len(ws) < 2 {
		return "", "", false
	}
	lx := lexicons[scriptLang(name)]
	for _, pt := range canonicalPatterns {
		heads := lx.list(pt.list)
		from, to := 0, len(ws)
		if n := heads.matchAt(ws, 0); n > 0 { // "Община Видин", "Municipality of Vidin"
			from = n + lx.list("canonical-joins").matchAt(ws, n)
		} else if n := endMatch(heads, ws); n > 0 { // "Vidin Municipality"
			to = len(ws) - n
		} else {
			continue
		}
		if from >= to || !ws[from].cap || to-from > 4 {
			continue
		}
		place := string([]rune(name)[ws[from].start:ws[to-1].end])
		english, city = placeName(place, l, strings.Split(strings.Join(lx.ordered("canonical-countries"), "|"), "|"), pt.regions)
		if !pt.located {
			city = ""
		}
		return fmt.Sprintf(pt.format, english), city, true
	}
	return "", "", false
}

// endMatch is the length of a one-word phrase of p that ends ws, or 0.
func endMatch(p *phrases, ws []token) int {
	if last := ws[len(ws)-1]; p.has(last.plain) {
		return 1
	}
	return 0
}

// placeName is a place's English name: the known city's when the words name one city (in the
// countries whose bodies the head names, if it says: a Bulgarian "община" is in Bulgaria), else the
// region's when regions are asked for and the words name one, else the words romanised.
func placeName(place string, l *Linker, countries []string, regions bool) (english, city string) {
	var cities []string
	if ms := l.Find(place); len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len([]rune(place)) {
		for _, c := range ms[0].Candidates {
			if c.Kind == string(store.City) {
				cities = append(cities, c.ID)
			}
		}
		if in := l.inCountries(cities, countries); len(in) > 0 {
			cities = in
		}
	} else if ws := tokens(place); len(ws) == 1 && len(countries) > 0 {
		cities = l.cityByStem(ws[0].folded, countries)
	}
	if len(cities) == 1 && l.known[cities[0]].english != "" {
		return l.known[cities[0]].english, cities[0]
	}
	if regions {
		if en := regionName(place, countries); en != "" {
			return en, ""
		}
	}
	if scriptLang(place) == "en" {
		return place, ""
	}
	return Romanise(place, true), ""
}

// inCountries keeps the cities in one of the countries (given as the IDs' slugs: "bulgaria").
func (l *Linker) inCountries(cities, countries []string) []string {
	var out []string
	for _, c := range cities {
		if slices.Contains(countries, strings.TrimPrefix(l.country[c], "country:")) {
			out = append(out, c)
		}
	}
	return out
}

// cityByStem finds the one city of the countries with a one-word name that shares its stem with a
// word its name does not inflect to: the official names of Greek municipalities are often the
// inhabitants' genitive plural ("Δήμος Ναυπλιέων": Nafplio, "Δήμος Λαμιέων": Lamia). Stems agree
// as the corpus scoring has them (a word cut to max(4, length − 3) letters; one cut starts the other).
func (l *Linker) cityByStem(word string, countries []string) []string {
	if utf8.RuneCountInString(word) < 4 {
		return nil
	}
	var out []string
	for _, id := range l.byStem[firstRunes(word, 4)] { // a shared stem starts with the same four letters
		if slices.Contains(out, id) || !slices.Contains(countries, strings.TrimPrefix(l.country[id], "country:")) {
			continue
		}
		if slices.ContainsFunc(l.primary[id], func(f string) bool { return !strings.Contains(f, " ") && sharesStem(f, word) }) {
			out = append(out, id)
		}
	}
	return out
}

// firstRunes is s's first n characters.
func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// sharesStem: each word cut to max(4, length − 3) letters, one cut starts the other.
func sharesStem(a, b string) bool {
	cut := func(w string) string {
		r := []rune(w)
		return string(r[:min(len(r), max(4, len(r)-3))])
	}
	ca, cb := cut(a), cut(b)
	return strings.HasPrefix(ca, cb) || strings.HasPrefix(cb, ca)
}

// resolve applies canonical names and resolution to p's new entities (after the relationships:
// their IDs follow the entities').
func resolve(p *Proposals, runes []rune, l *Linker) {
	renamed := map[string]string{}
	keptAt := map[string]int{} // a kept entity's ID -> its index
	var kept []NewEntity
	var implied []RelProposal
	for _, e := range p.Entities {
		old := e.ID
		if e.Kind == string(store.Organisation) && !e.Collective && !e.Unnamed {
			if english, city, ok := canonicalName(e.Name, l); ok {
				e.English, e.ID = english, domain.ID(store.Organisation, english)
				if city != "" {
					implied = append(implied, impliedLocation(p.Sentences, e, city))
				}
			}
		}
		if english := englishAlias(e); e.English == "" && english != "" {
			e.English, e.ID = english, domain.ID(store.Kind(e.Kind), english) // the text gives its English name
		}
		if id, why := l.resolved(e); id != "" {
			renamed[old], renamed[e.ID] = id, id
			p.Mentions = append(p.Mentions, resolvedMentions(e, id, why, runes, l)...)
			continue
		}
		renamed[old] = e.ID
		if i, ok := keptAt[e.ID]; ok {
			kept[i].Spans = append(kept[i].Spans, e.Spans...) // two names of one body in one text
			kept[i].Confidence = max(kept[i].Confidence, e.Confidence)
			continue
		}
		keptAt[e.ID] = len(kept)
		kept = append(kept, e)
	}
	places := placesOf(p.Relations, renamed, l)
	for i := range kept {
		kept[i].Candidates, kept[i].Resolution = l.alike(kept[i], places.cityOf(kept[i].ID, l))
	}
	p.Entities = kept
	rels := append(p.Relations, implied...)
	p.Relations = p.Relations[:0:0]
	seen := map[string]bool{}
	for _, r := range rels {
		r.From, r.To = cmp.Or(renamed[r.From], r.From), cmp.Or(renamed[r.To], r.To)
		key := r.From + "|" + string(r.Type) + "|" + r.To + "|" + fmt.Sprint(r.Start)
		if r.From == r.To || seen[key] {
			continue
		}
		seen[key] = true
		p.Relations = append(p.Relations, r)
	}
	slices.SortStableFunc(p.Mentions, func(a, b Mention) int { return a.Start - b.Start })
}

// englishAlias is the English name a Bulgarian or Greek text gives a new entity beside its own (an
// alias in Latin letters of two words or more that is no acronym: "Министерство на … (Ministry of
// …)"), or "".
func englishAlias(e NewEntity) string {
	if e.Unnamed || e.Collective || scriptLang(e.Name) == "en" {
		return ""
	}
	for _, a := range e.Aliases {
		if scriptLang(a) == "en" && !isAcronym(a) && len(strings.Fields(a)) >= 2 {
			return a
		}
	}
	return ""
}

// docPlaces are where a document puts its entities, by their resolved IDs: the known city each is
// LOCATED_IN (the first), and who founded each.
type docPlaces struct {
	city     map[string]string
	founders map[string][]string
}

func placesOf(rels []RelProposal, renamed map[string]string, l *Linker) docPlaces {
	ps := docPlaces{city: map[string]string{}, founders: map[string][]string{}}
	id := func(x string) string { return cmp.Or(renamed[x], x) }
	for _, r := range rels {
		switch {
		case r.Type == "LOCATED_IN" && l.known[r.To].kind == string(store.City):
			if _, ok := ps.city[id(r.From)]; !ok {
				ps.city[id(r.From)] = r.To
			}
		case r.Type == "FOUNDED":
			ps.founders[id(r.To)] = append(ps.founders[id(r.To)], id(r.From))
		}
	}
	return ps
}

// cityOf is the known city the document places an entity in, else the city of an organisation the
// document says founded it (as the document or the graph places that one), or "".
func (ps docPlaces) cityOf(id string, l *Linker) string {
	if c := ps.city[id]; c != "" {
		return c
	}
	for _, f := range ps.founders[id] {
		if c := cmp.Or(ps.city[f], l.known[f].city); c != "" {
			return c
		}
	}
	return ""
}

// impliedLocation is the LOCATED_IN a canonical name states ("Община Видин" is in Vidin), quoting
// the sentence that names it first.
func impliedLocation(sents []Sentence, e NewEntity, city string) RelProposal {
	r := RelProposal{From: e.ID, To: city, Type: "LOCATED_IN", Rule: "canonical-name", Confidence: e.Confidence}
	if s, ok := sentenceAt(sents, e.Start); ok {
		r.Quote, r.Start, r.End = s.Text, s.Start, s.End
	}
	return r
}

// sentenceAt is the sentence that holds the character at pos.
func sentenceAt(sents []Sentence, pos int) (Sentence, bool) {
	i, found := slices.BinarySearchFunc(sents, pos, func(s Sentence, pos int) int {
		switch {
		case s.End <= pos:
			return -1
		case s.Start > pos:
			return 1
		}
		return 0
	})
	if !found {
		return Sentence{}, false
	}
	return sents[i], true
}

// resolved returns the known entity a new one is, and why: the graph holds its ID (its English
// name, by the slug rule), or its canonical English name is a name of one known entity of its kind.
func (l *Linker) resolved(e NewEntity) (id, why string) {
	if k, ok := l.known[e.ID]; ok && k.kind == e.Kind {
		if e.English != "" {
			return e.ID, fmt.Sprintf("canonical name %q", e.English)
		}
		return e.ID, fmt.Sprintf("same English name as %q", k.english)
	}
	if id, name := l.sameWords(e); id != "" {
		return id, fmt.Sprintf("the same words as its name %q", name)
	}
	for _, a := range e.Aliases { // "… (ПРР)": an acronym the graph knows of one entity of its kind
		if !isAcronym(a) {
			continue
		}
		if ids := l.exactly(a, e.Kind); len(ids) == 1 {
			return ids[0], fmt.Sprintf("shared acronym %q", a)
		}
	}
	if e.English == "" {
		return "", ""
	}
	if ids := l.exactly(e.English, e.Kind); len(ids) == 1 {
		return ids[0], fmt.Sprintf("canonical name %q is a name of it", e.English)
	}
	return "", ""
}

// exactly returns the known entities of a kind that name is a name or alias of, whole.
func (l *Linker) exactly(name, kind string) []string {
	var ids []string
	for _, m := range l.Find(name) {
		if m.Start == 0 && m.End == len([]rune(name)) {
			for _, c := range m.Candidates {
				if c.Kind == kind && !slices.Contains(ids, c.ID) {
					ids = append(ids, c.ID)
				}
			}
		}
	}
	return ids
}

// sameWords returns the one known entity of e's kind with a name of the same words as e's in
// another order ("X Programme" and "Programme X"), or "".
func (l *Linker) sameWords(e NewEntity) (id, name string) {
	ws := tokens(e.Name)
	stems := make([]string, len(ws))
	for i, w := range ws {
		stems[i] = stem(w.folded)
	}
	var found []Candidate
	for _, c := range l.bags[bagOf(stems)] {
		if c.Kind == e.Kind && !slices.ContainsFunc(found, func(f Candidate) bool { return f.ID == c.ID }) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return "", ""
	}
	return found[0].ID, found[0].Name
}

// bagOf is a name's stems sorted, but the joining words ("Ministry of X" is "X Ministry"), for
// names of three such words or more ("" for shorter ones: two words in another order are often
// another name).
func bagOf(stems []string) string {
	content := slices.DeleteFunc(slices.Clone(stems), func(s string) bool { return functionWords[s] })
	if len(content) < 3 {
		return ""
	}
	return strings.Join(slices.Sorted(slices.Values(content)), " ")
}

// alike returns the known entities of e's kind in the city whose names have e's head word (across
// languages, by the head's gloss), and the reason.
func (l *Linker) alike(e NewEntity, city string) ([]string, string) {
	gloss := headGloss(e.Name)
	if city == "" || gloss == "" {
		return nil, ""
	}
	var out []string
	for _, id := range l.inCity[city] {
		if k := l.known[id]; k.kind == e.Kind && slices.Contains(k.glosses, gloss) {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil, ""
	}
	slices.Sort(out)
	return out, fmt.Sprintf("same kind, city (%s) and head word (%s)", city, gloss)
}

// headGloss is the English gloss of the first head word in a name, as its script's lexicon has it.
func headGloss(name string) string {
	toks := tokenize([]rune(name))
	lx := lexicons[scriptLang(name)]
	for i := range toks {
		if h, ok := lx.headAt(toks, i); ok && h.gloss != "" {
			return h.gloss
		}
	}
	return ""
}

// resolvedMentions are the mentions a resolved entity becomes: at its first place, its name in
// the document's language (for the entity to take); at each other place, the text as written.
func resolvedMentions(e NewEntity, id, why string, runes []rune, l *Linker) []Mention {
	c := []Candidate{{ID: id, Kind: e.Kind, Name: l.known[id].english}}
	out := []Mention{{Text: e.Name, Start: e.Start, End: e.End, Candidates: c, Resolution: why, English: e.English,
		Lang: cmp.Or(e.Lang, scriptLang(e.Name)), confidence: min(e.Confidence, mentionConfidence)}}
	for _, sp := range e.Spans {
		if sp.Start != e.Start && sp.End <= len(runes) {
			out = append(out, Mention{Text: strings.TrimSpace(string(runes[sp.Start:sp.End])), Start: sp.Start, End: sp.End,
				Candidates: c, Resolution: why, confidence: min(e.Confidence, mentionConfidence)})
		}
	}
	return out
}
