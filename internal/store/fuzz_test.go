package store

import (
	"strings"
	"testing"
	"unicode"
)

// Whatever a user types, the Lucene query holds only folded words and the syntax luceneQuery adds
// itself: no quotes, field names, ranges or escapes from the input survive.
func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"Стара Загора", `title:"x" OR *:*`, "AND OR (", `\`, "a~2^9", "[a TO z]", "x\x00y", "ΘΕΣΣΑΛΟΝΙΚΗ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		q := luceneQuery(strings.Fields(foldForContains(input)), "AND")
		for _, r := range q {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ()^*~", r) {
				continue
			}
			t.Fatalf("input %q gave query %q with %q", input, q, r)
		}
	})
}

// IDs from clients: anything checkIDs lets through is short, valid UTF-8 without control characters.
func FuzzCheckIDs(f *testing.F) {
	for _, s := range []string{"city:thessaloniki", "", "a\x00b", strings.Repeat("x", 300), "\xff", "}) DETACH DELETE n //"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if checkIDs("id", id) == nil && (len(id) > MaxIDLength || strings.ContainsFunc(id, unicode.IsControl)) {
			t.Fatalf("accepted %q", id)
		}
	})
}
