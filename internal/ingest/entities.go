package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// NewEntity is a proposed entity the graph does not know yet: its kind, its name as the document
// writes it (the head word brought back to the form a name takes: "Министерството на …" is
// "Министерство на …"), the language of that name, an ID by the usual slug rule, where it stands,
// and the rule that found it with that rule's confidence.
type NewEntity struct {
	Kind, Name, Lang, ID string
	Start, End           int    // its first place, in characters (runes)
	Spans                []Span // every place it is named (the first included)
	Rule                 string
	Confidence           float64
	Unnamed, Collective  bool     // the text describes it without naming it; it stands for a group
	Ties                 []Tie    // relationships the rule that found it states with it
	Aliases              []string // other names the text gives it (an acronym in brackets)
}

// Tie is a relationship a new entity has by the rule that found it: "Община Пловдив представи
// своите добри практики" makes the practices and says who PRESENTED them.
type Tie struct {
	Other string        // the other entity's ID
	Type  store.RelType // the relationship
	Out   bool          // from the new entity to Other (else from Other to it)
}

// Span is a place in a text, in characters.
type Span struct{ Start, End int }

// entityRule finds names of one kind by a pattern; the first group is the whole name unless name
// makes it from the match.
type entityRule struct {
	rule, lang, kind string
	confidence       float64
	re               *regexp.Regexp
	name             func(m []string) string
}

var prefixes = map[string]string{"ORGANISATION": "org", "CENTRE": "centre", "CITY": "city", "PROGRAMME": "programme", "PRACTICE": "practice", "TOPIC": "topic",
	"UNIT": "unit", "DOMAIN": "domain", "EVENT": "event"}

// words of a lower-case phrase, joined by "и"/"на"/"and"/"of"/"και"/"της"...
const (
	bgPhrase = `\p{Ll}+(?: (?:и |на )?\p{Ll}+){0,5}`
	elPhrase = `\p{Lu}\p{L}+(?: (?:και |της |του |των )?\p{Lu}\p{L}+){0,5}` // Greek names are capitalised
	enPhrase = `(?:\p{Lu}\p{Ll}*)(?: (?:and |of |the )?\p{Lu}\p{Ll}*){0,5}`
	capWord  = `\p{Lu}\p{Ll}+`
)

