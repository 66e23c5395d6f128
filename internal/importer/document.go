package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"urbangraph/internal/domain"
)

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
// its own, so a bad item is reported with its line and the others still count. The rows are handed
// on only when the document's format is the one this importer reads.
func readDocument(in sink, file string, raw []byte) {
	d := &docReader{in: in, file: file, raw: raw, ls: newLines(raw), dec: json.NewDecoder(bytes.NewReader(raw))}
	d.dec.UseNumber()
	if !d.read() {
		return
	}
	if d.format != domain.Format {
		in.problem(Pos{File: file, Line: 1}, "format", "is %q, want %q; the file was not imported", d.format, domain.Format)
		return
	}
	for _, r := range d.sources {
		r.DefaultSource = d.defaultSource
		in.source(r)
	}
	for _, r := range d.nodes {
		r.DefaultSource = d.defaultSource
		in.node(r)
	}
	for _, r := range d.rels {
		r.DefaultSource = d.defaultSource
		in.rel(r)
	}
}

// docReader is one document being read: the decoder, and the rows read so far.
type docReader struct {
	in                    sink
	file                  string
	raw                   []byte
	ls                    lines
	dec                   *json.Decoder
	format, defaultSource string
	sources, nodes        []NodeRow
	rels                  []RelRow
}

// fail reports an error that stops the reading of the file, at the line where it happened.
func (d *docReader) fail(err error) bool {
	var syn *json.SyntaxError
	line := d.ls.at(d.dec.InputOffset())
	if errors.As(err, &syn) {
		line = d.ls.at(syn.Offset)
	}
	d.in.problem(Pos{File: d.file, Line: line}, "", "%v; the rest of the file was not read", err)
	return false
}

// read reads the document's object, key by key; false when the file could not be read to its end.
func (d *docReader) read() bool {
	if t, err := d.dec.Token(); err != nil || t != json.Delim('{') {
		if err == nil {
			err = errors.New("a document is a JSON object")
		}
		return d.fail(err)
	}
	for d.dec.More() {
		t, err := d.dec.Token()
		if err != nil {
			return d.fail(err)
		}
		key, _ := t.(string)
		switch key {
		case "format", "description", "source":
			var v string
			if err := d.dec.Decode(&v); err != nil {
				return d.fail(fmt.Errorf("%s: %w", key, err))
			}
			if key == "format" {
				d.format = v
			} else if key == "source" {
				d.defaultSource = v
			}
		case "sources", "nodes", "relationships":
			if !d.list(key) {
				return false
			}
		default:
			d.in.problem(Pos{File: d.file, Line: d.ls.at(d.dec.InputOffset())}, "", "unknown field %q", key)
			var skip json.RawMessage
			if err := d.dec.Decode(&skip); err != nil {
				return d.fail(err)
			}
		}
	}
	return true
}

// list reads the list under key, item by item; a bad item is a problem of its own.
func (d *docReader) list(key string) bool {
	if t, err := d.dec.Token(); err != nil || t != json.Delim('[') {
		return d.fail(fmt.Errorf("%s must be a list", key))
	}
	for i := 0; d.dec.More(); i++ {
		start := d.dec.InputOffset()
		var item json.RawMessage
		if err := d.dec.Decode(&item); err != nil {
			return d.fail(err)
		}
		d.item(key, Pos{File: d.file, Line: d.ls.at(itemStart(d.raw, start))}, fmt.Sprintf("%s[%d]", key, i), item)
	}
	if _, err := d.dec.Token(); err != nil {
		return d.fail(err)
	}
	return true
}

// item decodes one item of sources, nodes or relationships.
func (d *docReader) item(key string, pos Pos, path string, item json.RawMessage) {
	if !utf8.Valid(item) {
		d.in.problem(pos, path, "not valid UTF-8")
		return
	}
	if key == "relationships" {
		var r domain.Rel
		if err := strictDecode(item, &r); err != nil {
			d.in.problem(pos, path, "%v", err)
			return
		}
		d.rels = append(d.rels, RelRow{Pos: pos, Path: path, Rel: r})
		return
	}
	var n domain.Node
	if err := strictDecode(item, &n); err != nil {
		d.in.problem(pos, path, "%v", err)
		return
	}
	row := NodeRow{Pos: pos, Path: path, Node: n, IsSource: key == "sources"}
	if key == "sources" {
		d.sources = append(d.sources, row)
	} else {
		d.nodes = append(d.nodes, row)
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

// itemStart is the offset of the first byte of the item after offset (past spaces and a comma).
func itemStart(raw []byte, offset int64) int64 {
	rest := raw[offset:]
	return offset + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n,")))
}
