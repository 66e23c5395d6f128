package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"urbangraph/internal/domain"
)

// Pos is where a row was read.
type Pos struct {
	File string
	Line int
}

// NodeRow is one entity as read, with where it came from.
type NodeRow struct {
	Pos
	Path          string // e.g. nodes[3]; empty for line formats
	Node          domain.Node
	IsSource      bool
	DefaultSource string
}

// RelRow is one relationship as read (one per source sentence).
type RelRow struct {
	Pos
	Path          string
	Rel           domain.Rel
	DefaultSource string
}

// Problem is one rule a row (or a file) breaks.
type Problem struct {
	Pos
	Path, Message string
}

func (p Problem) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
	}
	if p.Path != "" {
		s += ": " + p.Path
	}
	return s + ": " + p.Message
}

// ProblemsError lists every problem of an import that wrote nothing (strict mode).
type ProblemsError []Problem

func (e ProblemsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s), nothing written:", len(e))
	for _, p := range e {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// Input is everything read from the files of an import.
type Input struct {
	Files    []string
	Sources  []NodeRow
	Nodes    []NodeRow
	Rels     []RelRow
	Problems []Problem // rows or files that could not be read at all
}

// Extensions of the files an import reads; a directory stands for its files with these endings.
var Extensions = []string{".json", ".jsonl", ".ndjson", ".csv"}

// Files expands paths: a directory stands for its files with a known ending, in name order.
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
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		var inDir []string
		for _, e := range entries {
			if !e.IsDir() && slices.Contains(Extensions, strings.ToLower(filepath.Ext(e.Name()))) {
				inDir = append(inDir, filepath.Join(p, e.Name()))
			}
		}
		sort.Strings(inDir)
		files = append(files, inDir...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %s files in %s", strings.Join(Extensions, ", "), strings.Join(paths, ", "))
	}
	return files, nil
}

// A sink receives the rows and problems the readers find, in file order.
type sink interface {
	source(NodeRow)
	node(NodeRow)
	rel(RelRow)
	problem(pos Pos, path, format string, args ...any)
}

// Read reads every file of paths into memory. Only an unreadable path is an error; anything wrong
// inside a file is a Problem of the Input. Run does not use it: it streams the files (ReadEach).
func Read(paths []string) (*Input, error) {
	in := &Input{}
	files, err := ReadEach(paths, in)
	in.Files = files
	return in, err
}

// ReadEach reads every file of paths, handing each row to s as it is read: JSON Lines and CSV
// files line by line, a JSON document whole. It returns the files read.
func ReadEach(paths []string, s sink) ([]string, error) {
	files, err := Files(paths)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".json":
			raw, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			readDocument(s, f, raw)
		case ".jsonl", ".ndjson", ".csv":
			file, err := os.Open(f)
			if err != nil {
				return nil, err
			}
			if strings.EqualFold(filepath.Ext(f), ".csv") {
				readCSV(s, f, file)
			} else {
				err = readLines(s, f, file)
			}
			file.Close()
			if err != nil {
				return nil, err
			}
		default:
			s.problem(Pos{File: f}, "", "unknown file type (want %s)", strings.Join(Extensions, ", "))
		}
	}
	return files, nil
}

func (in *Input) source(r NodeRow) { in.Sources = append(in.Sources, r) }
func (in *Input) node(r NodeRow)   { in.Nodes = append(in.Nodes, r) }
func (in *Input) rel(r RelRow)     { in.Rels = append(in.Rels, r) }

