package graph

import (
	"context"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// locations answers the location field of sibling entities with one store call.
func locations[P entityObj](ctx context.Context, r *Resolver, objs []P) ([]*model.Location, error) {
	ids := storeIDs(objs)
	locs, err := r.Store.Locations(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Location, len(objs))
	for i, id := range ids {
		if l, ok := locs[id]; ok {
			out[i] = &model.Location{Latitude: l.Latitude, Longitude: l.Longitude, Derived: l.Derived, CityID: l.City}
		}
	}
	return out, nil
}

func (r *Resolver) nearby(ctx context.Context, id string, withinKm *float64, kinds []model.Kind, first *int) ([]*model.NearbyEntity, error) {
	q, err := args.Nearby(id, withinKm, kinds, first)
	if err != nil {
		return nil, err
	}
	hits, err := r.Store.Nearby(ctx, q, store.Projection{Light: lightSelection(ctx)})
	if err != nil {
		return nil, err
	}
	out := make([]*model.NearbyEntity, len(hits))
	for i, h := range hits {
		out[i] = &model.NearbyEntity{Node: model.NewGraphNode(h.Node), DistanceKm: h.DistanceKm}
	}
	return out, nil
}

// distanceKm is the distance a list with filter.near read for the entity, or nil.
func distanceKm(e entityObj) *float64 {
	if d, ok := e.StoreNode().DistanceKm(); ok {
		return &d
	}
	return nil
}

// searchCountries answers the country of every hit with one store call.
func (r *Resolver) searchCountries(ctx context.Context, objs []*model.SearchHit) ([]*model.Country, error) {
	ids := make([]string, len(objs))
	for i, h := range objs {
		ids[i] = h.Node.StoreNode().ID
	}
	countries, err := r.Store.Countries(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Country, len(objs))
	for i, id := range ids {
		if c, ok := countries[id]; ok {
			out[i] = model.As[*model.Country](c)
		}
	}
	return out, nil
}
