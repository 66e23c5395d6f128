package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"urbangraph/internal/domain"
	"urbangraph/internal/translit"
)

// acronymRe is an acronym in brackets: "(ERDF)", "(МРРБ)", "(ΕΣΠΑ)".
var acronymRe = regexp.MustCompile(`\((\p{Lu}{2,8})\)`)

// joiners are the small words an acronym leaves out ("Ministry of Regional Development" is MRD).
var joiners = map[string]bool{"of": true, "and": true, "for": true, "the": true, "on": true, "in": true,
	"на": true, "и": true, "за": true, "по": true, "в": true, "και": true, "της": true, "του": true, "των": true, "για": true}

// acronyms reads "a name (ACRONYM)": the acronym is the initials of the words before it (the
// joining words aside), as Schwartz and Hearst's rule has it. The acronym becomes an alias of the
// entity proposed under that name, or, where none is, a new entity named by the expansion: a
// programme when its words say fund or programme, a centre when they say centre, an organisation
// otherwise.
func acronyms(text string, byteToRune map[int]int, mentions []Mention, out []NewEntity) []NewEntity {
	for _, loc := range acronymRe.FindAllStringSubmatchIndex(text, -1) {
		acr := text[loc[2]:loc[3]]
		from, to := expansion(text, loc[0], acr)
		if from < 0 {
			continue
		}
		exp := text[from:to]
		start, end := byteToRune[from], byteToRune[to]
		// The entity proposed under the expanded name (its phrase may have run on, or be a little
		// shorter: "Министерството на …" is named from "Министерство").
		if i := slices.IndexFunc(out, func(e NewEntity) bool {
			return slices.ContainsFunc(e.Spans, func(sp Span) bool { return sp.Start < end && start < sp.End })
		}); i >= 0 {
			if !slices.Contains(out[i].Aliases, acr) {
				out[i].Aliases = append(out[i].Aliases, acr)
			}
			if out[i].Rule == "capitalised-name" { // a guess the expansion makes surer
				e := &out[i]
				e.Kind, e.Rule, e.Confidence = acronymKind(e.Name), "acronym-expansion", 0.7
				e.ID = prefixes[e.Kind] + ":" + domain.Slug(e.Name)
			}
			continue
		}
		if overlapsKnown(start, end, mentions) {
			continue // a name the graph knows
		}
		kind := acronymKind(exp)
		out = append(out, NewEntity{Kind: kind, Name: exp, Lang: scriptLang(exp), ID: prefixes[kind] + ":" + domain.Slug(exp),
			Start: start, End: end, Spans: []Span{{start, end}}, Rule: "acronym-expansion", Confidence: 0.7, Aliases: []string{acr}})
	}
	return out
}

var wordRe = regexp.MustCompile(`[^\s,]+`)

// expansion finds, before the bracket at byte at and within its sentence, the shortest run of words
// whose initials, joining words aside, spell the acronym; it returns the run's byte offsets, or -1.
func expansion(text string, at int, acr string) (from, to int) {
	start := strings.LastIndexAny(text[:at], ".!?;:\n(„“\"«") + 1
	ws := wordRe.FindAllStringIndex(text[start:at], -1)
	want := []rune(translit.Plain(acr))
	var initials []rune
	for i := len(ws) - 1; i >= 0 && len(ws)-i <= 12; i-- {
		w := text[start+ws[i][0] : start+ws[i][1]]
		if joiners[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(translit.Plain(w)) // "Ένωση" starts with ε
		initials = append([]rune{unicode.ToLower(r)}, initials...)
		if len(initials) > len(want) {
			break
		}
		if string(initials) == string(want) {
			return start + ws[i][0], start + ws[len(ws)-1][1]
		}
	}
	return -1, -1
}

// acronymKind guesses an expanded name's kind by its words.
func acronymKind(name string) string {
	lower := strings.ToLower(name)
	switch {
	case containsAny(lower, []string{"fund", "programme", "program", "фонд", "програма", "ταμείο", "πρόγραμμα"}):
		return "PROGRAMME"
	case containsAny(lower, []string{"centre", "center", "център", "κέντρο"}):
		return "CENTRE"
	}
	return "ORGANISATION"
}
