// Package ingest reads documents into proposals of facts: it splits a text into sentences, finds
// the entities the graph knows in them, and (later steps) proposes new entities and relationships,
// each with the exact sentence that states it. This file is the sentence splitter.
package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text: its exact text and its place, in characters (runes) from the
// start of the text, End excluded.
type Sentence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// abbreviations never end a sentence, whatever follows them (lower-case, without the final dot).
var abbreviations = map[string]bool{
	// Bulgarian: улица, булевард, тоест, например, и други, господин, госпожа, професор, доктор...
	"ул": true, "бул": true, "т.е": true, "напр": true, "и др": true, "др": true, "вж": true, "гр": true,
	"с": true, "обл": true, "проф": true, "д-р": true, "инж": true, "арх": true, "стр": true,
	"чл": true, "ал": true, "т": true, "млн": true, "млрд": true, "хил": true, "лв": true,
	// Greek: κύριος, για παράδειγμα, και λοιπά, δηλαδή, οδός, αριθμός...
	"κ": true, "π.χ": true, "δηλ": true, "οδ": true, "αρ": true, "σελ": true, "βλ": true, "κ.ά": true,
	// English.
	"e.g": true, "i.e": true, "dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "no": true,
	"vs": true, "st": true, "approx": true, "fig": true, "p": true, "pp": true, "vol": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
}

// finalAbbreviations may end a sentence: they do when the next word starts with a capital letter
// ("… през 2020 г. Създаден …"), and not otherwise ("2014-2020 г., се проведе").
var finalAbbreviations = map[string]bool{"г": true, "гг": true, "etc": true, "κλπ": true, "χλμ": true, "км": true}

// closers may follow a sentence's final mark and belong to the sentence.
const closers = "\"'”’»)]}"

// Split cuts text into sentences. A line break that ends a paragraph (an empty line, or a line
// without final punctuation such as a title) ends a sentence; so does a final mark (. ! ? … and the
// Greek question mark ;) followed by space and a capital letter, a digit or an opening quote, unless
// the word before it is an abbreviation (abbreviations) or a single initial. Sentences are trimmed;
// their offsets point at their exact text.
func Split(text string) []Sentence {
	runes := []rune(text)
	var out []Sentence
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(runes[s]) {
			s++
		}
		for e > s && unicode.IsSpace(runes[e-1]) {
			e--
		}
		if e > s {
			out = append(out, Sentence{Text: string(runes[s:e]), Start: s, End: e})
		}
		start = end
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r == '\n' {
			if lineEnds(runes, i) {
				emit(i)
			}
			continue
		}
		if !isFinal(r) {
			continue
		}
		end := i + 1
		for end < len(runes) && (runes[end] == r || strings.ContainsRune(closers, runes[end]) || isFinal(runes[end])) {
			end++
		}
		if endsHere(runes, i, end) {
			emit(end)
			i = end - 1
		}
	}
	emit(len(runes))
	return out
}

func isFinal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ';' || r == '\u037e'
}

// lineEnds reports whether the line break at i ends a sentence: an empty line follows, or the line
// is not a sentence running on (its last character is not a letter or a comma before a lower-case
// continuation).
func lineEnds(runes []rune, i int) bool {
	j := i + 1
	for j < len(runes) && runes[j] != '\n' && unicode.IsSpace(runes[j]) {
		j++
	}
	if j >= len(runes) || runes[j] == '\n' {
		return true
	}
	return !unicode.IsLower(runes[j])
}

// endsHere decides whether the final mark at i (with the closers up to end) ends a sentence.
func endsHere(runes []rune, i, end int) bool {
	if runes[i] == ';' && !isGreekContext(runes, i) {
		return false // a semicolon, not the Greek question mark
	}
	// What follows: space, then a capital, a digit or an opening quote or bracket.
	j := end
	if j < len(runes) && !unicode.IsSpace(runes[j]) {
		return false // 3.5, www.netacad.com, e.g.x
	}
	for j < len(runes) && unicode.IsSpace(runes[j]) {
		j++
	}
	if j >= len(runes) {
		return true
	}
	next := runes[j]
	startsSentence := unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'„“«(‘", next)
	if !startsSentence {
		return false
	}
	if runes[i] != '.' {
		return true
	}
	word := strings.ToLower(wordBefore(runes, i))
	switch {
	case abbreviations[word]:
		return false
	case finalAbbreviations[word]:
		return unicode.IsUpper(next)
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper(runes[i-1]):
		return false // an initial: "J. Smith"
	}
	return true
}

// wordBefore is the word that ends at the dot at i, with inner dots and hyphens ("т.е", "π.χ", "д-р").
func wordBefore(runes []rune, i int) string {
	j := i
	for j > 0 && (unicode.IsLetter(runes[j-1]) || ((runes[j-1] == '.' || runes[j-1] == '-') && j-2 >= 0 && unicode.IsLetter(runes[j-2]))) {
		j--
	}
	return string(runes[j:i])
}

// isGreekContext reports whether the text before i is Greek, where ; is the question mark.
func isGreekContext(runes []rune, i int) bool {
	for j := i - 1; j >= 0 && j > i-40; j-- {
		if unicode.Is(unicode.Greek, runes[j]) {
			return true
		}
		if unicode.IsLetter(runes[j]) {
			return false
		}
	}
	return false
}
