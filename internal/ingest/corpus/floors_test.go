package corpus_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"urbangraph/internal/ingest"
	"urbangraph/internal/ingest/corpus"
	"urbangraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// floor is the least share a set of documents must keep: entities found with the right kind,
// facts found, and precision, at confidence 0.5. The floors stand a little under the figures
// measured when they were set (docs/ingestion-report.md), so that noise in another change does
// not fail them while a change that loses recall or precision does.
type floor struct {
	set                        string
	entities, facts, precision float64
}

var floors = []floor{
	{"corpus", 0.90, 0.79, 0.92},
	{"odd half", 0.92, 0.87, 0.92},
	{"even half", 0.87, 0.70, 0.92},
	{"bg", 0.91, 0.80, 0.90},
	{"el", 0.92, 0.81, 0.92},
	{"en", 0.86, 0.76, 0.94},
}

// The dev corpus (written by people who did not write the rules; data/corpus/README.md) ingested
// in dry run against the seed and the gazetteer, as `make ingest-report` does, keeps its floors.
func TestTheDevCorpusKeepsItsFloors(t *testing.T) {
	s := neo4jtest.WithReference(t)
	named, err := s.AllNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.Load(filepath.Join(neo4jtest.RepoRoot(), "data", "corpus", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 38 {
		t.Fatalf("%d documents in data/corpus/dev, want 38", len(docs))
	}
	names := ingest.Names(named)
	rp := corpus.Report{Corpus: "data/corpus/dev", Min: 0.5, Results: corpus.Run(docs, ingest.NewLinker(names), corpus.Known(names), 0.5)}
	var summary strings.Builder
	rp.Summary(&summary)
	t.Log("\n" + summary.String())
	sets := map[string]corpus.Counts{}
	for _, st := range rp.Sets() {
		sets[st.Name] = rp.Totals(st.Keep)
	}
	for _, f := range floors {
		c, ok := sets[f.set]
		if !ok {
			t.Errorf("no set %q in the report", f.set)
			continue
		}
		for _, m := range []struct {
			what  string
			n, of int
			floor float64
		}{
			{"entities", c.Entities, c.EntitiesOf, f.entities},
			{"facts", c.Facts, c.FactsOf, f.facts},
			{"precision", c.Right, c.Proposed, f.precision},
		} {
			if share := float64(m.n) / float64(max(m.of, 1)); share < m.floor {
				t.Errorf("%s: %s %d/%d = %s, under its floor %.0f %%", f.set, m.what, m.n, m.of, percent(share), 100*m.floor)
			}
		}
	}
}

func percent(x float64) string { return fmt.Sprintf("%.1f %%", 100*x) }
