package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The committed build must be the build of the committed sources: stamp.mjs writes the hash of the
// sources into dist/build-hash.txt at build time, and this test hashes them the same way.
func TestTheCommittedBuildIsFresh(t *testing.T) {
	inputs := []string{"index.html", "playground.html", "examples.mjs", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts"}
	err := filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			inputs = append(inputs, filepath.ToSlash(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(inputs)
	h := sha256.New()
	for _, f := range inputs {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f + "\n"))
		h.Write(raw)
		h.Write([]byte("\n"))
	}
	want := hex.EncodeToString(h.Sum(nil))
	got, err := fs.ReadFile(Dist(), "build-hash.txt")
	if err != nil {
		t.Fatalf("no build stamp: run make web (%v)", err)
	}
	if strings.TrimSpace(string(got)) != want {
		t.Fatalf("web/dist was built from other sources than web/src: run `make web` and commit web/dist")
	}
	for _, page := range []string{"index.html", "playground.html"} {
		if _, err := fs.Stat(Dist(), page); err != nil {
			t.Fatal(err)
		}
	}
}

// The Playground opens with the example queries of the README, docs/examples.md and
// docs/geography.md: examples.mjs copies them into src/playground/examples.json at build time, and
// this test reads those pages the same way.
func TestThePlaygroundTabsAreTheREADMEExamples(t *testing.T) {
	var pages []string
	for _, f := range []string{"README.md", "docs/examples.md", "docs/geography.md"} {
		raw, err := os.ReadFile("../" + f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(raw))
	}
	raw := strings.Join(pages, "\n\n")
	type example struct {
		Description string `json:"description"`
		Query       string `json:"query"`
	}
	var want []example
	blocks := strings.Split(raw, "```")
	for i := 1; i+2 < len(blocks); i += 2 {
		if !strings.HasPrefix(blocks[i], "graphql\n") || !strings.HasPrefix(blocks[i+2], "json\n") {
			continue
		}
		paragraphs := strings.Split(strings.TrimSpace(blocks[i-1]), "\n\n")
		want = append(want, example{
			Description: strings.TrimSuffix(strings.Join(strings.Fields(paragraphs[len(paragraphs)-1]), " "), ":"),
			Query:       strings.TrimPrefix(blocks[i], "graphql\n"),
		})
	}
	var got []example
	file, err := os.ReadFile("src/playground/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(file, &got); err != nil {
		t.Fatal(err)
	}
	if len(want) < 7 || !reflect.DeepEqual(got, want) {
		t.Fatalf("web/src/playground/examples.json is not the %d examples of the README and docs: run `make web` and commit web/", len(want))
	}
}
