package reference

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Write writes the dataset as JSON Lines into dir (which it creates): sources.jsonl,
// countries.jsonl, and cities-XX.jsonl per country (its cities, then their LOCATED_IN
// relationships) and README.md (licences, attribution, counts), replacing the files of an earlier build. Lines are in a stable order, so that a
// rebuild from the same packages changes nothing.
func (d Dataset) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	if err := writeLines(filepath.Join(dir, "sources.jsonl"), d.Sources); err != nil {
		return err
	}
	if err := writeLines(filepath.Join(dir, "countries.jsonl"), d.Countries); err != nil {
		return err
	}
	codes := make([]string, 0, len(d.Cities))
	for code := range d.Cities {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		rows := make([]any, 0, 2*len(d.Cities[code]))
		for _, n := range d.Cities[code] {
			rows = append(rows, n)
		}
		for _, r := range d.Located[code] {
			rows = append(rows, r)
		}
		if err := writeLines(filepath.Join(dir, "cities-"+strings.ToLower(code)+".jsonl"), rows); err != nil {
			return err
		}
	}
	return d.writeReadme(dir, d.Versions, len(d.Regions))
}

func writeLines[T any](path string, rows []T) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
