package ingest

import (
	"slices"
	"unicode"
)

// token is a word, a number or a punctuation mark of a text, with its place in characters (runes).
type token struct {
	text       string
	plain      string // lower case, no accents (plain)
	start, end int
	word       bool // letters or digits
	cap        bool // starts with an upper-case letter
	upper      bool // two letters or more, all upper case (an acronym: ЕФРР, KEDE)
	digit      bool // starts with a digit
	latin      bool // in Latin letters
}

// tokenize splits text into tokens: runs of letters and digits (with inner hyphens, dots between
// digits, and apostrophes before a letter: "Klaipėda", "2021-2027", "4.0", "д-р", "e-Trikala"),
// and every other character that is not a space, one token each.
func tokenize(runes []rune) []token {
	var out []token
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case isWordRune(r):
			j := i + 1
			for j < len(runes) {
				if isWordRune(runes[j]) {
					j++
					continue
				}
				if placeSuffix(runes, j) {
					break // "Pleven-based": the place is a word of its own
				}
				if j+1 < len(runes) && isWordRune(runes[j+1]) && (runes[j] == '-' ||
					(runes[j] == '.' || runes[j] == ',') && unicode.IsDigit(runes[j-1]) && unicode.IsDigit(runes[j+1])) {
					j += 2
					continue
				}
				break
			}
			out = append(out, wordToken(runes, i, j))
			i = j
		default:
			out = append(out, token{text: string(r), plain: string(r), start: i, end: i + 1})
			i++
		}
	}
	return out
}

// placeSuffix reports whether a hyphen at runes[j] joins a place to "based" ("the Pleven-based
// start-up"): English's way of saying where an organisation is, which keeps the place a word.
func placeSuffix(runes []rune, j int) bool {
	const suffix = "-based"
	if j+len(suffix) > len(runes) || string(runes[j:j+len(suffix)]) != suffix {
		return false
	}
	return j+len(suffix) == len(runes) || !isWordRune(runes[j+len(suffix)])
}

func wordToken(runes []rune, i, j int) token {
	t := token{text: string(runes[i:j]), start: i, end: j, word: true}
	t.plain = plain(t.text)
	t.cap = unicode.IsUpper(runes[i])
	t.digit = unicode.IsDigit(runes[i])
	letters, uppers := 0, 0
	for _, r := range runes[i:j] {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
			if unicode.In(r, unicode.Latin) {
				t.latin = true
			}
		}
	}
	t.upper = letters >= 2 && uppers == letters
	return t
}

// tokenRange is the tokens [from, to) of a sentence.
func tokenRange(toks []token, s Sentence) (from, to int) {
	// Tokens are in order and do not overlap: the sentence's are the run from the first that
	// starts in it.
	from, _ = slices.BinarySearchFunc(toks, s.Start, func(t token, start int) int { return t.start - start })
	to = from
	for to < len(toks) && toks[to].end <= s.End {
		to++
	}
	if from == to {
		return 0, 0
	}
	return from, to
}
