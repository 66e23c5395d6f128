package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph"
	"urbangraph/internal/importer"
	"urbangraph/internal/metrics"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
	"urbangraph/internal/synth"
)

// Compiled reads (graph/compiled) must answer exactly what the resolvers answer. These tests run
// every query through two servers on one graph, one with compiled reads and one without, and compare
// the response bodies byte for byte; they also check that the compiled path was the one taken.

func servers(t *testing.T, s *store.Store) (compiled, resolvers string) {
	t.Helper()
	mk := func(l *server.Limits) string {
		ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Version: "test", Limits: l}))
		t.Cleanup(ts.Close)
		return ts.URL
	}
	only := server.DefaultLimits
	only.ResolversOnly = true
	return mk(nil), mk(&only)
}

var requestIDs = regexp.MustCompile(`"requestId":"[0-9a-f]+"`)

// rawPost posts a query and returns the status and body as sent. A variable "operationName" is sent
// as the operation's name instead.
func rawPost(t *testing.T, url, query string, vars map[string]any) (int, []byte) {
	t.Helper()
	req := map[string]any{"query": query, "variables": vars}
	if name, ok := vars["operationName"]; ok {
		req["operationName"] = name
		req["variables"] = nil
	}
	body, _ := json.Marshal(req)
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// same runs query on both servers and fails unless the bodies are identical. It returns how many
// operations the compiled path answered and the body.
func same(t *testing.T, compiled, resolvers, query string, vars map[string]any) (float64, []byte) {
	t.Helper()
	before := testutil.ToFloat64(metrics.CompiledReads.WithLabelValues("compiled"))
	cs, cb := rawPost(t, compiled, query, vars)
	took := testutil.ToFloat64(metrics.CompiledReads.WithLabelValues("compiled")) - before
	rs, rb := rawPost(t, resolvers, query, vars)
	cb, rb = requestIDs.ReplaceAll(cb, nil), requestIDs.ReplaceAll(rb, nil)
	if cs != rs || !bytes.Equal(cb, rb) {
		t.Fatalf("compiled and resolvers differ for\n%s\nvars %v\ncompiled  (%d): %s\nresolvers (%d): %s", query, vars, cs, cb, rs, rb)
	}
	if bytes.Contains(cb, []byte(`"errors"`)) && took > 0 {
		t.Fatalf("the compiled path answered with errors: %s", cb)
	}
	return took, cb
}

func TestCompiledReadsAnswerLikeTheResolversOnTheSeed(t *testing.T) {
	s := neo4jtest.Seeded(t)
	compiled, resolvers := servers(t, s)
	covered := []struct {
		query string
		vars  map[string]any
	}{
		{`{ city(id: "city:thessaloniki") { id name kind organisations { id name category presented { id name } city { id } } centres { name(lang: BG) names { en bg el } } country { id } } }`, nil},
		{`query($id: ID!, $l: Lang) { centre(id: $id) { __typename id name(lang: $l) aliases unnamed collective domains { id names { el __typename } } units { id centre { id } worksIn { name(lang: EL) } } supporters { id } fundedBy { id } contributesTo { id } visitedDuring { id } introduced { id } city { country { id } } } }`,
			map[string]any{"id": "centre:thessaloniki-digital-transformation", "l": "EL"}},
		{`{ organisation(id: "org:cisco") { ... on Node { id } ...F a: name b: name(lang: BG) supports { id } partnerOf { id } partners { id } introducedTo { id } benefitsFrom { id } } } fragment F on Organisation { city { name } presented { domains { id } presentedAt { id } fundedBy { id } presentedBy { id } } }`, nil},
		{`{ event(id: "event:thessaloniki-good-practice-seminar") { id city { id } fundedBy { id supports { id } supportedBy { id } beneficiaries { id } fundedBy { id } } topics { id discussedAt { id } contributors { id } } practices { id } visited { id } } }`, nil},
		{`{ cities(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } nodes { id organisations { id presented { id } } } } }`, nil},
		{`query($after: String, $first: Int) { organisations(first: $first, after: $after, sort: NAME_DESC, filter: {category: MINISTRY}) { __typename edges { __typename cursor node { id } } pageInfo { __typename startCursor } } }`,
			map[string]any{"first": 1, "after": "bzox"}},
		{`{ organisations(filter: {city: "city:thessaloniki"}, sort: DEGREE_DESC) { nodes { id name } } domains(sort: ID_DESC) { nodes { id centres { id } practices { id } } } practices { nodes { id } } events { nodes { id } } programmes { nodes { id } } centres(filter: {nameContains: "Солун"}) { totalCount nodes { id } } }`, nil},
		{`query($skip: Boolean!) { __typename c: cities(first: 0) { pageInfo { startCursor endCursor hasNextPage } nodes { id } } city(id: "city:stara-zagora") { id organisations @skip(if: $skip) { id } country @include(if: $skip) { id } } }`,
			map[string]any{"skip": true}},
		{`query($s: Boolean!) { city(id: "city:thessaloniki") @include(if: $s) { id } }`, map[string]any{"s": false}},
		{`query A { city(id: "city:plovdiv") { id } } query B { city(id: "city:thessaloniki") { name } }`, map[string]any{"operationName": "B"}},
		{`{ search(query: "Солун") { __typename score matched node { __typename id kind name(lang: EL) } } b: search(query: "ΘΕΣΣΑΛΟΝΙΚΗ cisco", first: 3) { node { id } } }`, nil},
		{`query($q: String!, $k: [Kind!], $n: Int) { search(query: $q, kinds: $k, first: $n) { matched node { name } } }`,
			map[string]any{"q": "stara zag", "k": []any{"CITY", "ORGANISATION"}, "n": 2}},
		{`{ search(query: "!!!") { node { id } } nothing: search(query: "thessaloniki", first: 0) { score } }`, nil},
		{`{ centre(id: "centre:thessaloniki-digital-transformation") { foundedYear aims units { unitType website aim audiences activities scope } fundedBy { programmeType period } visitedDuring { eventType } } }`, nil},
		// A search hit's country (a second query, light), homonyms across countries among the hits.
		{`{ search(query: "Солун", first: 5) { node { id } country { __typename id name(lang: BG) names { en el } kind } c2: country { id } } b: search(query: "stara zag") { matched country { name } } }`, nil},
		// Locations: a city's own, the others' through their kind's path to a city.
		{`{ city(id: "city:stara-zagora") { location { latitude longitude derived cityId } } organisation(id: "org:cisco") { location { derived cityId latitude } city { location { longitude } } } centre(id: "centre:thessaloniki-digital-transformation") { location { cityId } units { location { latitude derived } } founders { organisation { location { cityId } } } } event(id: "event:thessaloniki-good-practice-seminar") { location { latitude } practices { location { cityId derived } } } }`, nil},
		{`{ cities(first: 3) { nodes { id location { latitude longitude } } } organisations(first: 5) { nodes { location { cityId derived } } } }`, nil},
		// Ranked lists a store call computes: similar entities and their shared neighbours.
		{`{ a: shortestPath(from: "org:stara-zagora-municipality", to: "org:cisco") { length nodes { id } } similar(id: "org:stara-zagora-municipality", first: 2) { __typename node { id kind name(lang: BG) } score shared { id __typename } s2: shared { name } } b: city(id: "city:plovdiv") { name } }`, nil},
		{`query($n: Int) { similar(id: "centre:thessaloniki-digital-transformation", first: $n) { score node { id } } none: similar(id: "city:thessaloniki") { score } }`, map[string]any{"n": 3}},
		// The shared fields through the Entity and Located interfaces.
		{`{ centre(id: "centre:thessaloniki-digital-transformation") { ... on Entity { id kind names { bg } aliases } ... on Located { location { cityId } } founders { organisation { ...E } } } cities(first: 2) { nodes { ...E ... on Located { location { latitude } } } } } fragment E on Entity { id name(lang: EL) unnamed collective mergedIds ... on Node { k: id } }`, nil},
		// An edge's evidence: the quotes and their sources, read with the relationship.
		{`{ organisation(id: "org:cisco") { founded { centre { id } year evidence { __typename quote properties source { __typename id kind name language url publisher file names { bg } } } e: evidence { quote } } participatedIn { evidence { source { id } quote } event { participants { evidence { quote } organisation { id } } } } } }`, nil},
		{`{ centre(id: "centre:thessaloniki-digital-transformation") { founders { evidence { source { id } } } } event(id: "event:thessaloniki-good-practice-seminar") { participants { role evidence { quote } } } }`, nil},
		{`{ organisation(id: "org:cisco") { founded { evidence { source { id history { seq operation } } } } } }`, nil},
		// An entity's history: a page of its change log, nested too.
		{`query($a: Int) { centre(id: "centre:thessaloniki-digital-transformation") { history { seq at actor operation entityId from type to fields { name before after } } founders { organisation { history(first: 3, after: $a) { seq } } } } }`, map[string]any{"a": 1000}},
		// An entity's sources: its mentions, each with its source.
		{`{ centre(id: "centre:thessaloniki-digital-transformation") { sources { __typename quote properties source { id language url } } units { name sources { properties } } city { sources { quote } } } cities(first: 3) { nodes { id sources { source { id } } } edges { node { s: sources { quote } } } } }`, nil},
		// Relationships with their properties, as edges, from both ends.
		{`{ centre(id: "centre:thessaloniki-digital-transformation") { founders { __typename role year organisation { id name city { id } } centre { id name(lang: BG) } } } organisation(id: "org:cisco") { founded { year role centre { id founders { organisation { id } } } organisation { id } } participatedIn { role event { id participants { role organisation { id } } } } } event(id: "event:thessaloniki-good-practice-seminar") { participants { role organisation { name } r: role event { id } } } }`, nil},
		{`{ shortestPath(from: "org:cisco", to: "city:stara-zagora") { __typename length nodes { __typename id kind name(lang: BG) } edges { __typename id type source target } } same: shortestPath(from: "org:cisco", to: "org:cisco") { length nodes { id } edges { id } } }`, nil},
		{`query($t: [String!]) { paths(from: "org:cisco", to: "city:thessaloniki", maxHops: 3, first: 5, relationshipTypes: $t) { length nodes { id } edges { type source target } } none: shortestPath(from: "org:cisco", to: "city:plovdiv", maxHops: 1) { length } nullHops: shortestPath(from: "org:cisco", to: "city:thessaloniki", maxHops: null) { length } }`,
			map[string]any{"t": []any{"FOUNDED", "LOCATED_IN", "SUPPORTS", "PARTNER_OF"}}},
		{`{ neighbourhood(id: "centre:thessaloniki-digital-transformation", depth: 2) { __typename truncated nodes { __typename id kind name(lang: EL) } edges { __typename id type source target } } }`, nil},
		{`query($t: [String!], $k: [Kind!]) { n: neighbourhood(id: "org:cisco", depth: 3, limit: 7, relationshipTypes: $t, kinds: $k) { nodes { id } e1: edges { id } truncated } }`,
			map[string]any{"t": []any{"FOUNDED", "LOCATED_IN", "HAS_UNIT"}, "k": []any{"CENTRE", "CITY", "ORGANISATION", "UNIT"}}},
	}
	for _, q := range covered {
		if took, body := same(t, compiled, resolvers, q.query, q.vars); took != 1 {
			t.Errorf("the compiled path did not answer %s: %s", q.query, body)
		}
	}
	// Partly covered: the compiled roots stay compiled, the resolvers answer the others alone, and
	// the answer is the same, errors (with their paths) included.
	for _, q := range []string{
		`{ city(id: "city:thessaloniki") { id } stats { nodes } }`,
		`{ a: shortestPath(from: "org:stara-zagora-municipality", to: "org:cisco") { length nodes { id } } commonNeighbours(a: "org:stara-zagora-municipality", b: "org:cisco") { id } b: city(id: "city:plovdiv") { name } }`,
		`{ node(id: "city:nowhere") { id } city(id: "city:thessaloniki") { id founders: organisations { id } } version }`,
		`{ organisation(id: "org:cisco") { founded { centre { id } } } stats { relationships } search(query: "cisco", first: 1) { node { id } } }`,
	} {
		before := testutil.ToFloat64(metrics.CompiledReads.WithLabelValues("partial"))
		if took, body := same(t, compiled, resolvers, q, nil); took != 0 || testutil.ToFloat64(metrics.CompiledReads.WithLabelValues("partial"))-before != 1 {
			t.Errorf("%s was not answered partly by the compiled path: %s", q, body)
		}
	}
	// Not covered, or failing on the way: the resolvers answer on both servers, errors included.
	for _, q := range []string{
		`{ city(id: "city:nowhere") { id } }`,
		`{ city(id: "org:cisco") { id } }`,
		`{ cities(first: 101) { nodes { id } } }`,
		`{ cities(after: "garbage") { nodes { id } } }`,
		`{ organisations(filter: {city: "` + strings.Repeat("x", 300) + `"}) { nodes { id } } }`,
		`{ centre(id: "centre:thessaloniki-digital-transformation") { id founders { role organisation { id } } history { seq } h: history(first: 1) { seq } } }`,
		`{ search(query: "thessaloniki") { country { cities { id } } } }`,
		`{ node(id: "city:thessaloniki") { id ... on City { organisations { id } } } }`,
		`{ neighbourhood(id: "org:cisco") { nodes { id properties } } }`,
		`{ search(query: "cisco") { node { id properties } } }`,
		`{ cities { edges { a: node { id } b: node { name } } } }`,
		`query A { city(id: "city:plovdiv") { id } } query B { city(id: "city:thessaloniki") { name } }`, // no operationName: refused
		`{ shortestPath(from: "org:cisco", to: "city:nowhere") { length } }`,
		`{ shortestPath(from: "org:cisco", to: "city:thessaloniki") { nodes { properties } } }`,
		`{ paths(from: "org:cisco", to: "city:thessaloniki", maxHops: 11) { length } }`,
		`{ paths(from: "org:cisco", to: "city:thessaloniki", first: 0) { length } }`,
		`{ search(query: "cisco", first: 51) { node { id } } }`,
		`{ search(query: "` + strings.Repeat("я", 501) + `") { node { id } } }`,
		`{ neighbourhood(id: "org:cisco") { edges { id properties } } }`,
		`{ neighbourhood(id: "org:cisco", depth: 9) { nodes { id } } }`,
		`{ neighbourhood(id: "org:nobody") { nodes { id } } }`,
		`{ neighbourhood(id: "org:cisco", relationshipTypes: ["NOPE"]) { nodes { id } } }`,
		`{ similar(id: "org:nobody") { score } }`,
		`{ similar(id: "org:cisco", first: 0) { score } }`,
		`{ similar(id: "org:cisco") { node { properties } } }`,
		`{ nearby(id: "city:thessaloniki", first: 1000) { distanceKm } }`,
		// Refused by the limits before anything runs: the compiled path must not answer them.
		`{ city(id: "city:thessaloniki") { organisations { city { organisations { city { organisations { city { organisations { city { organisations { city { organisations { id } } } } } } } } } } } } }`,
		`{ ` + strings.Repeat(`c: cities(first: 100) { nodes { organisations { presented { presentedBy { id } } } } } `, 1) + ` organisations(first: 100) { nodes { partners { partners { partners { id } } } } } }`,
	} {
		if took, body := same(t, compiled, resolvers, q, nil); took != 0 {
			t.Errorf("the compiled path answered %s: %s", q, body)
		}
	}
}

// Random selections over a synthetic graph (three scripts, hubs, ties in names) must answer alike.
// With the gazetteer: nearby by distance, literal and variable distances, kinds and sizes alike.
func TestCompiledReadsAnswerNearbyLikeTheResolvers(t *testing.T) {
	compiled, resolvers := servers(t, neo4jtest.WithReference(t))
	for _, q := range []struct {
		query string
		vars  map[string]any
	}{
		{`{ nearby(id: "city:stara-zagora", withinKm: 100, kinds: [CITY, ORGANISATION], first: 4) { __typename distanceKm node { id name kind } d2: distanceKm } }`, nil},
		{`query($km: Float, $k: [Kind!], $n: Int) { nearby(id: "city:thessaloniki", withinKm: $km, kinds: $k, first: $n) { node { id name(lang: EL) } distanceKm } }`,
			map[string]any{"km": 25.5, "k": []any{"CITY"}, "n": 7}},
		{`query($km: Float) { nearby(id: "event:thessaloniki-good-practice-seminar", withinKm: $km) { distanceKm } a: nearby(id: "centre:thessaloniki-digital-transformation", withinKm: 3) { node { id } } }`,
			map[string]any{"km": 40}},
		// Lists near a point, nearest first, with the distance on each edge; facets of filtered lists.
		{`{ organisations(filter: {near: {latitude: 40.64, longitude: 22.94, withinKm: 300}}, sort: DISTANCE_ASC, first: 20) { edges { distanceKm node { id name } } totalCount } }`, nil},
		{`query($p: NearInput) { cities(filter: {near: $p}, sort: DISTANCE_ASC, first: 5) { edges { __typename cursor distanceKm d: distanceKm node { id location { latitude } } } pageInfo { hasNextPage endCursor } } far: cities(first: 2) { edges { distanceKm node { id } } } }`,
			map[string]any{"p": map[string]any{"latitude": 42.43, "longitude": 25, "withinKm": 120.5}}},
		{`{ organisations(first: 10, filter: {category: COMPANY}) { totalCount nodes { id name } facets { countries { key name count } cities { key name count } domains { key name count } programmes { key count } years { key count } } } }`, nil},
		{`query($l: Lang, $n: Int) { organisations(first: 0) { totalCount facets(lang: $l, first: $n) { __typename countries { __typename key name count } categories { key name count } c: categories { name } } en: facets { categories { name } } } cities(filter: {country: "country:greece"}, first: 1) { facets(first: 2) { countries { key count } cities { name } } } }`,
			map[string]any{"l": "BG", "n": 3}},
	} {
		if took, body := same(t, compiled, resolvers, q.query, q.vars); took != 1 {
			t.Errorf("the compiled path did not answer %s: %s", q.query, body)
		} else if strings.Contains(string(body), `"errors"`) {
			t.Errorf("%s: an error: %s", q.query, body)
		}
	}
	for _, q := range []string{
		`{ nearby(id: "city:thessaloniki", withinKm: -1) { distanceKm } }`,
		`{ nearby(id: "city:nowhere") { distanceKm } }`,
		`{ nearby(id: "city:thessaloniki") { node { sources { quote } } } }`,
		`{ cities(filter: {near: {latitude: 91, longitude: 0, withinKm: 5}}) { nodes { id } } }`,
		`{ cities(sort: DISTANCE_ASC) { nodes { id } } }`,
		`{ organisations { facets(first: 101) { countries { key } } } }`,
	} {
		if took, body := same(t, compiled, resolvers, q, nil); took != 0 {
			t.Errorf("the compiled path answered %s: %s", q, body)
		}
	}
}

func TestCompiledReadsAnswerLikeTheResolversOnRandomQueries(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "synthetic.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Generate(f, 3000, 7); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := importer.Import(ctx, s, []string{path}, "test"); err != nil {
		t.Fatal(err)
	}
	compiled, resolvers := servers(t, s)
	schema := graph.Schema()
	hubs, err := s.MostConnected(ctx, 40)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	roots := map[store.Kind]string{store.City: "city", store.Organisation: "organisation", store.Centre: "centre", store.Event: "event"}
	lists := []string{"cities", "organisations", "centres", "domains", "practices", "events", "programmes"}
	answered := 0.0
	for i := range 150 {
		var q string
		if h := hubs[r.IntN(len(hubs))].Node; i%7 == 3 {
			langs := []string{"en", "bg", "el"}
			word := strings.Fields(h.Name(langs[r.IntN(3)]))[0]
			q = fmt.Sprintf(`{ search(query: %q, first: %d) { score matched node { id kind name(lang: EL) } } }`, word, 1+r.IntN(20))
		} else if i%11 == 5 {
			other := hubs[r.IntN(len(hubs))].Node
			q = fmt.Sprintf(`{ paths(from: %q, to: %q, maxHops: %d, first: %d) { length nodes { id name } edges { id type source target } } }`,
				h.ID, other.ID, 1+r.IntN(4), 1+r.IntN(5))
		} else if i%5 == 1 {
			q = fmt.Sprintf(`{ neighbourhood(id: %q, depth: %d, limit: %d) { truncated nodes { id kind name(lang: BG) } edges { id type source target } } }`,
				h.ID, 1+r.IntN(2), 1+r.IntN(150))
		} else if roots[h.Kind] != "" && i%2 == 0 {
			typ := strings.ToUpper(roots[h.Kind][:1]) + roots[h.Kind][1:]
			q = fmt.Sprintf(`{ %s(id: %q) %s }`, roots[h.Kind], h.ID, randomSelection(r, schema, typ, 3))
		} else {
			list := lists[r.IntN(len(lists))]
			typ := schema.Query.Fields.ForName(list).Type.Name()
			entity := schema.Types[typ].Fields.ForName("nodes").Type.Name()
			sorts := []string{"NAME_ASC", "NAME_DESC", "ID_ASC", "ID_DESC", "DEGREE_DESC"}
			q = fmt.Sprintf(`{ %s(first: %d, sort: %s) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node %s } } }`,
				list, 1+r.IntN(30), sorts[r.IntN(len(sorts))], randomSelection(r, schema, entity, 2))
		}
		took, _ := same(t, compiled, resolvers, q, nil)
		answered += took
	}
	if answered < 100 {
		t.Fatalf("the compiled path answered %v of 150 random queries; want nearly all", answered)
	}
}

