package ingest

import (
	"strings"
	"unicode"
)

// mergeShortenedNames makes one entity of a name and a shorter form of it that the same text
// gives (a headline's "Κέντρο Καινοτομίας της Πάτρας" for the body's "Κέντρο Καινοτομίας και
// Επιχειρηματικότητας της Πάτρας", "Innovation Hub" for "Lisbon Water Innovation Hub"): two names
// of one kind whose head ends agree (the last word in English, the first or the last in Bulgarian and Greek),
// the shorter one's words all standing in the longer one in order, inflection aside, and no other
// name of that kind holding it too.
func (d *doc) mergeShortenedNames() {
	gone := map[*NewEntity]*NewEntity{}
	for _, short := range d.ents {
		if short.Kind != "CENTRE" && short.Kind != "ORGANISATION" || short.Unnamed || short.Collective {
			continue
		}
		sw := nameWords(short.Name)
		if len(sw) < 2 {
			continue
		}
		var into []*NewEntity
		for _, long := range d.ents {
			if long == short || long.Kind != short.Kind || long.Unnamed || gone[long] != nil {
				continue
			}
			if lw := nameWords(long.Name); len(lw) > len(sw) && headEndsAgree(short.Lang, sw, lw) && sameHead(sw, lw) && subsequence(sw, lw) {
				into = append(into, long)
			}
		}
		if len(into) == 1 && gone[short] == nil {
			gone[short] = into[0]
		}
	}
	for short, long := range gone {
		if gone[long] == nil {
			d.mergeInto(short, long)
		}
	}
}

// nameWords are a name's words, folded for matching.
func nameWords(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, plain(w))
	}
	return out
}

// headEndsAgree reports whether two names agree at the end that holds their head word.
func headEndsAgree(lang string, a, b []string) bool {
	if lang == "en" {
		return wordsAgree(a[len(a)-1:], b[len(b)-1:])
	}
	return wordsAgree(a[:1], b[:1]) || wordsAgree(a[len(a)-1:], b[len(b)-1:]) // "Община Ловеч", "Регионален … център"
}

// sameHead reports whether two names hold the same head word, as the first of the lexicons' head
// words each holds: "Περιφέρεια Αττικής" is no "Περιφερειακό Ταμείο … Αττικής".
func sameHead(a, b []string) bool {
	ha, hb := headWord(a), headWord(b)
	return ha != "" && ha == hb
}

// headWord is the first word of a name that is a one-word head of a lexicon, or "".
func headWord(ws []string) string {
	for _, w := range ws {
		for _, lx := range lexicons {
			for _, h := range lx.heads[w] {
				if len(h.words) == 1 {
					return lx.lang + ":" + h.base
				}
			}
		}
	}
	return ""
}

// subsequence reports whether the words of a stand in b in order, each agreeing with one of b's.
func subsequence(a, b []string) bool {
	j := 0
	for _, w := range b {
		if j < len(a) && wordsAgree([]string{a[j]}, []string{w}) {
			j++
		}
	}
	return j == len(a)
}