var entityRules = []entityRule{
	{"bg-municipality", "bg", "ORGANISATION", 0.9, regexp.MustCompile(`[Оо]бщина(?:та)? (` + capWord + `(?:[ -]` + capWord + `)?)`),
		func(m []string) string { return "Община " + m[1] }},
	{"bg-ministry", "bg", "ORGANISATION", 0.85, regexp.MustCompile(`[Мм]инистерство(?:то)? на (` + bgPhrase + `)`),
		func(m []string) string { return "Министерство на " + m[1] }},
	{"bg-centre", "bg", "CENTRE", 0.8, regexp.MustCompile(`[Цц]ентъ(?:р|рът|ра) за (` + bgPhrase + `)`),
		func(m []string) string { return "Център за " + m[1] }},
	{"el-municipality", "el", "ORGANISATION", 0.9, regexp.MustCompile(`Δήμο(?:ς|υ) (` + capWord + `)`),
		func(m []string) string { return "Δήμος " + m[1] }},
	{"el-ministry", "el", "ORGANISATION", 0.85, regexp.MustCompile(`Υπουργεί(?:ο|ου) (` + elPhrase + `)`),
		func(m []string) string { return "Υπουργείο " + m[1] }},
	{"el-centre", "el", "CENTRE", 0.8, regexp.MustCompile(`Κέντρ(?:ο|ου) (` + elPhrase + `)`),
		func(m []string) string { return "Κέντρο " + m[1] }},
	{"en-ministry", "en", "ORGANISATION", 0.85, regexp.MustCompile(`Ministry of (` + enPhrase + `)`),
		func(m []string) string { return "Ministry of " + m[1] }},
	{"en-municipality", "en", "ORGANISATION", 0.9, regexp.MustCompile(`(` + capWord + `(?: ` + capWord + `)?) Municipality`),
		func(m []string) string { return m[1] + " Municipality" }},
	{"en-centre", "en", "CENTRE", 0.8, regexp.MustCompile(`Cent(?:re|er) for (` + enPhrase + `|\p{Ll}+(?: \p{Ll}+){0,3})`),
		func(m []string) string { return "Centre for " + m[1] }},
	// Programmes: a quoted name after a programme word, an acronym with its years, the EU funds.
	{"bg-quoted-programme", "bg", "PROGRAMME", 0.8, regexp.MustCompile(`(?:[Пп]рограма|бюджетна линия|[Оо]перативна програма) „([^”“"]+)[”“"]`), nil},
	{"acronym-years", "", "PROGRAMME", 0.75, regexp.MustCompile(`(\p{Lu}{2,6} (?:19|20)\d\d-(?:19|20)\d\d)`), nil},
	{"eu-funds", "", "PROGRAMME", 0.7, regexp.MustCompile(`(европейските фондове|[Ee]uropean funds|ευρωπαϊκά ταμεία)`), func(m []string) string { return m[1] }},
	// Groups a text names without naming their members: the academic community, start-ups.
	{"collective", "", "ORGANISATION", 0.6, regexp.MustCompile(`(академичната общност|академична общност|[Aa]cademic community|ακαδημαϊκή κοινότητα|стартиращи(?:те)? компании|[Ss]tart-?ups|start-up companies|νεοφυείς επιχειρήσεις)`), func(m []string) string { return m[1] }},
	// Events: a seminar, conference or forum "on …", up to where the phrase ends (trimPhrase).
	{"bg-event", "bg", "EVENT", 0.75, regexp.MustCompile(`(?:семинар|конференция|форум|среща) за ([^,.;„”\n]+)`), wholeMatch},
	{"en-event", "en", "EVENT", 0.75, regexp.MustCompile(`(?:[Ss]eminar|[Cc]onference|[Ff]orum|[Ww]orkshop) on ([^,.;\n]+)`), wholeMatch},
	{"el-event", "el", "EVENT", 0.75, regexp.MustCompile(`(?:σεμινάριο|συνέδριο|ημερίδα|φόρουμ) (?:για|με θέμα) ([^,.;\n]+)`), wholeMatch},
	// Universities: "Technical University of Varna", "Русенския университет", "Πανεπιστήμιο Θεσσαλίας".
	{"en-university", "en", "ORGANISATION", 0.75, regexp.MustCompile(`((?:[A-Z][a-z]+ )*University(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?)`), nil},
	{"bg-university", "bg", "ORGANISATION", 0.75, regexp.MustCompile(`(\p{Lu}\p{Ll}+(?:ския|ският|ски) университет)`),
		func(m []string) string {
			return strings.Replace(strings.Replace(m[1], "ският ", "ски ", 1), "ския ", "ски ", 1)
		}},
	{"el-university", "el", "ORGANISATION", 0.75, regexp.MustCompile(`Πανεπιστήμιο(?:υ)? (\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)?)`),
		func(m []string) string { return "Πανεπιστήμιο " + m[1] }},
	// Funds and programmes named in English ("European Maritime, Fisheries and Aquaculture Fund"), or
	// quoted after a programme word in Greek.
	{"en-fund", "en", "PROGRAMME", 0.7, regexp.MustCompile(`((?:[A-Z][a-z]+,? (?:and )?){1,6}(?:Fund|Programme|Program|Facility))`), nil},
	{"el-quoted-programme", "el", "PROGRAMME", 0.8, regexp.MustCompile(`(?:[Ππ]ρόγραμμα|[Ττ]αμείο) «([^»]+)»`), nil},
	// Capitalised Latin names of several words (Cisco Networking Academy) in any text: organisations,
	// with less confidence, for the kind is a guess.
	{"capitalised-name", "en", "ORGANISATION", 0.4, regexp.MustCompile(`\b([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)+)`), nil},
}

// phraseRules end in a lower-case phrase that runs to the next punctuation or six words: trimPhrase
// cuts it where the name ends.
var phraseRules = map[string]bool{"bg-ministry": true, "bg-centre": true, "el-ministry": true, "el-centre": true,
	"en-ministry": true, "en-centre": true, "bg-event": true, "en-event": true, "el-event": true}

