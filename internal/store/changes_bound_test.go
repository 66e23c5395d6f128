package store_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// fillLog adds n records of other entities to the log (as many writes would), numbered after its
// counter.
func fillLog(t *testing.T, s *store.Store, n int) {
	t.Helper()
	err := s.WriteForTest(context.Background(), `MATCH (l:ChangeLog {id: 'changes'})
WITH l, l.seq AS base SET l.seq = base + `+strconv.Itoa(n)+`
WITH base UNWIND range(1, `+strconv.Itoa(n)+`) AS i
CREATE (c:Change:ChangeOfCity {seq: base + i, at: datetime.realtime(), actor: 'test', op: 'UPDATE',
        entity: 'city:filler-' + (i % 1000), fields: '{}'})`)
	if err != nil {
		t.Fatal(err)
	}
}

// Each of the log's reads costs Neo4j about what it returns, whatever the log's size: with 20,000
// records of other entities in the log, PROFILE counts the database hits of each, and each stays
// under a bound a scan of the log would pass a hundred times over.
func TestTheLogsReadsAreBoundedByWhatTheyReturn(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	for _, w := range []store.NodeWrite{
		{ID: "city:varna", Kind: store.City, Names: map[string]string{"en": "Varna"}, Props: map[string]any{"population": 330000},
			Evidence: []store.EvidenceWrite{{Source: "source:stara-zagora-thessaloniki-seminar", Quote: "Varna.", Properties: []string{"population"}}}},
	} {
		if _, err := s.Write(ctx, []store.NodeWrite{w}, nil, "test"); err != nil {
			t.Fatal(err)
		}
	}
	before := time.Now()
	fillLog(t, s, 20000)
	w := store.NodeWrite{ID: "city:varna", Kind: store.City, Names: map[string]string{"en": "Varna"}, Props: map[string]any{"population": 336000},
		Evidence: []store.EvidenceWrite{{Source: "source:stara-zagora-thessaloniki-seminar", Quote: "Varna.", Properties: []string{"population"}}}}
	if _, err := s.Write(ctx, []store.NodeWrite{w}, nil, "test"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		read  func() (int, error)
		most  int64
		count int
	}{
		{"history of an entity", func() (int, error) { cs, err := s.History(ctx, "city:varna", "", "", "", 0, 20); return len(cs), err }, 300, 2},
		{"history of a relationship", func() (int, error) {
			cs, err := s.History(ctx, "", "org:cisco", "FOUNDED", "centre:thessaloniki-digital-transformation", 0, 20)
			return len(cs), err
		}, 300, 0},
		{"changes of an entity the log never names", func() (int, error) {
			cs, err := s.Changes(ctx, 0, 100, nil, []string{"city:nowhere"})
			return len(cs), err
		}, 100, 0},
		{"changes of a kind the log barely names", func() (int, error) {
			cs, err := s.Changes(ctx, 0, 100, []store.Kind{store.Programme}, nil)
			return len(cs), err
		}, 100, 0},
		{"changes of an entity and a kind", func() (int, error) {
			cs, err := s.Changes(ctx, 0, 100, []store.Kind{store.City}, []string{"city:varna"})
			return len(cs), err
		}, 300, 2},
		{"an entity as it was", func() (int, error) {
			snap, err := s.AsOf(ctx, "city:varna", before)
			if err == nil && fmt.Sprint(snap.Node.Props["population"]) != "330000" {
				t.Errorf("Varna as it was: %v", snap.Node.Props)
			}
			return 1, err
		}, 400, 1},
	} {
		s.Profile(true)
		n, err := c.read()
		hits := s.Profile(false)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		t.Logf("%s: %d database hits, %d returned", c.name, hits, n)
		if hits > c.most || n != c.count {
			t.Errorf("%s: %d database hits (the most: %d), %d returned (want %d)", c.name, hits, c.most, n, c.count)
		}
	}
}

// nearby reads no further than its page needs, whatever the radius: with 20,000 organisations in
// Sofia, the ten entities nearest to Plovdiv within half the Earth's circumference cost about
// what reading the gazetteer's cities by distance costs, not one row per located entity.
func TestNearbyReadsNoFurtherThanItsPage(t *testing.T) {
	s := neo4jtest.WithReference(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	err := s.WriteForTest(ctx, `MATCH (sofia:City {id: 'city:sofia'})
UNWIND range(1, 20000) AS i
CREATE (o:Entity:Organisation {id: 'org:filler-' + i, kind: 'ORGANISATION', name_en: 'Filler ' + i, category: 'OTHER'})-[:LOCATED_IN]->(sofia)`)
	if err != nil {
		t.Fatal(err)
	}
	s.Profile(true)
	hits, err := s.Nearby(ctx, store.NearbyQuery{ID: "city:plovdiv", WithinKm: store.MaxNearKm, First: 10}, store.Projection{Light: true})
	dbHits := s.Profile(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d database hits for %d entities", dbHits, len(hits))
	if len(hits) != 10 || hits[0].Node.ID == "city:plovdiv" || dbHits > 60000 {
		t.Errorf("%d hits (nearest %v), %d database hits", len(hits), hits[0].Node.ID, dbHits)
	}
	// The best connected organisations: each one's degree is read, not its relationships.
	s.Profile(true)
	top, _, err := s.List(ctx, store.ListQuery{Kind: store.Organisation, Sort: "DEGREE_DESC", Limit: 10}, store.Projection{Light: true})
	dbHits = s.Profile(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DEGREE_DESC over 20,000 organisations: %d database hits", dbHits)
	if len(top) != 10 || top[0].ID != "org:thessaloniki-municipality" && top[0].ID != "org:cisco" || dbHits > 5*20100 {
		t.Errorf("DEGREE_DESC: first %v, %d database hits", top[0].ID, dbHits)
	}
}
