package ingest

import (
	"slices"
	"strings"
)

// The frames of organisations, centres and programmes: who founded a centre, where things are,
// who is a partner of whom, what funds what, whom a programme benefits, who supports what.

var (
	fundable  = kinds{"EVENT", "PRACTICE", "CENTRE", "PROGRAMME"}
	progKinds = kinds{"PROGRAMME"}
)

// founded: a centre created by organisations. Passive ("създаден през 2021 г. от Община Габрово
// и …", "set up in 2021 by X together with Y", "η οποία δημιουργήθηκε από το Επιμελητήριο"): the
// centre before the cue, its founders after "by". Active in a relative clause ("το οποίο ίδρυσαν
// το 2016 ο Δήμος Τρικκαίων και το Πανεπιστήμιο"): the centre before the pronoun, the founders
// after the verb. Active ("Община Сливен ще изгради … Общински център"): founders before, the
// centre after. The year the sentence gives goes with it.
func (d *doc) founded(s sent) {
	for _, c := range d.cues(s, "founded-by") {
		centre, ok := d.before(s, c[0], 12, centreKinds)
		if !ok && c[0] <= d.firstWord(s)+1 {
			centre, ok = d.last(c[0], centreKinds) // "Създаден през 2020 г. от Cisco…" after the centre's sentence
		}
		by := d.byAfter(s, c[1], 8)
		if !ok || by < 0 {
			continue
		}
		if o, found := d.after(s, by+1, 6, orgKinds); found && d.onlyTitles(by+1, o.from) {
			d.foundedBy(s, centre, d.listFrom(s, o, orgKinds), c[1])
		}
	}
	for _, c := range d.cues(s, "founded-active") {
		if r, rel := d.relative(s, c[0], 3); rel {
			centre, ok := d.before(s, r+1, 8, centreKinds) // past a description: "X, ένα «ζωντανό εργαστήριο» που ίδρυσαν"
			if o, found := d.after(s, c[1], 8, orgKinds); ok && found {
				d.foundedBy(s, centre, d.listFrom(s, o, orgKinds), c[1])
			} else if o, found := d.after(s, r+1, c[0]-r-1, orgKinds); ok && found { // "…, which the municipality set up in 2023"
				d.foundedBy(s, centre, []occ{o}, c[1])
			}
			continue
		}
		founders := d.agentsBefore(s, c[0], orgKinds)
		if centre, ok := d.after(s, c[1], 8, centreKinds); ok {
			d.foundedBy(s, centre, founders, c[1])
			d.openedIn(s, centre, c[0])
		}
	}
	for _, c := range d.cues(s, "opened-doors") { // "В Русе отвори врати Център …", "The hub opened its doors in Tartu"
		centre, ok := d.after(s, c[1], 4, centreKinds)
		if !ok {
			centre, ok = d.before(s, c[0], 8, centreKinds)
		}
		if !ok {
			continue
		}
		if city, ok := d.placeAfter(s, max(c[1], centre.to), 3); ok {
			d.relate(s, centre, city, "LOCATED_IN", "opened-in-place", 0.7, nil)
			continue
		}
		d.openedIn(s, centre, min(c[0], centre.from))
	}
}

// openedIn: the city a sentence that opens a centre places it in, after a preposition of place
// and before the cue at token at ("В Русе отвори врати Център за зелена енергия", "In Tartu, the
// university opened …").
func (d *doc) openedIn(s sent, centre occ, at int) {
	for _, o := range d.inSentence(s) {
		if o.kind != "CITY" || d.inside(o) || o.from == 0 || o.to > at || d.orgBetweenKinds(o.to, at, kinds{"ORGANISATION", "CENTRE"}) {
			continue // the place that opens the clause of the opening
		}
		k := o.from - 1
		for k > s.from && d.is(k, "city-word") {
			k--
		}
		if d.is(k, "in") || d.toks[k].latin && d.in(d.en, k, "in") {
			d.relate(s, centre, o, "LOCATED_IN", "opened-in-place", 0.65, nil)
			return
		}
	}
}

// foundedBy proposes each founder of a centre, with the sentence's year, and the centre's place
// when a preposition of place follows the founders ("…, που ίδρυσε το 2021 το Δημοκρίτειο
// Πανεπιστήμιο Θράκης στην Ξάνθη").
func (d *doc) foundedBy(s sent, centre occ, founders []occ, at int) {
	var props map[string]any
	if y := d.year(s, at); y > 0 {
		props = map[string]any{"year": y}
	}
	for _, o := range founders {
		d.relate(s, o, centre, "FOUNDED", "cue:founded", 0.8, props)
	}
	if len(founders) > 0 {
		if city, ok := d.placeAfter(s, founders[len(founders)-1].to, 2); ok {
			d.relate(s, centre, city, "LOCATED_IN", "founded-in-place", 0.7, nil)
		}
	}
}

