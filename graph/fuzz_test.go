package graph

import (
	"regexp"
	"testing"
)

// Cursors come from clients: any string either decodes to an offset that re-encodes to itself, or
// is refused; it never panics.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{encodeCursor(0), encodeCursor(20), "", "bm90LWEtY3Vyc29y", "o:-1", "%%%", "b2o5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		n, err := decodeCursor(c)
		if err != nil {
			return
		}
		if n < 0 || decodeMust(t, encodeCursor(n)) != n {
			t.Fatalf("cursor %q decoded to %d", c, n)
		}
	})
}

func decodeMust(t *testing.T, c string) int {
	n, err := decodeCursor(c)
	if err != nil {
		t.Fatalf("own cursor %q refused: %v", c, err)
	}
	return n
}

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
