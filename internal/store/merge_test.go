package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"urbangraph/internal/errs"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// plantDuplicates writes, over the seed, one municipality twice (an English and a Bulgarian
// entity) with relationships of both, one the same (FOUNDED the seed's centre), one between them,
// and two more organisations to merge concurrently.
func plantDuplicates(t *testing.T, s *store.Store) {
	t.Helper()
	org := func(id string, names map[string]string, aliases ...string) store.NodeWrite {
		return store.NodeWrite{ID: id, Kind: store.Organisation, Names: names, Aliases: aliases, Props: map[string]any{"category": "MUNICIPALITY"},
			Evidence: []store.EvidenceWrite{{Source: seedSource, Quote: names["en"] + " was there.", Properties: []string{"category"}}}}
	}
	b := org("org:obshtina-varna", map[string]string{"en": "Obshtina Varna", "bg": "Община Варна"})
	b.Props["website"] = "https://varna.bg"
	b.Evidence[0].Properties = append(b.Evidence[0].Properties, "website")
	nodes := []store.NodeWrite{
		city("city:varna", "Varna"),
		org("org:varna-municipality", map[string]string{"en": "Varna Municipality"}, "Varna City Hall"),
		b,
		org("org:c", map[string]string{"en": "C"}), org("org:d", map[string]string{"en": "D"}), org("org:e", map[string]string{"en": "E"}),
	}
	rel := func(from string, t store.RelType, to, quote string) store.RelWrite {
		return store.RelWrite{From: from, Type: t, To: to, Source: seedSource, Quote: quote}
	}
	rels := []store.RelWrite{
		rel("org:obshtina-varna", "LOCATED_IN", "city:varna", "Община Варна е във Варна."),
		rel("org:varna-municipality", "FOUNDED", "centre:thessaloniki-digital-transformation", "Varna Municipality founded it."),
		rel("org:obshtina-varna", "FOUNDED", "centre:thessaloniki-digital-transformation", "Община Варна го създаде."),
		rel("org:varna-municipality", "PARTNER_OF", "org:obshtina-varna", "They work together."),
	}
	if _, err := s.ImportBatch(context.Background(), nodes, rels, "test", true); err != nil {
		t.Fatal(err)
	}
}

