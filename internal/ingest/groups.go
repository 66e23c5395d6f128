package ingest

import (
	"regexp"
	"slices"
	"strings"

	"urbangraph/internal/domain"
)

// Anaphora: a head word used alone ("Центърът разполага…", "В рамките на семинара") speaks of
// the entity of that kind proposed last before it.
var heads = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"CENTRE", regexp.MustCompile(`(Центъ(?:рът|ра)(?: Cisco)?|[Ττ]ο Κέντρο|του Κέντρου|[Tt]he [Cc]ent(?:re|er))(?:[^\p{L}]|$)`)},
	{"EVENT", regexp.MustCompile(`([Сс]еминар(?:а|ът)|[Кк]онференцията|[Фф]орум(?:а|ът)|[Tt]he (?:seminar|conference|forum)|[Ττ]ο σεμινάριο|του σεμιναρίου|[Ηη] διάσκεψη)(?:[^\p{L}]|$)`)},
}

// anaphora adds to the entity of each head's kind proposed last the places its head word stands.
func anaphora(text string, byteToRune map[int]int, out []NewEntity) []NewEntity {
	for _, h := range heads {
		for _, loc := range h.re.FindAllStringSubmatchIndex(text, -1) {
			start, end := byteToRune[loc[2]], byteToRune[loc[3]]
			last := -1
			for i, e := range out {
				if e.Kind == h.kind && e.Start < start {
					last = i
				}
			}
			// A head word within a name ("The Centre for Marine Research") is that name's, not an anaphor.
			if last < 0 || slices.ContainsFunc(out, func(e NewEntity) bool {
				return slices.ContainsFunc(e.Spans, func(sp Span) bool { return sp.Start < end && sp.End > end })
			}) {
				continue
			}
			out[last].Spans = append(out[last].Spans, Span{start, end})
		}
	}
	return out
}

// named is an organisation or centre a text names, known or proposed, where it stands.
type named struct {
	id, name, kind string
	start, end     int
}

// namedIn lists the organisations and centres of a text: mentions with one candidate, proposals.
func namedIn(mentions []Mention, out []NewEntity) []named {
	var ns []named
	for _, m := range mentions {
		if !m.Ambiguous() && (m.Candidates[0].Kind == "ORGANISATION" || m.Candidates[0].Kind == "CENTRE") {
			ns = append(ns, named{m.Candidates[0].ID, m.Text, m.Candidates[0].Kind, m.Start, m.End})
		}
	}
	for _, e := range out {
		if e.Kind == "ORGANISATION" || e.Kind == "CENTRE" {
			for _, sp := range e.Spans {
				ns = append(ns, named{e.ID, e.Name, e.Kind, sp.Start, sp.End})
			}
		}
	}
	slices.SortFunc(ns, func(a, b named) int { return a.start - b.start })
	return ns
}

// Groups a text describes without naming them, each tied to who has them.
var (
	// "Общините X и Y представиха своите добри практики за градско развитие": one set of practices
	// per presenter, which PRESENTED it.
	practicesRe = regexp.MustCompile(`(?:представиха|представи|presented|παρουσίασαν|παρουσίασε) (?:своите |свои |their |its |τις )?((?:добри|добрите|good|best|καλές) (?:практики|practices|πρακτικές)(?: (?:за|в|in|for|on|για) \p{Ll}+(?: \p{Ll}+){0,4})?)`)
	// "Община Солун, нейните партньори": the partners of the organisation just named.
	partnersRe = regexp.MustCompile(`(?:, | и | and | και )((?:нейните|неговите|техните|its|their|οι) (?:партньори|partners|εταίροι(?: του| της| τους)?))`)
	// "Центърът … поддържа екипи, които…": teams of the centre or organisation the sentence is about.
	teamsRe = regexp.MustCompile(`(?:поддържа|има|runs|maintains|has|διαθέτει|υποστηρίζει) (екипи|teams|ομάδες)`)
)

