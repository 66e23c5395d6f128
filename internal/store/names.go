package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Named is an entity's ID, kind and every name and alias: what a document linker matches.
type Named struct {
	ID    string
	Kind  Kind
	Names []string
}

// AllNames returns every entity but sources with its names and aliases (one query; the gazetteer
// makes it some 9,000 rows).
func (s *Store) AllNames(ctx context.Context) ([]Named, error) {
	recs, err := s.read(ctx, "all_names", `
MATCH (n:Entity) WHERE NOT n:Source
RETURN n.id AS id, n.kind AS kind,
       [x IN [n.name_en, n.name_bg, n.name_el] WHERE x IS NOT NULL] + coalesce(n.aliases, []) AS names`, nil)
	if err != nil {
		return nil, mapErr("all names", err)
	}
	out := make([]Named, 0, len(recs))
	for _, r := range recs {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("all names: %w", err)
		}
		kind, _, _ := neo4j.GetRecordValue[string](r, "kind")
		names, _, _ := neo4j.GetRecordValue[[]any](r, "names")
		out = append(out, Named{ID: id, Kind: Kind(kind), Names: stringList(names)})
	}
	return out, nil
}
