package main

import (
	"context"
	"fmt"

	"urbangraph/internal/store"
)

// geoQueries are the near and facets queries. Compiled reads answer them (the store calls the
// resolvers make: a list with the distance on each entity, the count, the facets), and their limit
// is the compiled plan's (compiledLimits). The peer has no equivalent of facets, and its near needs a
// Point type the peer's schema lacks.
func geoQueries(ctx context.Context, s *store.Store, id string) ([]query, error) {
	locs, err := s.Locations(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	loc, ok := locs[id]
	if !ok {
		return nil, fmt.Errorf("city %s has no coordinates: regenerate the synthetic graph (urbangraph gen)", id)
	}
	qs := []query{
		{
			name: "near: organisations within 300 km, nearest first",
			graphql: fmt.Sprintf(`{ organisations(filter: {near: {latitude: %v, longitude: %v, withinKm: 300}}, sort: DISTANCE_ASC, first: 20) { edges { distanceKm node { id name } } } }`,
				loc.Latitude, loc.Longitude),
		},
		{
			name:    "facets of a filtered list + totalCount",
			graphql: `{ organisations(first: 10, filter: {category: COMPANY}) { totalCount nodes { id name } facets { countries { key name count } cities { key name count } domains { key name count } programmes { key count } years { key count } } } }`,
		},
	}
	return qs, compiledLimits(qs)
}
