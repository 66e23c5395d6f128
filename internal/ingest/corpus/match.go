package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is the corpus README's folding: lower case, accents and other combining marks removed,
// every run of characters that are not letters or digits one space. The script stays: "Δήμου
// Πάτρας" folds to "δημου πατρας", not to Latin (that is translit.Fold's work, not the scorer's).
func Fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// NamesMatch is the corpus README's rule: after folding, one name contains the other, or both have
// the same number of words and each pair of words agrees on a prefix (cut).
func NamesMatch(a, b string) bool {
	fa, fb := Fold(a), Fold(b)
	if fa == "" || fb == "" {
		return false
	}
	if strings.Contains(fa, fb) || strings.Contains(fb, fa) {
		return true
	}
	wa, wb := strings.Fields(fa), strings.Fields(fb)
	return wordsAgree(wa, wb)
}

func wordsAgree(wa, wb []string) bool {
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		x, y := cut(wa[i]), cut(wb[i])
		if !strings.HasPrefix(x, y) && !strings.HasPrefix(y, x) {
			return false
		}
	}
	return true
}

// cut shortens a word of more than 4 letters to its first max(4, length − 3): "центъра" and
// "център" both become "цент", "πατρας" "πατ…" no shorter than four.
func cut(w string) string {
	r := []rune(w)
	if len(r) <= 4 {
		return w
	}
	return string(r[:max(4, len(r)-3)])
}

// anyMatch reports whether one of names matches the annotated name.
func anyMatch(names []string, annotated string) bool {
	for _, n := range names {
		if NamesMatch(n, annotated) {
			return true
		}
	}
	return false
}

// containsName reports whether name holds the city's name: its folded text, or a run of its words
// agreeing word by word ("Община Видин" holds "Видин"; "Δήμος Ναυπλιέων" holds "Ναύπλιο" only if
// the words agree).
func containsName(name, city string) bool {
	fn, fc := Fold(name), Fold(city)
	if fc == "" {
		return false
	}
	if strings.Contains(" "+fn+" ", " "+fc+" ") {
		return true
	}
	wn, wc := strings.Fields(fn), strings.Fields(fc)
	for i := 0; i+len(wc) <= len(wn); i++ {
		if wordsAgree(wn[i:i+len(wc)], wc) {
			return true
		}
	}
	return false
}
