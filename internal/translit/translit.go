// Package translit folds text in Latin, Cyrillic (Bulgarian) and Greek script to one lower-case Latin
// form, so that "Стара Загора", "Στάρα Ζαγόρα" and "stara zagora" compare equal. Search indexes the
// folded names and folds the query the same way; the folding only needs to be consistent, not to be
// a standard romanisation, though it follows the Bulgarian Streamlined System and ELOT 743 closely.
package translit

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sht", 'ъ': "a",
	'ь': "y", 'ю': "yu", 'я': "ya", 'ё': "e", 'ы': "y", 'э': "e", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g",
}

var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i",
	'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s",
	'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// Greek pairs written as one Latin sound.
var greekPairs = map[[2]rune]string{{'ο', 'υ'}: "ou", {'γ', 'γ'}: "ng", {'γ', 'κ'}: "gk", {'μ', 'π'}: "b", {'ν', 'τ'}: "nt"}

// Latin letters that NFD does not decompose.
var latinExtra = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

// Fold returns s lower-cased, without accents, in Latin letters, with every run of characters
// that are neither letters nor digits replaced by one space.
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	return foldAny(s)
}

func foldAny(s string) string {
	// Decompose, drop combining marks (accents, Greek tonos, dialytika), lower-case.
	plain := make([]rune, 0, len(s))
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		plain = append(plain, unicode.ToLower(r))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	emit := func(t string) {
		b.WriteString(t)
		space = false
	}
	for i := 0; i < len(plain); i++ {
		r := plain[i]
		if i+1 < len(plain) && r >= 0x370 && r <= 0x3ff { // Greek
			if t, ok := greekPairs[[2]rune{r, plain[i+1]}]; ok {
				emit(t)
				i++
				continue
			}
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			space = false
		case cyrillic[r] != "":
			emit(cyrillic[r])
		case greek[r] != "":
			emit(greek[r])
		case latinExtra[r] != "":
			emit(latinExtra[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r) // another script: kept as it is, lower-cased
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldASCII is Fold for ASCII text, which has nothing to decompose or transliterate: foldAny's
// result (a fuzz test checks it) without its allocations.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			space = false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Tokens returns the words of Fold(s).
func Tokens(s string) []string { return strings.Fields(Fold(s)) }

// Plain lower-cases s and removes accents, keeping its script: "ΘΕΣΣΑΛΟΝΙΚΗ" and "Θεσσαλονίκη" both
// become "θεσσαλονικη". It tells which of an entity's names a query was typed in.
func Plain(s string) string {
	if isASCII(s) {
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	return plainAny(s)
}

func plainAny(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// ScriptLang is the language of a name by the first letter of a script that says one: Cyrillic is
// Bulgarian ("bg"), Greek is Greek ("el"), and anything else English ("en"), the three languages
// the graph names things in.
func ScriptLang(name string) string {
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "bg"
		case unicode.Is(unicode.Greek, r):
			return "el"
		}
	}
	return "en"
}
