package ingest

import (
	"context"
	"fmt"
	"maps"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// longReport is a report of pages pages (3,000 characters each) made of the project's documents in
// three languages, each a numbered section, as `make bench`'s 20-page report is.
func longReport(t *testing.T, pages int) string {
	t.Helper()
	var sections []string
	for _, p := range []string{"data/sources/000_5f0a949ca0881f14.txt", "internal/ingest/testdata/ruse-seminar.txt",
		"internal/ingest/testdata/volos-centre.txt", "internal/ingest/testdata/varna-centre.md"} {
		b, err := os.ReadFile(repo(p))
		if err != nil {
			t.Fatal(err)
		}
		sections = append(sections, strings.TrimSpace(string(b)))
	}
	var b strings.Builder
	for i, n := 0, 0; n < pages*3000; i++ {
		section := fmt.Sprintf("Section %d\n\n%s\n\n", i+1, sections[i%len(sections)])
		b.WriteString(section)
		n += utf8.RuneCountInString(section)
	}
	return b.String()
}

// A 200-page report is stored with its proposals and accepted whole, however many they are: its
// proposals are written, and accepted, in transactions of a bounded size.
func TestA200PageReportIsIngestedAndAccepted(t *testing.T) {
	s := neo4jtest.WithReference(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	res, err := sv.Ingest(ctx, Input{Name: "report.txt", Data: []byte(longReport(t, 200))}, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d proposals", len(res.Proposals))
	if len(res.Proposals) < 10000 {
		t.Fatalf("%d proposals: not the long report meant", len(res.Proposals))
	}
	accepted, err := sv.AcceptAll(ctx, res.Document.ID, acceptThreshold, "test")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.DocumentByID(ctx, res.Document.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("accepted %d; counts %v", len(accepted), doc.Counts)
	if doc.Counts[store.Accepted] != len(accepted) || len(accepted) < 5000 {
		t.Errorf("accepted %d, the document counts %v", len(accepted), doc.Counts)
	}
	// One with more proposals than the most (here made 1,000) is refused, with what to do, before
	// anything is written.
	before := neo4jtest.Stats(t, s)
	_, err = Service{Store: s, MaxProposals: 1000}.Ingest(ctx, Input{Name: "longer.txt", Data: []byte(longReport(t, 20))}, "test")
	if !strings.Contains(fmt.Sprint(err), "longer.txt yields") || !strings.Contains(fmt.Sprint(err), "ingest it in parts") {
		t.Errorf("a report over the most: %v", err)
	}
	if after := neo4jtest.Stats(t, s); !maps.Equal(after.ByKind, before.ByKind) {
		t.Errorf("the refused report changed the graph")
	}
}
