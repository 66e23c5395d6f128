package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names without head words (quoted names, capitalised runs), people's names, and what single words
// are: capitalised, adjectives, genitives, verbs, periods and years.

// latinTail is the Latin name a Bulgarian or Greek name ends with, another name of the same
// entity: "Център за зелена енергия GreenLab Ruse" is also "GreenLab Ruse".
func (d *doc) latinTail(c cand) []string {
	to := c.nameTo
	if to <= c.nameFrom || !d.toks[to-1].latin || d.toks[c.nameFrom].latin {
		return nil
	}
	from := to
	for from > c.nameFrom && (d.toks[from-1].latin && d.capital(from-1) || d.toks[from-1].digit) {
		from--
	}
	if from == c.nameFrom || !d.capital(from) {
		return nil
	}
	return []string{d.text(from, to)}
}

// closingQuote returns the token that closes the quote opened at j, or -1: within the sentence, at
// most ten words, the first capitalised or a digit (a name, not a sentence someone said).
func (d *doc) closingQuote(s sent, j int) int {
	open := d.toks[j].text
	closers := map[string]string{"„": "“”\"", "«": "»", "“": "”\"", "\"": "\"”“"}[open]
	if j+1 >= s.to || !(d.toks[j+1].cap || d.toks[j+1].digit || d.toks[j+1].upper) {
		return -1
	}
	for k := j + 1; k < s.to && k <= j+24; k++ {
		if !d.toks[k].word && strings.Contains(closers, d.toks[k].text) {
			if k == j+1 || d.punct(k-1, ",.!?;:…") {
				return -1 // what someone said, not a name
			}
			return k
		}
		if d.toks[k].word && d.is(k, "verb") {
			return -1 // a sentence, not a name
		}
		if d.punct(k, "!?;") || d.punct(k, ".") && !(k+1 < s.to && d.toks[k+1].word) {
			return -1
		}
	}
	return -1
}

// quotedNames are the quoted names no head word stands before: their kind is for the relations'
// rules to say (what was presented is a practice), so they are proposed as capitalised guesses.
func (d *doc) quotedNames(s sent) []cand {
	var out []cand
	for j := s.from; j < s.to; j++ {
		if !d.punct(j, "„«“\"") {
			continue
		}
		q := d.closingQuote(s, j)
		if q < 0 {
			continue
		}
		out = append(out, cand{from: j, to: q + 1, nameFrom: j + 1, nameTo: q, kind: "ORGANISATION", headAt: -1,
			rule: "quoted-name", confidence: byCapitals})
		j = q
	}
	return out
}

// capitalRuns are the names written with capitals and no head word: a Latin name in a Cyrillic
// or Greek text (its lower-case Latin words too: "Klaipėdos miesto savivaldybė"), an acronym-like
// project name ("PORT-CLIMA", "LivingLabs4Towns"), capitalised words. Their kind is a guess the
// relations' rules may settle.
func (d *doc) capitalRuns(s sent) []cand {
	var out []cand
	for j := s.from; j < s.to; j++ {
		lxj := d.lexOf(j)
		if !d.capital(j) || d.in(lxj, j, "title") || d.in(lxj, j, "stop") || d.in(lxj, j, "weekday") || d.in(lxj, j, "demonym") ||
			d.basedAfter(j) || d.toks[j].digit || j > s.from && d.toks[j-1].digit && len(d.toks[j].text) <= 3 {
			continue // "the Thessaloniki-based start-up": where it is, not a name; "3D", "90 kWp": no names
		}
		if j == d.firstWord(s) && !d.toks[j].upper && !d.mixedCase(j) {
			if !d.toks[j].latin || j+1 >= s.to || !d.capital(j+1) || d.in(d.en, j, "determiner") {
				continue // a sentence's first word: capitalised because it is first ("The Urban Data Team")
			}
		}
		foreign := d.toks[j].latin && d.lang != "en"
		k := j + 1
		for k < s.to {
			lx := d.lexOf(k)
			switch {
			case d.capital(k) && !d.in(lx, k, "title") && d.toks[k].latin == d.toks[j].latin:
				k++
				continue
			case foreign && d.toks[k].word && d.toks[k].latin && !d.toks[k].digit:
				k++ // a foreign name's lower-case words
				continue
			case d.toks[k].digit && (isPeriod(d.toks[k].text) || isVersion(d.toks[k].text)):
				k++
				continue
			case d.toks[k].word && !d.toks[k].cap && (d.in(lx, k, "joiner") || d.in(lx, k, "title-joiner")) && k+1 < s.to &&
				d.capital(k+1) && d.toks[k+1].latin == d.toks[j].latin && d.toks[k].latin == d.toks[j].latin && !d.occStarts(k+1) && !d.occStarts(k-1) &&
				(d.toks[k].latin || !d.in(lx, k, "and")): // "Общината и БАН": two names
				k += 2
				continue
			}
			break
		}
		if d.personNamed(j, k) || d.in(d.lexOf(j), j, "month") || d.punct(j-1, "(") && d.punct(k, ")") && j >= 2 && d.toks[j-2].word {
			// a person, a month, an acronym or another name in brackets after a name (its alias)
			j = k - 1
			continue
		}
		c := cand{from: j, to: k, nameFrom: j, nameTo: k, kind: "ORGANISATION", headAt: -1, rule: "capitalised-name", confidence: byCapitals}
		one := k-j == 1
		if h, ok := d.headAt(j); ok && j+len(h.words) == k {
			j = k - 1
			continue // a head word alone ("Living Lab", "Hub"): one named before
		}
		switch {
		case isPeriod(d.toks[k-1].text) && k-j >= 2 && d.toks[j].upper:
			c.kind, c.rule, c.confidence = "PROGRAMME", "acronym-with-period", byShape // "ΕΣΠΑ 2014-2020"
		case one && d.toks[j].upper && !d.toks[j].latin && len([]rune(d.toks[j].text)) >= 3:
			c.rule, c.confidence = "acronym", foreignName // "ΚΕΔΕ", "МРРБ": an organisation, most likely
		case one && projectShaped(d.toks[j]):
			c.kind, c.rule, c.confidence = "PROGRAMME", "project-shaped-name", byShape
		case one && !d.toks[j].latin && !d.toks[j].upper && !d.mixedCase(j):
			j = k - 1
			continue // one capitalised Cyrillic or Greek word: a place, a person, a sentence's start
		case one && d.toks[j].upper && len([]rune(d.toks[j].text)) <= 3 && d.toks[j].latin:
			c.confidence = byCapitals // MW, EU, 3D: units and short acronyms say too little
		case foreign:
			c.rule, c.confidence = "latin-name-in-other-script", foreignName
		}
		c.aliases = d.bracketAlias(k)
		out = append(out, c)
		j = k - 1
	}
	return out
}