// wholeMatch names an entity by the whole (trimmed) match: "семинар за зелена градска мобилност".
func wholeMatch(m []string) string { return m[0] }

// phraseStops are words no name of a ministry or centre goes on with: prepositions of place and
// time, pronouns, auxiliaries.
var phraseStops = map[string]bool{
	"в": true, "във": true, "от": true, "с": true, "със": true, "през": true, "към": true, "при": true, "до": true,
	"е": true, "са": true, "се": true, "беше": true, "бяха": true, "ще": true, "който": true, "която": true,
	"което": true, "които": true, "чрез": true, "като": true, "град": true, "гр": true,
	"πόλη": true, "πόλης": true, "city": true, "town": true,
	"στην": true, "στη": true, "στο": true, "στον": true, "από": true, "με": true, "σε": true, "είναι": true,
	"που": true, "ο": true, "η": true, "το": true, "οι": true, "τα": true,
	"in": true, "at": true, "by": true, "with": true, "was": true, "is": true, "are": true, "were": true,
	"has": true, "have": true, "which": true, "that": true, "on": true, "from": true, "to": true,
}

var placePrepositions = map[string]bool{"в": true, "във": true, "in": true, "στην": true, "στη": true, "στο": true, "σε": true}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// verbEndings end the verbs that follow a name without a comma: Bulgarian aorist plurals
// ("откриха", "представиха"), Greek aorists ("ίδρυσε", "ίδρυσαν", "δημιουργήθηκε"), English past
// tenses.
var verbEndings = []string{"ха", "σε", "σαν", "θηκε", "θηκαν", "ed"}

