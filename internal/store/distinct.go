package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// OpMarkDistinct records an editor's word that two entities are not one (MarkDistinct).
const OpMarkDistinct = "MARK_DISTINCT"

// distinctKey is a pair's key, its IDs in order.
func distinctKey(a, b string) (string, string, string) {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b, a, b
}

// MarkDistinct records that two entities are not one, (:DistinctPair {key, a, b}): the duplicates
// an editor reviews leave the pair out. It reports whether the pair is newly marked;
// errs.ErrNotFound when either entity is missing.
func (s *Store) MarkDistinct(ctx context.Context, a, b, actor string) (bool, error) {
	if err := checkIDs("a", a); err != nil {
		return false, err
	}
	if err := checkIDs("b", b); err != nil {
		return false, err
	}
	if a == b {
		return false, errs.BadInput("b", "an entity is one with itself")
	}
	key, first, second := distinctKey(a, b)
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	out, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := s.run(ctx, tx, "mark_distinct", `
OPTIONAL MATCH (x:Entity {id: $a}) OPTIONAL MATCH (y:Entity {id: $b})
WITH x, y WHERE x IS NOT NULL AND y IS NOT NULL
OPTIONAL MATCH (old:DistinctPair {key: $key})
MERGE (p:DistinctPair {key: $key})
ON CREATE SET p.a = $a, p.b = $b, p.markedBy = $actor, p.markedAt = datetime()
RETURN old IS NULL AS created`, map[string]any{"key": key, "a": first, "b": second, "actor": actor})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, fmt.Errorf("mark distinct %s, %s: %w", a, b, errs.ErrNotFound)
		}
		created, _, _ := neo4j.GetRecordValue[bool](recs[0], "created")
		if !created {
			return false, nil
		}
		return true, s.appendLog(ctx, tx, actor, []changeRow{entityChange(OpMarkDistinct, first, map[string][2]any{"distinctFrom": {nil, second}})})
	})
	if err != nil {
		return false, mapErr("mark distinct", err)
	}
	return out.(bool), nil
}

// DistinctPairs returns the pairs marked distinct, by key ("a|b", the IDs in order).
func (s *Store) DistinctPairs(ctx context.Context) (map[string]bool, error) {
	recs, err := s.read(ctx, "distinct_pairs", "MATCH (p:DistinctPair) RETURN p.key AS key", nil)
	if err != nil {
		return nil, mapErr("distinct pairs", err)
	}
	out := make(map[string]bool, len(recs))
	for _, r := range recs {
		k, _, _ := neo4j.GetRecordValue[string](r, "key")
		out[k] = true
	}
	return out, nil
}

// Distinct reports whether a pair is among pairs (DistinctPairs).
func Distinct(pairs map[string]bool, a, b string) bool {
	key, _, _ := distinctKey(a, b)
	return pairs[key]
}