// onlyTitles reports whether tokens [from, to) hold only determiners and abbreviated titles
// ("by Prof. Dr. Assen Zlatarov University").
func (d *doc) onlyTitles(from, to int) bool {
	for j := from; j < to; j++ {
		if !(d.punct(j, ".") || d.is(j, "title") || d.in(d.en, j, "title") || d.is(j, "determiner") || d.in(d.en, j, "determiner")) {
			return false
		}
	}
	return true
}

// byAfter returns the "by" word ("от", "by", "από") within n tokens after j, or -1.
func (d *doc) byAfter(s sent, j, n int) int {
	for k := j; k < s.to && k <= j+n; k++ {
		if d.is(k, "by") || d.toks[k].latin && d.in(d.en, k, "by") {
			return k
		}
		if d.punct(k, ";") {
			break
		}
	}
	return -1
}

// located: where a centre or an organisation is. A city and its country side by side ("Tampere,
// Finland", "Αϊντχόβεν της Ολλανδίας"); an organisation with its country in brackets or after
// "from" ("Municipality of Piraeus (Greece)", "Autoridad Portuaria de Valencia от Испания", "από
// τη Βουλγαρία"); a centre right before a preposition of place and a city ("Регионалния
// иновационен център „Тракия Лаб“ в Хасково"); the subject of "се намира в", "is located in",
// "στεγάζεται" and a city after it.
func (d *doc) located(s sent) {
	os := d.inSentence(s)
	for i, o := range os {
		if i+1 >= len(os) {
			break
		}
		next := os[i+1]
		gap := next.from - o.to
		switch {
		case o.kind == "CITY" && next.kind == "COUNTRY" && gap <= 2 && d.onlyJoins(o.to, next.from, ",(") ||
			o.kind == "CITY" && next.kind == "COUNTRY" && gap == 1 && d.is(o.to, "of"):
			d.relate(s, o, next, "LOCATED_IN", "apposition:city-country", 0.8, nil)
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE") && next.kind == "COUNTRY" && gap == 1 && d.punct(o.to, "("):
			d.relate(s, o, next, "LOCATED_IN", "apposition:country-in-brackets", 0.8, nil)
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE") && d.placeAside(next) && gap <= 3 && d.fromBefore(o.to, next.from):
			d.relate(s, o, next, "LOCATED_IN", "from-place", 0.75, nil)
		case (o.kind == "ORGANISATION" || o.kind == "CENTRE" || o.kind == "CITY") && next.kind == "COUNTRY" && gap == 1 && (d.is(o.to, "in") || d.in(d.en, o.to, "in")):
			d.relate(s, o, next, "LOCATED_IN", "in-country", 0.7, nil) // "Fraunhofer-Gesellschaft в Германия"
		case o.kind == "CENTRE" && !o.refers:
			if city, ok := d.placeAfter(s, o.to, 2); ok && city.from == next.from {
				d.relate(s, o, city, "LOCATED_IN", "centre-in-place", 0.7, nil)
			}
		}
	}
	for _, o := range os { // "Tartu Science Park", "Регионален иновационен център – Бургас": a centre named by its city
		if o.kind == "CENTRE" && !o.known && !o.refers {
			for _, x := range d.occs {
				if x.kind == "CITY" && x.id != "" && x.from >= o.from && x.to <= o.to && (d.punct(x.from-1, "–-") || d.namedElsewhere(x, o)) {
					d.relate(s, o, x, "LOCATED_IN", "name:centre-of-city", 0.6, nil)
				}
			}
		}
	}
	for _, o := range os { // "Община Бургас", "Δήμος Λάρισας": a municipality is in the city its name holds
		if o.kind == "ORGANISATION" && o.category == "MUNICIPALITY" {
			for _, x := range d.occs {
				if x.kind == "CITY" && x.id != "" && x.from >= o.from && x.to <= o.to && !d.inHead(x.from) {
					d.relate(s, o, x, "LOCATED_IN", "name:municipality-of-city", 0.85, nil)
				}
			}
		}
	}
	for _, c := range d.cues(s, "offices") { // "στα γραφεία της Περιφέρειας στην Κομοτηνή"
		if o, ok := d.after(s, c[1], 2, orgKinds); ok {
			if city, ok := d.placeAfter(s, o.to, 2); ok {
				d.relate(s, o, city, "LOCATED_IN", "cue:offices", 0.75, nil)
			}
		}
	}
	for _, c := range d.cues(s, "located") {
		subj, ok := d.before(s, c[0], 20, centreKinds) // a centre before an organisation: "…, η οποία δημιουργήθηκε από το Επιμελητήριο … και λειτουργεί στο …"
		if !ok {
			subj, ok = d.before(s, c[0], 12, orgKinds)
		}
		if !ok {
			subj, ok = d.last(c[0], centreKinds)
		}
		if !ok {
			continue
		}
		for k := c[1]; k < s.to && k <= c[1]+10; k++ {
			if o, found := d.occAt(k); found && o.from == k {
				if o.kind == "CITY" {
					d.relate(s, subj, o, "LOCATED_IN", "cue:located", 0.75, nil)
				}
				if !d.placeAside(o) {
					break
				}
			}
		}
	}
}

// onlyJoins reports whether tokens [from, to) are only the marks given (or nothing).
func (d *doc) onlyJoins(from, to int, marks string) bool {
	for j := from; j < to; j++ {
		if !d.punct(j, marks) {
			return false
		}
	}
	return true
}

// fromBefore reports whether "from" ("от", "από", with an article) stands in [from, to) before a
// place, and nothing else does.
func (d *doc) fromBefore(from, to int) bool {
	seen := false
	for j := from; j < to; j++ {
		switch {
		case d.is(j, "from") || d.toks[j].latin && d.in(d.en, j, "from"):
			seen = true
		case d.is(j, "determiner") || d.in(d.en, j, "determiner"):
		default:
			return false
		}
	}
	return seen
}

// partners: organisations a cue of partnership puts together ("работи по проекта заедно с X, Y и
// Z", "in partnership with X", "σε συνεργασία με πέντε εταίρους: X, Y…", "са партньори на X",
// "has been a partner of X"): the subject (the organisation named before the cue, else the
// sentence's first) is PARTNER_OF each one after it.
func (d *doc) partners(s sent) {
	founding := append(d.cues(s, "founded-by"), d.cues(s, "founded-active")...)
	cs := d.cues(s, "partners")
	for j := s.from; j+1 < s.to; j++ { // "its six partners: X, Y, …", "με πέντε εταίρους: …"
		if (d.is(j, "group-partners") || d.in(d.en, j, "group-partners")) && d.punct(j+1, ":") {
			cs = append(cs, [2]int{j, j + 2})
		}
	}
	for _, c := range cs {
		if slices.ContainsFunc(founding, func(f [2]int) bool { return f[1] <= c[0] }) {
			continue // "created by Cisco in cooperation with X": co-founders, read by founded
		}
		o, ok := d.after(s, c[1], 8, orgKinds)
		if !ok {
			// "X and Y are partners (together with …)": each of the subjects is the others' partner
			if subj := d.agentsBefore(s, c[0], orgKinds); len(subj) > 1 {
				for _, b := range subj[1:] {
					d.relate(s, subj[0], b, "PARTNER_OF", "cue:partners", 0.75, nil)
				}
			}
			continue
		}
		others := d.listFrom(s, o, orgKinds)
		subj := d.agentsBefore(s, c[0], orgKinds)
		for k := c[0] - 1; len(subj) == 0 && k >= s.from && k >= c[0]-5; k-- {
			subj = d.group(s, k) // "двете български общини са партньори на X"
		}
		if len(subj) == 0 {
			if first, ok := d.after(s, s.from, c[0]-s.from, orgKinds); ok {
				subj = []occ{first}
			}
		}
		for _, a := range subj {
			for _, b := range others {
				if !slices.ContainsFunc(subj, func(x occ) bool { return x.id == b.id }) {
					d.relate(s, a, b, "PARTNER_OF", "cue:partners", 0.75, nil)
				}
			}
		}
	}
}

// signed: organisations that sign an agreement are partners ("Община Габрово и Община Севлиево
// подписаха споразумение", "X signed a memorandum with Y", "υπέγραψαν μνημόνιο συνεργασίας ο
// Δήμος X και ο Δήμος Y"): the signatories before the cue with each other, or with those after
// "with" / "между" the agreement's word.
func (d *doc) signed(s sent) {
	for _, c := range d.cues(s, "signed") {
		agr := -1
		for k := c[1]; k < s.to && k <= c[1]+4; k++ {
			if d.is(k, "agreement") || d.toks[k].latin && d.in(d.en, k, "agreement") {
				agr = k
				break
			}
		}
		before := false
		for k := c[0] - 1; agr < 0 && k >= s.from && k >= c[0]-10; k-- {
			if d.is(k, "agreement") || d.toks[k].latin && d.in(d.en, k, "agreement") {
				agr, before = k, true // "Μνημόνιο συνεργασίας … υπέγραψαν ο Δήμος X και …"
			}
		}
		if agr < 0 {
			continue // "signed the declaration", a letter: no partnership said
		}
		var signers []occ
		if !before {
			signers = d.agentsBefore(s, c[0], orgKinds)
		}
		if len(signers) == 0 { // "υπέγραψαν μνημόνιο ο Δήμος X και ο Δήμος Y": the subject after
			if o, ok := d.after(s, c[1], 3, orgKinds); ok && (before || o.from < agr) {
				signers = d.listFrom(s, o, orgKinds)
			}
		}
		if len(signers) == 0 && before { // "Μνημόνιο συνεργασίας υπεγράφη … μεταξύ του Δήμου X και του Y"
			agr = c[1] - 1
			before = false
		}
		var others []occ
		for k := agr + 1; k < s.to && k <= agr+10; k++ {
			if d.is(k, "with") || d.is(k, "between") || d.toks[k].latin && (d.in(d.en, k, "with") || d.in(d.en, k, "between")) {
				if o, ok := d.after(s, k+1, 3, orgKinds); ok {
					others = d.listFrom(s, o, orgKinds)
				}
				break
			}
		}
		if len(signers) == 1 && len(others) == 0 {
			if o, ok := d.after(s, agr+1, 12, orgKinds); ok && d.onlyAgreementWords(agr+1, o.from) {
				others = d.listFrom(s, o, orgKinds) // "υπέγραψε μνημόνιο συνεργασίας ο Δήμος X με …" read above; "… agreement, the City of X and …"
			}
		}
		if before {
			others = nil
		}
		all := append(slices.Clone(signers), others...)
		for i, a := range all {
			for _, b := range all[i+1:] {
				if a.id != b.id {
					d.relate(s, a, b, "PARTNER_OF", "cue:signed", 0.7, nil)
				}
			}
		}
		if ev, ok := d.signingEvent(); ok { // the signatories take part in the signing ceremony
			for _, o := range all {
				d.relate(s, o, ev, "PARTICIPATED_IN", "signatory", 0.7, nil)
			}
		}
		for _, f := range d.cues(s, "to-found") { // "signed a memorandum … to jointly establish the Patras Urban Data Lab"
			if centre, ok := d.after(s, f[1], 3, centreKinds); ok && f[0] > agr {
				for _, o := range all {
					d.relate(s, o, centre, "FOUNDED", "cue:signed-to-found", 0.7, nil)
				}
			}
		}
	}
}

// signingEvent is the event the text names by its signing ("τελετή υπογραφής", "церемонията по
// подписването", "the signing ceremony").
func (d *doc) signingEvent() (occ, bool) {
	for _, o := range d.occs {
		if o.kind != "EVENT" || o.id == "" {
			continue
		}
		for k := o.from; k < o.to; k++ {
			if d.is(k, "signing-word") || d.toks[k].latin && d.in(d.en, k, "signing-word") {
				return o, true
			}
		}
	}
	return occ{}, false
}

// agreementOf: an agreement named with its parties ("Меморандум за сътрудничество между Община X и
// Община Y", "Μνημόνιο συνεργασίας Δήμου X και Πανεπιστημίου Y", "a partnership agreement between
// X and Y"): the parties are partners.
func (d *doc) agreementOf(s sent) {
	for k := s.from; k < s.to; k++ {
		cooperation := (d.is(k, "cooperation") || d.toks[k].latin && d.in(d.en, k, "cooperation")) &&
			k+1 < s.to && (d.is(k+1, "between") || d.in(d.en, k+1, "between")) // "cooperation between X and Y"
		if !cooperation && !d.is(k, "agreement") && !(d.toks[k].latin && d.in(d.en, k, "agreement")) {
			continue
		}
		o, ok := d.after(s, k+1, 6, orgKinds)
		if !ok || !d.onlyAgreementWords(k+1, o.from) {
			continue
		}
		parties := d.listFrom(s, o, orgKinds)
		for i, a := range parties {
			for _, b := range parties[i+1:] {
				d.relate(s, a, b, "PARTNER_OF", "agreement-of", 0.7, nil)
			}
		}
	}
}

// operationBefore reports whether a noun of a centre's operation ("η λειτουργία του", "дейността
// на центъра", "its operation") stands within a few words before token j.
func (d *doc) operationBefore(s sent, j int) bool {
	for k := j - 1; k >= s.from && k >= j-4; k-- {
		if d.is(k, "operation-word") || d.toks[k].latin && d.in(d.en, k, "operation-word") {
			return true
		}
	}
	return false
}

// fundedFor returns what "for" names right after a funder (its alias in brackets aside).
func (d *doc) fundedFor(s sent, j int) (occ, bool) {
	if d.punct(j, "(") {
		for j < s.to && !d.punct(j, ")") {
			j++
		}
		j++
	}
	if j >= s.to || !d.is(j, "purpose") && !(d.toks[j].latin && d.in(d.en, j, "purpose")) {
		return occ{}, false
	}
	return d.after(s, j+1, 2, fundable)
}

// namedElsewhere reports whether the text names a place outside the name o holds it in: "Ron
// Cooke Hub" names no Rhoon the text speaks of.
func (d *doc) namedElsewhere(x, o occ) bool {
	return slices.ContainsFunc(d.occs, func(y occ) bool { return y.id == x.id && (y.to <= o.from || y.from >= o.to) })
}

// possessor reports whether a possessive follows an occurrence ("EU's", "the city’s").
func (d *doc) possessor(o occ) bool {
	return o.to+1 < len(d.toks) && d.punct(o.to, "'’") && d.toks[o.to+1].text == "s"
}

// onlyAgreementWords reports whether tokens [from, to) are only the agreement's own words (its
// kind, "of cooperation", a determiner), before the signatories named after it.
func (d *doc) onlyAgreementWords(from, to int) bool {
	for k := from; k < to; k++ {
		t := d.toks[k]
		if !t.word || t.cap || d.is(k, "determiner") || d.in(d.en, k, "determiner") || d.is(k, "joiner") || d.in(d.en, k, "joiner") ||
			d.is(k, "between") || d.in(d.en, k, "between") {
			continue
		}
		if len([]rune(t.text)) > 3 && !strings.HasPrefix(t.plain, "συνεργ") && !strings.HasPrefix(t.plain, "сътруд") &&
			!strings.HasPrefix(t.plain, "cooperat") && !strings.HasPrefix(t.plain, "partner") && !strings.HasPrefix(t.plain, "партн") {
			return false
		}
	}
	return true
}

// funded: what a programme funds. Passive ("се съфинансира от Европейския фонд…", "funded by
// URBACT IV", "χρηματοδοτείται από το πρόγραμμα Interreg Europe"): the funder after the cue, the
// funded before it (the pronoun's antecedent: "…, която се съфинансира от…"). Within a frame
// ("по проекта X", "within SILVER-MOVE", "στο πλαίσιο του δικτύου X", "процедура „X“ по Програма
// Y"): the frame is the funder of the event, practice or programme the clause speaks of.
func (d *doc) funded(s sent) {
	for _, list := range []string{"funded-by", "framed"} {
		for _, c := range d.cues(s, list) {
			window := 6
			if list == "framed" && c[1]-c[0] == 1 {
				window = 2 // "по X", "within SILVER-MOVE": a one-word frame, its programme right after it
			}
			// from the cue's second word: "по програма X" holds the programme's own head word
			funder, ok := d.after(s, c[0]+1, window+c[1]-c[0]-1, kinds{"PROGRAMME", "ORGANISATION"})
			if !ok {
				continue
			}
			if owned, ok := d.after(s, funder.to+2, 1, kinds{"PROGRAMME", "ORGANISATION"}); ok && d.possessor(funder) {
				funder = owned // "the EU's Horizon 2020 programme": the programme, not its owner
			}
			var payers []occ // "financed by the South Moravian Region and the Operational Programme …"
			if funder.kind == "ORGANISATION" && !(list == "funded-by" && d.fundingGuess(funder) || d.network(funder)) {
				if list != "funded-by" {
					continue
				}
				var progs []occ
				for _, x := range d.listFrom(s, funder, kinds{"PROGRAMME", "ORGANISATION"}) {
					if x.kind == "PROGRAMME" {
						progs = append(progs, x)
					} else {
						payers = append(payers, x)
					}
				}
				if len(progs) == 0 && len(payers) == 0 {
					continue
				}
				if len(progs) > 0 {
					funder = progs[0]
				} else {
					funder = occ{}
				}
			}
			if funder.id != "" {
				funder = d.asProgramme(funder)
			}
			conf := 0.75
			if list == "framed" {
				conf = 0.7
			}
			subj, ok := d.fundedBefore(s, c[0])
			if !ok && funder.id != "" { // "secured funding from the ERDF (ERDF) for the Aura Innovation Centre"
				subj, ok = d.fundedFor(s, funder.to)
			}
			if !ok && d.operationBefore(s, c[0]) { // "ενώ η λειτουργία του χρηματοδοτείται από …": its operation, the centre's
				subj, ok = d.last(c[0], centreKinds)
			}
			if !ok && c[0] <= d.firstWord(s)+1 && funder.id != "" {
				// "В изпълнение на … бюджетна линия „X“, …, се проведе семинар": the frame opens the
				// sentence, what it funds comes after.
				subj, ok = d.after(s, funder.to, 40, kinds{"EVENT"})
			}
			if !ok {
				continue
			}
			for _, x := range d.sameSpan(subj) { // each presenter's practices, named at one place
				if funder.id != "" {
					for _, p := range d.listFrom(s, funder, kinds{"PROGRAMME", "ORGANISATION"}) {
						if p.kind == "PROGRAMME" {
							d.relate(s, x, p, "FUNDED_BY", "cue:"+list, conf, nil)
						}
					}
				}
				for _, o := range payers { // an organisation that pays for a centre supports it
					d.relate(s, o, x, "SUPPORTS", "cue:funded-by-organisation", 0.6, nil)
				}
			}
		}
	}
	d.fundedByApposition(s)
	d.eventsOfProjects(s)
}

// eventsOfProjects: an event of a project is funded by it ("the kick-off meeting of BLUE-PORTS",
// "το εργαστήριο του έργου HERITAGE-LINK", "the ZEROBUILD partner meeting").
func (d *doc) eventsOfProjects(s sent) {
	os := d.inSentence(s)
	for i, e := range os {
		if e.kind != "EVENT" || e.refers {
			continue
		}
		if i+1 < len(os) && os[i+1].kind == "PROGRAMME" && d.onlyOfWords(e.to, os[i+1].from) {
			d.relate(s, e, os[i+1], "FUNDED_BY", "event-of-project", 0.65, nil)
		}
		if i > 0 && os[i-1].kind == "PROGRAMME" && os[i-1].to == e.from && d.toks[os[i-1].from].latin {
			d.relate(s, e, os[i-1], "FUNDED_BY", "event-of-project", 0.65, nil)
		}
	}
}

// newClause reports whether a comma and an "and" word (a new clause) stand in tokens [from, to).
func (d *doc) newClause(from, to int) bool {
	for j := from; j+1 < to; j++ {
		if d.punct(j, ",") && (d.is(j+1, "and") || d.in(d.en, j+1, "and")) && d.toks[j+1].word {
			return true
		}
	}
	return false
}

// sameSpan lists o and the other entities named at the same place.
func (d *doc) sameSpan(o occ) []occ {
	out := []occ{o}
	for _, x := range d.occs {
		if x.id != o.id && x.id != "" && x.from == o.from && x.to == o.to && x.kind == o.kind {
			out = append(out, x)
		}
	}
	return out
}

// network reports whether an occurrence names a network ("мрежата GreenPlaces"), which a frame
// of funding makes a project.
func (d *doc) network(o occ) bool {
	e := d.entity(o.id)
	return e != nil && e.Category == "NETWORK"
}

// fundingGuess reports whether a name after "funded by" whose kind was a guess may be the
// programme ("funded by URBACT IV").
func (d *doc) fundingGuess(o occ) bool {
	e := d.entity(o.id)
	return e != nil && (e.Confidence <= foreignName || e.Category == "NETWORK")
}

// asProgramme makes a guessed name a programme, as the frame that funds with it says.
func (d *doc) asProgramme(o occ) occ {
	if o.kind == "PROGRAMME" {
		return o
	}
	if e := d.entity(o.id); e != nil {
		d.retype(e, "PROGRAMME", "", "funder-name", 0.7)
		if x, ok := d.occAt(o.from); ok {
			return x
		}
	}
	return o
}

// fundedBefore is what a funding cue speaks of: the antecedent of a relative pronoun before it,
// else the fundable entity named nearest before it in its clause, else the sentence's event.
func (d *doc) fundedBefore(s sent, j int) (occ, bool) {
	if r, ok := d.relative(s, j, 4); ok {
		if o, found := d.before(s, r+1, 6, fundable); found {
			return d.asFunded(o), true
		}
	}
	if d.coordinated(s, j) { // "Проектът е одобрен … и се съфинансира от …": the sentence's subject
		if o, ok := d.subject(s, fundable); ok {
			return o, true
		}
	}
	os := d.inSentence(s)
	for k := len(os) - 1; k >= 0; k-- {
		o := os[k]
		if o.to > j || j-o.to > 10 {
			continue
		}
		if d.newClause(o.to, j) { // "…, и/και/and its costs were covered by…": another subject
			if x, ok := d.subject(s, fundable); ok && x.to <= o.from {
				return x, true
			}
			return occ{}, false
		}
		if o.kind == "ORGANISATION" && d.network(o) {
			return d.asProgramme(o), true // "мрежата GreenPlaces, финансирана по …": a network that is funded is a project
		}
		if fundable.has(o.kind) {
			return o, true
		}
	}
	return occ{}, false
}

// asFunded is the funded entity an antecedent names, networks made programmes.
func (d *doc) asFunded(o occ) occ {
	if e := d.entity(o.id); e != nil && e.Category == "NETWORK" {
		return d.asProgramme(o)
	}
	return o
}

// fundedByApposition: "the Interreg Europe project BLUE-PORTS", "SILVER-MOVE, a Horizon Europe
// project": a programme named before a project's head, or in a description of it, funds it.
func (d *doc) fundedByApposition(s sent) {
	os := d.inSentence(s)
	for i := 0; i+1 < len(os); i++ {
		a, b := os[i], os[i+1]
		if a.kind == "ORGANISATION" && (d.fundingGuess(a) || a.category == "OTHER" && !a.known) && b.kind == "PROGRAMME" &&
			d.headOfKind(a.to, "PROGRAMME") && b.from-a.to <= 2 {
			a = d.asProgramme(a) // "the Interreg Danube Region project DANUBE-SMART": what names a project's frame is a programme
		}
		if a.kind != "PROGRAMME" || b.kind != "PROGRAMME" {
			continue
		}
		if d.partOf(a, b) {
			d.relate(s, a, b, "FUNDED_BY", "apposition:part-of-programme", 0.7, nil)
			continue
		}
		between := b.from - a.to
		switch {
		case between >= 1 && between <= 2 && d.headOfKind(a.to, "PROGRAMME") && !d.punct(a.to, ","):
			d.relate(s, b, a, "FUNDED_BY", "apposition:project-of-programme", 0.7, nil) // "the Interreg Europe project BLUE-PORTS"
		case between >= 2 && between <= 3 && (d.punct(a.to, ",") || d.in(d.en, a.to, "copula")) && d.in(d.en, a.to+1, "indefinite") &&
			(d.headOfKind(b.to, "PROGRAMME") || d.headOfKind(b.to-1, "PROGRAMME")):
			d.relate(s, a, b, "FUNDED_BY", "apposition:a-programme-project", 0.7, nil) // "SILVER-MOVE, a Horizon Europe project", "ZEROBUILD is an Interreg Europe project"
		}
	}
}

// partOf reports whether programme a is named a part of programme b: a call, an action, a
// procedure, a measure "of"/"по"/"του" b ("the "Smart Cities" action of the National Recovery and
// Resilience Plan", "процедура „X“ по Програма Y").
func (d *doc) partOf(a, b occ) bool {
	if !slices.ContainsFunc(d.lemmas[a.id], func(l string) bool { return d.lx.list("part").has(plain(l)) || d.en.list("part").has(plain(l)) }) {
		return false
	}
	for j := a.to; j < b.from; j++ {
		if !(d.is(j, "of") || d.in(d.en, j, "of") || d.is(j, "determiner") || d.in(d.en, j, "determiner") || d.is(j, "by") || d.is(j, "framed-word")) {
			return false
		}
	}
	return b.from-a.to >= 1 && b.from-a.to <= 2
}

// headOfKind reports whether token j is a head of the kind.
func (d *doc) headOfKind(j int, kind string) bool {
	if j >= len(d.toks) {
		return false
	}
	h, ok := d.headAt(j)
	return ok && h.kind == kind
}

// benefits: the organisations a programme's money goes to ("от които 312 000 евро са
// предназначени за Община Бургас", "benefited Smolyan Municipality, …", "The largest grants go to
// …", "αναλογούν στον Δήμο Πατρέων"): the programme the sentence names, else the one named last.
func (d *doc) benefits(s sent) {
	d.beneficiaryLines(s)
	for _, c := range d.cues(s, "benefits") {
		o, ok := d.after(s, c[1], 4, orgKinds)
		if !ok {
			continue
		}
		prog, ok := d.before(s, c[0], 20, progKinds)
		if !ok || prog.refers {
			prog, ok = d.salientProgramme(c[0])
		}
		if !ok {
			continue
		}
		for _, x := range d.listFrom(s, o, orgKinds) {
			d.relate(s, prog, x, "BENEFITS", "cue:benefits", 0.65, nil)
		}
	}
}

// supportedBy: "Центърът Cisco, с подкрепата на Община Солун, нейните партньори, академичната
// общност и стартиращи компании, поддържа…", "with the support of X": the organisations after the
// cue support the subject; a programme after it funds it ("с подкрепа на европейските фондове").
func (d *doc) supportedBy(s sent) {
	for _, c := range d.cues(s, "supported-by") {
		o, ok := d.after(s, c[1], 3, kinds{"ORGANISATION", "PROGRAMME"})
		if !ok {
			continue
		}
		subj, ok := d.fundedBefore(s, c[0])
		if !ok {
			subj, ok = d.subject(s, kinds{"CENTRE", "PROGRAMME", "EVENT", "PRACTICE"})
		}
		if !ok {
			continue
		}
		for _, x := range d.listFrom(s, o, kinds{"ORGANISATION", "PROGRAMME"}) {
			for _, y := range d.sameSpan(subj) {
				if x.kind == "PROGRAMME" {
					d.relate(s, y, x, "FUNDED_BY", "cue:supported-by", 0.7, nil)
				} else {
					d.relate(s, x, y, "SUPPORTS", "cue:supported-by", 0.7, nil)
				}
			}
		}
	}
}

// beneficiaryLines: a sentence with a cue of beneficiaries that ends in a colon ("Οι δικαιούχοι
// … είναι τα εξής:") is followed by one line per beneficiary ("– Δήμος Λαρισαίων: 7,2 εκατ.
// ευρώ"): each line's organisation benefits from the programme the text speaks of.
func (d *doc) beneficiaryLines(s sent) {
	if len(d.cues(s, "beneficiaries")) == 0 || !d.punct(s.to-1, ":") {
		return
	}
	prog, ok := d.salientProgramme(s.from)
	if !ok {
		return
	}
	for _, line := range d.sents {
		if line.from < s.to {
			continue
		}
		if !d.punct(line.from, "–-—•*") {
			break
		}
		if o, ok := d.after(line, line.from+1, 2, orgKinds); ok {
			d.relate(line, prog, o, "BENEFITS", "beneficiary-lines", 0.65, nil)
		}
	}
}

// receives: "Отделно общината получава 3,1 млн. лв. по Националния план…": the programme named
// after the cue benefits the subject.
func (d *doc) receives(s sent) {
	for _, c := range d.cues(s, "receives") {
		p, ok := d.after(s, c[1], 10, progKinds)
		if !ok {
			continue
		}
		for _, o := range d.agentsBefore(s, c[0], orgKinds) {
			d.relate(s, p, o, "BENEFITS", "cue:receives", 0.65, nil)
		}
		for _, o := range d.agentsBefore(s, c[0], fundable) { // "ο Κόμβος λαμβάνει 480.000 ευρώ από το έργο CARE-BOT"
			d.relate(s, o, p, "FUNDED_BY", "cue:receives", 0.65, nil)
		}
	}
}

// supports: "Ο Δήμος Ξάνθης και ο Δήμος Καβάλας στηρίζουν τη δράση" (organisations support the
// programme named last), "получи подкрепа по ПКИП" (the programme supports the centre before).
func (d *doc) supports(s sent) {
	for _, c := range d.cues(s, "supports") {
		if r, rel := d.relative(s, c[0], 3); rel { // "…στη Θερμοκοιτίδα Καινοτομίας Χανίων, την οποία υποστηρίζει η Cisco"
			if x, ok := d.before(s, r+1, 3, kinds{"CENTRE", "PROGRAMME"}); ok {
				if o, ok := d.after(s, c[1], 3, orgKinds); ok {
					d.relate(s, o, x, "SUPPORTS", "cue:supports", 0.65, nil)
					continue
				}
			}
		}
		if who := d.agentsBefore(s, c[0], orgKinds); len(who) > 0 {
			p, ok := d.after(s, c[1], 3, kinds{"PROGRAMME", "CENTRE"})
			if ok && p.refers && p.kind == "PROGRAMME" {
				p, ok = d.salientProgramme(c[0])
			}
			if ok {
				for _, o := range who {
					d.relate(s, o, p, "SUPPORTS", "cue:supports", 0.65, nil)
				}
			}
			continue
		}
		if p, ok := d.after(s, c[1], 4, progKinds); ok {
			if subj, ok := d.fundedBefore(s, c[0]); ok && subj.kind == "CENTRE" {
				d.relate(s, p, subj, "SUPPORTS", "cue:supported-by", 0.65, nil)
			}
			continue
		}
		// "The Interreg VI-A Romania-Bulgaria programme continues to support the hub's cross-border
		// activities": a programme supports a centre
		if prog := d.agentsBefore(s, c[0], progKinds); len(prog) > 0 {
			if centre, ok := d.after(s, c[1], 3, centreKinds); ok {
				for _, p := range prog {
					d.relate(s, p, centre, "SUPPORTS", "cue:supports", 0.65, nil)
				}
			}
		}
	}
}

// salientProgramme is the programme a text speaks of before token j when it says "the
// programme", "the action": the last one named that funds nothing the text names (the ERDF
// co-finances the programme; the money of a call comes from the programme), else the last one.
func (d *doc) salientProgramme(j int) (occ, bool) {
	var best, last occ
	found, any := false, false
	for _, o := range d.occs {
		if o.id == "" || o.kind != "PROGRAMME" || o.from >= j || o.refers || d.inside(o) {
			continue
		}
		last, any = o, true
		if !slices.ContainsFunc(d.rels, func(r RelProposal) bool { return r.Type == "FUNDED_BY" && r.To == o.id }) {
			best, found = o, true
		}
	}
	if found {
		return best, true
	}
	return last, any
}

// coordinated reports whether the cue at j is the second verb of its sentence's subject: an
// "and" word stands right before it (a reflexive or auxiliary word between).
func (d *doc) coordinated(s sent, j int) bool {
	for k := j - 1; k >= s.from && k >= j-3; k-- {
		if d.is(k, "and") && d.toks[k].word || d.toks[k].latin && d.in(d.en, k, "and") {
			return true
		}
		if d.punct(k, ",") && d.verb(d.lexOf(j), j) && !d.toks[j].latin {
			return true // "χρηματοδοτείται από X, εντάσσεται στο Y": a second finite verb of the subject
		}
		if !d.is(k, "stop") && !d.in(d.en, k, "stop") {
			return false
		}
	}
	return false
}

// subject is the occurrence of one of the kinds that opens sentence s (its subject: "Проектът",
// "The project", "Ο Δήμος …"), after a determiner at most.
func (d *doc) subject(s sent, ks kinds) (occ, bool) {
	first := d.firstWord(s)
	if o, ok := d.subjectAt(s, first, ks); ok {
		return o, true
	}
	if _, named := d.occAt(first); named {
		return occ{}, false
	}
	for k := first; k < s.to && k <= first+12; k++ { // "Located in the port's former customs building, the incubator offers …"
		if d.punct(k, ",") {
			return d.subjectAt(s, k+1, ks)
		}
		if _, named := d.occAt(k); named || d.punct(k, ";:.") || d.is(k, "relative") || d.in(d.en, k, "relative") {
			break // "Hosted by the City of Tartu, the conference …": a name in the phrase, no guess
		}
	}
	return occ{}, false
}

// subjectAt is the occurrence of one of the kinds that starts at token j, after a determiner at
// most.
func (d *doc) subjectAt(s sent, j int, ks kinds) (occ, bool) {
	for k := j; k < s.to && k <= j+1; k++ {
		if o, ok := d.occAt(k); ok && o.from == k && ks.has(o.kind) {
			return o, true
		}
		if !d.is(k, "determiner") && !d.in(d.en, k, "determiner") {
			break
		}
	}
	return occ{}, false
}
