package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The committed build must be the build of the committed sources: stamp.mjs writes the hash of the
// sources into dist/build-hash.txt at build time, and this test hashes them the same way.
func TestTheCommittedBuildIsFresh(t *testing.T) {
	inputs := []string{"index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts"}
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
	if _, err := fs.Stat(Dist(), "index.html"); err != nil {
		t.Fatal(err)
	}
}
