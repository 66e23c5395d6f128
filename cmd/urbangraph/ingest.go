package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"urbangraph/internal/config"
	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// maxIngestBytes is the largest document ingest reads.
const maxIngestBytes = 10 << 20

// ingestCommand reads documents and shows what they would propose against the stored graph's
// names. Storing proposals for review is the rest of issue 15: until then only --dry-run runs.
func ingestCommand(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dryRun := fs.Bool("dry-run", false, "show the sentences, mentions and proposals, writing nothing")
	asJSON := fs.Bool("json", false, "print the proposals as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("ingest: name at least one document (.txt or .md), e.g. urbangraph ingest --dry-run data/sources/000_5f0a949ca0881f14.txt")
	}
	if !*dryRun {
		return errors.New("ingest: storing proposals for review is not built yet; run it with --dry-run to see what a document proposes")
	}
	texts := make([]string, fs.NArg())
	for i, path := range fs.Args() {
		text, err := readDocument(path)
		if err != nil {
			return err
		}
		texts[i] = text
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		named, err := s.AllNames(ctx)
		if err != nil {
			return err
		}
		var names []ingest.Name
		for _, n := range named {
			for _, v := range n.Names {
				names = append(names, ingest.Name{ID: n.ID, Kind: string(n.Kind), Text: v})
			}
		}
		linker := ingest.NewLinker(names)
		for i, text := range texts {
			p := ingest.Propose(text, linker)
			if *asJSON {
				if err := json.NewEncoder(stdout).Encode(map[string]any{"file": fs.Arg(i), "proposals": p}); err != nil {
					return err
				}
				continue
			}
			printProposals(stdout, fs.Arg(i), p)
		}
		return nil
	})
}

// readDocument reads a plain-text or Markdown document: UTF-8, at most maxIngestBytes.
func readDocument(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md", ".markdown", "":
	default:
		return "", fmt.Errorf("ingest: %s: unsupported type %q (plain text and Markdown so far; HTML and PDF are to come)", path, filepath.Ext(path))
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("ingest: %w", err)
	}
	if info.Size() > maxIngestBytes {
		return "", fmt.Errorf("ingest: %s is %d bytes; the limit is %d", path, info.Size(), maxIngestBytes)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("ingest: %w", err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("ingest: %s is not UTF-8 text", path)
	}
	return string(b), nil
}

func printProposals(w io.Writer, file string, p ingest.Proposals) {
	ambiguous := 0
	for _, m := range p.Mentions {
		if m.Ambiguous() {
			ambiguous++
		}
	}
	fmt.Fprintf(w, "%s: %d sentences; %d mentions of known entities (%d ambiguous); %d new entities; %d relationships (dry run, nothing written)\n",
		file, len(p.Sentences), len(p.Mentions), ambiguous, len(p.Entities), len(p.Relations))
	for _, m := range p.Mentions {
		ids := make([]string, len(m.Candidates))
		for i, c := range m.Candidates {
			ids[i] = c.ID
		}
		fmt.Fprintf(w, "  mention %q → %s\n", m.Text, strings.Join(ids, " | "))
	}
	for _, e := range p.Entities {
		fmt.Fprintf(w, "  new %s %s %q (%s, %.2f)\n", e.Kind, e.ID, e.Name, e.Rule, e.Confidence)
	}
	for _, r := range p.Relations {
		fmt.Fprintf(w, "  %s %s %s (%s, %.2f): %q\n", r.From, r.Type, r.To, r.Rule, r.Confidence, shorten(r.Quote, 90))
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
