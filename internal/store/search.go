package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
	"urbangraph/internal/translit"
)

// Search limits.
const (
	MaxSearchLength = 500 // characters of a query
	maxSearchTerms  = 12  // words of a query that are used
)

// Hit is one search result.
type Hit struct {
	Node    Node
	Score   float64
	Matched string // the name or alias, as stored, that the query matched best
	class   int    // how the query matches a name (matchClass)
}

// Match classes, best last: how a query (folded) meets an entity's names.
const (
	matchOther  = iota
	matchPrefix // a name or alias starts with the query
	matchAlias  // an alias equals the query
	matchName   // a name (en, bg, el) equals the query
)

// classBoost is added to Lucene's score, so that the score reported with a hit agrees with its class.
var classBoost = [...]float64{matchOther: 0, matchPrefix: 2, matchAlias: 8, matchName: 10}

// matchClass is how the folded query meets n's names.
func matchClass(n Node, folded string) int {
	class := matchOther
	for i, name := range n.allNames() {
		f := translit.Fold(name)
		switch {
		case f == folded && i < n.nameCount():
			return matchName
		case f == folded:
			class = max(class, matchAlias)
		case strings.HasPrefix(f, folded):
			class = max(class, matchPrefix)
		}
	}
	return class
}

func foldForContains(s string) string { return translit.Fold(s) }

// luceneQuery turns the folded words of a query into a Lucene query over the folded search text.
// Only letters and digits survive folding, so Lucene syntax in the input has no effect. Each word
// matches exactly (boosted), as a prefix, or from five letters with one typo; op joins the words.
func luceneQuery(words []string, op string) string {
	clauses := make([]string, 0, len(words))
	for _, w := range words {
		c := "(" + w + "^4 OR " + w + "*^2"
		if utf8.RuneCountInString(w) >= 5 {
			c += " OR " + w + "~1"
		}
		clauses = append(clauses, c+")")
	}
	return strings.Join(clauses, " "+op+" ")
}

// searchQuery returns the candidates, each with every property or the light projection.
func searchQuery(light bool) string {
	return `
CALL db.index.fulltext.queryNodes('` + searchIndex + `', $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN ` + projection("node", light) + ` AS node, score
ORDER BY score DESC, node.id ASC
LIMIT $first`
}

var searchQueries = map[bool]string{false: searchQuery(false), true: searchQuery(true)}

// Search finds entities by any of their names or aliases, in any language or script, case- and
// accent-insensitively. kinds (may be nil) restricts the kinds. Every word must match; when no
// entity matches them all, entities matching any word are returned. Lucene ranks the candidates;
// a name equal to the query, then a name starting with it, moves an entity up. Input with no letters
// or digits finds nothing; input over MaxSearchLength characters is an errs.InputError. The entities come
// as p projects them (every property, or the light ones).
func (s *Store) Search(ctx context.Context, input string, kinds []Kind, first int, p Projection) ([]Hit, error) {
	if n := utf8.RuneCountInString(input); n > MaxSearchLength {
		return nil, errs.BadInput("query", "is %d characters long; the limit is %d", n, MaxSearchLength)
	}
	words := translit.Tokens(input)
	if len(words) > maxSearchTerms {
		words = words[:maxSearchTerms]
	}
	if len(words) == 0 || first == 0 {
		return []Hit{}, nil
	}
	params := map[string]any{"query": luceneQuery(words, "AND"), "first": min(4*first+20, 200), "kinds": nil}
	if kinds != nil {
		ks := make([]string, 0, len(kinds))
		for _, k := range kinds {
			ks = append(ks, string(k))
		}
		params["kinds"] = ks
	}
	recs, err := s.read(ctx, "search", searchQueries[p.Light], params)
	if err == nil && len(recs) == 0 && len(words) > 1 {
		params["query"] = luceneQuery(words, "OR")
		recs, err = s.read(ctx, "search_any_word", searchQueries[p.Light], params)
	}
	if err != nil {
		return nil, mapErr("search", err)
	}
	folded := strings.Join(words, " ")
	hits := make([]Hit, 0, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, err
		}
		score, _, _ := neo4j.GetRecordValue[float64](r, "score")
		class := matchClass(n, folded)
		hits = append(hits, Hit{Node: n, Score: score + classBoost[class], class: class})
	}
	// A name equal to the query, then an alias equal to it, then a name or alias starting with it;
	// within each, the more populous place first (homonyms), then Lucene's relevance. Other hits
	// (a word of a longer name, a typo) by Lucene's relevance alone: a population says nothing there.
	slices.SortStableFunc(hits, func(a, b Hit) int {
		pa, _ := a.Node.Int("population")
		pb, _ := b.Node.Int("population")
		if a.class == matchOther && b.class == matchOther {
			pa, pb = 0, 0
		}
		return cmp.Or(cmp.Compare(b.class, a.class), cmp.Compare(pb, pa), cmp.Compare(b.Score, a.Score))
	})
	if len(hits) > first {
		hits = hits[:first]
	}
	for i := range hits { // only for the hits returned: it folds every name again
		hits[i].Matched = bestName(hits[i].Node.allNames(), input, words)
	}
	return hits, nil
}

// MatchClass says how the query met the hit's names: "name" (a name in a language equals it, folded),
// "alias" (an alias does), "prefix" (a name or alias starts with it) or "other".
func (h Hit) MatchClass() string {
	return [...]string{matchOther: "other", matchPrefix: "prefix", matchAlias: "alias", matchName: "name"}[h.class]
}

// AllNames lists the entity's names (en, bg, el) and then its aliases.
func (n Node) AllNames() []string { return n.allNames() }

// nameCount is how many of allNames are names (the rest are aliases).
func (n Node) nameCount() int {
	c := 0
	for _, l := range Langs {
		if n.String("name_"+l) != "" {
			c++
		}
	}
	return c
}

// allNames lists the names in the order en, bg, el, then the aliases.
func (n Node) allNames() []string {
	names := make([]string, 0, 3+len(n.Aliases()))
	for _, l := range Langs {
		if v := n.String("name_" + l); v != "" {
			names = append(names, v)
		}
	}
	return append(names, n.Aliases()...)
}

// bestName picks the name or alias that shares the most words (by prefix) with the query, preferring
// one that contains the query as typed (so a Greek query reports the Greek name); the first in the
// order en, bg, el, aliases wins ties.
func bestName(names []string, input string, query []string) string {
	typed := translit.Plain(input)
	best, bestScore := "", -1
	for _, name := range names {
		score := 0
		for _, w := range translit.Tokens(name) {
			for _, q := range query {
				if strings.HasPrefix(w, q) {
					score += 2
					break
				}
			}
		}
		if typed != "" && strings.Contains(translit.Plain(name), typed) {
			score++
		}
		if score > bestScore {
			best, bestScore = name, score
		}
	}
	return best
}
