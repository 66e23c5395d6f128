package domain

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"urbangraph/internal/store"
)

// Every ID the program makes comes from ID: no other Go code, and no Cypher in it, joins a kind's
// prefix to a name. (The one place that writes "prefix:" is store's Kind.IDPrefix, which ID uses.)
func TestIDsAreMintedInOnePlace(t *testing.T) {
	var names []string
	for _, k := range store.Kinds() {
		names = append(names, regexp.QuoteMeta(k.Prefix()))
	}
	kinds := strings.Join(names, "|")
	minting := []*regexp.Regexp{
		regexp.MustCompile(`Prefix\(\)\s*\+\s*":"`),                                  // k.Prefix() + ":" + …
		regexp.MustCompile(`["'](` + kinds + `):%?["']?\s*\+|["'](` + kinds + `):%`), // "city:" + …, 'city:' + … (Cypher), "city:%s"
		regexp.MustCompile(`\+\s*":"\s*\+\s*(domain\.)?Slug\(`),                      // … + ":" + Slug(…)
	}
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(self), "..", "..")
	allowed := map[string]bool{"internal/domain/id.go": true, "internal/store/model.go": true}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || rel == "tmp" || rel == "bin" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || allowed[filepath.ToSlash(rel)] {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue
			}
			for _, re := range minting {
				if re.MatchString(line) {
					t.Errorf("%s:%d builds an ID itself; call domain.ID: %s", rel, i+1, strings.TrimSpace(line))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ID folds any script to the same slug: a name in Greek, in Bulgarian or in English with its
// accents meets one ID; a name with nothing to slug has none.
func TestIDFromAnyScript(t *testing.T) {
	for name, want := range map[string]string{
		"Thessaloníki": "city:thessaloniki", "Thessaloniki": "city:thessaloniki", "": "", "—": "",
		"alexandria ro": "city:alexandria-ro", "already-a-slug": "city:already-a-slug",
	} {
		if got := ID(store.City, name); got != want {
			t.Errorf("ID(CITY, %q) = %q, want %q", name, got, want)
		}
	}
}
