package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// A text that names one known place N times, in one long list or in N sentences: reading it grows
// near-linearly with N (docs/benchmarks.md has the figures for N = 1,000 and 10,000).
func BenchmarkProposeRepeatedName(b *testing.B) {
	l := NewLinker(places)
	for _, shape := range []struct{ name, unit string }{
		{"list", "Ловеч, "},
		{"sentences", "Делегация от Ловеч посети Плевен. "},
	} {
		for _, n := range []int{1000, 10000} {
			text := strings.Repeat(shape.unit, n)
			b.Run(fmt.Sprintf("%s/N=%d", shape.name, n), func(b *testing.B) {
				for b.Loop() {
					if p := Propose(text, l); len(p.Mentions) < n {
						b.Fatalf("%d mentions of %d", len(p.Mentions), n)
					}
				}
			})
		}
	}
}
