package server_test

import (
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
)

func TestShortestPathFromStaraZagoraMunicipalityToCisco(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{
	  shortestPath(from: "org:stara-zagora-municipality", to: "org:cisco") {
	    length nodes { id } edges { id type source target sources { quote } }
	  }
	}`, nil))
	p := d["shortestPath"]
	if got := ids(at(p, "nodes")); !slices.Equal(got, []string{"centre:thessaloniki-digital-transformation", "org:cisco", "org:stara-zagora-municipality"}) {
		t.Fatalf("path nodes = %v", got)
	}
	if at(p, "nodes", 0, "id") != "org:stara-zagora-municipality" || at(p, "nodes", 2, "id") != "org:cisco" {
		t.Errorf("path does not run from Stara Zagora Municipality to Cisco: %v", at(p, "nodes"))
	}
	edges := at(p, "edges").([]any)
	if at(p, "length") != float64(len(edges)) || len(edges) != 2 {
		t.Fatalf("length %v, %d edges", at(p, "length"), len(edges))
	}
	if at(edges[0], "type") != "INTRODUCED_TO" || at(edges[1], "type") != "FOUNDED" || at(edges[1], "source") != "org:cisco" {
		t.Errorf("edges = %v", edges)
	}
	if q, _ := at(edges[1], "sources", 0, "quote").(string); !strings.Contains(q, "Cisco") {
		t.Errorf("FOUNDED evidence = %v", at(edges[1], "sources"))
	}
	// With only the seminar's relationships, the path goes through the seminar and is longer.
	d = must(t, gql(t, ts.URL, `{ shortestPath(from: "org:stara-zagora-municipality", to: "org:cisco",
	  relationshipTypes: ["PARTICIPATED_IN", "VISITED", "FOUNDED"]) { length nodes { id } } }`, nil))
	if got := at(d, "shortestPath", "length"); got != 3.0 || at(d, "shortestPath", "nodes", 1, "id") != "event:thessaloniki-good-practice-seminar" {
		t.Errorf("restricted path = %v", d["shortestPath"])
	}
	// Too few hops allowed: no path, and no error.
	r := gql(t, ts.URL, `{ shortestPath(from: "org:stara-zagora-municipality", to: "org:cisco", maxHops: 1) { length } }`, nil)
	if len(r.Errors) > 0 || r.Data["shortestPath"] != nil {
		t.Errorf("maxHops 1: %v %+v", r.Data, r.Errors)
	}
}

func TestPathsAreDistinctSimpleAndShortestFirst(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{ paths(from: "org:stara-zagora-municipality", to: "org:cisco", maxHops: 4, first: 10) { length nodes { id } edges { id } } }`, nil))
	paths := d["paths"].([]any)
	if len(paths) < 3 {
		t.Fatalf("%d paths, want several", len(paths))
	}
	seen := map[string]bool{}
	last := 0.0
	for _, p := range paths {
		nodes := ids(at(p, "nodes"))
		// Two paths may pass the same entities by different relationships (FOUNDED and SUPPORTS).
		key := strings.Join(toStringsOf(at(p, "edges"), "id"), " ")
		if seen[key] {
			t.Errorf("path %s twice", key)
		}
		seen[key] = true
		if len(slices.Compact(nodes)) != len(nodes) {
			t.Errorf("path %s visits an entity twice", key)
		}
		l := at(p, "length").(float64)
		if l < last || l > 4 || int(l) != len(nodes)-1 {
			t.Errorf("path %s: length %v after %v", key, l, last)
		}
		last = l
	}
	if at(paths[0], "length") != 2.0 {
		t.Errorf("the first path should be the shortest (2): %v", paths[0])
	}
}