func (in *Input) problem(pos Pos, path, format string, args ...any) {
	in.Problems = append(in.Problems, Problem{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// The readers as methods of Input, for the fuzz tests.
func (in *Input) readDocument(file string, raw []byte) { readDocument(in, file, raw) }
func (in *Input) readLines(file string, raw []byte)    { _ = readLines(in, file, bytes.NewReader(raw)) }
func (in *Input) readCSV(file string, raw []byte)      { readCSV(in, file, bytes.NewReader(raw)) }

// lines maps byte offsets to line numbers.
type lines []int

func newLines(raw []byte) lines {
	idx := lines{0}
	for i, b := range raw {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lines) at(offset int64) int {
	return sort.Search(len(l), func(i int) bool { return int64(l[i]) > offset })
}

// readDocument streams a JSON document: each item of sources, nodes and relationships is decoded on
// its own, so a bad item is reported with its line and the others still count.
func readDocument(in sink, file string, raw []byte) {
	ls := newLines(raw)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	fail := func(err error) {
		var syn *json.SyntaxError
		line := ls.at(dec.InputOffset())
		if errors.As(err, &syn) {
			line = ls.at(syn.Offset)
		}
		in.problem(Pos{File: file, Line: line}, "", "%v; the rest of the file was not read", err)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		if err == nil {
			err = errors.New("a document is a JSON object")
		}
		fail(err)
		return
	}
	var format, defaultSource string
	var sources, nodes []NodeRow
	var rels []RelRow
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			fail(err)
			return
		}
		key, _ := t.(string)
		switch key {
		case "format", "description", "source":
			var v string
			if err := dec.Decode(&v); err != nil {
				fail(fmt.Errorf("%s: %w", key, err))
				return
			}
			if key == "format" {
				format = v
			} else if key == "source" {
				defaultSource = v
			}
		case "sources", "nodes", "relationships":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				fail(fmt.Errorf("%s must be a list", key))
				return
			}
			for i := 0; dec.More(); i++ {
				start := dec.InputOffset()
				var item json.RawMessage
				if err := dec.Decode(&item); err != nil {
					fail(err)
					return
				}
				pos := Pos{File: file, Line: ls.at(itemStart(raw, start))}
				path := fmt.Sprintf("%s[%d]", key, i)
				if !utf8.Valid(item) {
					in.problem(pos, path, "not valid UTF-8")
					continue
				}
				if key == "relationships" {
					var r domain.Rel
					if err := strictDecode(item, &r); err != nil {
						in.problem(pos, path, "%v", err)
						continue
					}
					rels = append(rels, RelRow{Pos: pos, Path: path, Rel: r})
				} else {
					var n domain.Node
					if err := strictDecode(item, &n); err != nil {
						in.problem(pos, path, "%v", err)
						continue
					}
					row := NodeRow{Pos: pos, Path: path, Node: n, IsSource: key == "sources"}
					if key == "sources" {
						sources = append(sources, row)
					} else {
						nodes = append(nodes, row)
					}
				}
			}
			if _, err := dec.Token(); err != nil {
				fail(err)
				return
			}
		default:
			in.problem(Pos{File: file, Line: ls.at(dec.InputOffset())}, "", "unknown field %q", key)
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(err)
				return
			}
		}
	}
	if format != domain.Format {
		in.problem(Pos{File: file, Line: 1}, "format", "is %q, want %q; the file was not imported", format, domain.Format)
		return
	}
	for _, r := range sources {
		r.DefaultSource = defaultSource
		in.source(r)
	}
	for _, r := range nodes {
		r.DefaultSource = defaultSource
		in.node(r)
	}
	for _, r := range rels {
		r.DefaultSource = defaultSource
		in.rel(r)
	}
}

// strictDecode decodes one item, refusing unknown fields.
func strictDecode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return fmt.Errorf("%s: want %s, found %s", typ.Field, typ.Type, typ.Value)
		}
		return err
	}
	return nil
}

// readLines reads JSON Lines: one object a line, a relationship when it has "from", else an entity
// (a source when its kind is SOURCE). Blank lines are skipped. Only a failing reader is an error.
func readLines(in sink, file string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 1<<16)
	f, ok := in.(interface{ wantsEntities() bool })
	skipEntities := ok && !f.wantsEntities()
	for i := 0; ; i++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err == io.EOF && len(line) == 0 {
			return nil
		}
		pos := Pos{File: file, Line: i + 1}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || (skipEntities && !mayBeRel(line)) {
			continue
		}
		if !utf8.Valid(line) {
			in.problem(pos, "", "not valid UTF-8")
			continue
		}
		if fastLine(in, pos, line) {
			continue
		}
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(line, &probe); err != nil {
			in.problem(pos, "", "not a JSON object: %v", err)
			continue
		}
		if _, isRel := probe["from"]; isRel {
			var r domain.Rel
			if err := strictDecode(line, &r); err != nil {
				in.problem(pos, "", "%v", err)
				continue
			}
			in.rel(RelRow{Pos: pos, Rel: r})
			continue
		}
		var n domain.Node
		if err := strictDecode(line, &n); err != nil {
			in.problem(pos, "", "%v", err)
			continue
		}
		if n.Kind == "SOURCE" {
			in.source(NodeRow{Pos: pos, Node: n, IsSource: true})
		} else {
			in.node(NodeRow{Pos: pos, Node: n})
		}
	}
}

// mayBeRel is false only for lines that cannot be relationships: without a "from" key, even one
// written with a \u escape. A pass that wants only relationships skips the others unread.
func mayBeRel(line []byte) bool {
	return bytes.Contains(line, []byte(`"from"`)) || bytes.Contains(line, []byte(`\u`))
}

