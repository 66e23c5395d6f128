package args

import "testing"

// Cursors come from clients: any string either decodes to an offset that re-encodes to itself, or
// is refused; it never panics.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{EncodeCursor(0), EncodeCursor(20), "", "bm90LWEtY3Vyc29y", "o:-1", "%%%", "b2o5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		n, err := DecodeCursor(c)
		if err != nil {
			return
		}
		if n < 0 || decodeMust(t, EncodeCursor(n)) != n {
			t.Fatalf("cursor %q decoded to %d", c, n)
		}
	})
}

func decodeMust(t *testing.T, c string) int {
	n, err := DecodeCursor(c)
	if err != nil {
		t.Fatalf("own cursor %q refused: %v", c, err)
	}
	return n
}
