package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Edge returns the relationship of type t from one entity to another, or errs.ErrNotFound.
func (s *Store) Edge(ctx context.Context, from string, t RelType, to string) (Edge, error) {
	if err := checkIDs("from/to", from, to); err != nil {
		return Edge{}, err
	}
	recs, err := s.read(ctx, "edge", "MATCH (a:Entity {id: $from})-[r:"+typeAlternation([]RelType{t})+"]->(b:Entity {id: $to}) RETURN "+edgeProjection+" AS edge",
		map[string]any{"from": from, "to": to})
	if err != nil {
		return Edge{}, mapErr("edge", err)
	}
	if len(recs) == 0 {
		return Edge{}, fmt.Errorf("edge %s %s %s: %w", from, t, to, errs.ErrNotFound)
	}
	raw, _, err := neo4j.GetRecordValue[map[string]any](recs[0], "edge")
	if err != nil {
		return Edge{}, err
	}
	return edgeFromMap(raw), nil
}

// Unlink removes the relationship of type t from one entity to another and reports whether there
// was one.
func (s *Store) Unlink(ctx context.Context, from string, t RelType, to string, actor string) (bool, error) {
	if t == MentionedIn {
		return false, errs.BadInput("type", "evidence links are removed with the entity or the source, not unlinked")
	}
	if err := checkIDs("from/to", from, to); err != nil {
		return false, err
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	out, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := s.run(ctx, tx, "unlink", "MATCH (a:Entity {id: $from})-[r:"+typeAlternation([]RelType{t})+"]->(b:Entity {id: $to}) "+
			"WITH r, r {.*} AS before DELETE r RETURN before", map[string]any{"from": from, "to": to})
		if err != nil {
			return false, err
		}
		recs, err := res.Collect(ctx)
		if err != nil || len(recs) == 0 {
			return false, err
		}
		before, _, _ := neo4j.GetRecordValue[map[string]any](recs[0], "before")
		return true, s.appendLog(ctx, tx, actor, []changeRow{relChange(OpDeleteRel, from, t, to, diff(before, nil))})
	})
	if err != nil {
		return false, mapErr("unlink", err)
	}
	return out.(bool), nil
}

// Removed says what a delete removed.
type Removed struct {
	Entities      []string        // IDs of the entities deleted (the one asked for, and for a source with cascade, the entities left with no evidence)
	Relationships map[RelType]int // relationships removed, by type
}

