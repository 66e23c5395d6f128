package reference

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"urbangraph/internal/domain"
)

// Read reads the JSON Lines files Write wrote in dir: every entity (sources, countries, cities) in
// file and line order, and every relationship. The search-quality measure, the document linker's
// tests and the gazetteer's own tests read it so.
func Read(dir string) ([]domain.Node, []domain.Rel, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no *.jsonl in %s: run make reference", dir)
	}
	var nodes []domain.Node
	var rels []domain.Rel
	for _, f := range files {
		if err := readFile(f, &nodes, &rels); err != nil {
			return nil, nil, err
		}
	}
	return nodes, rels, nil
}

func readFile(path string, nodes *[]domain.Node, rels *[]domain.Rel) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var err error
		if bytes.Contains(sc.Bytes(), []byte(`"from":`)) {
			var r domain.Rel
			err = json.Unmarshal(sc.Bytes(), &r)
			*rels = append(*rels, r)
		} else {
			var n domain.Node
			err = json.Unmarshal(sc.Bytes(), &n)
			*nodes = append(*nodes, n)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}
