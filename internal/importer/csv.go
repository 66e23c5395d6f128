package importer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

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
			csvEdge(in, pos, get)
		} else {
			csvNode(in, pos, get)
		}
	}
}

// csvEdge reads one row of edges.csv: a relationship for each of its source sentences.
func csvEdge(in sink, pos Pos, get func(string) string) {
	var props map[string]any
	var sources, quotes []string
	if err := jsonCells(map[string]any{"properties": &props, "sources": &sources, "quotes": &quotes}, get); err != nil {
		in.problem(pos, "", "%v", err)
		return
	}
	if len(sources) != len(quotes) || len(sources) == 0 {
		in.problem(pos, "quotes", "sources and quotes must be lists of the same, non-zero length")
		return
	}
	for i := range sources {
		in.rel(RelRow{Pos: pos, Rel: domain.Rel{From: get("from"), Type: get("type"), To: get("to"),
			Properties: props, Source: sources[i], Quote: quotes[i]}})
	}
}

// csvNode reads one row of nodes.csv: an entity, or a source.
func csvNode(in sink, pos Pos, get func(string) string) {
	n := domain.Node{ID: get("id"), Kind: get("kind"), Names: map[string]string{}}
	for _, l := range store.Langs {
		if v := get("name_" + l); v != "" {
			n.Names[l] = v
		}
	}
	n.Unnamed, n.Collective = get("unnamed") == "true", get("collective") == "true"
	if err := jsonCells(map[string]any{"aliases": &n.Aliases, "properties": &n.Properties, "evidence": &n.Evidence}, get); err != nil {
		in.problem(pos, "", "%v", err)
		return
	}
	row := NodeRow{Pos: pos, Node: n, IsSource: n.Kind == "SOURCE"}
	if row.IsSource {
		in.source(row)
	} else {
		in.node(row)
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