// Delete removes an entity. An entity with relationships (its own evidence links aside), or a source
// that facts cite, is only deleted with cascade, and the error says what would go. With cascade, a
// deleted source takes its citations with it: the (source, quote) pairs it gave relationships, the
// relationships and entities then left with no evidence at all (a fact without a source cannot be
// stored). Everything happens in one transaction.
func (s *Store) Delete(ctx context.Context, id string, cascade bool, actor string) (Removed, error) {
	if err := checkIDs("id", id); err != nil {
		return Removed{}, err
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	out, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		found, kind, rels, listed, err := s.deleting(ctx, tx, id)
		switch {
		case err != nil:
			return nil, err
		case !found:
			if gone, err := (batchWriter{s: s, ctx: ctx, tx: tx}).deletePending(id); err != nil || gone {
				return Removed{Entities: []string{id}, Relationships: map[RelType]int{}}, err
			}
			return nil, fmt.Errorf("delete %q: %w", id, errs.ErrNotFound)
		case len(listed) > 0 && !cascade:
			return nil, &errs.ConflictError{Message: fmt.Sprintf("%s has %s; delete them first, or pass cascade: true to delete them with it",
				id, strings.Join(listed, ", "))}
		}
		removed := Removed{Entities: []string{id}, Relationships: rels}
		var log []changeRow
		if Kind(kind) == Source && cascade {
			if err := s.uncite(ctx, tx, id, &removed, &log); err != nil {
				return nil, err
			}
		}
		gone, err := s.deletedWith(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		log = append(log, gone...)
		// An ingested document goes with its source, and its proposals with it.
		res, err := s.run(ctx, tx, "delete", `MATCH (n:Entity {id: $id})
CALL (n) { OPTIONAL MATCH (d:Document)-[:DOCUMENT_OF]->(n) OPTIONAL MATCH (p:Proposal)-[:PROPOSED_IN]->(d) DETACH DELETE p, d }
OPTIONAL MATCH (n)-[m:MENTIONED_IN]->() WITH n, count(m) AS own DETACH DELETE n RETURN own`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		own, _, _ := neo4j.GetRecordValue[int64](rec, "own")
		if own > 0 {
			removed.Relationships[MentionedIn] += int(own)
		}
		return removed, s.appendLog(ctx, tx, actor, log)
	})
	if err != nil {
		if conflict, ok := err.(*errs.ConflictError); ok {
			return Removed{}, conflict
		}
		return Removed{}, mapErr("delete", err)
	}
	return out.(Removed), nil
}

// deleting reads what deleting entity id would take with it: its kind, its relationships by type
// (its own evidence links and a document's link aside), and, listed for the conflict's message,
// those and the relationships a source is the evidence of. found is false when there is no such
// entity.
func (s *Store) deleting(ctx context.Context, tx neo4j.ManagedTransaction, id string) (found bool, kind string, rels map[RelType]int, listed []string, err error) {
	res, err := s.run(ctx, tx, "delete", `MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-() WHERE NOT (r:MENTIONED_IN AND startNode(r) = n) AND NOT r:DOCUMENT_OF
WITH n, type(r) AS t, count(r) AS c
RETURN n.kind AS kind, collect(CASE WHEN t IS NULL THEN null ELSE [t, c] END) AS rels,
       CASE WHEN n:Source THEN COUNT { ()-[x]->() WHERE NOT x:MENTIONED_IN AND $id IN x.sources } ELSE 0 END AS cited`,
		map[string]any{"id": id})
	if err != nil {
		return false, "", nil, nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return false, "", nil, nil, err
	}
	kind, _, _ = neo4j.GetRecordValue[string](recs[0], "kind")
	pairs, _, _ := neo4j.GetRecordValue[[]any](recs[0], "rels")
	cited, _, _ := neo4j.GetRecordValue[int64](recs[0], "cited")
	rels = map[RelType]int{}
	for _, p := range pairs {
		pair, _ := p.([]any)
		t, _ := pair[0].(string)
		c, _ := pair[1].(int64)
		rels[RelType(t)] += int(c)
		listed = append(listed, fmt.Sprintf("%s ×%d", t, c))
	}
	slices.Sort(listed)
	if cited > 0 {
		listed = append(listed, fmt.Sprintf("evidence of %d relationship(s)", cited))
	}
	return true, kind, rels, listed, nil
}

// uncite removes a source's citations: its (source, quote) pairs from relationships, relationships
// left with none, and entities left with no evidence link.
func (s *Store) uncite(ctx context.Context, tx neo4j.ManagedTransaction, id string, removed *Removed, log *[]changeRow) error {
	res, err := s.run(ctx, tx, "delete_uncite", `MATCH ()-[r]->() WHERE NOT r:MENTIONED_IN AND $id IN r.sources
WITH r, r {.sources, .quotes} AS before, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> $id] AS keep
SET r.quotes = [i IN keep | r.quotes[i]], r.sources = [i IN keep | r.sources[i]]
WITH r, before, startNode(r).id AS f, type(r) AS t, endNode(r).id AS to, r {.sources, .quotes} AS after,
     size(r.sources) = 0 AS gone
FOREACH (_ IN CASE WHEN gone THEN [1] ELSE [] END | DELETE r)
RETURN f, t, to, gone, before, after`, map[string]any{"id": id})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		f, _, _ := neo4j.GetRecordValue[string](r, "f")
		t, _, _ := neo4j.GetRecordValue[string](r, "t")
		to, _, _ := neo4j.GetRecordValue[string](r, "to")
		gone, _, _ := neo4j.GetRecordValue[bool](r, "gone")
		before, _, _ := neo4j.GetRecordValue[map[string]any](r, "before")
		after, _, _ := neo4j.GetRecordValue[map[string]any](r, "after")
		if gone {
			removed.Relationships[RelType(t)]++
			*log = append(*log, relChange(OpDeleteRel, f, RelType(t), to, diff(before, nil)))
		} else {
			*log = append(*log, relChange(OpUpdateRel, f, RelType(t), to, diff(before, after)))
		}
	}
	res, err = s.run(ctx, tx, "delete_uncite", `MATCH (n:Entity)-[:MENTIONED_IN]->(:Source {id: $id})
WHERE NOT EXISTS { (n)-[:MENTIONED_IN]->(o:Source) WHERE o.id <> $id }
WITH DISTINCT n
WITH n, n.id AS gone, n {.*} AS before, COLLECT { MATCH (n)-[r]-(:Entity) WHERE NOT r:MENTIONED_IN
  RETURN {from: startNode(r).id, type: type(r), to: endNode(r).id, before: r {.*}} } AS rels
DETACH DELETE n
RETURN gone, before, rels`, map[string]any{"id": id})
	if err != nil {
		return err
	}
	recs, err = res.Collect(ctx)
	if err != nil {
		return err
	}
	// The relationships such an entity still had, stated by other sources, go with it: each has
	// its record and is counted (once, when both its ends go).
	seen := map[[3]string]bool{}
	for _, r := range recs {
		gone, _, _ := neo4j.GetRecordValue[string](r, "gone")
		before, _, _ := neo4j.GetRecordValue[map[string]any](r, "before")
		rels, _, _ := neo4j.GetRecordValue[[]any](r, "rels")
		for _, c := range relDeletions(rels, seen) {
			t, _ := c["type"].(string)
			removed.Relationships[RelType(t)]++
			*log = append(*log, c)
		}
		removed.Entities = append(removed.Entities, gone)
		*log = append(*log, entityChange(OpDelete, gone, diff(before, nil)))
	}
	return nil
}

