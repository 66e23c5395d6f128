// Package corpus measures ingestion on an annotated corpus (data/corpus/README.md): it reads the
// documents and their annotations, scores what ingest.Propose proposes exactly as the corpus README
// says, and writes the report: per document, per language, per half (odd and even numbers), per
// relationship type, per rule and per confidence band, with every miss and every unexpected
// proposal. `urbangraph ingest-report` (make ingest-report) runs it against the graph's names.
package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"urbangraph/internal/ingest"
)

// Entity is an annotated entity: its kind and one surface form exactly as the text writes it.
type Entity struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Annotation is what a careful annotator says a document states.
type Annotation struct {
	Language string      `json:"language"`
	Genre    string      `json:"genre"`
	Entities []Entity    `json:"entities"`
	Facts    [][3]string `json:"facts"` // from name, relationship type, to name
}

// Document is one article of a corpus with its annotation. Name is the file name without its
// extension ("101-bg"); Number is its leading number (0 if it has none), which puts it in the odd
// (developed on) or even (scored only) half.
type Document struct {
	Name   string
	Number int
	Text   string
	Annotation
}

// Half is "odd" or "even" by the document's number, or "" for a document without one.
func (d Document) Half() string {
	switch {
	case d.Number == 0:
		return ""
	case d.Number%2 == 1:
		return "odd"
	}
	return "even"
}

// Load reads every NAME.txt of dir with its NAME.json, in name order. A text without its
// annotation, an annotation that does not parse, or a fact naming an entity the annotation does not
// list is an error: a report on a broken corpus would mislead.
func Load(dir string) ([]Document, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("corpus %s: no documents (NAME.txt with NAME.json)", dir)
	}
	slices.Sort(texts)
	var docs []Document
	for _, t := range texts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		text, err := os.ReadFile(t)
		if err != nil {
			return nil, err
		}
		raw, err := os.ReadFile(strings.TrimSuffix(t, ".txt") + ".json")
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %s has no annotation: %w", dir, name, err)
		}
		d := Document{Name: name, Text: string(text)}
		if err := json.Unmarshal(raw, &d.Annotation); err != nil {
			return nil, fmt.Errorf("corpus %s: %s.json: %w", dir, name, err)
		}
		if err := d.check(); err != nil {
			return nil, fmt.Errorf("corpus %s: %s.json: %w", dir, name, err)
		}
		num, _, _ := strings.Cut(name, "-")
		d.Number, _ = strconv.Atoi(num)
		docs = append(docs, d)
	}
	return docs, nil
}

func (d Document) check() error {
	for _, f := range d.Facts {
		for _, n := range []string{f[0], f[2]} {
			if len(d.kinds(n)) == 0 {
				return fmt.Errorf("the fact %q names %q, which is not among its entities", f, n)
			}
		}
	}
	return nil
}

// kinds are the kinds the annotation gives a name.
func (d Document) kinds(name string) []string {
	var ks []string
	for _, e := range d.Entities {
		if e.Name == name && !slices.Contains(ks, e.Kind) {
			ks = append(ks, e.Kind)
		}
	}
	return ks
}

// Run proposes what each document states, against the names of linker, and scores it at min.
// known are the graph's names by entity ID (the linker's, for a mention is matched by any name of
// its candidate).
func Run(docs []Document, linker *ingest.Linker, known map[string][]string, min float64) []Result {
	out := make([]Result, len(docs))
	for i, d := range docs {
		out[i] = Score(d, ingest.Propose(d.Text, linker), known, min)
	}
	return out
}

// Known indexes names by entity ID.
func Known(names []ingest.Name) map[string][]string {
	m := map[string][]string{}
	for _, n := range names {
		m[n.ID] = append(m[n.ID], n.Text)
	}
	return m
}