func TestNeighbourhoodOfTheCentre(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{ neighbourhood(id: "centre:thessaloniki-digital-transformation") {
	  nodes { id kind } edges { source target type } truncated } }`, nil))
	n := d["neighbourhood"]
	got := ids(at(n, "nodes"))
	for _, want := range []string{
		"org:cisco", "org:thessaloniki-municipality", "org:ministry-of-digital-governance", "org:ministry-of-development-and-investments",
		"domain:agriculture", "domain:medicine", "domain:ecology", "domain:urban-development",
		"unit:cisco-networking-academy", "unit:stem", "unit:robotics", "unit:solution-teams", "city:thessaloniki",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("depth-1 neighbourhood lacks %s", want)
		}
	}
	if slices.Contains(got, "source:stara-zagora-thessaloniki-seminar") || slices.Contains(got, "country:greece") {
		t.Errorf("depth 1 holds a source or a depth-2 entity: %v", got)
	}
	if at(n, "truncated") != false {
		t.Error("truncated without a limit hit")
	}
	for _, e := range at(n, "edges").([]any) {
		if !slices.Contains(got, at(e, "source").(string)) || !slices.Contains(got, at(e, "target").(string)) {
			t.Errorf("edge %v leaves the subgraph", e)
		}
	}
	total := len(got)

	// truncated is true exactly when the limit cut something.
	for _, tc := range []struct {
		limit     int
		truncated bool
	}{{total, false}, {total - 1, true}, {total + 5, false}, {1, true}} {
		d := must(t, gql(t, ts.URL, `query($l: Int) { neighbourhood(id: "centre:thessaloniki-digital-transformation", limit: $l) { nodes { id } truncated } }`,
			map[string]any{"l": tc.limit}))
		nodes := at(d, "neighbourhood", "nodes").([]any)
		if at(d, "neighbourhood", "truncated") != tc.truncated || len(nodes) > tc.limit || at(nodes[0], "id") != "centre:thessaloniki-digital-transformation" {
			t.Errorf("limit %d: %d nodes, truncated %v, want truncated %v", tc.limit, len(nodes), at(d, "neighbourhood", "truncated"), tc.truncated)
		}
	}

	// Depth 2 reaches Greece (centre -> city -> country); kinds keep only those kinds.
	d = must(t, gql(t, ts.URL, `{ a: neighbourhood(id: "centre:thessaloniki-digital-transformation", depth: 2) { nodes { id } }
	  b: neighbourhood(id: "centre:thessaloniki-digital-transformation", kinds: [DOMAIN]) { nodes { id } } }`, nil))
	if !slices.Contains(ids(at(d, "a", "nodes")), "country:greece") {
		t.Errorf("depth 2 lacks country:greece")
	}
	if got := ids(at(d, "b", "nodes")); !slices.Equal(got, []string{"centre:thessaloniki-digital-transformation", "domain:agriculture", "domain:ecology", "domain:medicine", "domain:urban-development"}) {
		t.Errorf("kinds [DOMAIN] = %v", got)
	}
}

func TestExplorationRejectsBadArguments(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	for _, tc := range []struct{ query, code, mention string }{
		{`{ neighbourhood(id: "org:cisco", depth: 4) { truncated } }`, "BAD_USER_INPUT", "depth"},
		{`{ neighbourhood(id: "org:cisco", depth: 0) { truncated } }`, "BAD_USER_INPUT", "depth"},
		{`{ neighbourhood(id: "org:cisco", limit: 501) { truncated } }`, "BAD_USER_INPUT", "limit"},
		{`{ neighbourhood(id: "org:cisco", relationshipTypes: ["FOUNDED", "KNOWS"]) { truncated } }`, "BAD_USER_INPUT", "valid types are BENEFITS, CONTRIBUTES_TO"},
		{"{ neighbourhood(id: \"org:cisco\", relationshipTypes: [\"FOUNDED`]-() DETACH DELETE n //\"]) { truncated } }", "BAD_USER_INPUT", "unknown relationship type"},
		{`{ neighbourhood(id: "org:cisco", relationshipTypes: ["MENTIONED_IN"]) { truncated } }`, "BAD_USER_INPUT", "unknown relationship type"},
		{`{ shortestPath(from: "org:cisco", to: "org:cisco", maxHops: 11) { length } }`, "BAD_USER_INPUT", "maxHops"},
		{`{ paths(from: "org:cisco", to: "city:plovdiv", first: 51) { length } }`, "BAD_USER_INPUT", "first"},
		{`{ neighbourhood(id: "org:nobody") { truncated } }`, "NOT_FOUND", "not found"},
		{`{ shortestPath(from: "org:nobody", to: "org:cisco") { length } }`, "NOT_FOUND", "not found"},
		{`{ similar(id: "org:nobody") { score } }`, "NOT_FOUND", "not found"},
	} {
		r := gql(t, ts.URL, tc.query, nil)
		if !slices.Equal(r.codes(), []string{tc.code}) || !strings.Contains(r.Errors[0].Message, tc.mention) {
			t.Errorf("%s: codes %v, errors %+v; want %s mentioning %q", tc.query, r.codes(), r.Errors, tc.code, tc.mention)
		}
	}
}

