package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"urbangraph/internal/importer"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// A JSON Lines file: a source, 4 good entities, 2 good relationships, and 3 bad rows (lines 4, 6, 9).
const jsonl = `{"id": "source:report", "kind": "SOURCE", "names": {"en": "A report"}}
{"id": "city:varna", "kind": "CITY", "names": {"en": "Varna", "bg": "Варна"}, "evidence": [{"source": "source:report", "quote": "Varna is a city."}]}
{"id": "org:varna-municipality", "kind": "ORGANISATION", "names": {"en": "Varna Municipality"}, "properties": {"category": "MUNICIPALITY"}, "evidence": [{"source": "source:report", "quote": "Varna Municipality.", "properties": ["category"]}]}
{"kind": "CITY", "names": {"en": "No ID"}, "evidence": [{"source": "source:report", "quote": "q"}]}
{"id": "city:burgas", "kind": "CITY", "names": {"en": "Burgas"}, "evidence": [{"source": "source:report", "quote": "Burgas is a city."}]}
{"id": "town:ruse", "kind": "TOWN", "names": {"en": "Ruse"}, "evidence": [{"source": "source:report", "quote": "q"}]}
{"id": "org:burgas-port", "kind": "ORGANISATION", "names": {"en": "Burgas Port"}, "properties": {"category": "COMPANY"}, "evidence": [{"source": "source:report", "quote": "The port.", "properties": ["category"]}]}
{"from": "org:varna-municipality", "type": "LOCATED_IN", "to": "city:varna", "source": "source:report", "quote": "Varna Municipality is in Varna."}
{"from": "org:burgas-port", "type": "LOCATED_IN", "to": "city:atlantis", "source": "source:report", "quote": "Nowhere."}
{"from": "org:burgas-port", "type": "LOCATED_IN", "to": "city:burgas", "source": "source:report", "quote": "The port of Burgas."}
`

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportKeepsGoodRowsAndReportsBadOnesWithTheirLines(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	before := neo4jtest.Stats(t, s)
	p := writeFile(t, "rows.jsonl", jsonl)

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"import", p}, testEnv(t, nil), &stdout, &stderr)
	if !errors.Is(err, importer.ErrRejected) || !strings.Contains(err.Error(), "3 rows rejected") {
		t.Fatalf("err = %v, want 3 rows rejected", err)
	}
	for _, want := range []string{p + ":4: id: missing", p + `:6: kind: unknown kind "TOWN"`, p + `:9: to: "city:atlantis" is neither imported nor stored`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if want := "nodes 5 created, 0 updated, 0 unchanged; relationships 2 created, 0 updated, 0 unchanged; 3 rejected"; !strings.Contains(stdout.String(), want) {
		t.Errorf("summary %q, want %q", stdout.String(), want)
	}
	after := neo4jtest.Stats(t, s)
	if after.ByKind[store.City] != before.ByKind[store.City]+2 || after.ByType["LOCATED_IN"] != before.ByType["LOCATED_IN"]+2 {
		t.Errorf("cities %d -> %d, LOCATED_IN %d -> %d", before.ByKind[store.City], after.ByKind[store.City], before.ByType["LOCATED_IN"], after.ByType["LOCATED_IN"])
	}
}

func TestStrictImportWritesNothingWhenARowIsBad(t *testing.T) {
	s := neo4jtest.Seeded(t)
	before := neo4jtest.Stats(t, s)
	p := writeFile(t, "rows.jsonl", jsonl)
	err := run(context.Background(), []string{"import", "--strict", p}, testEnv(t, nil), io.Discard, io.Discard)
	var problems importer.ProblemsError
	if !errors.As(err, &problems) || len(problems) != 3 || !strings.Contains(err.Error(), "nothing written") {
		t.Fatalf("err = %v, want the 3 problems and nothing written", err)
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("strict import changed the graph: %v -> %v", before, after)
	}
}

// A dry run checks the rows against the stored graph and reports what an import would do, writing
// nothing.
func TestADryRunReportsWhatAnImportWouldDoAndWritesNothing(t *testing.T) {
	s := neo4jtest.Seeded(t)
	before := neo4jtest.Stats(t, s)
	p := writeFile(t, "rows.jsonl", jsonl)
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"import", "--dry-run", p}, testEnv(t, nil), &stdout, &stderr)
	if !errors.Is(err, importer.ErrRejected) || !strings.Contains(err.Error(), "3 rows rejected") {
		t.Fatalf("err = %v, want 3 rows rejected", err)
	}
	for _, want := range []string{"would reject: " + p + ":4: id: missing", p + `:6: kind: unknown kind "TOWN"`,
		p + `:9: to: "city:atlantis" is neither imported nor stored`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if want := "dry run, nothing written: 5 entities and 2 relationships pass the checks; 3 rows would be rejected"; !strings.Contains(stdout.String(), want) {
		t.Errorf("summary %q, want %q", stdout.String(), want)
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("a dry run changed the graph: %v -> %v", before, after)
	}
}