// fastLine reads a well-formed line with one decoding instead of two (the probe for "from", then
// the row). It reports false when the line needs the general path, which then says exactly what is
// wrong with it: the fast path takes only lines the general path would read the same way.
func fastLine(in sink, pos Pos, line []byte) bool {
	if bytes.Contains(line, []byte(`"from"`)) {
		var r domain.Rel
		if decodeWhole(line, &r) != nil || r.From == "" {
			return false
		}
		in.rel(RelRow{Pos: pos, Rel: r})
		return true
	}
	var n domain.Node
	if decodeWhole(line, &n) != nil || bytes.Equal(bytes.TrimSpace(line), []byte("null")) {
		return false
	}
	if n.Kind == "SOURCE" {
		in.source(NodeRow{Pos: pos, Node: n, IsSource: true})
	} else {
		in.node(NodeRow{Pos: pos, Node: n})
	}
	return true
}

// decodeWhole is strictDecode that also refuses anything after the value.
func decodeWhole(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if len(bytes.TrimSpace(raw[dec.InputOffset():])) > 0 {
		return errors.New("more after the value")
	}
	return nil
}

// readCSV reads nodes.csv or edges.csv as `urbangraph export --format csv` writes them; the header
// says which.
func readCSV(in sink, file string, src io.Reader) {
	r := csv.NewReader(bufio.NewReaderSize(src, 1<<16))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		in.problem(Pos{File: file, Line: 1}, "", "no CSV header: %v", err)
		return
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	isEdges := has(col, "from", "type", "to")
	if !isEdges && !has(col, "id", "kind", "name_en") {
		in.problem(Pos{File: file, Line: 1}, "", "the header has neither id,kind,name_en (nodes) nor from,type,to (edges)")
		return
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		pos := Pos{File: file}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pos.Line = pe.StartLine
			}
			in.problem(pos, "", "%v", err)
			if pe == nil || pe.Err == csv.ErrFieldCount {
				continue
			}
			return
		}
		pos.Line, _ = r.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if !utf8.ValidString(strings.Join(rec, "")) {
			in.problem(pos, "", "not valid UTF-8")
			continue
		}
		if isEdges {
			var props map[string]any
			var sources, quotes []string
			if err := jsonCells(map[string]any{"properties": &props, "sources": &sources, "quotes": &quotes}, get); err != nil {
				in.problem(pos, "", "%v", err)
				continue
			}
			if len(sources) != len(quotes) || len(sources) == 0 {
				in.problem(pos, "quotes", "sources and quotes must be lists of the same, non-zero length")
				continue
			}
			for i := range sources {
				in.rel(RelRow{Pos: pos, Rel: domain.Rel{From: get("from"), Type: get("type"), To: get("to"),
					Properties: props, Source: sources[i], Quote: quotes[i]}})
			}
			continue
		}
		n := domain.Node{ID: get("id"), Kind: get("kind"), Names: map[string]string{}}
		for _, l := range []string{"en", "bg", "el"} {
			if v := get("name_" + l); v != "" {
				n.Names[l] = v
			}
		}
		n.Unnamed, n.Collective = get("unnamed") == "true", get("collective") == "true"
		if err := jsonCells(map[string]any{"aliases": &n.Aliases, "properties": &n.Properties, "evidence": &n.Evidence}, get); err != nil {
			in.problem(pos, "", "%v", err)
			continue
		}
		row := NodeRow{Pos: pos, Node: n, IsSource: n.Kind == "SOURCE"}
		if row.IsSource {
			in.source(row)
		} else {
			in.node(row)
		}
	}
}

func has(col map[string]int, names ...string) bool {
	for _, n := range names {
		if _, ok := col[n]; !ok {
			return false
		}
	}
	return true
}

// jsonCells decodes the cells that hold JSON (lists and objects); an empty cell stays empty.
func jsonCells(targets map[string]any, get func(string) string) error {
	for name, target := range targets {
		cell := strings.TrimSpace(get(name))
		if cell == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(cell))
		dec.UseNumber()
		if err := dec.Decode(target); err != nil {
			return fmt.Errorf("%s: not the JSON this column holds: %v", name, err)
		}
	}
	return nil
}

// itemStart is the offset of the first byte of the item after offset (past spaces and a comma).
func itemStart(raw []byte, offset int64) int64 {
	rest := raw[offset:]
	return offset + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n,")))
}
