package main

import (
	"context"
	"fmt"

	"urbangraph/internal/store"
)

// geoQueries are the near and facets queries. The resolvers answer them (compiled reads leave
// distances and facets to them): their limit is the same store calls, straight through the driver.
// The peer has no equivalent of facets, and its near needs a Point type the peer's schema lacks.
func geoQueries(ctx context.Context, s *store.Store, id string) ([]query, error) {
	locs, err := s.Locations(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	loc, ok := locs[id]
	lat, lon := loc.Latitude, loc.Longitude
	if !ok {
		return nil, fmt.Errorf("city %s has no coordinates: regenerate the synthetic graph (urbangraph gen)", id)
	}
	near := store.Near{Latitude: lat, Longitude: lon, WithinKm: 300}
	nearList := store.ListQuery{Kind: store.Organisation, Filter: store.Filter{Near: &near}, Sort: "DISTANCE_ASC", Limit: 20}
	facetFilter := store.Filter{Category: "COMPANY"}
	return []query{
		{
			name: "near: organisations within 300 km, nearest first",
			graphql: fmt.Sprintf(`{ organisations(filter: {near: {latitude: %v, longitude: %v, withinKm: 300}}, sort: DISTANCE_ASC, first: 20) { edges { distanceKm node { id name } } } }`,
				lat, lon),
			limit: func(ctx context.Context, s *store.Store) error {
				_, _, err := s.List(ctx, nearList, store.Projection{Light: true})
				return err
			},
		},
		{
			name:    "facets of a filtered list + totalCount",
			graphql: `{ organisations(first: 10, filter: {category: COMPANY}) { totalCount nodes { id name } facets { countries { key name count } cities { key name count } domains { key name count } programmes { key count } years { key count } } } }`,
			limit: func(ctx context.Context, s *store.Store) error {
				if _, _, err := s.List(ctx, store.ListQuery{Kind: store.Organisation, Filter: facetFilter, Sort: "NAME_ASC", Limit: 10}, store.Projection{Light: true}); err != nil {
					return err
				}
				if _, err := s.Count(ctx, store.Organisation, facetFilter); err != nil {
					return err
				}
				_, err := s.Facets(ctx, store.Organisation, facetFilter, "en", 10)
				return err
			},
		},
	}, nil
}
