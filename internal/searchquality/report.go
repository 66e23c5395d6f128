package searchquality

import (
	"fmt"
	"strings"

	"urbangraph/internal/store"
)

// Markdown is the report as docs/search.md shows it, with the command that produced it.
func (r Report) Markdown(command string) string {
	var b strings.Builder
	pct := func(n, of int) string { return fmt.Sprintf("%.2f %%", 100*float64(n)/float64(max(of, 1))) }
	fmt.Fprintf(&b, "# Search quality\n\nProduced by `%s` against the seed and the reference gazetteer\n", command)
	b.WriteString("(internal/searchquality): for every city of `data/reference/` and each of its names in English,\n")
	b.WriteString("Bulgarian and Greek, one search of all kinds, first hit only.\n\n")
	b.WriteString("The rule: the city itself comes first, unless a more populous city has a name spelled the\n")
	b.WriteString("same (after folding case, accents and script), which then comes first: homonyms are ranked by\n")
	b.WriteString("population, and each hit says its country (`SearchHit.country`).\n\n")
	fmt.Fprintf(&b, "| names searched | first hit as the rule says | the city itself first |\n| ---: | ---: | ---: |\n")
	fmt.Fprintf(&b, "| %d | **%d (%s)** | %d (%s) |\n\n", r.Cases, r.RuleHits, pct(r.RuleHits, r.Cases), r.FirstHits, pct(r.FirstHits, r.Cases))
	b.WriteString("| language | names | first hit as the rule says |\n| --- | ---: | ---: |\n")
	for _, l := range store.Langs {
		v := r.ByLang[l]
		fmt.Fprintf(&b, "| %s | %d | %d (%s) |\n", l, v[0], v[1], pct(v[1], v[0]))
	}
	fmt.Fprintf(&b, "\n## Misses (%d)\n\n", len(r.Misses))
	b.WriteString("The rule above is measured among cities; a place of another kind named alike and more populous\n")
	b.WriteString("(a country such as Luxembourg) also comes first, and counts here as a miss.\n\n")
	if len(r.Misses) > 0 {
		b.WriteString("| name | language | the city | population | first hit instead |\n| --- | --- | --- | ---: | --- |\n")
		for _, m := range r.Misses {
			fmt.Fprintf(&b, "| %s | %s | `%s` | %d | `%s` |\n", m.Query, m.Lang, m.City, m.Population, m.Got)
		}
	}
	fmt.Fprintf(&b, "\n## Homonyms ranked below a more populous namesake (%d)\n\n", len(r.HomonymHits))
	b.WriteString("Not misses: the first hit is the more populous city of the same name, as the rule says.\n")
	b.WriteString("Filter by country, or search with the country's name, to reach the smaller one.\n\n")
	if len(r.HomonymHits) > 0 {
		b.WriteString("| name | the city | population | first hit |\n| --- | --- | ---: | --- |\n")
		for _, m := range r.HomonymHits {
			fmt.Fprintf(&b, "| %s | `%s` | %d | `%s` |\n", m.Query, m.City, m.Population, m.Got)
		}
	}
	return b.String()
}
