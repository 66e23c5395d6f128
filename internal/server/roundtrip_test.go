package server_test

import (
	"context"
	"fmt"
	"testing"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// 50 cities, each with an organisation that presented a practice: through the resolvers the nested
// query must cost one Cypher round trip per level (cities, their organisations, their practices), not
// one per parent; compiled, one in all.
func TestNestedListsCostOneRoundTripPerLevel(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) }) // leave the seed graph behind
	src := "source:round-trip-fixture"
	nodes := []store.NodeWrite{{ID: src, Kind: store.Source, Names: map[string]string{"en": "Round-trip test fixture"}}}
	var rels []store.RelWrite
	for i := range 47 { // + the seed's 3 cities = 50
		city, org, practice := fmt.Sprintf("city:fixture-%02d", i), fmt.Sprintf("org:fixture-%02d", i), fmt.Sprintf("practice:fixture-%02d", i)
		ev := []store.EvidenceWrite{{Source: src, Quote: "fixture"}}
		nodes = append(nodes,
			store.NodeWrite{ID: city, Kind: store.City, Names: map[string]string{"en": "Fixture city " + city}, Evidence: ev},
			store.NodeWrite{ID: org, Kind: store.Organisation, Names: map[string]string{"en": "Fixture org " + org}, Props: map[string]any{"category": "OTHER"}, Evidence: ev},
			store.NodeWrite{ID: practice, Kind: store.Practice, Names: map[string]string{"en": "Fixture practice " + practice}, Evidence: ev})
		rels = append(rels,
			store.RelWrite{From: org, Type: "LOCATED_IN", To: city, Source: src, Quote: "fixture"},
			store.RelWrite{From: org, Type: "PRESENTED", To: practice, Source: src, Quote: "fixture"})
	}
	if _, err := s.Write(context.Background(), nodes, rels, "test"); err != nil {
		t.Fatal(err)
	}
	compiled, resolvers := servers(t, s)

	// Through the resolvers, batching waits for a quiet moment after sibling resolvers ask; on a busy
	// machine a straggler can miss it and cost one more query. So the query runs three times: the
	// best run must be one query per level, and no run may come near one query per parent (N+1
	// would be 101). Compiled reads (graph/compiled) answer it with one query, every time.
	const q = `{ cities(first: 50) { nodes { id organisations { id presented { id } } } } }`
	var d map[string]any
	best, worst := int64(1<<62), int64(0)
	for range 3 {
		before := s.RoundTrips()
		d = must(t, gql(t, resolvers, q, nil))
		trips := s.RoundTrips() - before
		best, worst = min(best, trips), max(worst, trips)
		before = s.RoundTrips()
		must(t, gql(t, compiled, q, nil))
		if trips := s.RoundTrips() - before; trips != 1 {
			t.Errorf("compiled, the nested query cost %d round trips, want 1", trips)
		}
	}
	same(t, compiled, resolvers, q, nil)

	cities := at(d, "cities", "nodes").([]any)
	practices := 0
	for _, c := range cities {
		for _, o := range at(c, "organisations").([]any) {
			practices += len(at(o, "presented").([]any))
		}
	}
	if len(cities) != 50 || practices != 47+3 {
		t.Fatalf("got %d cities and %d practices, want 50 and 50", len(cities), practices)
	}
	if best != 3 || worst > 6 {
		t.Errorf("through the resolvers, the nested query cost %d to %d round trips, want 3 (one per level)", best, worst)
	}
}
