package ingest

import (
	"cmp"
	"slices"
	"strings"
	"urbangraph/internal/translit"
)

// Settling what the text names: the mentions of known entities kept (places inside names, homonyms,
// acronyms), a name met again, the entities proposed in the end.

// sameStem reports whether two folded words are one, or one starts the other by four letters at
// least ("patra", "patras").
func sameStem(a, b string) bool {
	if len([]rune(a)) > len([]rune(b)) {
		a, b = b, a
	}
	return a == b || len([]rune(a)) >= 4 && strings.HasPrefix(b, a)
}

// quotedNamesAreNoPlaces drops the mentions of places that are a quoted name after a head word:
// "приложението „Старият град“" names the app, not Stari Grad.
func (d *doc) quotedNamesAreNoPlaces(ms []Mention) []Mention {
	return slices.DeleteFunc(ms, func(m Mention) bool {
		from, to := d.tokenSpan(m.Start, m.End)
		return from >= 2 && from < to && slices.ContainsFunc(m.Candidates, isPlace) && d.punct(from-1, "„«“\"") &&
			d.punct(to, "“”\"»") && d.isHeadWord(from-2)
	})
}

// namedAgain finds every later place the text names a new entity, by its name (inflected too)
// or an alias: "Община Видин" named again, "ЕФРР" after "Европейския фонд … (ЕФРР)".
func (d *doc) namedAgain() {
	var names []Name
	for _, e := range d.ents {
		if e.Unnamed {
			continue
		}
		names = append(names, Name{ID: e.ID, Kind: e.Kind, Text: e.Name})
		for _, a := range e.Aliases {
			names = append(names, Name{ID: e.ID, Kind: e.Kind, Text: a})
		}
	}
	for _, m := range NewLinker(names).Find(string(d.runes)) {
		from, to := d.tokenSpan(m.Start, m.End)
		if from >= to || len(m.Candidates) != 1 {
			continue
		}
		c := m.Candidates[0]
		if slices.ContainsFunc(d.near(from, to), func(o occ) bool { return o.from < to && from < o.to && (o.id != c.ID && !o.known || o.id == c.ID) }) {
			continue // named there by another name, or by this one already
		}
		d.addOcc(occ{id: c.ID, kind: c.Kind, category: d.entity(c.ID).Category, from: from, to: to})
	}
}

// placeNamesCentre reports whether a place at tokens [from, to) opens or closes a centre's name
// ("Tartu Science Park", "Регионален иновационен център – Бургас"): the centre's city, after a
// dash or named elsewhere in the text too.
func (d *doc) placeNamesCentre(o occ, from, to int, m Mention) bool {
	if o.kind != "CENTRE" || d.isHeadWord(from) || from != o.from && to != o.to || !m.Sure() {
		return false
	}
	return d.punct(from-1, "–-") || d.namedElsewhere(occ{id: m.Candidates[0].ID}, o) // not "Ron Cooke Hub"'s Rhoon
}

// settleMentions drops the mentions of known places a word of the text only seems to name: a head
// word ("Το Κέντρο" is not Kentron), a month or a weekday ("March", "Απριλίου"), a word of a
// person's name ("Deputy Mayor Vasilis Zogas"), a place inside a new name but a municipality's
// ("Prof. Dr. Dimitar Petkov University" names no Dimitar; "Община Видин" is in Vidin), one that
// crosses a new name's edge.
func (d *doc) settleMentions(ms []Mention) []Mention {
	return slices.DeleteFunc(ms, func(m Mention) bool {
		from, to := d.tokenSpan(m.Start, m.End)
		if from >= to {
			return true
		}
		lx := d.lexOf(from)
		one := to-from == 1
		if one && (len(d.headsAt(from)) > 0 || d.in(lx, from, "month") || d.in(lx, from, "weekday") || d.in(lx, from, "stop")) {
			return true
		}
		if slices.ContainsFunc(m.Candidates, isPlace) && (d.inHead(from) || one && d.toks[from].upper &&
			!slices.ContainsFunc(m.Candidates, func(c Candidate) bool {
				return scriptLang(c.Name) == scriptLang(m.Text) && sameStem(translit.Fold(c.Name), translit.Fold(m.Text))
			})) {
			return true // "Hall" in "Cluj-Napoca City Hall"; "БАН" is an acronym, not Bánovce ("SOFIA" is Sofia)
		}
		if d.personNamed(from, to) || from > d.sentenceOf(from).from && d.in(lx, from-1, "title") {
			return true
		}
		for _, o := range d.near(from, to) {
			if o.known || o.to <= from || to <= o.from {
				continue
			}
			if from < o.from || to > o.to { // crosses the name's edge
				return true
			}
			if o.category != "MUNICIPALITY" && !d.placeNamesCentre(o, from, to, m) && slices.ContainsFunc(m.Candidates, isPlace) {
				return true
			}
		}
		return false
	})
}

// newEntities lists the new entities with every place they are named, in the text's order.
func (d *doc) newEntities() []NewEntity {
	out := make([]NewEntity, 0, len(d.ents))
	for _, e := range d.ents {
		ne := *e
		ne.Spans = nil
		for _, o := range d.occs {
			if o.id == e.ID {
				ne.Spans = append(ne.Spans, d.runeSpan(o.from, o.to))
			}
		}
		if len(ne.Spans) > 0 {
			ne.Start, ne.End = ne.Spans[0].Start, ne.Spans[0].End
		}
		out = append(out, ne)
	}
	slices.SortStableFunc(out, func(a, b NewEntity) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// keepMentions drops the known places of the mentions review no longer holds.
func (d *doc) keepMentions(ms []Mention) {
	kept := make(map[[2]int]bool, len(ms))
	for _, m := range ms {
		from, to := d.tokenSpan(m.Start, m.End)
		kept[[2]int{from, to}] = true
	}
	d.occs = slices.DeleteFunc(d.occs, func(o occ) bool { return o.known && !kept[[2]int{o.from, o.to}] })
	d.occsChanged()
}
