package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// plantedGraph writes, over the seed, duplicates of three kinds and a pair that only looks like one:
// a municipality in Bulgarian and English, a programme the seed has, named with the same words in
// another order and sharing its acronym, a domain named in two inflections (an article's "Екологията"); and two
// centres in one city (same head word), which an editor will mark distinct.
func plantedGraph(t *testing.T, s *store.Store) {
	t.Helper()
	src := "source:stara-zagora-thessaloniki-seminar"
	node := func(id string, kind store.Kind, names map[string]string, aliases []string, props map[string]any) store.NodeWrite {
		w := store.NodeWrite{ID: id, Kind: kind, Names: names, Aliases: aliases, Props: props,
			Evidence: []store.EvidenceWrite{{Source: src, Quote: names["en"] + " is named."}}}
		for p := range props {
			w.Evidence[0].Properties = append(w.Evidence[0].Properties, p)
		}
		return w
	}
	muni := map[string]any{"category": "MUNICIPALITY"}
	nodes := []store.NodeWrite{
		node("city:varna", store.City, map[string]string{"en": "Varna", "bg": "Варна"}, nil, nil),
		node("org:varna-municipality", store.Organisation, map[string]string{"en": "Varna Municipality"}, nil, muni),
		node("org:obshtina-varna", store.Organisation, map[string]string{"en": "Obshtina Varna", "bg": "Община Варна"}, nil, map[string]any{"category": "MUNICIPALITY"}),
		node("programme:development-of-the-regions", store.Programme, map[string]string{"en": "Development of the Regions Programme 2021-2027"}, []string{"PRR"}, nil),
		node("domain:ekologiya", store.Domain, map[string]string{"en": "Ekologiya", "bg": "Екология"}, nil, nil),
		node("domain:ekologiyata", store.Domain, map[string]string{"en": "Ekologiyata", "bg": "Екологията"}, nil, nil),
		node("centre:varna-innovation-centre", store.Centre, map[string]string{"en": "Varna Innovation Centre"}, nil, nil),
		node("centre:sea-research-centre", store.Centre, map[string]string{"en": "Sea Research Centre"}, nil, nil),
		node("org:ruse-municipality", store.Organisation, map[string]string{"en": "Ruse Municipality"}, nil, map[string]any{"category": "MUNICIPALITY"}),
	}
	rel := func(from string, t store.RelType, to string) store.RelWrite {
		return store.RelWrite{From: from, Type: t, To: to, Source: src, Quote: from + " " + string(t) + " " + to + "."}
	}
	rels := []store.RelWrite{
		rel("org:obshtina-varna", "LOCATED_IN", "city:varna"),
		rel("org:obshtina-varna", "FOUNDED", "centre:varna-innovation-centre"),
		rel("centre:varna-innovation-centre", "LOCATED_IN", "city:varna"),
		rel("centre:sea-research-centre", "LOCATED_IN", "city:varna"),
	}
	if _, err := s.ImportBatch(context.Background(), nodes, rels, "test", true); err != nil {
		t.Fatal(err)
	}
}

const duplicatesQuery = `{ duplicates(first: 50) { totalCount nodes { a { id } b { id } score reasons } } }`

// pairsOf lists the pairs a duplicates answer gives, as "a ~ b".
func pairsOf(r map[string]any) []string {
	var out []string
	for _, p := range at(r, "duplicates", "nodes").([]any) {
		out = append(out, at(p, "a", "id").(string)+" ~ "+at(p, "b", "id").(string))
	}
	return out
}

