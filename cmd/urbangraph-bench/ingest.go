package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// pageChars is a page of a report: about 3,000 characters.
const pageChars = 3000

// benchReport is a 20-page report made of the project's real documents (the founding article and
// the ingestion tests' documents in three languages), each a section, repeated in turn until the
// report is 20 pages long. Each section gets its number, so that no two are the same text.
func benchReport(root string, pages int) (string, error) {
	var sections []string
	for _, p := range []string{"data/sources/000_5f0a949ca0881f14.txt", "internal/ingest/testdata/ruse-seminar.txt",
		"internal/ingest/testdata/volos-centre.txt", "internal/ingest/testdata/varna-centre.md"} {
		b, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return "", err
		}
		sections = append(sections, strings.TrimSpace(string(b)))
	}
	var b strings.Builder
	for i, n := 0, 0; n < pages*pageChars; i++ {
		section := fmt.Sprintf("Section %d\n\n%s\n\n", i+1, sections[i%len(sections)])
		b.WriteString(section)
		n += utf8.RuneCountInString(section)
	}
	return b.String(), nil
}

// ingestBench times the ingestion of a 20-page report into the graph the database holds (five
// runs, each of a new text: the run's number ends it), and the steps of one run.
func ingestBench(ctx context.Context, s *store.Store) error {
	text, err := benchReport(".", 20)
	if err != nil {
		return err
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	entities := 0
	for _, n := range stats.ByKind {
		entities += n
	}
	sv := ingest.Service{Store: s}
	var runs []time.Duration
	var last ingest.Result
	for i := range 5 {
		doc := fmt.Sprintf("%s\nRun %d of the ingestion benchmark.\n", text, i+1)
		start := time.Now()
		last, err = sv.Ingest(ctx, ingest.Input{Name: "report.txt", Data: []byte(doc)}, "bench")
		if err != nil {
			return err
		}
		runs = append(runs, time.Since(start))
	}
	// The steps, once more, one by one.
	t0 := time.Now()
	named, err := s.AllNames(ctx)
	if err != nil {
		return err
	}
	linker := ingest.NewLinker(ingest.Names(named))
	t1 := time.Now()
	p := ingest.Propose(text, linker)
	t2 := time.Now()
	slices.Sort(runs)
	chars := len([]rune(text))
	fmt.Printf("| report | characters | pages (3,000 characters) | sentences | proposals | graph entities | ingest p50 | ingest max | names + linker | propose |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|---|---|\n")
	fmt.Printf("| 4 documents in turn (bg, el, en) | %d | %.0f | %d | %d | %d | %s | %s | %s | %s |\n", chars, float64(chars)/pageChars,
		len(p.Sentences), len(last.Proposals), entities, ms(runs[len(runs)/2]), ms(runs[len(runs)-1]), ms(t1.Sub(t0)), ms(t2.Sub(t1)))
	return nil
}