// trimPhrase cuts a greedy phrase before the first word that cannot be part of a name, then drops
// a joining word ("и", "and", "και"...) left at its end.
func trimPhrase(s string) string {
	words := strings.Split(s, " ")
	if len(words) > 16 {
		words = words[:16]
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		// "в" goes on a name before a common noun ("Център за иновации в земеделието"), not before a
		// place ("в град Казанлък", "в Казанлък").
		if placePrepositions[lw] && i+1 < len(words) && !phraseStops[strings.ToLower(words[i+1])] && !startsUpper(words[i+1]) {
			continue
		}
		if i > 0 && (phraseStops[lw] || slices.ContainsFunc(verbEndings, func(e string) bool { return strings.HasSuffix(lw, e) && utf8.RuneCountInString(lw) > 4 })) {
			words = words[:i]
			break
		}
	}
	s = strings.Join(words, " ")
	for {
		t := s
		for _, j := range []string{" и", " на", " за", " and", " of", " the", " for", " και", " της", " του", " των"} {
			t = strings.TrimSuffix(t, j)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// ProposeEntities finds the names of organisations, centres and places the text names but the
// graph does not know: spans that overlap a known mention (mentions) are left to it. Each name is
// proposed once (its first place), by the first rule that finds it.
//
// Known limit (issue 15, in progress): a lower-case phrase after "Министерство на", "Център за",
// "Υπουργείο" runs to the next punctuation or six words, so a verb that follows without a comma
// ("… и благоустройството подкрепи …") is taken into the name; the reviewer corrects it.
func ProposeEntities(text string, mentions []Mention) []NewEntity {
	var out []NewEntity
	byteToRune := runeIndex(text)
	for _, r := range entityRules {
		for _, loc := range r.re.FindAllStringSubmatchIndex(text, -1) {
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = text[loc[2*i]:loc[2*i+1]]
				}
			}
			start, end := byteToRune[loc[0]], byteToRune[loc[1]]
			if phraseRules[r.rule] { // the phrase ends the match: both lose what trimPhrase cuts
				trimmed := trimPhrase(m[1])
				end -= utf8.RuneCountInString(m[1]) - utf8.RuneCountInString(trimmed)
				if strings.HasSuffix(m[0], m[1]) {
					m[0] = strings.TrimSuffix(m[0], m[1]) + trimmed
				}
				m[1] = trimmed
			}
			name := m[0]
			if len(m) > 1 {
				name = m[1]
			}
			if r.name != nil {
				name = r.name(m)
			}
			if r.rule == "capitalised-name" { // "The ERDF" is ERDF: a capitalised article is no part of a name
				if name, start = withoutArticle(name, start); !strings.Contains(name, " ") {
					continue
				}
			}
			if overlapsKnown(start, end, mentions) {
				continue
			}
			if r.kind != "EVENT" && r.rule != "eu-funds" && r.rule != "collective" {
				name = capitalise(name)
			}
			e := NewEntity{Kind: r.kind, Name: name, Lang: r.lang, Start: start, End: end, Rule: r.rule, Confidence: r.confidence}
			if r.rule == "capitalised-name" && unitCue.MatchString(text[max(0, loc[0]-60):loc[0]]) {
				e.Kind, e.Rule, e.Confidence = "UNIT", "capitalised-name-after-department", 0.6
			}
			e.ID = prefixes[e.Kind] + ":" + domain.Slug(e.Name)
			// Once named, a name that only runs on ("Център за дигитална трансформация в областите")
			// is the same entity, named again.
			if i := slices.IndexFunc(out, func(o NewEntity) bool {
				return o.ID == e.ID || o.Kind == e.Kind && strings.HasPrefix(e.Name, o.Name+" ")
			}); i >= 0 {
				out[i].Spans = append(out[i].Spans, Span{start, end})
				continue
			}
			if inside(out, start, end) {
				continue
			}
			e.Spans = []Span{{start, end}}
			out = append(out, e)
		}
	}
	out = proposeLists(text, byteToRune, mentions, out)
	slices.SortFunc(out, func(a, b NewEntity) int { return a.Start - b.Start })
	return out
}

// withoutArticle drops the function words a capitalised name starts with ("The", "In", "At"…),
// moving its start.
func withoutArticle(name string, start int) (string, int) {
	for {
		first, rest, ok := strings.Cut(name, " ")
		if !ok || !functionWords[strings.ToLower(first)] {
			return name, start
		}
		name, start = rest, start+utf8.RuneCountInString(first)+1
	}
}

// inside reports whether start–end lies within a place an entity of out is named.
func inside(out []NewEntity, start, end int) bool {
	return slices.ContainsFunc(out, func(o NewEntity) bool {
		return slices.ContainsFunc(o.Spans, func(sp Span) bool { return sp.Start <= start && end <= sp.End })
	})
}

// listRules find names in enumerations: "Общините Стара Загора и Пловдив" (two municipalities),
// "в областите: земеделие, медицина, екология" (domains).
var listRules = []struct {
	rule, lang, kind, prefix string
	confidence               float64
	re                       *regexp.Regexp
}{
	{"bg-municipalities", "bg", "ORGANISATION", "Община ", 0.8,
		regexp.MustCompile(`[Оо]бщините ((?:` + capWord + `(?: ` + capWord + `)?)(?:, (?:` + capWord + `(?: ` + capWord + `)?))* и (?:` + capWord + `(?: ` + capWord + `)?))`)},
	{"bg-domains", "bg", "DOMAIN", "", 0.7, regexp.MustCompile(`в областите: (\p{Ll}+(?: \p{Ll}{4,})?(?:, \p{Ll}+(?: \p{Ll}{4,})?)*(?:,? (?:и|and|και) \p{Ll}+(?: \p{Ll}{4,})?)?)`)},
	{"el-domains", "el", "DOMAIN", "", 0.7, regexp.MustCompile(`στους τομείς:? (\p{Ll}+(?: \p{Ll}{4,})?(?:, \p{Ll}+(?: \p{Ll}{4,})?)*(?:,? (?:и|and|και) \p{Ll}+(?: \p{Ll}{4,})?)?)`)},
	{"en-domains", "en", "DOMAIN", "", 0.7, regexp.MustCompile(`in the (?:fields|areas|domains) of:? (\p{Ll}+(?: \p{Ll}{4,})?(?:, \p{Ll}+(?: \p{Ll}{4,})?)*(?:,? (?:и|and|και) \p{Ll}+(?: \p{Ll}{4,})?)?)`)},
}

// proposeLists adds the items of enumerations (listRules), each at its own place, and the Latin
// names of a text in another script ("Cisco" in a Bulgarian sentence: an organisation).
func proposeLists(text string, byteToRune map[int]int, mentions []Mention, out []NewEntity) []NewEntity {
	add := func(kind, name, lang, rule string, confidence float64, start, end int) {
		// An item that only names a known place is new when the rule makes another entity of it
		// ("Пловдив" in "Общините Стара Загора и Пловдив" is Plovdiv's municipality).
		named := strings.HasPrefix(name, "Община ")
		if !named && overlapsKnown(start, end, mentions) || inside(out, start, end) {
			return
		}
		id := prefixes[kind] + ":" + domain.Slug(name)
		if i := slices.IndexFunc(out, func(o NewEntity) bool { return o.ID == id }); i >= 0 {
			out[i].Spans = append(out[i].Spans, Span{start, end})
			return
		}
		if kind != "DOMAIN" {
			name = capitalise(name) // domains are common nouns, written as the text writes them
		}
		out = append(out, NewEntity{Kind: kind, Name: name, Lang: lang, ID: id, Start: start, End: end,
			Spans: []Span{{start, end}}, Rule: rule, Confidence: confidence})
	}
	for _, r := range listRules {
		for _, loc := range r.re.FindAllStringSubmatchIndex(text, -1) {
			list := text[loc[2]:loc[3]]
			for _, il := range listItem.FindAllStringIndex(list, -1) {
				name := list[il[0]:il[1]]
				for _, j := range []string{"и", "and", "και"} {
					if name == j {
						name = ""
					}
					name = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(name, j+" "), " "+j))
				}
				if name == "" {
					continue
				}
				b := loc[2] + il[0] + strings.Index(list[il[0]:il[1]], name)
				add(r.kind, r.prefix+name, r.lang, r.rule, r.confidence, byteToRune[b], byteToRune[b+len(name)])
			}
		}
	}
	if !latinText(text) {
		for _, loc := range latinName.FindAllStringIndex(text, -1) {
			kind, rule, confidence := "ORGANISATION", "latin-name-in-other-script", 0.5
			if unitCue.MatchString(text[max(0, loc[0]-60):loc[0]]) {
				kind, rule, confidence = "UNIT", "latin-name-after-department", 0.6
			}
			add(kind, text[loc[0]:loc[1]], "en", rule, confidence, byteToRune[loc[0]], byteToRune[loc[1]])
		}
	}
	out = acronyms(text, byteToRune, mentions, anaphora(text, byteToRune, out))
	return proposeGroups(text, byteToRune, mentions, out)
}

