package importer

import (
	"bytes"
	"fmt"
)

// Input is everything read from the files of an import.
type Input struct {
	Files    []string
	Sources  []NodeRow
	Nodes    []NodeRow
	Rels     []RelRow
	Problems []Problem // rows or files that could not be read at all
}

// Read reads every file of paths into memory. Only an unreadable path is an error; anything wrong
// inside a file is a Problem of the Input. Run does not use it: it streams the files (ReadEach).
func Read(paths []string) (*Input, error) {
	in := &Input{}
	files, err := ReadEach(paths, in)
	in.Files = files
	return in, err
}

func (in *Input) source(r NodeRow) { in.Sources = append(in.Sources, r) }

func (in *Input) node(r NodeRow) { in.Nodes = append(in.Nodes, r) }

func (in *Input) rel(r RelRow) { in.Rels = append(in.Rels, r) }

func (in *Input) problem(pos Pos, path, format string, args ...any) {
	in.Problems = append(in.Problems, Problem{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// The readers as methods of Input, for the fuzz tests.
func (in *Input) readDocument(file string, raw []byte) { readDocument(in, file, raw) }

func (in *Input) readLines(file string, raw []byte) { _ = readLines(in, file, bytes.NewReader(raw)) }

func (in *Input) readCSV(file string, raw []byte) { readCSV(in, file, bytes.NewReader(raw)) }

// Check checks all rows of an Input together, as Preview checks files.
func Check(in *Input, exists func(ids []string) (map[string]bool, error)) (Plan, error) {
	replay := func(s sink) error {
		for _, p := range in.Problems {
			s.problem(p.Pos, p.Path, "%s", p.Message)
		}
		for _, r := range in.Sources {
			s.source(r)
		}
		for _, r := range in.Nodes {
			s.node(r)
		}
		for _, r := range in.Rels {
			s.rel(r)
		}
		return nil
	}
	return plan(replay, Lookups{Exists: exists})
}