// capital reports whether token j is a word written with a capital (or an acronym).
func (d *doc) capital(j int) bool {
	if j < 0 || j >= len(d.toks) {
		return false
	}
	t := d.toks[j]
	return t.word && (t.cap || t.upper || d.mixedCase(j))
}

// mixedCase is a word with an inner capital: "ParkSZ", "LivingLabs4Towns", "e-Trikala".
func (d *doc) mixedCase(j int) bool {
	t := d.toks[j]
	for i, r := range t.text {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// projectShaped is a word shaped like a project's name: capitals with a hyphen or a digit
// ("PORT-CLIMA", "BLUE-LOOP"), or mixed case with a digit ("LivingLabs4Towns").
func projectShaped(t token) bool {
	hasDigit := strings.ContainsAny(t.text, "0123456789")
	return t.upper && (strings.Contains(t.text, "-") || hasDigit) && utf8.RuneCountInString(t.text) >= 5
}

// bracketAlias reads "(ACRONYM)" or "(a name in another script)" right after a name.
func (d *doc) bracketAlias(j int) []string {
	if !d.punct(j, "(") {
		return nil
	}
	k := j + 1
	for k < len(d.toks) && k <= j+6 && !d.punct(k, ")") {
		if !d.toks[k].word && !d.punct(k, "-–") {
			return nil
		}
		k++
	}
	if k >= len(d.toks) || !d.punct(k, ")") || k == j+1 {
		return nil
	}
	alias := d.text(j+1, k)
	if !d.toks[j+1].cap && !d.toks[j+1].upper || d.occStarts(j+1) {
		return nil // "(Greece)" is where it is, not another name of it
	}
	return []string{alias}
}

// properAfter reports whether the name has a proper part after its head: capitalised words, a
// quoted name, an acronym.
func (d *doc) properAfter(from, to, after int) bool {
	for j := after; j < to; j++ {
		if d.capital(j) || d.punct(j, "„«“\"") {
			return true
		}
	}
	return false
}

// properBefore reports whether capitalised words stand before the head within the name.
func (d *doc) properBefore(from, head int) bool {
	for j := from; j < head; j++ {
		if d.capital(j) {
			return true
		}
	}
	return false
}

// listItems splits the capitalised words of [from, to) into the items of a list: "Кърджали,
// Смолян, Ямбол и Сливен".
func (d *doc) listItems(from, to int) [][2]int {
	var items [][2]int
	start := -1
	for j := from; j <= to; j++ {
		if j < to && d.toks[j].word && d.toks[j].cap {
			if start < 0 {
				start = j
			}
			continue
		}
		if start >= 0 {
			items = append(items, [2]int{start, j})
			start = -1
		}
	}
	return items
}

// personAhead reports whether a capitalised word at j begins a person's name, not a name's part:
// a title stands right before it.
func (d *doc) personAhead(lx *lexicon, j int) bool {
	return d.in(lx, j-1, "title") || d.is(j-1, "title")
}

// personNamed reports whether capitalised words [from, to) name a person: a title before them
// ("заместник-кмета … Калина Петрова", "Deputy Mayor Dimitar Nikolov", "ο κ. Καραγιάννης"), or a
// verb of saying right after ("…", said Lekkas).
func (d *doc) personNamed(from, to int) bool {
	if to-from > 5 {
		return false
	}
	if d.is(from-1, "of") || from > 0 && d.toks[from-1].latin && d.in(d.en, from-1, "of") {
		// "кметът на Русе", "the Mayor of Varna": a title's place or organisation, not a person;
		// "кметът на Габрово Таня Христова": the title's place, then its holder
		if d.is(from-2, "title") || d.in(d.en, from-2, "title") {
			for _, o := range d.near(from, from+1) {
				if o.known && o.kind == "CITY" && o.from == from && o.to < to {
					return true
				}
			}
		}
		return d.match(to, "said") > 0 || d.punct(to, ",") && d.match(to+1, "said") > 0
	}
	start := d.sentenceOf(from).from // a headline's last word is no title of the next sentence's first
	for k := from - 1; k >= start && k >= from-5; k-- {
		if d.is(k, "title") || d.punct(k, ".") && d.is(k-1, "title") {
			return true
		}
		if !d.toks[k].word {
			break
		}
	}
	return d.match(to, "said") > 0 || d.punct(to, ",") && d.match(to+1, "said") > 0 || d.saidBefore(from)
}

// saidBefore reports whether a verb of saying ends right before token j, after a quote ("…“,
// заяви Калина Петрова", "δήλωσε ο κ. Καραγιάννης").
func (d *doc) saidBefore(j int) bool {
	for k := j - 1; k >= d.sentenceOf(j).from && k >= j-3; k-- {
		if d.is(k, "said") || d.toks[k].latin && d.in(d.en, k, "said") {
			return true
		}
		if !d.is(k, "determiner") && !d.is(k, "title") && !d.punct(k, ".") {
			return false
		}
	}
	return false
}

// adjective reports whether token j is an adjective by its ending (the lexicon's "adjective-ending"
// list) or an ordinal or other modifier the lexicon lists.
func (d *doc) adjective(lx *lexicon, j int) bool {
	w := d.toks[j].plain
	if d.in(lx, j, "modifier") {
		return true
	}
	for _, e := range lx.endings("adjective-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// definite reports whether the Bulgarian head noun at token j bears the article: a head word of
// the lexicon with one of the article's endings ("екипа", "центъра", "лабораторията").
func (d *doc) definite(lx *lexicon, j int) bool {
	w := d.toks[j].plain
	for _, e := range lx.endings("article-ending") {
		stem, ok := strings.CutSuffix(w, e)
		if !ok {
			continue
		}
		for _, h := range lx.heads[stem] {
			if len(h.words) == 1 && h.words[0] == stem {
				return true
			}
		}
	}
	return false
}

// genitive reports whether a Greek word has a genitive ending.
func (d *doc) genitive(lx *lexicon, j int) bool {
	w := d.toks[j].plain
	for _, e := range lx.endings("genitive-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// verb reports whether token j is a verb by its ending or the lexicon's list.
func (d *doc) verb(lx *lexicon, j int) bool {
	if d.in(lx, j, "verb") {
		return true
	}
	w := d.toks[j].plain
	for _, e := range lx.endings("verb-ending") {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e)+2 {
			return true
		}
	}
	return false
}

// isPeriod is a year or a period: 2021, 2021-2027.
func isPeriod(s string) bool {
	a, b, two := strings.Cut(s, "-")
	year := func(y string) bool { return len(y) == 4 && (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) }
	return year(a) && (!two || year(b))
}

// isVersion is a number that names a version: 4.0, 2.0.
// isOrdinalNumber reports whether a token is an English ordinal in digits: "3rd", "21st".
func isOrdinalNumber(s string) bool {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(s, suf); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return true
		}
	}
	return false
}

// isYear reports whether a token is a year: four digits.
func isYear(s string) bool {
	return len(s) == 4 && strings.Trim(s, "0123456789") == ""
}

func isVersion(s string) bool {
	a, b, ok := strings.Cut(s, ".")
	return ok && len(a) <= 2 && len(b) == 1
}

// romanOrNumber is a roman numeral or a small number that ends a name: "URBACT IV", "4ο".
func romanOrNumber(s string) bool {
	return len(s) <= 3
}
