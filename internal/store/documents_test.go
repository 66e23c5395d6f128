package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// Eight saves of one text at once store it once: one is created, the others find it (created
// false, the same ID), and none fails on the hash's constraint. Five texts, so that the race is met.
func TestConcurrentSavesOfOneTextStoreItOnce(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	for round := range 5 {
		doc := store.DocumentWrite{Source: store.NodeWrite{ID: fmt.Sprintf("source:memo-%d", round), Kind: store.Source,
			Names: map[string]string{"en": "Memo"}, Props: map[string]any{"documentType": "ingested text"}},
			Hash: fmt.Sprintf("%064d", round), Text: "A memo.", Format: "text"}
		type result struct {
			id      string
			created bool
			err     error
		}
		results := make([]result, 8)
		var wg sync.WaitGroup
		for i := range results {
			wg.Go(func() {
				id, created, err := s.SaveDocument(context.Background(), doc, "test")
				results[i] = result{id, created, err}
			})
		}
		wg.Wait()
		created := 0
		for _, r := range results {
			if r.err != nil {
				t.Fatalf("round %d: %v", round, r.err)
			}
			if r.id != doc.Source.ID {
				t.Errorf("round %d: %s, want %s", round, r.id, doc.Source.ID)
			}
			if r.created {
				created++
			}
		}
		if created != 1 {
			t.Errorf("round %d: created %d times", round, created)
		}
	}
}
