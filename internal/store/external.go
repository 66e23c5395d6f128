package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ExternalIDProps are the properties that identify an entity outside the graph (a GeoNames ID): an
// import joins a row to the stored entity that holds the same value, whatever the row's ID
// (internal/importer). A closed list: each has an index (migrations).
var ExternalIDProps = []string{"geonamesId"}

// ByExternalID returns which stored entity holds each of the values of an external identifier
// (value → entity ID; values no entity holds are left out).
func (s *Store) ByExternalID(ctx context.Context, prop string, values []any) (map[any]string, error) {
	if !slices.Contains(ExternalIDProps, prop) {
		return nil, fmt.Errorf("by external id: %q is not an external identifier", prop)
	}
	out := map[any]string{}
	if len(values) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "by_external_id", "UNWIND $values AS v MATCH (n:Entity {"+prop+": v}) RETURN v, min(n.id) AS id",
		map[string]any{"values": values})
	if err != nil {
		return nil, mapErr("by external id", err)
	}
	for _, r := range recs {
		v, _ := r.Get("v")
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("by external id: %w", err)
		}
		out[v] = id
	}
	return out, nil
}
