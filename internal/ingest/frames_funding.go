package ingest

import "slices"

// The frames of money: what funds what (FUNDED_BY), who supports what (SUPPORTS), whom a programme
// is for (BENEFITS).

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

// possessor reports whether a possessive follows an occurrence ("EU's", "the city’s").
func (d *doc) possessor(o occ) bool {
	return o.to+1 < len(d.toks) && d.punct(o.to, "'’") && d.toks[o.to+1].text == "s"
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
	for _, x := range d.near(o.from, o.to) {
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
	// "The lab was set up in 2019 by the university, the county and two firms with funding from …":
	// the funded entity is the sentence's subject, named too far back for the window above, with
	// nothing fundable (a project, a network) between it and the cue.
	if x, ok := d.subject(s, fundable); ok && x.to <= j && !d.newClause(x.to, j) && !d.clauseBreak(x.to, j) &&
		!slices.ContainsFunc(d.inSentence(s), func(o occ) bool {
			return o.from >= x.to && o.to <= j && (fundable.has(o.kind) || o.kind == "ORGANISATION" && d.network(o))
		}) {
		return x, true
	}
	return d.worksDoneOn(s, j)
}

// worksDoneOn: building works named as the subject of a funding cue ("The renovation was
// financed by the Interreg programme", "Ремонтът е финансиран по …", "Η ανακαίνιση
// χρηματοδοτήθηκε από …") were done on the centre the text named last before the sentence, when
// the clause names nothing fundable.
func (d *doc) worksDoneOn(s sent, j int) (occ, bool) {
	w := d.firstWord(s)
	if d.is(w, "determiner") || d.in(d.en, w, "determiner") {
		w++
	}
	if w >= j || j-w > 8 || !(d.is(w, "works-noun") || d.in(d.en, w, "works-noun")) || d.clauseBreak(w, j) {
		return occ{}, false
	}
	return d.last(s.from, centreKinds)
}

// clauseBreak reports whether a semicolon, a colon or a relative pronoun stands in tokens [from, to).
func (d *doc) clauseBreak(from, to int) bool {
	for k := from; k < to; k++ {
		if d.punct(k, ";:") || d.is(k, "relative") || d.in(d.en, k, "relative") {
			return true
		}
	}
	return false
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
// предназначени за Община Видин", "benefited Vidin Municipality, …", "The largest grants go to
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
			// "Бенефициент по проекта е Община Ловеч": the project the cue names by its head word
			if r, named := d.after(s, c[1], 3, progKinds); named && r.refers && r.to <= o.from {
				prog, ok = r, true
			}
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
		if d.coordinated(s, c[0]) { // "The hub signed a memorandum with X and received a grant from …": the subject receives
			if x, found := d.subject(s, append(kinds{"ORGANISATION"}, fundable...)); found && x.to <= c[0] {
				if x.kind == "ORGANISATION" {
					d.relate(s, p, x, "BENEFITS", "cue:receives", 0.65, nil)
				} else {
					d.relate(s, x, p, "FUNDED_BY", "cue:receives", 0.65, nil)
				}
			}
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
