package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

const seedSource = "source:stara-zagora-thessaloniki-seminar"

func city(id, name string) store.NodeWrite {
	return store.NodeWrite{ID: id, Kind: store.City, Names: map[string]string{"en": name},
		Evidence: []store.EvidenceWrite{{Source: seedSource, Quote: name + " is a city."}}}
}

// lastSeq is the newest sequence number of the log.
func lastSeq(t *testing.T, s *store.Store) int64 {
	t.Helper()
	all, err := s.Changes(context.Background(), 0, 1_000_000, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Seq
}

// 20 writers, 1,000 writes at once: every write has its record, numbered once each with no gap,
// each writer's in the order it wrote them, and the times of the records in the order of their
// numbers (numbers are taken in commit order).
func TestSequenceNumbersAreGapFreeUnderConcurrentWriters(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	start := lastSeq(t, s)
	const writers, each = 20, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := fmt.Sprintf("city:log-%d-%d", w, i)
				if _, err := s.Write(ctx, []store.NodeWrite{city(id, id)}, nil, fmt.Sprintf("writer-%d", w)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, err := s.Changes(ctx, start, 2*writers*each, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != writers*each {
		t.Fatalf("%d records for %d writes", len(got), writers*each)
	}
	lastOf := map[string]int{} // writer -> the last write number seen
	for i, c := range got {
		if c.Seq != start+int64(i)+1 {
			t.Fatalf("record %d has number %d: a gap or a repeat after %d", i, c.Seq, start)
		}
		if i > 0 && c.At.Before(got[i-1].At) {
			t.Errorf("record %d was made before record %d", c.Seq, got[i-1].Seq)
		}
		var w, n int
		if _, err := fmt.Sscanf(c.Entity, "city:log-%d-%d", &w, &n); err != nil || c.Op != store.OpCreate || c.Actor != fmt.Sprintf("writer-%d", w) {
			t.Fatalf("record %d: %+v", c.Seq, c)
		}
		if last, ok := lastOf[c.Actor]; ok && n != last+1 {
			t.Errorf("%s's write %d comes after its write %d", c.Actor, n, last)
		}
		lastOf[c.Actor] = n
		if c.Fields["name_en"][1] != c.Entity {
			t.Errorf("record %d: fields %v", c.Seq, c.Fields)
		}
	}
}

// A write that fails leaves no record: nothing it wrote, and no number taken.
func TestAFailedWriteLeavesNoRecord(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ctx := context.Background()
	start := lastSeq(t, s)
	_, err := s.Write(ctx, []store.NodeWrite{city("city:doomed", "Doomed")},
		[]store.RelWrite{{From: "city:doomed", Type: "LOCATED_IN", To: "country:nowhere", Source: seedSource, Quote: "Doomed is nowhere."}}, "editor")
	if err == nil {
		t.Fatal("a relationship to a missing entity was written")
	}
	conflict := city("city:plovdiv", "Plovdiv the Second")
	conflict.CreateOnly = true
	if _, err := s.Write(ctx, []store.NodeWrite{conflict}, nil, "editor"); err == nil {
		t.Fatal("a create-only write over another entity was written")
	}
	if end := lastSeq(t, s); end != start {
		t.Errorf("failed writes left records %d..%d", start+1, end)
	}
	// The next write takes the next number.
	if _, err := s.Write(ctx, []store.NodeWrite{city("city:survivor", "Survivor")}, nil, "editor"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Changes(ctx, start, 10, nil, nil)
	if len(got) != 1 || got[0].Seq != start+1 || got[0].Entity != "city:survivor" {
		t.Errorf("after the failures: %+v", got)
	}
	t.Cleanup(func() { neo4jtest.Seeded(t) })
}

// Each kind of write leaves its records, with the fields before and after: an update, an unlink,
// a delete with its relationships.
func TestWritesRecordWhatChangedBeforeAndAfter(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	start := lastSeq(t, s)
	upd := city("city:plovdiv", "Plovdiv")
	upd.Names["bg"] = "Пловдив"
	upd.Names["el"] = "Φιλιππούπολη"
	upd.Props = map[string]any{"population": int64(346893)}
	upd.Evidence[0].Properties = []string{"population"}
	if _, err := s.Write(ctx, []store.NodeWrite{upd}, nil, "editor"); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Unlink(ctx, "org:plovdiv-municipality", "LOCATED_IN", "city:plovdiv", "editor"); !ok || err != nil {
		t.Fatalf("unlink: %v %v", ok, err)
	}
	if _, err := s.Delete(ctx, "practice:plovdiv-municipality-good-practices", true, "admin"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Changes(ctx, start, 100, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	byOp := map[string][]store.Change{}
	for _, c := range got {
		byOp[c.Op] = append(byOp[c.Op], c)
	}
	if u := byOp[store.OpUpdate]; len(u) != 1 || u[0].Entity != "city:plovdiv" || u[0].Fields["population"][0] != nil ||
		u[0].Fields["population"][1] != float64(346893) || len(u[0].Fields) != 1 {
		t.Errorf("the update: %+v", u)
	}
	if d := byOp[store.OpDeleteRel]; len(d) < 2 || d[0].From != "org:plovdiv-municipality" || d[0].Type != "LOCATED_IN" || d[0].Actor != "editor" {
		t.Errorf("the relationships removed: %+v", d)
	}
	if d := byOp[store.OpDelete]; len(d) != 1 || d[0].Entity != "practice:plovdiv-municipality-good-practices" || d[0].Actor != "admin" ||
		d[0].Fields["name_en"][0] == nil || d[0].Fields["name_en"][1] != nil {
		t.Errorf("the delete: %+v", d)
	}
	// The history of an entity, newest first; of a relationship.
	h, err := s.History(ctx, "city:plovdiv", "", "", "", 0, 10)
	if err != nil || len(h) < 2 || h[0].Seq < h[1].Seq {
		t.Errorf("Plovdiv's history: %+v, %v", h, err)
	}
	e, err := s.History(ctx, "", "org:plovdiv-municipality", "LOCATED_IN", "city:plovdiv", 0, 10)
	if err != nil || len(e) != 1 || e[0].Op != store.OpDeleteRel {
		t.Errorf("the relationship's history: %+v, %v", e, err)
	}
}

// ChangeMatches (the feed's filter in memory) selects exactly the records Changes selects in Cypher,
// for each kind of record: import batches (no entity), entities, relationships (either end).
func TestChangeMatchesSelectsAsChangesDoes(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	if _, err := s.Write(ctx, []store.NodeWrite{city("city:ruse", "Ruse")}, nil, "editor"); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Unlink(ctx, "org:plovdiv-municipality", "LOCATED_IN", "city:plovdiv", "editor"); !ok || err != nil {
		t.Fatalf("unlink: %v %v", ok, err)
	}
	all, err := s.Changes(ctx, 0, 10_000, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	filters := []struct {
		kinds []store.Kind
		ids   []string
	}{
		{nil, nil},
		{[]store.Kind{store.City}, nil},
		{[]store.Kind{store.Organisation, store.Practice}, nil},
		{nil, []string{"city:ruse"}},
		{nil, []string{"city:plovdiv"}},                              // the end of a relationship
		{[]store.Kind{store.Organisation}, []string{"city:plovdiv"}}, // both
		{[]store.Kind{store.City}, []string{"org:nowhere"}},          // nothing
	}
	for _, f := range filters {
		want, err := s.Changes(ctx, 0, 10_000, f.kinds, f.ids)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, c := range all {
			if store.ChangeMatches(c, f.kinds, f.ids) {
				got = append(got, c.Seq)
			}
		}
		var wantSeqs []int64
		for _, c := range want {
			wantSeqs = append(wantSeqs, c.Seq)
		}
		if fmt.Sprint(got) != fmt.Sprint(wantSeqs) {
			t.Errorf("kinds %v, ids %v: in memory %v, in Cypher %v", f.kinds, f.ids, got, wantSeqs)
		}
	}
	if n := len(all); n < 4 {
		t.Errorf("only %d records to compare", n)
	}
}
