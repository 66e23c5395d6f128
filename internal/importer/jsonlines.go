package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"urbangraph/internal/domain"
)

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