func TestSimilarMunicipalitiesRankFirst(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{ similar(id: "org:stara-zagora-municipality") { node { id } score shared { id } } }`, nil))
	sims := d["similar"].([]any)
	if len(sims) < 3 {
		t.Fatalf("similar = %v", sims)
	}
	if got := []string{at(sims[0], "node", "id").(string), at(sims[1], "node", "id").(string)}; !slices.Equal(got, []string{"org:plovdiv-municipality", "org:thessaloniki-municipality"}) {
		t.Errorf("the two most similar = %v, want the other two municipalities", got)
	}
	// Plovdiv: shared {seminar, centre} of 7 neighbours in all.
	if s := at(sims[0], "score").(float64); s < 2.0/7-1e-9 || s > 2.0/7+1e-9 {
		t.Errorf("score = %v, want 2/7", s)
	}
	if got := ids(at(sims[0], "shared")); !slices.Equal(got, []string{"centre:thessaloniki-digital-transformation", "event:thessaloniki-good-practice-seminar"}) {
		t.Errorf("shared = %v", got)
	}
	if at(sims[0], "score").(float64) < at(sims[2], "score").(float64) {
		t.Errorf("not sorted by score: %v", sims)
	}
}

func TestCommonNeighboursAndStats(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{
	  commonNeighbours(a: "org:stara-zagora-municipality", b: "org:plovdiv-municipality") { id }
	  stats { nodes relationships byKind { kind count } byType { type count } mostConnected(first: 2) { node { id } degree } }
	}`, nil))
	if got := ids(d["commonNeighbours"]); !slices.Equal(got, []string{"centre:thessaloniki-digital-transformation", "event:thessaloniki-good-practice-seminar"}) {
		t.Errorf("common neighbours = %v", got)
	}
	st := d["stats"]
	if at(st, "nodes") != 33.0 || at(st, "relationships") != 50.0+41 {
		t.Errorf("stats: %v nodes, %v relationships; want 33 and 91", at(st, "nodes"), at(st, "relationships"))
	}
	counts := map[string]float64{}
	for _, k := range at(st, "byKind").([]any) {
		counts[at(k, "kind").(string)] = at(k, "count").(float64)
	}
	if counts["ORGANISATION"] != 9 || counts["CITY"] != 3 || counts["DOMAIN"] != 4 || counts["SOURCE"] != 1 {
		t.Errorf("by kind = %v", counts)
	}
	if at(st, "mostConnected", 0, "node", "id") != "centre:thessaloniki-digital-transformation" {
		t.Errorf("most connected = %v", at(st, "mostConnected"))
	}
}

func toStringsOf(list any, field string) []string {
	var out []string
	for _, e := range list.([]any) {
		out = append(out, at(e, field).(string))
	}
	return out
}

func TestAQueryOverTheComplexityLimitIsRejectedBeforeNeo4jIsAsked(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newServer(t, s)
	before := s.RoundTrips()
	r := gql(t, ts.URL, `{ neighbourhood(id: "org:cisco", depth: 3, limit: 500) { nodes { id kind properties } edges { id type source target } } }`, nil)
	if !slices.Equal(r.codes(), []string{"COMPLEXITY_LIMIT_EXCEEDED"}) || !strings.Contains(r.Errors[0].Message, "exceeds the limit") {
		t.Fatalf("codes %v, errors %+v", r.codes(), r.Errors)
	}
	if s.RoundTrips() != before {
		t.Errorf("the rejected query reached Neo4j")
	}
}
