package export

import (
	"bufio"
	"context"

	"urbangraph/internal/store"
)

// feature is a GeoJSON Feature (RFC 7946) of a located entity: a Point at [longitude, latitude].
type feature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Geometry   point             `json:"geometry"`
	Properties featureProperties `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type featureProperties struct {
	ID      string            `json:"id"`
	Kind    store.Kind        `json:"kind"`
	Name    string            `json:"name"`
	Names   map[string]string `json:"names"`
	Derived bool              `json:"derived"` // the point is the city's the entity is in
	City    string            `json:"city"`
}

// writeGeoJSON writes the located entities as a GeoJSON FeatureCollection: cities at their own
// point, organisations, centres, events, practices and units at their city's (derived).
func writeGeoJSON(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	w.WriteString(`{"type": "FeatureCollection", "features": [`)
	first := true
	err := s.StreamLocations(ctx, o.IDs, func(n store.Node, l store.Location) error {
		c.Nodes++
		return writeItem(w, &first, feature{Type: "Feature", ID: n.ID,
			Geometry: point{Type: "Point", Coordinates: [2]float64{l.Longitude, l.Latitude}},
			Properties: featureProperties{ID: n.ID, Kind: n.Kind, Name: n.Name("en"), Names: names(n),
				Derived: l.Derived, City: l.City}})
	})
	if err != nil {
		return c, err
	}
	w.WriteString("\n]}\n")
	return c, nil
}
