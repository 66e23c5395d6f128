// Package importer reads graph documents (the seed format, docs/import.md) and writes them to the
// store after checking every rule of the model: known kinds and relationship types, IDs of the form
// kind:slug, names, and a source sentence for every fact.
package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"urbangraph/internal/store"
)

// Format is the value of a document's "format" field.
const Format = "urbangraph/1"

// Document is one file in the seed format.
type Document struct {
	Format        string    `json:"format"`
	Description   string    `json:"description,omitempty"`
	Source        string    `json:"source,omitempty"` // default source of evidence and relationships
	Sources       []Node    `json:"sources,omitempty"`
	Nodes         []Node    `json:"nodes"`
	Relationships []Rel     `json:"relationships"`
	file          string    // where it was read from, for messages
	lines         lineIndex // byte offset -> line, for messages
}

// Node is an entity of a document.
type Node struct {
	ID         string            `json:"id"`
	Kind       string            `json:"kind,omitempty"` // SOURCE for entries of "sources"
	Names      map[string]string `json:"names"`
	Aliases    []string          `json:"aliases,omitempty"`
	Unnamed    bool              `json:"unnamed,omitempty"`
	Collective bool              `json:"collective,omitempty"`
	Properties map[string]any    `json:"properties,omitempty"`
	Evidence   []Evidence        `json:"evidence,omitempty"`
}

// Evidence is a sentence of a source that names the entity and states the listed properties.
type Evidence struct {
	Source     string   `json:"source,omitempty"`
	Quote      string   `json:"quote"`
	Properties []string `json:"properties,omitempty"`
}

// Rel is a relationship of a document.
type Rel struct {
	From       string         `json:"from"`
	Type       string         `json:"type"`
	To         string         `json:"to"`
	Properties map[string]any `json:"properties,omitempty"`
	Source     string         `json:"source,omitempty"`
	Quote      string         `json:"quote"`
}

// Problem is one rule a document breaks, located by file and JSON path.
type Problem struct {
	File, Path, Message string
}

func (p Problem) String() string { return p.File + ": " + p.Path + ": " + p.Message }

// ProblemsError lists every problem found; nothing was written.
type ProblemsError []Problem

func (e ProblemsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s), nothing written:", len(e))
	for _, p := range e {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// Files expands paths: a directory stands for the *.json files in it, in name order.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(p, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(matches)
		files = append(files, matches...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .json documents in %s", strings.Join(paths, ", "))
	}
	return files, nil
}

// ReadDocument decodes one document strictly: unknown fields are errors, reported with their line.
func ReadDocument(path string) (*Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := newLineIndex(raw)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	var d Document
	if err := dec.Decode(&d); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("%s:%d: %v", path, lines.line(syn.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%s:%d: %s: want %s, found %s", path, lines.line(typ.Offset), typ.Field, typ.Type, typ.Value)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: data after the document", path)
	}
	d.file, d.lines = path, lines
	return &d, nil
}

type lineIndex []int64

func newLineIndex(raw []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range raw {
		if b == '\n' {
			idx = append(idx, int64(i+1))
		}
	}
	return idx
}

func (l lineIndex) line(offset int64) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > offset })
}

var (
	idPattern   = regexp.MustCompile(`^([a-z]+):[a-z0-9]+(?:-[a-z0-9]+)*$`)
	propPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)
)

// Plan is what a set of documents will write, once validated.
type Plan struct {
	Nodes []store.NodeWrite
	Rels  []store.RelWrite
}

