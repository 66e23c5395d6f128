package domain

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// JSON values from clients (GraphQL JSON arguments, import properties) become storable values or a
// clear error.
func FuzzPropertyValue(f *testing.F) {
	for _, s := range []string{`1`, `1.5`, `"x"`, `[1,2]`, `[1,"a"]`, `[[1]]`, `{"a":1}`, `null`, `true`, `1e400`, `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var v any
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			return
		}
		out, err := propertyValue(v)
		if err == nil && out == nil {
			t.Fatalf("%s: nil value without an error", raw)
		}
	})
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
