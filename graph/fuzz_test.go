package graph

import (
	"regexp"
	"testing"
)

var slugPattern = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// Slugs made from any English name are valid ID slugs (or empty, which the API refuses).
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Stara Zagora", "Θεσσαλονίκη", "Община Солун", "  --  ", "a\x00b", "北京", "Crème brûlée!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if s := Slug(name); !slugPattern.MatchString(s) {
			t.Fatalf("Slug(%q) = %q", name, s)
		}
	})
}
