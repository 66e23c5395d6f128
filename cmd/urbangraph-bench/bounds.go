package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// bound is one read whose database work must not grow with the graph (issue 23's item 5): its
// PROFILE database hits, against the most it may cost on the graph in the database.
type bound struct {
	name string
	most func(store.Stats) int64
	read func(context.Context) error
}

// boundsBench profiles, on the graph in the database (the 1M benchmark graph imported with
// --log=entities), the reads the change log, nearby and deep pages allow, and fails when one
// costs more than its bound.
func boundsBench(ctx context.Context, s *store.Store) error {
	stats, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	bounds, err := boundedReads(ctx, s)
	if err != nil {
		return err
	}
	fmt.Printf("| read | database hits | the most |\n|---|---:|---:|\n")
	var over []string
	for _, b := range bounds {
		if err := b.read(ctx); err != nil { // warm the caches
			return fmt.Errorf("%s: %w", b.name, err)
		}
		s.Profile(true)
		err := b.read(ctx)
		hits := s.Profile(false)
		if err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
		fmt.Printf("| %s | %d | %d |\n", b.name, hits, b.most(stats))
		if hits > b.most(stats) {
			over = append(over, b.name)
		}
	}
	if len(over) > 0 {
		return fmt.Errorf("over their bounds: %v", over)
	}
	return nil
}

// boundedReads are the reads whose cost boundsBench checks, on entities of the graph.
func boundedReads(ctx context.Context, s *store.Store) ([]bound, error) {
	orgs, _, err := s.List(ctx, store.ListQuery{Kind: store.Organisation, Sort: "ID_ASC", Limit: 1}, store.Projection{Light: true})
	if err != nil || len(orgs) == 0 {
		return nil, fmt.Errorf("no organisation in the graph: %v", err)
	}
	org := orgs[0].ID
	edges, err := s.EdgesOf(ctx, []string{org})
	if err != nil || len(edges[org]) == 0 {
		return nil, fmt.Errorf("%s has no relationship: %v", org, err)
	}
	e := edges[org][0]
	// asOf rebuilds an entity from all its relationships: one of the many with few (a hub with
	// more than store.MaxAsOf is refused, at the same cost).
	last, _, err := s.List(ctx, store.ListQuery{Kind: store.Organisation, Sort: "ID_DESC", Limit: 1}, store.Projection{Light: true})
	if err != nil || len(last) == 0 {
		return nil, fmt.Errorf("no organisation in the graph: %v", err)
	}
	cities, _, err := s.List(ctx, store.ListQuery{Kind: store.City, Sort: "ID_ASC", Limit: 1}, store.Projection{Light: true})
	if err != nil || len(cities) == 0 {
		return nil, fmt.Errorf("no city in the graph: %v", err)
	}
	fixed := func(n int64) func(store.Stats) int64 { return func(store.Stats) int64 { return n } }
	bounds := []bound{
		{"history of " + org + " (20)", fixed(500), func(ctx context.Context) error {
			_, err := s.History(ctx, org, "", "", "", 0, 20)
			return err
		}},
		{"history of " + e.From + " " + string(e.Type) + " " + e.To + " (20)", fixed(500), func(ctx context.Context) error {
			_, err := s.History(ctx, "", e.From, e.Type, e.To, 0, 20)
			return err
		}},
		{"changes(after: 0, ids: [\"org:none\"])", fixed(100), func(ctx context.Context) error {
			_, err := s.Changes(ctx, 0, 100, nil, []string{"org:none"})
			return err
		}},
		{"changes(after: 0, kinds: [PROGRAMME], first: 100)", fixed(1000), func(ctx context.Context) error {
			_, err := s.Changes(ctx, 0, 100, []store.Kind{store.Programme}, nil)
			return err
		}},
		{"entity(" + last[0].ID + ", asOf: an hour ago)", fixed(5000), func(ctx context.Context) error {
			_, err := s.AsOf(ctx, last[0].ID, time.Now().Add(-time.Hour))
			if errors.Is(err, errs.ErrNotFound) {
				return nil // it did not exist then: the read is as costly
			}
			return err
		}},
		{"nearby(" + cities[0].ID + ", withinKm: 20038, first: 10)", func(st store.Stats) int64 { return 4*int64(st.ByKind[store.City]) + 10000 },
			func(ctx context.Context) error {
				_, err := s.Nearby(ctx, store.NearbyQuery{ID: cities[0].ID, WithinKm: store.MaxNearKm, First: 10}, store.Projection{Light: true})
				return err
			}},
		{"organisations(sort: DEGREE_DESC, first: 10)", func(st store.Stats) int64 { return 5 * int64(st.ByKind[store.Organisation]) },
			func(ctx context.Context) error {
				_, _, err := s.List(ctx, store.ListQuery{Kind: store.Organisation, Sort: "DEGREE_DESC", Limit: 10}, store.Projection{Light: true})
				return err
			}},
	}
	return bounds, nil
}
