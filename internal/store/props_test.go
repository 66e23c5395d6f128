package store

import (
	"slices"
	"testing"
)

// The lists the reads, writes and the log use are the registry's classes: the same properties as
// the hand lists they replaced, and every store-managed property in one of them.
func TestPropertyClassesComeFromOneRegistry(t *testing.T) {
	if want := []string{"id", "kind", "name_en", "name_bg", "name_el", "aliases", "unnamed", "collective", "category", "population"}; !slices.Equal(LightProps, want) {
		t.Errorf("LightProps = %v, want %v", LightProps, want)
	}
	for _, p := range []string{"search_latin", "createdAt", "sources", "quotes", "location", "ref_aliases", "ref_search", EnglishDerivedProp, MergedIDsProp} {
		if !IsReserved(p) {
			t.Errorf("%s is not reserved", p)
		}
	}
	for _, p := range []string{"population", "category", "foundedYear", distanceKey} {
		if IsReserved(p) {
			t.Errorf("%s is reserved", p)
		}
	}
	if want := []string{"search_latin", "ref_search", "ref_aliases", "location", distanceKey}; !slices.Equal(internalProps, want) {
		t.Errorf("internal: %v, want %v", internalProps, want)
	}
	if want := []string{"id", "search_latin", "ref_search", "location", "createdAt", "createdBy", "updatedAt", "updatedBy"}; !slices.Equal(unlogged, want) {
		t.Errorf("unlogged: %v, want %v", unlogged, want)
	}
	seen := map[string]bool{}
	for _, p := range propRegistry {
		if seen[p.name] || p.class == 0 {
			t.Errorf("%s is declared twice or without a class", p.name)
		}
		seen[p.name] = true
	}
}
