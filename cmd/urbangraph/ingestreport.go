package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"urbangraph/internal/config"
	"urbangraph/internal/ingest"
	"urbangraph/internal/ingest/corpus"
	"urbangraph/internal/store"
)

// ingestReport measures ingestion on an annotated corpus: every document proposed in dry run
// against the graph's names, scored as data/corpus/README.md says; the summary to stdout, the whole
// report (per document, language, type, rule, band; every miss) to --out.
func ingestReport(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("ingest-report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", "data/corpus/dev", "the annotated corpus: NAME.txt with NAME.json (data/corpus/README.md)")
	out := fs.String("out", "docs/ingestion-report.md", "where to write the whole report (Markdown); empty: nowhere")
	min := fs.Float64("min", 0.5, "the confidence threshold")
	only := fs.String("only", "", "score only the odd or the even half of the documents (by their numbers)")
	seed := fs.Bool("seed", false, "load the seed and the gazetteer first, as `make run` does")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("ingest-report: unexpected argument %q (the corpus is --corpus DIR)", fs.Arg(0))
	}
	if *min < 0 || *min > 1 {
		return errors.New("ingest-report: --min is a confidence between 0 and 1")
	}
	if *only != "" && *only != "odd" && *only != "even" {
		return fmt.Errorf("ingest-report: --only %q: want odd or even", *only)
	}
	docs, err := corpus.Load(*dir)
	if err != nil {
		return fmt.Errorf("ingest-report: %w", err)
	}
	if *only != "" {
		docs = keepHalf(docs, *only)
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		if *seed {
			// The constraints first: on a new database, writes without the ID index would scan
			// (the gazetteer took minutes, past the transaction timeout).
			if err := s.Migrate(ctx); err != nil {
				return err
			}
			if err := loadSeed(ctx, s, cfg, log); err != nil {
				return err
			}
		}
		named, err := s.AllNames(ctx)
		if err != nil {
			return err
		}
		if len(named) == 0 {
			return errors.New("ingest-report: the graph holds no names; load the seed and the gazetteer (--seed, or `make run` once)")
		}
		names := ingest.Names(named)
		rp := corpus.Report{Corpus: *dir, Command: "urbangraph ingest-report " + strings.Join(args, " "), Min: *min,
			Results: corpus.Run(docs, ingest.NewLinker(names), corpus.Known(names), *min)}
		rp.Summary(stdout)
		if *out == "" {
			return nil
		}
		var b bytes.Buffer
		rp.Markdown(&b)
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("ingest-report: %w", err)
		}
		fmt.Fprintf(stdout, "the whole report (every miss and every unexpected proposal): %s\n", *out)
		return nil
	})
}

func keepHalf(docs []corpus.Document, half string) []corpus.Document {
	var out []corpus.Document
	for _, d := range docs {
		if d.Half() == half {
			out = append(out, d)
		}
	}
	return out
}
