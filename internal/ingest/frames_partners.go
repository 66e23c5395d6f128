package ingest

import (
	"slices"
	"strings"
)

// The frames of partnership: partners in cooperation, signatories of an agreement, the parties of
// a cooperation.

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
