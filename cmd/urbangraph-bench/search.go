package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"urbangraph/internal/searchquality"
	"urbangraph/internal/store"
)

// writeSearchReport runs every case of the gazetteer (make search-report) and writes docs/search.md.
func writeSearchReport(ctx context.Context, s *store.Store, path string) error {
	cases, err := searchquality.Cases("data/reference", 1)
	if err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "searching %d names...\n", len(cases))
	r, err := searchquality.Run(ctx, s, cases)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d of %d first as the rule says (%.2f %%), in %s\n", r.RuleHits, r.Cases, 100*r.Rate(), time.Since(start).Round(time.Second))
	return os.WriteFile(path, []byte(r.Markdown("make search-report")), 0o644)
}
