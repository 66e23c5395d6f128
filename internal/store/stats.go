package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// CommonNeighbours returns the entities directly related to both a and b.
func (s *Store) CommonNeighbours(ctx context.Context, a, b string) ([]Node, error) {
	if err := checkIDs("a/b", a, b); err != nil {
		return nil, err
	}
	found, err := s.ExistingIDs(ctx, []string{a, b})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{a, b} {
		if !found[id] {
			return nil, fmt.Errorf("entity %q: %w", id, errs.ErrNotFound)
		}
	}
	alt := typeAlternation(ExplorationTypes())
	recs, err := s.read(ctx, "common_neighbours", `MATCH (a:Entity {id: $a})-[:`+alt+`]-(n:Entity)-[:`+alt+`]-(b:Entity {id: $b})
WHERE n <> a AND n <> b
WITH DISTINCT n ORDER BY n.name_en, n.id
RETURN n {.*} AS node`, map[string]any{"a": a, "b": b})
	if err != nil {
		return nil, mapErr("common neighbours", err)
	}
	return decodeNodeRecords(recs, "node")
}

// Similar is an entity like another, with the Jaccard similarity of their neighbour sets and the
// neighbours they share.
type Similar struct {
	Node   Node
	Score  float64
	Shared []Node
}

// SimilarTo ranks entities of the same kind as id by the Jaccard similarity of their neighbour sets
// (|shared| / |union|), highest first; only entities sharing at least one neighbour are ranked.
func (s *Store) SimilarTo(ctx context.Context, id string, first int) ([]Similar, error) {
	if first < 1 || first > MaxSimilar {
		return nil, errs.BadInput("first", "must be between 1 and %d, got %d", MaxSimilar, first)
	}
	if _, err := s.Node(ctx, id); err != nil {
		return nil, err
	}
	alt := typeAlternation(ExplorationTypes())
	recs, err := s.read(ctx, "similar", `MATCH (a:Entity {id: $id})
CALL (a) { MATCH (a)-[:`+alt+`]-(n:Entity) RETURN collect(DISTINCT n) AS na }
MATCH (a)-[:`+alt+`]-(n:Entity)-[:`+alt+`]-(b:Entity)
WHERE b <> a AND b.kind = a.kind
WITH a, na, b, collect(DISTINCT n) AS shared
CALL (b) { MATCH (b)-[:`+alt+`]-(m:Entity) RETURN collect(DISTINCT m) AS nb }
WITH b, shared, toFloat(size(shared)) / size(na + [x IN nb WHERE NOT x IN na]) AS score
ORDER BY score DESC, b.id
LIMIT $first
RETURN b {.*} AS node, score, [n IN shared | n {.*}] AS shared`, map[string]any{"id": id, "first": first})
	if err != nil {
		return nil, mapErr("similar", err)
	}
	out := make([]Similar, 0, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, err
		}
		score, _, _ := neo4j.GetRecordValue[float64](r, "score")
		shared, err := decodeNodes(r, "shared")
		if err != nil {
			return nil, err
		}
		slices.SortFunc(shared, func(x, y Node) int { return strings.Compare(x.ID, y.ID) })
		out = append(out, Similar{Node: n, Score: score, Shared: shared})
	}
	return out, nil
}

// Stats are counts of the whole graph.
type Stats struct {
	ByKind map[Kind]int
	ByType map[RelType]int
}

// Stats counts entities by kind and relationships by type. Each count is read from Neo4j's count
// store (one label or one type per count), so it costs the same at any size. Every kind and type is
// in the maps, with 0 where there are none.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var parts []string
	for _, k := range Kinds() {
		parts = append(parts, "MATCH (n:`"+k.Label()+"`) WITH count(n) AS n RETURN 'kind' AS what, '"+string(k)+"' AS name, n")
	}
	for _, t := range RelTypes() {
		parts = append(parts, "MATCH ()-[r:`"+string(t)+"`]->() WITH count(r) AS n RETURN 'type' AS what, '"+string(t)+"' AS name, n")
	}
	recs, err := s.read(ctx, "stats", strings.Join(parts, " UNION ALL "), nil)
	if err != nil {
		return Stats{}, mapErr("stats", err)
	}
	st := Stats{ByKind: map[Kind]int{}, ByType: map[RelType]int{}}
	for _, r := range recs {
		what, _, _ := neo4j.GetRecordValue[string](r, "what")
		name, _, _ := neo4j.GetRecordValue[string](r, "name")
		n, _, _ := neo4j.GetRecordValue[int64](r, "n")
		if what == "kind" {
			st.ByKind[Kind(name)] = int(n)
		} else {
			st.ByType[RelType(name)] = int(n)
		}
	}
	return st, nil
}

// Connected is an entity and its number of relationships (MENTIONED_IN excluded).
type Connected struct {
	Node   Node
	Degree int
}

// MostConnected returns the entities with the most relationships, sources excluded.
func (s *Store) MostConnected(ctx context.Context, first int) ([]Connected, error) {
	if first < 1 || first > MaxFirstConnected {
		return nil, errs.BadInput("first", "must be between 1 and %d, got %d", MaxFirstConnected, first)
	}
	recs, err := s.read(ctx, "most_connected", `MATCH (n:Entity) WHERE NOT n:Source
WITH n, COUNT { (n)-[:`+typeAlternation(ExplorationTypes())+`]-() } AS degree
ORDER BY degree DESC, n.id LIMIT $first
RETURN n {.*} AS node, degree`, map[string]any{"first": first})
	if err != nil {
		return nil, mapErr("most connected", err)
	}
	out := make([]Connected, 0, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, err
		}
		d, _, _ := neo4j.GetRecordValue[int64](r, "degree")
		out = append(out, Connected{Node: n, Degree: int(d)})
	}
	return out, nil
}

// MaxFirstConnected caps MostConnected.
const MaxFirstConnected = 100
