package ingest

import (
	"slices"
	"strings"
)

// How far a name reaches: the words that qualify its head before it (modifiers) and complete it
// after it (complement), and where a name must end.

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
		if d.punct(j, "“”\"»") && (lx.lang == "en" || h.category == "COMPANY") && !common && from == i {
			// "the "Green Towns" action", "„Агро Смарт“ ЕООД": the quoted name before a classifying head
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
			break // "New £2.1m Green Skills Hub": a sum is no part of the name
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
		case d.adjective(lx, j) && lx.lang == "bg" && d.definite(lx, i):
			return from // an adjective before a noun with the article is no part of its phrase: the article goes on the first word
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
	return slices.ContainsFunc(d.near(j, j), func(o occ) bool { return o.known && o.kind == "CITY" && o.to == j })
}

// placeStarts reports whether a known city's name starts at token j.
func (d *doc) placeStarts(j int) bool {
	return slices.ContainsFunc(d.near(j, j+1), func(o occ) bool { return o.known && o.kind == "CITY" && o.from == j })
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
	return slices.ContainsFunc(d.near(j, j+1), func(o occ) bool { return o.known && o.from <= j && j < o.to })
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
			return end // "… на науките акад. Юлиан …"; "Община Ловеч Иван Петров": the name is whole
		}
		switch {
		case j == end && end > start && h.kind == "ORGANISATION" && d.companySuffixEnd(lx, j) > j:
			return d.companySuffixEnd(lx, j) // "Θεσσαλική Ενέργεια Α.Ε.", "Aguas Livres S.A."
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
			// "Програма … 2021-2027", "Volos Open Data Hackathon 2025"
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
			if !d.joinerContinues(lx, s, j, h, named, start, end) {
				return end
			}
			j++
			if d.ofTheName(lx, s, j-1) {
				j++ // "Ministry of the Interior"
			}
			lowerRun = !d.capital(j)
			continue
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

// joinerContinues reports whether a name goes on over the joining word at j ("на", "του", "of",
// "и"): into a genitive or a lower-case complement, not into another name.
func (d *doc) joinerContinues(lx *lexicon, s sent, j int, h head, named bool, start, end int) bool {
	common := h.kind == "EVENT" || h.kind == "UNIT"
	k := j + 1
	if named && d.ofTheName(lx, s, j) {
		k++
	}
	if d.in(lx, j, "purpose") && !common && d.purposeBefore(lx, start, j) {
		return false // one "за" a name: "… план за възстановяване и устойчивост за саниране…"
	}
	window := 5 // "… и Югоизточния дигитален иновационен хъб"
	if lx.lang == "en" {
		window = 3 // not "… and Science opened the Centre"
	}
	if d.placeEndsAt(j) && end > start && !common {
		return false // "Аграрния университет – Пловдив на бул. …": the place completed the name
	}
	if d.in(lx, j, "and") && (d.headWithin(k, window, h.kind, common) || end == start || k < s.to && d.toks[k].upper) {
		return false // "Община Габрово и Техническия университет", "лаборатория … и ателие …", "между Общината и БАН", "Δήμος Θεσσαλονίκης και ΑΠΘ": two names
	}
	if d.in(lx, j, "and") && d.in(lx, k, "joiner") && d.headWithin(k+1, window, h.kind, false) {
		return false // "лаборатория за роботика и на бизнес инкубатора": "and of" begins the next name
	}
	if k >= s.to || d.toks[k].latin != d.toks[j-1].latin && d.toks[k].cap && !d.toks[k].digit {
		return false // "Медицинския университет – Плевен на European Digital Health Summit": a name in another script is another name
	}
	if o, isHead := d.headAt(k); isHead && o.kind != h.kind && d.properStart(k+len(o.words)) && common {
		return false // "εργαστήριο του έργου HERITAGE-LINK": the project is a name of its own
	}
	if o, isHead := d.headAt(k); isHead && (o.kind == "CENTRE" || o.kind == "ORGANISATION") && d.toks[k].cap && !d.properStart(k+len(o.words)) &&
		!d.in(lx, k+len(o.words), "joiner") {
		return false // "Εργαστήριο Τρισδιάστατης Σάρωσης του Κέντρου": the lab of the centre named before
	}
	// "σεμινάριο του Κέντρου", "ετήσιο συνέδριο της ΚΕΔΕ": a Greek event's genitive complement
	return (d.capital(k) && (!common || lx.lang == "el" || lx.lang == "en" && named) || d.continuesLower(lx, k, h, named)) && !d.in(lx, k, "stop")
}

// companySuffixEnd returns where a company's legal form written with dots ends ("Α.Ε.", "Ε.Π.Ε.",
// "S.A.") when one starts at token j, or j: capital letters each followed by a dot, that spell a
// form of the lexicon's "company-suffix" list.
func (d *doc) companySuffixEnd(lx *lexicon, j int) int {
	var letters strings.Builder
	k := j
	for k+1 < len(d.toks) && d.toks[k].word && len([]rune(d.toks[k].text)) == 1 && d.toks[k].cap && d.punct(k+1, ".") {
		letters.WriteString(d.toks[k].plain)
		k += 2
	}
	if k-j < 4 {
		return j
	}
	for _, l := range []*lexicon{lx, d.en} {
		if l.list("company-suffix").has(letters.String()) {
			return k
		}
	}
	return j
}

// ofTheName reports whether an English joiner at j other than "and" is followed by "the" and a
// capitalised word: "Ministry of the Interior", "Department for the Economy".
func (d *doc) ofTheName(lx *lexicon, s sent, j int) bool {
	return lx.lang == "en" && !d.in(lx, j, "and") && j+2 < s.to && d.in(lx, j+1, "determiner") && d.capital(j+2) && !d.occStarts(j+2)
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
