package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Named is an entity's ID, kind and every name and alias: what a document linker matches. A
// city has the country it is in (Country): a document's places give it a context.
type Named struct {
	ID      string
	Kind    Kind
	Names   []string // its names in English, Bulgarian and Greek, then its aliases
	Aliases int      // how many of Names are aliases (the last ones)
	Country string
	City    string // where an entity that is not a city is (LOCATED_IN a city, else its founder's), for resolution by place
	// Category is an organisation's.
	Category string
}

// AllNames returns every entity but sources with its names and aliases, each city's country and
// the city each other entity is in (one query; the gazetteer makes it some 9,000 rows).
func (s *Store) AllNames(ctx context.Context) ([]Named, error) {
	recs, err := s.read(ctx, "all_names", `
MATCH (n:Entity) WHERE NOT n:Source
OPTIONAL MATCH (n:City)-[:LOCATED_IN]->(c:Country)
WITH n, min(c.id) AS country
OPTIONAL MATCH (n)-[:LOCATED_IN]->(p:City) WHERE NOT n:City
WITH n, country, min(p.id) AS city
OPTIONAL MATCH (n)<-[:FOUNDED]-(:Organisation)-[:LOCATED_IN]->(f:City) WHERE city IS NULL AND NOT n:City
WITH n, country, city, min(f.id) AS founders
WITH n, country, coalesce(city, founders) AS city
RETURN n.id AS id, n.kind AS kind, country, city, n.category AS category,
       [x IN [n.name_en, n.name_bg, n.name_el] WHERE x IS NOT NULL] + coalesce(n.aliases, []) AS names,
       size(coalesce(n.aliases, [])) AS aliases`, nil)
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
		country, _, _ := neo4j.GetRecordValue[string](r, "country")
		city, _, _ := neo4j.GetRecordValue[string](r, "city")
		category, _, _ := neo4j.GetRecordValue[string](r, "category")
		aliases, _, _ := neo4j.GetRecordValue[int64](r, "aliases")
		out = append(out, Named{ID: id, Kind: Kind(kind), Names: stringList(names), Aliases: int(aliases), Country: country, City: city, Category: category})
	}
	return out, nil
}