// Duplicates finds every planted duplicate, with its reasons; an editor marks a pair distinct and
// it is gone; a merge moves everything to the kept entity, and the merged ID answers with it on
// every read path, while search and exports see one entity and asOf the two as they were.
func TestDuplicatesAndMergingThroughGraphQL(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	plantedGraph(t, s)
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]

	if r := gqlAs(t, ts.URL, tokens["reader"], duplicatesQuery, nil); !slices.Equal(r.codes(), []string{"FORBIDDEN"}) {
		t.Errorf("a reader's duplicates: %v", r.codes())
	}
	got := must(t, gqlAs(t, ts.URL, editor, duplicatesQuery, nil))
	pairs := pairsOf(got)
	for _, want := range []string{
		"org:obshtina-varna ~ org:varna-municipality",
		"programme:development-of-the-regions ~ programme:prr-2021-2027",
		"domain:ekologiya ~ domain:ekologiyata",
		"centre:sea-research-centre ~ centre:varna-innovation-centre",
	} {
		if !slices.Contains(pairs, want) {
			t.Errorf("duplicates lacks %s: %v", want, pairs)
		}
	}
	for _, p := range pairs {
		if strings.Contains(p, "ruse") {
			t.Errorf("a pair that is none: %s", p)
		}
	}
	first := at(got, "duplicates", "nodes", 0)
	if r := at(first, "reasons").([]any); at(first, "a", "id") != "org:obshtina-varna" || !strings.Contains(r[0].(string), `same canonical name "Varna Municipality"`) {
		t.Errorf("the surest pair first, with its reason: %v", first)
	}

	// Marked distinct, a pair is left out; marking it again changes nothing.
	mark := `mutation($a: ID!, $b: ID!) { markDistinct(a: $a, b: $b) }`
	vars := map[string]any{"a": "centre:varna-innovation-centre", "b": "centre:sea-research-centre"}
	if r := must(t, gqlAs(t, ts.URL, editor, mark, vars)); r["markDistinct"] != true {
		t.Errorf("markDistinct: %v", r)
	}
	if r := must(t, gqlAs(t, ts.URL, editor, mark, vars)); r["markDistinct"] != false {
		t.Errorf("markDistinct again: %v", r)
	}
	if r := gqlAs(t, ts.URL, editor, mark, map[string]any{"a": "centre:nowhere", "b": "centre:sea-research-centre"}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("markDistinct of a missing entity: %v", r.codes())
	}
	if pairs := pairsOf(must(t, gqlAs(t, ts.URL, editor, duplicatesQuery, nil))); slices.Contains(pairs, "centre:sea-research-centre ~ centre:varna-innovation-centre") {
		t.Errorf("a pair marked distinct is listed: %v", pairs)
	}

	before := time.Now().UTC()
	time.Sleep(20 * time.Millisecond)
	merge := `mutation($dry: Boolean) { mergeEntities(keep: "org:varna-municipality", merge: "org:obshtina-varna", dryRun: $dry) {
  kept { id ... on Organisation { names { bg } mergedIds } } merged relationships combined dropped evidence names dryRun } }`
	dry := must(t, gqlAs(t, ts.URL, editor, merge, map[string]any{"dry": true}))
	if at(dry, "mergeEntities", "relationships") != float64(2) || at(dry, "mergeEntities", "dryRun") != true ||
		at(dry, "mergeEntities", "kept", "names", "bg") != nil {
		t.Errorf("dry run: %v", dry)
	}
	done := must(t, gqlAs(t, ts.URL, editor, merge, nil))
	if at(done, "mergeEntities", "kept", "names", "bg") != "Община Варна" || at(done, "mergeEntities", "evidence") != float64(1) ||
		at(done, "mergeEntities", "kept", "mergedIds", 0) != "org:obshtina-varna" {
		t.Errorf("merge: %v", done)
	}
	if r := gqlAs(t, ts.URL, editor, merge, nil); !slices.Equal(r.codes(), []string{"CONFLICT"}) {
		t.Errorf("merging again: %v", r.codes())
	}
	// The merged ID answers with the kept entity: the kind's root (compiled, and through the
	// resolvers), node and entity.
	for _, q := range []string{
		`{ organisation(id: "org:obshtina-varna") { id mergedIds city { id } } }`,
		`{ organisation(id: "org:obshtina-varna") { id mergedIds city { id } sources { quote } } }`,
	} {
		r := must(t, gqlAs(t, ts.URL, "", q, nil))
		if at(r, "organisation", "id") != "org:varna-municipality" || at(r, "organisation", "city", "id") != "city:varna" {
			t.Errorf("%s: %v", q, r)
		}
	}
	if r := must(t, gqlAs(t, ts.URL, "", `{ node(id: "org:obshtina-varna") { id } entity(id: "org:obshtina-varna") { id } }`, nil)); at(r, "node", "id") != "org:varna-municipality" || at(r, "entity", "id") != "org:varna-municipality" {
		t.Errorf("node and entity by the merged ID: %v", r)
	}
	// Before the merge, the merged entity was as it was.
	asOf := `query($at: String) { entity(id: "org:obshtina-varna", asOf: $at) { id name(lang: BG) } }`
	if r := must(t, gqlAs(t, ts.URL, editor, asOf, map[string]any{"at": before.Format(time.RFC3339Nano)})); at(r, "entity", "id") != "org:obshtina-varna" || at(r, "entity", "name") != "Община Варна" {
		t.Errorf("the merged entity as of before the merge: %v", r)
	}
	// Search and exports see one entity.
	if r := must(t, gqlAs(t, ts.URL, "", `{ search(query: "Община Варна", kinds: [ORGANISATION]) { node { id } } }`, nil)); !slices.Equal(ids(at(r, "search"), "node", "id"), []string{"org:varna-municipality"}) {
		t.Errorf("search after the merge: %v", r)
	}
	if _, body := get(t, ts.URL+"/export/graph.json"); strings.Contains(string(body), `"org:obshtina-varna"`) {
		t.Errorf("the export still holds the merged entity")
	}
}
