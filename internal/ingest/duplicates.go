package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Pair is two entities of one kind that may be one: a score from 0 to 1 and the reasons.
type Pair struct {
	A, B    store.Named // A.ID < B.ID
	Score   float64
	Reasons []string
}

// signal is one reason two entities may be one, and how much it says.
type signal struct {
	weight float64
	why    func(a, b string) string // the reason, from the two names that gave the key
}

var (
	sigCanonical = signal{0.95, func(a, _ string) string { return fmt.Sprintf("same canonical name %q", a) }}
	sigName      = signal{0.9, func(a, b string) string { return fmt.Sprintf("names match across scripts: %q and %q", a, b) }}
	sigWords     = signal{0.8, func(a, b string) string { return fmt.Sprintf("the same words in another order: %q and %q", a, b) }}
	sigAcronym   = signal{0.6, func(a, _ string) string { return fmt.Sprintf("shared acronym %q", a) }}
	sigPlace     = signal{0.35, func(a, _ string) string { return "same city and head word: " + a }}
)

// maxGroup is the most entities one weak key (same city and head word) may join: a city with more
// centres than that says nothing about any two of them.
const maxGroup = 12

// Duplicates returns the pairs of entities that may be one, best first: same canonical name,
// names that match across scripts (folded, inflection aside), the same words in another order, a
// shared acronym, or the same city and head word. Only kinds are compared (every kind but cities
// and countries, which the gazetteer keeps, when kinds is empty); distinct reports the pairs an
// editor marked distinct, which are left out.
func Duplicates(named []store.Named, kinds []store.Kind, distinct func(a, b string) bool) []Pair {
	l := NewLinker(Names(named))
	keyed := map[string][]keyedName{} // kind|signal|key -> the entities with it
	byID := map[string]store.Named{}
	for _, n := range named {
		if len(kinds) == 0 && (n.Kind == store.City || n.Kind == store.Country) || len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
			continue
		}
		byID[n.ID] = n
		for key, name := range duplicateKeys(n, l) {
			k := string(n.Kind) + "|" + key
			if !slices.ContainsFunc(keyed[k], func(o keyedName) bool { return o.id == n.ID }) {
				keyed[k] = append(keyed[k], keyedName{n.ID, name})
			}
		}
	}
	pairs := map[[2]string]*Pair{}
	for k, group := range keyed {
		sig := signals[strings.SplitN(k, "|", 3)[1]]
		if len(group) < 2 || sig.weight < sigAcronym.weight && len(group) > maxGroup {
			continue
		}
		for i, a := range group {
			for _, b := range group[i+1:] {
				if a.id > b.id {
					a, b = b, a
				}
				if distinct != nil && distinct(a.id, b.id) {
					continue
				}
				p := pairs[[2]string{a.id, b.id}]
				if p == nil {
					p = &Pair{A: byID[a.id], B: byID[b.id]}
					pairs[[2]string{a.id, b.id}] = p
				}
				p.Score = 1 - (1-p.Score)*(1-sig.weight)
				if why := sig.why(a.name, b.name); !slices.Contains(p.Reasons, why) {
					p.Reasons = append(p.Reasons, why)
				}
			}
		}
	}
	out := make([]Pair, 0, len(pairs))
	for _, p := range pairs {
		slices.Sort(p.Reasons)
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.A.ID, b.A.ID), cmp.Compare(a.B.ID, b.B.ID))
	})
	return out
}

type keyedName struct{ id, name string }

var signals = map[string]signal{"canonical": sigCanonical, "name": sigName, "words": sigWords, "acronym": sigAcronym, "place": sigPlace}

// duplicateKeys are an entity's keys (signal|key) and the name that gave each.
func duplicateKeys(n store.Named, l *Linker) map[string]string {
	keys := map[string]string{}
	add := func(key, name string) {
		if _, ok := keys[key]; !ok {
			keys[key] = name
		}
	}
	for i, name := range n.Names {
		alias := i >= len(n.Names)-n.Aliases
		if isAcronym(name) {
			add("acronym|"+translit.Fold(name), name)
			continue
		}
		if k := nameKey(name); k != "" && utf8Len(k) >= 4 {
			add("name|"+k, name)
		}
		if alias {
			continue
		}
		ws := tokens(name)
		stems := make([]string, len(ws))
		for j, w := range ws {
			stems[j] = stem(w.folded)
		}
		if bag := bagOf(stems); bag != "" {
			add("words|"+bag, name)
		}
		if n.Kind == store.Organisation {
			if english, _, ok := canonicalName(name, l); ok {
				add("canonical|"+domain.Slug(english), english)
			}
		}
		if g := headGloss(name); g != "" && n.City != "" {
			add("place|"+n.City+"|"+g, n.City+", "+g)
		}
	}
	return keys
}

// isAcronym reports whether a name is an acronym: two to eight letters or digits, the letters all
// capitals ("ПРР", "KEDE", "EU4Health" is not one).
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r) || r == '-':
		default:
			return false
		}
	}
	return letters >= 2 && len([]rune(name)) <= 8
}

func utf8Len(s string) int { return len([]rune(s)) }