// proposeGroups adds the practices, partners and teams a text describes, unnamed and collective,
// with their ties.
func proposeGroups(text string, byteToRune map[int]int, mentions []Mention, out []NewEntity) []NewEntity {
	ns := namedIn(mentions, out)
	add := func(e NewEntity) {
		e.ID = prefixes[e.Kind] + ":" + domain.Slug(e.Name)
		if !slices.ContainsFunc(out, func(o NewEntity) bool { return o.ID == e.ID }) {
			e.Unnamed, e.Collective, e.Spans = true, true, []Span{{e.Start, e.End}}
			out = append(out, e)
		}
	}
	for _, loc := range practicesRe.FindAllStringSubmatchIndex(text, -1) {
		phrase := trimPhrase(text[loc[2]:loc[3]])
		start := byteToRune[loc[2]]
		end := start + len([]rune(phrase))
		lang := scriptLang(phrase)
		for _, n := range clauseBefore(text, byteToRune, loc[0], ns) {
			if n.kind == "ORGANISATION" {
				add(NewEntity{Kind: "PRACTICE", Name: byWhom(phrase, n.name, lang), Lang: lang, Start: start, End: end,
					Rule: "practices-presented", Confidence: 0.65, Ties: []Tie{{Other: n.id, Type: "PRESENTED"}}})
			}
		}
	}
	for _, loc := range partnersRe.FindAllStringSubmatchIndex(text, -1) {
		start := byteToRune[loc[2]]
		i := slices.IndexFunc(ns, func(n named) bool { return n.end >= byteToRune[loc[0]]-1 && n.end <= byteToRune[loc[0]] })
		if i < 0 {
			continue
		}
		phrase := text[loc[2]:loc[3]]
		lang := scriptLang(phrase)
		add(NewEntity{Kind: "ORGANISATION", Name: ofWhom(partnersWord[lang], ns[i].name, lang), Lang: lang, Start: start,
			End: byteToRune[loc[3]], Rule: "partners-of", Confidence: 0.6, Ties: []Tie{{Other: ns[i].id, Type: "PARTNER_OF", Out: true}}})
	}
	for _, loc := range teamsRe.FindAllStringSubmatchIndex(text, -1) {
		owners := clauseBefore(text, byteToRune, loc[0], ns)
		if len(owners) == 0 {
			continue
		}
		o := owners[0] // the sentence's subject
		lang := scriptLang(text[loc[2]:loc[3]])
		add(NewEntity{Kind: "UNIT", Name: ofWhom(text[loc[2]:loc[3]], o.name, lang), Lang: lang, Start: byteToRune[loc[2]],
			End: byteToRune[loc[3]], Rule: "teams-of", Confidence: 0.55, Ties: []Tie{{Other: o.id, Type: "HAS_UNIT"}}})
	}
	return out
}

var partnersWord = map[string]string{"bg": "партньорите", "en": "partners", "el": "εταίροι"}

// byWhom names practices by who presented them: "добри практики за градско развитие, представени
// от Община Пловдив".
func byWhom(phrase, who, lang string) string {
	switch lang {
	case "bg":
		return phrase + ", представени от " + who
	case "el":
		return phrase + " που παρουσίασε " + who
	}
	return phrase + " presented by " + who
}

// ofWhom names a group by whose it is: "партньорите на Община Солун".
func ofWhom(group, whose, lang string) string {
	switch lang {
	case "bg":
		return group + " на " + whose
	case "el":
		return group + " του " + whose
	}
	return group + " of " + whose
}

// clauseBefore lists the organisations and centres named in the sentence before byte offset at,
// in order: the subject of the verb that stands there.
func clauseBefore(text string, byteToRune map[int]int, at int, ns []named) []named {
	from := max(strings.LastIndexAny(text[:at], ".!?\n")+1, 0)
	start, end := byteToRune[from], byteToRune[at]
	var out []named
	for _, n := range ns {
		if n.start >= start && n.end <= end && !slices.ContainsFunc(out, func(o named) bool { return o.id == n.id }) {
			out = append(out, n)
		}
	}
	return out
}
