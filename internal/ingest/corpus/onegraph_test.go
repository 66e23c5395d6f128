package corpus_test

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/ingest"
	"urbangraph/internal/ingest/corpus"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// The whole dev corpus ingested into one graph (the seed and the gazetteer), each document accepted
// at 0.5 as it comes: how many entities it creates, and how many of them may be duplicates of
// another (ingest.Duplicates: same canonical name, names that match across scripts, the same words,
// a shared acronym; the weak "same city and head word" pairs are counted apart). None may be a
// municipality, a ministry or a programme. docs/ingestion.md quotes the figures
// (go test -v -run TestTheDevCorpusInOneGraph ./internal/ingest/corpus).
func TestTheDevCorpusInOneGraph(t *testing.T) {
	s := neo4jtest.WithReference(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	docs, err := corpus.Load(filepath.Join(neo4jtest.RepoRoot(), "data", "corpus", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	before := neo4jtest.Stats(t, s)
	seeded, err := s.AllNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]bool{}
	for _, n := range seeded {
		old[n.ID] = true
	}
	sv := ingest.Service{Store: s}
	for _, d := range docs {
		res, err := sv.Ingest(ctx, ingest.Input{Name: d.Name + ".txt", Data: []byte(d.Text)}, "test")
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if _, err := sv.AcceptAll(ctx, res.Document.ID, 0.5, "test"); err != nil {
			t.Fatalf("%s: accept: %v", d.Name, err)
		}
	}
	after := neo4jtest.Stats(t, s)
	named, err := s.AllNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for k, n := range after.ByKind {
		if k != store.Source {
			created += n - before.ByKind[k]
		}
	}
	strong, weak := map[string]int{}, 0
	var lines []string
	var bad []string
	for _, p := range ingest.Duplicates(named, nil, nil) {
		if !old[p.A.ID] || !old[p.B.ID] { // a pair the corpus made (not the seed's own)
			if p.Score < 0.5 {
				weak++
				continue
			}
			kind := string(p.A.Kind)
			if p.A.Category != "" {
				kind += " " + p.A.Category
			}
			strong[kind]++
			lines = append(lines, fmt.Sprintf("  %s %s ~ %s (%.2f): %s", kind, p.A.ID, p.B.ID, p.Score, strings.Join(p.Reasons, "; ")))
			if slices.Contains([]string{"MUNICIPALITY", "MINISTRY"}, p.A.Category) || p.A.Kind == store.Programme {
				bad = append(bad, lines[len(lines)-1])
			}
		}
	}
	// The municipalities, ministries and programmes the corpus made, for a reader to check by eye.
	var made []string
	for _, n := range named {
		if !old[n.ID] && (n.Category == "MUNICIPALITY" || n.Category == "MINISTRY" || n.Kind == store.Programme) {
			made = append(made, fmt.Sprintf("  %s %s %q", cmp.Or(n.Category, string(n.Kind)), n.ID, n.Names))
		}
	}
	slices.Sort(made)
	t.Logf("%d municipalities, ministries and programmes made:\n%s", len(made), strings.Join(made, "\n"))
	total := 0
	for _, n := range strong {
		total += n
	}
	t.Logf("%d documents; %d entities created; %d pairs that may be duplicates (score ≥ 0.5) %v; %d weak pairs (same city and head word)\n%s",
		len(docs), created, total, strong, weak, strings.Join(lines, "\n"))
	if len(bad) > 0 {
		t.Errorf("duplicate municipalities, ministries or programmes:\n%s", strings.Join(bad, "\n"))
	}
}
