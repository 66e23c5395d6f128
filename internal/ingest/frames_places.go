package ingest

import (
	"slices"
	"strings"
)

// Where events are held, and the places around a name.

// guess reports whether an occurrence names a new entity only guessed at (a capitalised word
// below 0.5): "στην Πανεπιστημιούπολη Δουρούτης, στα Ιωάννινα" is still in Ioannina.
func (d *doc) guess(o occ) bool {
	e := d.entity(o.id)
	return e != nil && e.Confidence < 0.5
}

// heldIn: an event and the city after a preposition of place ("стартовата среща … в Бургас",
// "kick-off meeting in Burgas", "στη Θεσσαλονίκη"), or after a verb of taking place ("will be held
// in Klaipėda", "θα πραγματοποιηθεί … στην Κλαϊπέντα"); every city of a list ("в София (3 юни),
// Пловдив (5 юни)…").
func (d *doc) heldIn(s sent) {
	for _, e := range d.inSentence(s) {
		if e.kind != "EVENT" {
			continue
		}
		if city, ok := d.placeAfter(s, e.to, 10); ok {
			for _, c := range d.placesFrom(s, city) {
				d.relate(s, e, c, "HELD_IN", "place-of-event", 0.75, nil)
			}
		}
	}
	for _, e := range d.inSentence(s) { // "Στην Πάτρα η εναρκτήρια συνάντηση …": the place before the event
		if e.kind == "EVENT" {
			if city, ok := d.placeBefore(s, e.from, 3); ok {
				d.relate(s, e, city, "HELD_IN", "place-of-event", 0.7, nil)
			}
		}
	}
	for _, c := range d.cues(s, "held") {
		ev, ok := d.focusEvent(s)
		if !ok {
			continue
		}
		e := d.eventNear(s, c, ev)
		city, ok := d.placeAfter(s, c[1], 8)
		if !ok { // "в град Русе, България, се проведе семинар"
			city, ok = d.placeBefore(s, c[0], 8)
		}
		if x, at := d.after(s, c[1], 4, centreKinds); !ok && at && (d.is(x.from-1, "in") || d.in(d.en, x.from-1, "in")) {
			d.atVenue(s, e, x) // "was held at the Ruse Innovation Hub"
		}
		if ok {
			for _, x := range d.listFrom(s, city, placeKinds) {
				d.relate(s, e, x, "HELD_IN", "cue:held", 0.75, nil)
			}
		}
	}
	for _, c := range d.cues(s, "gathered") { // "gathered in Tartu … for the final conference"
		if city, ok := d.placeAfter(s, c[1], 3); ok {
			if e, ok := d.after(s, city.to, 15, eventKinds); ok {
				d.relate(s, e, city, "HELD_IN", "cue:gathered", 0.7, nil)
			}
		}
	}
}

// placesFrom lists the cities from the first one: a list ("в София (3 юни), Пловдив (5 юни) …"),
// or places joined by "and in" with dates between ("in Pleven on 12 February and in Haskovo on 14
// February").
func (d *doc) placesFrom(s sent, city occ) []occ {
	out := d.listFrom(s, city, placeKinds)
	for {
		last := out[len(out)-1]
		next, ok := d.after(s, last.to, 8, placeKinds)
		if !ok || !d.datesAndIn(last.to, next.from) {
			return out
		}
		out = append(out, next)
	}
}

// datesAndIn reports whether tokens [from, to) are only dates, "and" and a preposition of place
// (one at least).
func (d *doc) datesAndIn(from, to int) bool {
	in := false
	for j := from; j < to; j++ {
		t := d.toks[j]
		switch {
		case d.is(j, "in") || t.latin && d.in(d.en, j, "in"):
			in = true
		case t.digit || d.punct(j, ",()") || d.is(j, "and") || d.in(d.en, j, "and") || d.is(j, "month") || d.in(d.en, j, "month") ||
			t.latin && (d.in(d.en, j, "on") || d.in(d.en, j, "determiner")):
		default:
			return false
		}
	}
	return in
}

