package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

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