// deletedWith lists what deleting entity id removes: its own record (its fields before) and one
// for each relationship it had (evidence links aside).
func (s *Store) deletedWith(ctx context.Context, tx neo4j.ManagedTransaction, id string) ([]changeRow, error) {
	res, err := s.run(ctx, tx, "delete_log", `MATCH (n:Entity {id: $id})
RETURN n {.*} AS before, COLLECT { MATCH (n)-[r]-(:Entity) WHERE NOT r:MENTIONED_IN
  RETURN {from: startNode(r).id, type: type(r), to: endNode(r).id, before: r {.*}} } AS rels`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, err
	}
	before, _, _ := neo4j.GetRecordValue[map[string]any](rec, "before")
	rels, _, _ := neo4j.GetRecordValue[[]any](rec, "rels")
	return append(relDeletions(rels, map[[3]string]bool{}), entityChange(OpDelete, id, diff(before, nil))), nil
}

// relDeletions are the records of deleted relationships, given as {from, type, to, before} maps;
// one seen before (from the other end) has none.
func relDeletions(rels []any, seen map[[3]string]bool) []changeRow {
	var out []changeRow
	for _, x := range rels {
		m, _ := x.(map[string]any)
		f, _ := m["from"].(string)
		t, _ := m["type"].(string)
		to, _ := m["to"].(string)
		if k := [3]string{f, t, to}; !seen[k] {
			seen[k] = true
			b, _ := m["before"].(map[string]any)
			out = append(out, relChange(OpDeleteRel, f, RelType(t), to, diff(b, nil)))
		}
	}
	return out
}