// An import killed after some batches is simply run again: nothing is duplicated.
func TestARerunAfterAPartialImportCompletesWithoutDuplicates(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	good := []string{}
	for i, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if i+1 != 4 && i+1 != 6 && i+1 != 9 {
			good = append(good, line)
		}
	}
	partial := writeFile(t, "partial.jsonl", strings.Join(good[:3], "\n"))
	full := writeFile(t, "full.jsonl", strings.Join(good, "\n"))
	before := neo4jtest.Stats(t, s)
	for _, p := range []string{partial, full, full} {
		if err := run(context.Background(), []string{"import", "--batch-size", "1", p}, testEnv(t, nil), io.Discard, io.Discard); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	after := neo4jtest.Stats(t, s)
	if after.ByKind[store.Organisation] != before.ByKind[store.Organisation]+2 || after.ByKind[store.Source] != before.ByKind[store.Source]+1 ||
		after.ByType["LOCATED_IN"] != before.ByType["LOCATED_IN"]+2 {
		t.Errorf("after partial + full + full: %v (before %v)", after, before)
	}
}

// The CSV files `export` writes import back to the same graph.
func TestCSVExportWipeImportGivesTheSameGraph(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	dir := t.TempDir()
	if err := run(context.Background(), []string{"export", "--format", "csv", "--out", dir}, testEnv(t, nil), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	before := neo4jtest.Stats(t, s)
	beforeHood, err := s.Neighbourhood(context.Background(), store.NeighbourhoodQuery{ID: "centre:thessaloniki-digital-transformation", Depth: 2, Types: store.ExplorationTypes(), Limit: 500}, store.Full)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Wipe(context.Background()); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"import", dir}, testEnv(t, nil), &stdout, io.Discard); err != nil {
		t.Fatalf("import: %v\n%s", err, stdout.String())
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("stats changed: %v -> %v", before, after)
	}
	afterHood, err := s.Neighbourhood(context.Background(), store.NeighbourhoodQuery{ID: "centre:thessaloniki-digital-transformation", Depth: 2, Types: store.ExplorationTypes(), Limit: 500}, store.Full)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := hoodKey(beforeHood), hoodKey(afterHood); a != b {
		t.Errorf("neighbourhood changed:\n%s\n%s", a, b)
	}
}

func hoodKey(sg store.Subgraph) string {
	var b strings.Builder
	for _, n := range sg.Nodes {
		b.WriteString(n.ID + " " + n.Name("bg") + ";")
	}
	for _, e := range sg.Edges {
		src, q := e.Evidence()
		b.WriteString(e.From + string(e.Type) + e.To + strings.Join(src, ",") + strings.Join(q, ",") + ";")
	}
	return b.String()
}

// Rows are streamed in several passes: a source read after the entities that cite it is still
// written before them (a pass of its own), and the evidence links are all there.
func TestImportWritesSourcesFirstWhateverTheirPlaceInTheFile(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	before := neo4jtest.Stats(t, s)
	lines := strings.Split(strings.TrimSpace(jsonl), "\n")
	reordered := append(append([]string{}, lines[1:]...), lines[0]) // the source last
	p := writeFile(t, "late-source.jsonl", strings.Join(reordered, "\n")+"\n")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"import", "--batch-size", "2", p}, testEnv(t, nil), &stdout, &stderr)
	if !errors.Is(err, importer.ErrRejected) || !strings.Contains(err.Error(), "3 rows rejected") {
		t.Fatalf("err = %v, want 3 rows rejected\n%s", err, stderr.String())
	}
	if want := "nodes 5 created, 0 updated, 0 unchanged; relationships 2 created, 0 updated, 0 unchanged; 3 rejected"; !strings.Contains(stdout.String(), want) {
		t.Errorf("summary %q, want %q", stdout.String(), want)
	}
	after := neo4jtest.Stats(t, s)
	if got := after.ByType[store.MentionedIn] - before.ByType[store.MentionedIn]; got != 4 {
		t.Errorf("%d evidence links written, want 4 (one per imported entity)", got)
	}
}

