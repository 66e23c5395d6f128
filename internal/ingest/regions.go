package ingest

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"urbangraph/internal/reference"
	"urbangraph/internal/translit"
)

// A regional authority is named after its region ("Περιφέρεια Ιονίων Νήσων", "Region of the Ionian
// Islands"), which is no city of the gazetteer: the regions of internal/reference (ISO 3166-2's
// first-level subdivisions, with the CLDR's English names) give its English name. The document
// writes the region's name inflected, in its own script; ISO writes it romanised in the nominative
// ("Ionía Nísia"): folded to Latin, the words agree one by one.

// regionForm is one name of a region, folded to Latin and cut into words.
type regionForm struct {
	english, country string
	words            []string
}

var regionForms = sync.OnceValue(func() []regionForm {
	var out []regionForm
	for _, r := range reference.LoadRegions() {
		for _, n := range append([]string{r.English}, r.Names...) {
			out = append(out, regionForm{english: r.English, country: r.Country, words: strings.Fields(translit.Fold(n))})
		}
	}
	return out
})

// regionName is the English name of the one region of the countries (given as the IDs' slugs:
// "greece"; any country when none is given) whose name the place's words are, or "".
func regionName(place string, countries []string) string {
	words := strings.Fields(translit.Fold(place))
	if len(words) > 0 && words[0] == "the" { // "the Ionian Islands"
		words = words[1:]
	}
	countries = slices.DeleteFunc(slices.Clone(countries), func(c string) bool { return c == "" })
	found := ""
	for _, f := range regionForms() {
		if len(countries) > 0 && !slices.Contains(countries, strings.TrimPrefix(f.country, "country:")) {
			continue
		}
		if len(f.words) != len(words) || !wordsAgree(f.words, words) {
			continue
		}
		if found != "" && found != f.english {
			return "" // two regions: no choice
		}
		found = f.english
	}
	return found
}

// wordsAgree: the words agree one by one, inflection aside (the same stem, or words of five letters
// or more that differ in their last two only: "nisia", "nison").
func wordsAgree(a, b []string) bool {
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		la, lb := utf8.RuneCountInString(a[i]), utf8.RuneCountInString(b[i])
		if la < 4 || lb < 4 {
			return false
		}
		if !sharesStem(a[i], b[i]) && (la < 5 || lb < 5 || firstRunes(a[i], min(la, lb)-2) != firstRunes(b[i], min(la, lb)-2)) {
			return false
		}
	}
	return true
}
