package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2"

	"urbangraph/graph/generated"
)

func cost(t *testing.T, query string) int {
	t.Helper()
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}, Complexity: Complexity()})
	doc, errs := gqlparser.LoadQueryWithRules(es.Schema(), query, nil)
	if errs != nil {
		t.Fatalf("%s: %v", query, errs)
	}
	op := doc.Operations[0]
	return complexity.Calculate(t.Context(), es, op, map[string]any{})
}

func TestCostsGrowWithWhatAQueryMayReturn(t *testing.T) {
	for _, tc := range []struct {
		name, small, large string
		factor             int
	}{
		{"page size", `{ cities(first: 10) { nodes { id } } }`, `{ cities(first: 100) { nodes { id } } }`, 10},
		{"neighbourhood depth", `{ neighbourhood(id: "x", depth: 1, limit: 100) { truncated } }`, `{ neighbourhood(id: "x", depth: 3, limit: 100) { truncated } }`, 3},
		{"neighbourhood limit", `{ neighbourhood(id: "x", limit: 50) { truncated } }`, `{ neighbourhood(id: "x", limit: 500) { truncated } }`, 10},
		{"paths", `{ paths(from: "a", to: "b", first: 1, maxHops: 2) { length } }`, `{ paths(from: "a", to: "b", first: 10, maxHops: 4) { length } }`, 20},
	} {
		small, large := cost(t, tc.small), cost(t, tc.large)
		if large < tc.factor*small {
			t.Errorf("%s: %d then %d, want a factor of at least %d", tc.name, small, large, tc.factor)
		}
	}
	// A nested relationship list costs its fan-out: each level multiplies.
	flat := cost(t, `{ cities(first: 10) { nodes { id } } }`)
	nested := cost(t, `{ cities(first: 10) { nodes { organisations { presented { id } } } } }`)
	if nested < ListFanOut*ListFanOut*flat/2 {
		t.Errorf("nested lists cost %d, flat %d", nested, flat)
	}
}

// The nested list of the round-trip test (50 cities, their organisations, their practices) must stay
// under the server's default limit of 10,000, and a page's nodes are not charged twice.
func TestPagedNestedListsStayAffordable(t *testing.T) {
	if c := cost(t, `{ cities(first: 50) { nodes { id organisations { id presented { id } } } } }`); c > 10000 {
		t.Errorf("cost %d", c)
	}
	if a, b := cost(t, `{ cities(first: 10) { nodes { id } } }`), cost(t, `{ cities(first: 10) { edges { node { id } } } }`); a != 30 || b != 40 {
		t.Errorf("page of 10 costs %d via nodes, %d via edges", a, b)
	}
}

// Every field with an argument that says how much it returns is priced by @cost (history by
// priceHistory): a paged field added without it fails here, not in production under load. Left
// out, with its reason: facets, whose first buckets each of six dimensions, priced as lists
// (ListFanOut each) whatever first says, since a facet's buckets are counts, not entities.
func TestEveryPagedFieldIsPricedByItsDirective(t *testing.T) {
	unpriced := []string{"facets"}
	for _, def := range Schema().Types {
		for _, f := range def.Fields {
			if f.Name == "history" || strings.HasPrefix(f.Name, "__") || slices.Contains(unpriced, f.Name) {
				continue
			}
			for _, a := range f.Arguments {
				if slices.Contains([]string{"first", "limit", "maxHops", "depth"}, a.Name) && f.Directives.ForName("cost") == nil {
					t.Errorf("%s.%s takes %s but has no @cost", def.Name, f.Name, a.Name)
				}
			}
		}
	}
	for q, want := range map[string]int{
		`{ organisations(first: 10) { nodes { id } } }`:                 30, // as cities
		`{ changes(first: 5) { seq } }`:                                 10,
		`{ changes { seq } }`:                                           200, // the default, 100
		`{ stats { mostConnected(first: 3) { degree } } }`:              7,
		`{ neighbourhood(id: "x", depth: 2, limit: 10) { truncated } }`: 40,
		`{ shortestPath(from: "a", to: "b", maxHops: 0) { length } }`:   2, // at least 1
		`{ documents(first: 5) { totalCount } }`:                        10,
		`{ proposals { totalCount } }`:                                  100, // the default, 50
	} {
		if got := cost(t, q); got != want {
			t.Errorf("%s costs %d, want %d", q, got, want)
		}
	}
}