// unitCue is a department word shortly before a name: "отдел за обучение – Cisco Networking
// Academy", "отдели STEM и Robotics".
var unitCue = regexp.MustCompile(`(?i)(отдел|отдели|department|departments|τμήμα|τμήματα)[^.;]*$`)

// listItem is one item of an enumeration: a word, or two (the second not a joining word: "и",
// "and", "και" are shorter).
var listItem = regexp.MustCompile(`\p{L}+(?: \p{L}{4,})?`)

// latinName is a capitalised Latin word or name (Cisco, STEM, Cisco Networking Academy).
var latinName = regexp.MustCompile(`\b[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*\b`)

// latinText reports whether most letters of text are Latin.
func latinText(text string) bool {
	latin, other := 0, 0
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Latin):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin >= other
}

// overlapsKnown reports whether the span covers a known mention whole or lies inside one: a
// proposal that only contains a known place ("Община Солун" around "Солун") is still new.
func overlapsKnown(start, end int, mentions []Mention) bool {
	for _, m := range mentions {
		if m.Start <= start && end <= m.End || start == m.Start && end == m.End {
			return true
		}
	}
	return false
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// runeIndex maps each byte offset of text (and its length) to a rune offset.
func runeIndex(text string) map[int]int {
	idx := make(map[int]int, len(text)+1)
	i := 0
	for b := range text {
		idx[b] = i
		i++
	}
	idx[len(text)] = i
	return idx
}