// Validate checks documents together (a relationship may point at an entity of another document, or
// at one already stored: exists says which IDs are). It returns the plan, or every problem found.
func Validate(docs []*Document, exists func(ids []string) (map[string]bool, error)) (Plan, error) {
	var plan Plan
	var problems []Problem
	add := func(d *Document, path, format string, args ...any) {
		problems = append(problems, Problem{File: d.file, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	kindOf := map[string]store.Kind{}
	seen := map[string]string{}
	for _, d := range docs {
		if d.Format != Format {
			add(d, "format", "is %q, want %q", d.Format, Format)
		}
		check := func(path string, n Node, isSource bool) {
			kind := store.Kind(n.Kind)
			if isSource {
				if n.Kind != "" && kind != store.Source {
					add(d, path+".kind", "entries of sources are of kind SOURCE, not %q", n.Kind)
				}
				kind = store.Source
			}
			m := idPattern.FindStringSubmatch(n.ID)
			switch {
			case !kind.Valid():
				add(d, path+".kind", "unknown kind %q (valid: %s)", n.Kind, kindList())
			case m == nil:
				add(d, path+".id", "%q is not an ID of the form kind:slug (lower-case letters, digits, hyphens)", n.ID)
			case m[1] != kind.Prefix():
				add(d, path+".id", "%q: an ID of kind %s starts with %q", n.ID, kind, kind.Prefix()+":")
			}
			if where, dup := seen[n.ID]; dup {
				add(d, path+".id", "%q is defined twice (also at %s)", n.ID, where)
			}
			seen[n.ID] = d.file + ": " + path
			kindOf[n.ID] = kind
			if strings.TrimSpace(n.Names["en"]) == "" {
				add(d, path+".names.en", "an English name is required")
			}
			for lang := range n.Names {
				if !slices.Contains(store.Langs, lang) {
					add(d, path+".names."+lang, "unknown language (valid: %s)", strings.Join(store.Langs, ", "))
				}
			}
			props := map[string]any{}
			for k, v := range n.Properties {
				pv, err := propertyValue(v)
				switch {
				case store.IsReserved(k):
					add(d, path+".properties."+k, "is managed by the store; use the document's own field")
				case !propPattern.MatchString(k):
					add(d, path+".properties."+k, "property names are camelCase letters and digits")
				case err != nil:
					add(d, path+".properties."+k, "%v", err)
				default:
					props[k] = pv
				}
			}
			var evidence []store.EvidenceWrite
			stated := map[string]bool{}
			for i, e := range n.Evidence {
				ep := fmt.Sprintf("%s.evidence[%d]", path, i)
				if strings.TrimSpace(e.Quote) == "" {
					add(d, ep+".quote", "the sentence that states the fact is required")
				}
				src := e.Source
				if src == "" {
					src = d.Source
				}
				if src == "" {
					add(d, ep+".source", "no source, and the document names no default source")
				}
				for _, p := range e.Properties {
					if _, ok := n.Properties[p]; !ok {
						add(d, ep+".properties", "names %q, which the entity does not have", p)
					}
					stated[p] = true
				}
				evidence = append(evidence, store.EvidenceWrite{Source: src, Quote: e.Quote, Properties: e.Properties})
			}
			if !isSource && len(n.Evidence) == 0 {
				add(d, path+".evidence", "at least one sentence of a source must name the entity")
			}
			for k := range n.Properties {
				if !isSource && !stated[k] {
					add(d, path+".properties."+k, "no evidence states it (list it in an evidence's properties)")
				}
			}
			plan.Nodes = append(plan.Nodes, store.NodeWrite{ID: n.ID, Kind: kind, Names: n.Names, Aliases: n.Aliases,
				Unnamed: n.Unnamed, Collective: n.Collective, Props: props, Evidence: evidence})
		}
		for i, n := range d.Sources {
			check(fmt.Sprintf("sources[%d]", i), n, true)
		}
		for i, n := range d.Nodes {
			check(fmt.Sprintf("nodes[%d]", i), n, false)
		}
	}

	// Endpoints not defined in the documents must already be stored.
	var outside []string
	for _, d := range docs {
		for _, r := range d.Relationships {
			for _, id := range []string{r.From, r.To} {
				if _, ok := kindOf[id]; !ok && !slices.Contains(outside, id) {
					outside = append(outside, id)
				}
			}
		}
		for _, n := range append(append([]Node{}, d.Sources...), d.Nodes...) {
			for _, e := range n.Evidence {
				src := cmpOr(e.Source, d.Source)
				if _, ok := kindOf[src]; !ok && src != "" && !slices.Contains(outside, src) {
					outside = append(outside, src)
				}
			}
		}
	}
	stored := map[string]bool{}
	if len(outside) > 0 && exists != nil {
		var err error
		if stored, err = exists(outside); err != nil {
			return Plan{}, err
		}
	}
	known := func(id string) (store.Kind, bool) {
		if k, ok := kindOf[id]; ok {
			return k, true
		}
		if stored[id] {
			k, ok := store.KindOfID(id)
			return k, ok
		}
		return "", false
	}
	for _, d := range docs {
		for i, n := range d.Nodes {
			for j, e := range n.Evidence {
				if src := cmpOr(e.Source, d.Source); src != "" {
					if k, ok := known(src); !ok || k != store.Source {
						add(d, fmt.Sprintf("nodes[%d].evidence[%d].source", i, j), "%q is not a known source", src)
					}
				}
			}
		}
		for i, r := range d.Relationships {
			path := fmt.Sprintf("relationships[%d]", i)
			t := store.RelType(r.Type)
			from, okFrom := known(r.From)
			to, okTo := known(r.To)
			switch {
			case !t.Valid() || t == store.MentionedIn:
				add(d, path+".type", "unknown relationship type %q (valid: %s)", r.Type, relTypeList())
			case !okFrom:
				add(d, path+".from", "%q is neither in the documents nor stored", r.From)
			case !okTo:
				add(d, path+".to", "%q is neither in the documents nor stored", r.To)
			case !t.Connects(from, to):
				add(d, path, "%s does not go from %s to %s", t, from, to)
			}
			if strings.TrimSpace(r.Quote) == "" {
				add(d, path+".quote", "the sentence that states the relationship is required")
			}
			src := cmpOr(r.Source, d.Source)
			if k, ok := known(src); !ok || k != store.Source {
				add(d, path+".source", "%q is not a known source", src)
			}
			props := map[string]any{}
			for k, v := range r.Properties {
				pv, err := propertyValue(v)
				switch {
				case store.IsReserved(k) || !propPattern.MatchString(k):
					add(d, path+".properties."+k, "not an allowed property name")
				case err != nil:
					add(d, path+".properties."+k, "%v", err)
				default:
					props[k] = pv
				}
			}
			plan.Rels = append(plan.Rels, store.RelWrite{From: r.From, To: r.To, Type: t, Props: props, Source: src, Quote: r.Quote})
		}
	}
	if len(problems) > 0 {
		return Plan{}, ProblemsError(problems)
	}
	return plan, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// propertyValue turns a decoded JSON value into one Neo4j can store: a string, integer, float or
// boolean, or a list of one of those.
func propertyValue(v any) (any, error) {
	switch x := v.(type) {
	case string, bool:
		return x, nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s is out of range", x)
		}
		return f, nil
	case []any:
		if len(x) == 0 {
			return []string{}, nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			ev, err := propertyValue(e)
			if err != nil {
				return nil, err
			}
			if _, isList := ev.([]any); isList {
				return nil, errors.New("lists of lists cannot be stored")
			}
			if i > 0 && fmt.Sprintf("%T", ev) != fmt.Sprintf("%T", out[0]) {
				return nil, errors.New("a list's items must all be of one type")
			}
			out[i] = ev
		}
		return out, nil
	case nil:
		return nil, errors.New("null is not a value; leave the property out")
	default:
		return nil, fmt.Errorf("a %T cannot be stored as a property (use a string, number, boolean or a list of one of those)", v)
	}
}

func kindList() string {
	var ks []string
	for _, k := range store.Kinds() {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

func relTypeList() string {
	var ts []string
	for _, t := range store.RelTypes() {
		if t != store.MentionedIn {
			ts = append(ts, string(t))
		}
	}
	return strings.Join(ts, ", ")
}

// Result is what an import did.
type Result struct {
	Files  []string
	Counts store.Counts
}

// Import reads, validates and writes the documents at paths (files or directories) in one
// transaction. It writes nothing when any document has a problem.
func Import(ctx context.Context, s *store.Store, paths []string, actor string) (Result, error) {
	files, err := Files(paths)
	if err != nil {
		return Result{}, err
	}
	docs := make([]*Document, 0, len(files))
	for _, f := range files {
		d, err := ReadDocument(f)
		if err != nil {
			return Result{}, err
		}
		docs = append(docs, d)
	}
	plan, err := Validate(docs, func(ids []string) (map[string]bool, error) { return s.ExistingIDs(ctx, ids) })
	if err != nil {
		return Result{}, err
	}
	counts, err := s.Write(ctx, plan.Nodes, plan.Rels, actor)
	if err != nil {
		return Result{}, err
	}
	return Result{Files: files, Counts: counts}, nil
}
