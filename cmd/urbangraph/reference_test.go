package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// A curated report about Plovdiv that states a population: a reference import must not replace it.
// (It names Plovdiv as the seed does: between two curated sources the last write sets the names.)
const curatedPlovdiv = `{"id": "source:plovdiv-report", "kind": "SOURCE", "names": {"en": "A report on Plovdiv"}}
{"id": "city:plovdiv", "kind": "CITY", "names": {"en": "Plovdiv", "bg": "Пловдив", "el": "Φιλιππούπολη"}, "properties": {"population": 340000}, "evidence": [{"source": "source:plovdiv-report", "quote": "Plovdiv has 340,000 inhabitants.", "properties": ["population"]}]}
`

var unchanged = regexp.MustCompile(`nodes 0 created, 0 updated, [1-9]\d* unchanged; relationships 0 created, 0 updated, [1-9]\d* unchanged`)

func importPaths(t *testing.T, paths ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append([]string{"import"}, paths...), testEnv(t, nil), &stdout, &stderr); err != nil {
		t.Fatalf("import %v: %v\n%s", paths, err, stderr.String())
	}
	return stdout.String()
}

func node(t *testing.T, s *store.Store, id string) store.Node {
	t.Helper()
	nodes, err := s.NodesByID(context.Background(), []string{id})
	if err != nil || nodes[id].ID == "" {
		t.Fatalf("%s: %v", id, err)
	}
	return nodes[id]
}

// Precedence (docs/import.md): the reference gazetteer adds aliases, properties and evidence to the
// seed's curated places, and never changes what a curated source states.
func TestTheReferenceImportNeverOverwritesCuratedFacts(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	importPaths(t, writeFile(t, "plovdiv.jsonl", curatedPlovdiv))
	seeded := map[string]store.Node{}
	for _, id := range []string{"city:stara-zagora", "city:thessaloniki", "city:plovdiv", "country:greece"} {
		seeded[id] = node(t, s, id)
	}

	importPaths(t, filepath.Join(neo4jtest.RepoRoot(), "data", "reference"))

	for id, before := range seeded {
		after := node(t, s, id)
		for _, l := range store.Langs {
			if before.String("name_"+l) != after.String("name_"+l) {
				t.Errorf("%s: the curated %s name %q became %q", id, l, before.String("name_"+l), after.String("name_"+l))
			}
		}
		for _, a := range before.Aliases() {
			if !slices.Contains(after.Aliases(), a) {
				t.Errorf("%s lost its curated alias %q", id, a)
			}
		}
		if len(after.Aliases()) <= len(before.Aliases()) {
			t.Errorf("%s gained no alias from GeoNames: %q", id, after.Aliases())
		}
	}
	// GeoNames' own romanisation of a curated name becomes an alias.
	if !slices.Contains(node(t, s, "city:thessaloniki").Aliases(), "Thessaloníki") {
		t.Error("Thessaloníki (GeoNames' name) is not an alias of city:thessaloniki")
	}
	plovdiv := node(t, s, "city:plovdiv")
	if p, _ := plovdiv.Int("population"); p != 340000 {
		t.Errorf("the curated population of Plovdiv became %d", p)
	}
	if lat, _ := plovdiv.Props["latitude"].(float64); lat < 42.1 || lat > 42.2 {
		t.Errorf("Plovdiv's latitude from GeoNames is %v", plovdiv.Props["latitude"])
	}

	// Stara Zagora is in Bulgaria, on the GeoNames record's word, beside the seed's sentence.
	links, err := s.Related(ctx, store.Rel{Type: "LOCATED_IN", Dir: store.Out, Target: store.Country},
		store.Projection{EdgeProps: true}, []string{"city:stara-zagora"})
	if err != nil {
		t.Fatal(err)
	}
	got := links["city:stara-zagora"]
	if len(got) != 1 || got[0].Node.ID != "country:bulgaria" {
		t.Fatalf("Stara Zagora is located in %+v, want country:bulgaria", got)
	}
	if sources, quotes := got[0].Evidence(); len(sources) != 1 || sources[0] != "source:geonames" ||
		!strings.HasPrefix(quotes[0], "GeoNames 726848: Stara Zagora (BG), population ") {
		t.Errorf("the evidence of Stara Zagora LOCATED_IN Bulgaria is %q %q", sources, quotes)
	}
	// Its sentence from the article stays, and the GeoNames record is added beside it.
	mentions, err := s.Mentions(ctx, []string{"city:stara-zagora"})
	if err != nil {
		t.Fatal(err)
	}
	var cited []string
	for _, m := range mentions["city:stara-zagora"] {
		cited = append(cited, m.Source.ID)
	}
	if !slices.Equal(cited, []string{"source:geonames", "source:stara-zagora-thessaloniki-seminar"}) {
		t.Errorf("Stara Zagora's evidence comes from %q", cited)
	}

	// Both orders and repeats settle: importing the seed and the reference again changes nothing.
	for _, p := range []string{filepath.Join(neo4jtest.RepoRoot(), "data", "seed"), filepath.Join(neo4jtest.RepoRoot(), "data", "reference")} {
		if out := importPaths(t, p); !unchanged.MatchString(out) {
			t.Errorf("importing %s again: %s", p, out)
		}
	}
}