// An import records one change per batch that changed something by default, and one per entity
// and relationship it created or changed with --log=entities; the summary says how many.
func TestImportLogsABatchOrEveryEntity(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	var good []string
	for i, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if i != 3 && i != 5 && i != 8 { // the bad rows
			good = append(good, line)
		}
	}
	importLogged := func(name, body string, flags ...string) ([]store.Change, string) {
		t.Helper()
		start, err := s.LastChange(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if err := run(ctx, append(append([]string{"import"}, flags...), writeFile(t, name, body)), testEnv(t, nil), &stdout, &stderr); err != nil {
			t.Fatalf("import: %v\n%s", err, stderr.String())
		}
		changes, err := s.Changes(ctx, start, 100, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return changes, stdout.String()
	}
	changes, out := importLogged("rows.jsonl", strings.Join(good, "\n"), "--log=entities")
	ops := map[string]int{}
	for _, c := range changes {
		ops[c.Op]++
		if !strings.HasPrefix(c.Actor, "import:") || !strings.HasSuffix(c.Actor, "rows.jsonl") {
			t.Errorf("actor %q", c.Actor)
		}
	}
	if len(changes) != 7 || ops[store.OpCreate] != 5 || ops[store.OpCreateRel] != 2 || !strings.Contains(out, "; 7 change record(s)") {
		t.Errorf("--log=entities: %d records %v; %q", len(changes), ops, out)
	}
	// The default: the same rows with one name more, in batches of 5 rows: one record for the batch
	// that updated Varna, none for a batch that changed nothing.
	more := strings.Replace(strings.Join(good, "\n"), `"bg": "Варна"`, `"bg": "Варна", "el": "Βάρνα"`, 1)
	changes, out = importLogged("more.jsonl", more, "--batch-size", "5")
	if len(changes) != 1 || changes[0].Op != store.OpImportBatch || !strings.Contains(fmt.Sprint(changes[0].Fields["entities"][1]), "updated:1") ||
		!strings.Contains(out, "nodes 0 created, 1 updated, 4 unchanged") || !strings.Contains(out, "; 1 change record(s)") {
		t.Errorf("the default: %+v; %q", changes, out)
	}
	// The same files again: nothing changes, and nothing is recorded.
	if changes, out = importLogged("more.jsonl", more, "--batch-size", "5"); len(changes) != 0 || !strings.Contains(out, "; 0 change record(s)") {
		t.Errorf("a re-import: %+v; %q", changes, out)
	}
}

// A row carrying a GeoNames ID the graph holds under another ID is that entity: by default it is
// written to it (its relationships follow), and with --refuse-duplicates it is rejected, naming
// both IDs. Two rows of one import with one GeoNames ID are one entity twice: the second is rejected.
func TestAnImportedRowJoinsTheEntityHoldingItsGeoNamesID(t *testing.T) {
	s := neo4jtest.ReferenceOnly(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	rows := `{"id": "source:atlas", "kind": "SOURCE", "names": {"en": "An atlas"}}
{"id": "city:gabrovo-town", "kind": "CITY", "names": {"en": "Gabrovo", "bg": "Габрово"}, "properties": {"geonamesId": 731549, "population": 50000}, "evidence": [{"source": "source:atlas", "quote": "Gabrovo (GeoNames 731549) has 50,000 people.", "properties": ["geonamesId", "population"]}]}
{"id": "city:gabrovo-again", "kind": "CITY", "names": {"en": "Gabrovo again"}, "properties": {"geonamesId": 731549}, "evidence": [{"source": "source:atlas", "quote": "Gabrovo, GeoNames 731549.", "properties": ["geonamesId"]}]}
{"id": "org:gabrovo-tech-park", "kind": "ORGANISATION", "names": {"en": "Gabrovo Tech Park"}, "properties": {"category": "COMPANY"}, "evidence": [{"source": "source:atlas", "quote": "A tech park.", "properties": ["category"]}]}
{"from": "org:gabrovo-tech-park", "type": "LOCATED_IN", "to": "city:gabrovo-town", "source": "source:atlas", "quote": "The park is in Gabrovo."}
`
	p := writeFile(t, "atlas.jsonl", rows)
	before := neo4jtest.Stats(t, s)

	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"import", "--refuse-duplicates", p}, testEnv(t, nil), &stdout, &stderr)
	if !errors.Is(err, importer.ErrRejected) {
		t.Fatalf("refusing duplicates: %v", err)
	}
	for _, want := range []string{
		p + `:2: properties.geonamesId: 731549 is city:gabrovo's already: city:gabrovo-town would be a duplicate of it`,
		p + `:3: properties.geonamesId: 731549 is also city:gabrovo-town's (` + p + `:2)`,
		p + `:5: to: "city:gabrovo-town" is neither imported nor stored`,
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if after := neo4jtest.Stats(t, s); after.ByKind[store.City] != before.ByKind[store.City] {
		t.Errorf("cities %d -> %d: a duplicate was written", before.ByKind[store.City], after.ByKind[store.City])
	}

	stdout.Reset()
	stderr.Reset()
	err = run(ctx, []string{"import", p}, testEnv(t, nil), &stdout, &stderr)
	if !errors.Is(err, importer.ErrRejected) || !strings.Contains(err.Error(), "1 rows rejected") {
		t.Fatalf("joining: %v\n%s", err, stderr.String())
	}
	if want := p + ":2: city:gabrovo-town is city:gabrovo (the same geonamesId, 731549): written to it"; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
	}
	if after := neo4jtest.Stats(t, s); after.ByKind[store.City] != before.ByKind[store.City] {
		t.Errorf("cities %d -> %d: a duplicate was written", before.ByKind[store.City], after.ByKind[store.City])
	}
	nodes, err := s.NodesByID(ctx, []string{"city:gabrovo", "city:gabrovo-town"})
	if pop, _ := nodes["city:gabrovo"].Int("population"); err != nil || len(nodes) != 1 || pop != 50000 {
		t.Errorf("after joining: %v, %v", nodes, err)
	}
	if e, err := s.Edge(ctx, "org:gabrovo-tech-park", "LOCATED_IN", "city:gabrovo"); err != nil || e.From != "org:gabrovo-tech-park" {
		t.Errorf("the row's relationship does not follow it to city:gabrovo: %+v, %v", e, err)
	}
}