// randomSelection picks a selection of an entity type: scalar fields, relationship fields (to
// entity types and to edges), aliases and inline fragments now and then, depth levels deep.
func randomSelection(r *rand.Rand, schema *ast.Schema, typ string, depth int) string {
	def := schema.Types[typ]
	var parts []string
	for _, f := range def.Fields {
		if r.IntN(3) != 0 || strings.HasPrefix(f.Name, "__") {
			continue
		}
		target := schema.Types[f.Type.Name()]
		alias := ""
		if r.IntN(6) == 0 {
			alias = fmt.Sprintf("a%d: ", r.IntN(100))
		}
		switch {
		case f.Name == "name":
			langs := []string{"", "(lang: BG)", "(lang: EL)", "(lang: EN)"}
			parts = append(parts, alias+"name"+langs[r.IntN(len(langs))])
		case f.Name == "names":
			parts = append(parts, alias+"names { en bg el }")
		case f.Name == "location":
			parts = append(parts, alias+"location { latitude longitude derived cityId }")
		case f.Name == "history":
			if depth >= 3 { // an entity root's own: below, or on a page of a list, it outgrows the cost limit
				parts = append(parts, alias+"history(first: 2) { seq at actor operation entityId fields { name before after } }")
			}
		case f.Name == "sources":
			if depth >= 2 { // the top entities only: a list below every entity outgrows the cost limit
				parts = append(parts, alias+"sources { quote properties source { id language } }")
			}
		case target.Kind == ast.Scalar || target.Kind == ast.Enum:
			if f.Name != "properties" { // not covered: tested above
				parts = append(parts, alias+f.Name)
			}
		case target.Kind == ast.Object && depth > 0 && len(target.Interfaces) > 0 && target.Interfaces[0] == "Node":
			sub := randomSelection(r, schema, target.Name, depth-1)
			if r.IntN(5) == 0 {
				sub = "{ ... on " + target.Name + " " + sub + " __typename }"
			}
			parts = append(parts, alias+f.Name+" "+sub)
		case target.Kind == ast.Object && depth > 0 && target.Fields.ForName("evidence") != nil && target.Fields.ForName("role") != nil:
			// an edge (Founding, Participation): its scalars, both ends and its evidence
			var edge []string
			for _, ef := range target.Fields {
				switch et := schema.Types[ef.Type.Name()]; {
				case r.IntN(3) == 0:
				case ef.Name == "evidence":
					edge = append(edge, "evidence { quote properties source { id name language } }")
				case et.Kind == ast.Scalar:
					edge = append(edge, ef.Name)
				case et.Kind == ast.Object:
					edge = append(edge, ef.Name+" "+randomSelection(r, schema, et.Name, depth-1))
				}
			}
			parts = append(parts, alias+f.Name+" { __typename "+strings.Join(edge, " ")+" }")
		}
	}
	parts = append(parts, "id")
	return "{ " + strings.Join(parts, " ") + " }"
}
