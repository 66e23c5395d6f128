package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"urbangraph/internal/config"
	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// ingestCommand reads documents into proposals for review: stored (each document a Source, its
// proposals beside it), or, with --dry-run, only shown. --accept accepts at once every proposal
// at or above a confidence, as acceptProposals does.
func ingestCommand(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dryRun := fs.Bool("dry-run", false, "show the sentences, mentions and proposals, writing nothing")
	asJSON := fs.Bool("json", false, "print the proposals as JSON")
	accept := fs.Float64("accept", -1, "accept every proposal with at least this confidence (0 to 1) after ingesting")
	title := fs.String("title", "", "the title (one document only; default: the document's own, or its first line)")
	url := fs.String("url", "", "where the document is published (one document only)")
	published := fs.String("published", "", "the date it was published, YYYY-MM-DD (one document only)")
	language := fs.String("language", "", "its language, e.g. bg (default: detected)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("ingest: name at least one document (.txt, .md, .html, .pdf), e.g. urbangraph ingest data/sources/000_5f0a949ca0881f14.txt")
	}
	if fs.NArg() > 1 && (*title != "" || *url != "" || *published != "") {
		return errors.New("ingest: --title, --url and --published describe one document; name one file")
	}
	if *accept > 1 || *accept < -1 || *dryRun && *accept >= 0 {
		return errors.New("ingest: --accept takes a confidence between 0 and 1, and does not go with --dry-run")
	}
	inputs := make([]ingest.Input, fs.NArg())
	for i, path := range fs.Args() {
		data, err := readDocument(path)
		if err != nil {
			return err
		}
		if _, err := extract(ctx, cfg, ingest.Input{Name: path, Data: data}); err != nil { // refuse bad files before touching the database
			return fmt.Errorf("ingest: %w", err)
		}
		inputs[i] = ingest.Input{Name: path, Data: data, Title: *title, URL: *url, Published: *published, Language: *language}
	}
	return withStore(ctx, cfg, func(s *store.Store) error {
		if *dryRun {
			return dryRunIngest(ctx, cfg, s, inputs, *asJSON, stdout)
		}
		sv := ingest.Service{Store: s, ReadTimeout: cfg.IngestReadTimeout}
		for _, in := range inputs {
			res, err := sv.Ingest(ctx, in, "ingest:"+in.Name)
			if err != nil {
				return fmt.Errorf("ingest: %s: %w", in.Name, err)
			}
			printIngested(stdout, in.Name, res)
			if *accept >= 0 {
				ps, err := sv.AcceptAll(ctx, res.Document.ID, *accept, "ingest:"+in.Name)
				if err != nil {
					return fmt.Errorf("ingest: accepting %s: %w", res.Document.ID, err)
				}
				fmt.Fprintf(stdout, "  accepted %d proposals with confidence ≥ %.2f\n", len(ps), *accept)
			}
		}
		return nil
	})
}

// readDocument reads a file, refusing one over the size limit before reading it.
func readDocument(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if info.Size() > ingest.MaxBytes {
		return nil, fmt.Errorf("ingest: %s is %d bytes; the limit is %d (10 MiB)", path, info.Size(), ingest.MaxBytes)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	return b, nil
}

func printIngested(w io.Writer, file string, res ingest.Result) {
	byType := map[store.ProposalType]int{}
	for _, p := range res.Proposals {
		byType[p.Type]++
	}
	state := "stored"
	if !res.Created {
		state = "ingested before: nothing written"
	}
	d := res.Document
	fmt.Fprintf(w, "%s: %s as %s (%s, %s, %d characters)\n", file, state, d.ID, d.Format, orUnknown(d.Language), d.Length)
	fmt.Fprintf(w, "  %d proposals: %d entities, %d relationships, %d mentions of known entities; %d accepted, %d rejected so far\n",
		len(res.Proposals), byType[store.ProposedEntity], byType[store.ProposedRelationship], byType[store.ProposedMention],
		d.Counts[store.Accepted], d.Counts[store.Rejected])
	fmt.Fprintf(w, "  review them in the explorer's Documents view, or with GraphQL: document(id: %q) { proposals { id type name rule confidence sentence } }\n", d.ID)
}

func orUnknown(s string) string {
	if s == "" {
		return "language unknown"
	}
	return s
}

// extract reads a document as ingesting it would, within URBANGRAPH_INGEST_READ_TIMEOUT.
func extract(ctx context.Context, cfg config.Config, in ingest.Input) (ingest.Extracted, error) {
	ctx, cancel := ingest.WithReadTimeout(ctx, cfg.IngestReadTimeout)
	defer cancel()
	return ingest.Extract(ctx, in.Name, in.ContentType, in.Data)
}

func dryRunIngest(ctx context.Context, cfg config.Config, s *store.Store, inputs []ingest.Input, asJSON bool, stdout io.Writer) error {
	named, err := s.AllNames(ctx)
	if err != nil {
		return err
	}
	linker := ingest.NewLinker(ingest.Names(named))
	for _, in := range inputs {
		ex, err := extract(ctx, cfg, in)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		p, err := ingest.ProposeContext(ctx, ex.Text, linker)
		if err != nil {
			return err
		}
		if asJSON {
			if err := json.NewEncoder(stdout).Encode(map[string]any{"file": in.Name, "proposals": p}); err != nil {
				return err
			}
			continue
		}
		printProposals(stdout, in.Name, p)
	}
	return nil
}

func printProposals(w io.Writer, file string, p ingest.Proposals) {
	unsure := 0
	for _, m := range p.Mentions {
		if !m.Sure() {
			unsure++
		}
	}
	fmt.Fprintf(w, "%s: %d sentences; %d mentions of known entities (%d for a reviewer to settle); %d new entities; %d relationships (dry run, nothing written)\n",
		file, len(p.Sentences), len(p.Mentions), unsure, len(p.Entities), len(p.Relations))
	for _, m := range p.Mentions {
		ids := make([]string, len(m.Candidates))
		for i, c := range m.Candidates {
			ids[i] = c.ID
		}
		note := ""
		if m.Weak {
			note = " (unsure: the text is no name of it nor an inflection of one)"
		}
		if m.Resolution != "" {
			note = " (resolved: " + m.Resolution + ")"
		}
		fmt.Fprintf(w, "  mention %q → %s%s\n", m.Text, strings.Join(ids, " | "), note)
	}
	for _, e := range p.Entities {
		note := ""
		if e.English != "" {
			note = fmt.Sprintf(" English name %q;", e.English)
		}
		if len(e.Candidates) > 0 {
			note += fmt.Sprintf(" may be %s (%s): for a reviewer;", strings.Join(e.Candidates, " | "), e.Resolution)
		}
		fmt.Fprintf(w, "  new %s %s %q (%s, %.2f)%s\n", e.Kind, e.ID, e.Name, e.Rule, e.Confidence, strings.TrimSuffix(note, ";"))
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