// Merging moves every relationship and piece of evidence, joins the relationship both had, drops
// the one between them, keeps the names, leaves a redirect, logs what it did, and leaves the past
// readable as it was.
func TestMergeEntities(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	plantDuplicates(t, s)
	time.Sleep(20 * time.Millisecond)
	before := time.Now()
	time.Sleep(20 * time.Millisecond)
	const keep, merge = "org:varna-municipality", "org:obshtina-varna"

	dry, err := s.Merge(ctx, keep, merge, true, "editor")
	want := store.MergeReport{Keep: keep, Merge: merge, Relationships: 2, Combined: 1, Dropped: 1, Evidence: 1,
		Names: []string{"Obshtina Varna", "Община Варна"}, Properties: []string{"website"}, DryRun: true}
	if err != nil || !equalReports(dry, want) {
		t.Fatalf("dry run: %+v, %v; want %+v", dry, err, want)
	}
	if _, err := s.Node(ctx, merge); err != nil {
		t.Fatalf("a dry run merged: %v", err)
	}

	got, err := s.Merge(ctx, keep, merge, false, "editor")
	want.DryRun = false
	if err != nil || !equalReports(got, want) {
		t.Fatalf("merge: %+v, %v; want %+v", got, err, want)
	}
	// The merged ID answers with the kept entity, which says so; the kept entity has its names.
	n, err := s.NodeOrRedirect(ctx, merge)
	if err != nil || n.ID != keep || !slices.Equal(n.Strings(store.MergedIDsProp), []string{merge}) ||
		n.Name("bg") != "Община Варна" || n.Name("en") != "Varna Municipality" ||
		!slices.Equal(n.Aliases(), []string{"Varna City Hall", "Obshtina Varna"}) || n.String("website") != "https://varna.bg" {
		t.Errorf("after the merge, %s reads %+v, %v", merge, n, err)
	}
	if _, err := s.Node(ctx, merge); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("the merged entity is still there: %v", err)
	}
	// Its relationships are the kept one's; the one both had has both sentences.
	if e, err := s.Edge(ctx, keep, "LOCATED_IN", "city:varna"); err != nil || !slices.Contains(e.Props["quotes"].([]any), any("Община Варна е във Варна.")) {
		t.Errorf("LOCATED_IN moved: %+v, %v", e, err)
	}
	e, err := s.Edge(ctx, keep, "FOUNDED", "centre:thessaloniki-digital-transformation")
	if _, quotes := e.Evidence(); err != nil || len(quotes) != 2 {
		t.Errorf("FOUNDED combined: %+v, %v", e, err)
	}
	if _, err := s.Edge(ctx, keep, "PARTNER_OF", keep); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("a loop was made: %v", err)
	}
	// Search finds one entity by either's names.
	hits, err := s.Search(ctx, "Община Варна", []store.Kind{store.Organisation}, 5, store.Projection{})
	if err != nil || len(hits) == 0 || hits[0].Node.ID != keep {
		t.Errorf("search after the merge: %+v, %v", hits, err)
	}
	// The log: one MERGE record on the merged entity, its deletion, and the kept entity's changes.
	changes, err := s.Changes(ctx, 0, 1000, nil, []string{merge})
	if err != nil || len(changes) == 0 || changes[len(changes)-1].Op != store.OpMerge || changes[len(changes)-1].Fields["mergedInto"][1] != keep {
		t.Errorf("the merged entity's history: %+v, %v", changes, err)
	}
	// Before the merge, each was as it was.
	old, err := s.AsOf(ctx, merge, before)
	if err != nil || old.Node.Name("bg") != "Община Варна" || len(old.Edges) != 3 {
		t.Errorf("%s as of before the merge: %+v, %v", merge, old, err)
	}
	kept, err := s.AsOf(ctx, keep, before)
	if err != nil || kept.Node.String("name_bg") != "" || len(kept.Edges) != 2 {
		t.Errorf("%s as of before the merge: %+v, %v", keep, kept, err)
	}
	// Merging it again is a conflict that names where it went; a missing entity is not found.
	if _, err := s.Merge(ctx, keep, merge, false, "editor"); !isConflict(err) {
		t.Errorf("merging again: %v, want a conflict", err)
	}
	if _, err := s.Merge(ctx, "org:nowhere", "org:c", false, "editor"); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("merging into nothing: %v", err)
	}
	if _, err := s.Merge(ctx, keep, "city:varna", false, "editor"); !isInput(err) {
		t.Errorf("merging a city into an organisation: %v", err)
	}
}

// Two concurrent merges of one entity: one merges, the other is a conflict. Two concurrent merges
// of different entities into one both land.
func TestConcurrentMerges(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	plantDuplicates(t, s)
	var wg sync.WaitGroup
	errsOf := make([]error, 4)
	for i, pair := range [][2]string{{"org:c", "org:d"}, {"org:c", "org:d"}, {"org:varna-municipality", "org:e"}, {"org:varna-municipality", "org:obshtina-varna"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errsOf[i] = s.Merge(ctx, pair[0], pair[1], false, "editor")
		}()
	}
	wg.Wait()
	if (errsOf[0] == nil) == (errsOf[1] == nil) || !isConflict(errsOf[0]) && !isConflict(errsOf[1]) {
		t.Errorf("the same merge twice at once: %v and %v, want one merge and one conflict", errsOf[0], errsOf[1])
	}
	if errsOf[2] != nil || errsOf[3] != nil {
		t.Errorf("two merges into one entity: %v, %v", errsOf[2], errsOf[3])
	}
	n, err := s.Node(ctx, "org:varna-municipality")
	if ids := n.Strings(store.MergedIDsProp); err != nil || len(ids) != 2 {
		t.Errorf("merged into org:varna-municipality: %v, %v", ids, err)
	}
}

func equalReports(a, b store.MergeReport) bool {
	return a.Keep == b.Keep && a.Merge == b.Merge && a.Relationships == b.Relationships && a.Combined == b.Combined &&
		a.Dropped == b.Dropped && a.Evidence == b.Evidence && slices.Equal(a.Names, b.Names) &&
		slices.Equal(a.Properties, b.Properties) && a.DryRun == b.DryRun
}

func isConflict(err error) bool {
	var c *errs.ConflictError
	return errors.As(err, &c)
}

func isInput(err error) bool {
	var in *errs.InputError
	return errors.As(err, &in)
}