// placeAfter returns the city that a preposition of place introduces within max tokens after j,
// with nothing but dates, places and small words between: no other entity stands in the way.
func (d *doc) placeAfter(s sent, j, max int) (occ, bool) {
	for k := j; k < s.to && k <= j+max; k++ {
		if o, ok := d.occAt(k); ok && !d.placeAside(o) && !d.guess(o) {
			if o.kind == "PROGRAMME" || o.category == "NETWORK" {
				k = o.to - 1
				continue // "the final conference of SmartEnCity in Brussels": a project has no place
			}
			return occ{}, false // another entity first: the place is its
		}
		if !d.is(k, "in") && !(d.toks[k].latin && d.in(d.en, k, "in")) && !(k == j && (d.is(k, "to") || d.toks[k].latin && d.in(d.en, k, "to"))) {
			continue // "в Бургас", "in Burgas"; right after an event, "a visit to Drama"
		}
		m := k + 1
		for m < s.to && m <= k+3 && (d.is(m, "determiner") || d.is(m, "city-word") || d.adjective(d.lx, m) && !d.toks[m].cap) {
			m++
		}
		if o, ok := d.occAt(m); ok && o.kind == "CITY" && o.from == m {
			return o, true
		}
	}
	return occ{}, false
}

// placeBefore returns the city a preposition of place introduces within max tokens before j,
// with only places and marks between it and j.
func (d *doc) placeBefore(s sent, j, max int) (occ, bool) {
	for k := j - 1; k >= s.from && k >= j-max; k-- {
		o, ok := d.occAt(k)
		if !ok {
			if d.toks[k].word && !d.is(k, "city-word") && !d.is(k, "determiner") && !d.is(k, "in") && !d.in(d.en, k, "in") {
				return occ{}, false
			}
			continue
		}
		if o.kind == "CITY" {
			m := o.from - 1
			for m > s.from && d.is(m, "city-word") {
				m--
			}
			if m >= 0 && (d.is(m, "in") || d.toks[m].latin && d.in(d.en, m, "in")) {
				return o, true
			}
		}
		if !d.placeAside(o) {
			return occ{}, false
		}
		k = o.from
	}
	return occ{}, false
}

// basedAfter reports whether "-based" follows token j ("Pleven-based": the place, then the suffix
// the tokenizer keeps apart).
func (d *doc) basedAfter(j int) bool {
	return d.punct(j+1, "-") && j+2 < len(d.toks) && d.toks[j+2].plain == "based" && d.toks[j+1].end == d.toks[j+2].start
}

// visitsHeldWhereTheyWent: a visit that the text places nowhere took place in the city of the
// centre it visited ("the delegation toured the incubator in Ruse"), an event in the city of the
// centre that hosted it ("the hub hosted the hackathon"), when the text gives that centre one city.
func (d *doc) visitsHeldWhereTheyWent() {
	held := map[string]bool{}
	cities := map[string][]string{}
	for _, r := range d.rels {
		switch {
		case r.Type == "HELD_IN":
			held[r.From] = true
		case r.Type == "LOCATED_IN" && strings.HasPrefix(r.To, "city:") && r.Confidence >= 0.5 && !slices.Contains(cities[r.From], r.To):
			cities[r.From] = append(cities[r.From], r.To)
		}
	}
	for _, r := range slices.Clone(d.rels) {
		if r.Type != "VISITED" || held[r.From] || len(cities[r.To]) != 1 {
			continue
		}
		i := slices.IndexFunc(d.sents, func(s sent) bool { return s.Start == r.Start })
		if i < 0 {
			continue
		}
		held[r.From] = true
		d.relate(d.sents[i], occ{id: r.From, kind: "EVENT"}, occ{id: cities[r.To][0], kind: "CITY"}, "HELD_IN", "visited-centre-place", 0.65, nil)
	}
	for id, v := range d.venues {
		if !held[id] && len(cities[v.centre]) == 1 {
			d.relate(v.s, occ{id: id, kind: "EVENT"}, occ{id: cities[v.centre][0], kind: "CITY"}, "HELD_IN", "venue-place", 0.65, nil)
		}
	}
}
