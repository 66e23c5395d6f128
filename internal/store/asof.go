package store

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Snapshot is an entity and its relationships (evidence links aside) as they were at a time.
type Snapshot struct {
	Node  Node
	Edges []Edge
}

// AsOf rebuilds an entity as it was at time at: from what is stored now, it undoes, newest first,
// every change the log records after that time (an update gives back the fields' values before, a
// delete the entity's, a creation takes the entity away), and does the same for its relationships.
// An entity or relationship an import wrote without per-entity records (docs/changes.md) did not
// exist before its createdAt. errs.ErrNotFound when the entity did not exist then. An entity with
// more than MaxAsOf relationships, or changes since then, is not rebuilt (an input error): the work
// is bounded by what it returns.
func (s *Store) AsOf(ctx context.Context, id string, at time.Time) (Snapshot, error) {
	if err := checkIDs("id", id); err != nil {
		return Snapshot{}, err
	}
	// The records since then are those from the first one after at (the log's times grow with its
	// numbers: a record is numbered and timed holding the counter's lock), found by the time index.
	recs, err := s.read(ctx, "as_of", `
OPTIONAL MATCH (n:Entity {id: $id})
RETURN n {.*} AS node, COLLECT { MATCH (n)-[r]-(:Entity) WHERE NOT r:MENTIONED_IN RETURN `+edgeProjection+` LIMIT $most + 1 } AS edges,
       COLLECT { MATCH (c:Change) USING INDEX SEEK c:Change(at) WHERE c.at > $at RETURN c.seq ORDER BY c.at LIMIT 1 } AS since`, map[string]any{"id": id, "at": at.UTC(), "most": MaxAsOf})
	if err != nil {
		return Snapshot{}, mapErr("as of", err)
	}
	rec := recs[0]
	props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "node")
	rawEdges, _, _ := neo4j.GetRecordValue[[]any](rec, "edges")
	first, _, _ := neo4j.GetRecordValue[[]any](rec, "since")
	var log []Change
	if len(first) > 0 {
		since, _ := first[0].(int64)
		if log, err = s.changesSince(ctx, id, since); err != nil {
			return Snapshot{}, err
		}
	}
	if len(rawEdges) > MaxAsOf || len(log) > MaxAsOf {
		return Snapshot{}, errs.BadInput("asOf", "%s has more than %d relationships, or changes since %s: too many to rebuild it; ask for a later time",
			id, MaxAsOf, at.Format(time.RFC3339))
	}
	edges := map[string]Edge{}
	for _, x := range rawEdges {
		m, _ := x.(map[string]any)
		e := edgeFromMap(m)
		if created, ok := e.Props["createdAt"].(time.Time); !ok || !created.After(at) {
			edges[edgeKey(e.From, string(e.Type), e.To)] = e
		}
	}
	if props != nil {
		if created, ok := props["createdAt"].(time.Time); ok && created.After(at) {
			props = nil // created since (by an import, or before the log)
		} else {
			props = maps.Clone(props)
		}
	}
	for _, c := range log {
		props = undoEntity(props, c, id)
		undoEdge(edges, c)
	}
	if props == nil {
		return Snapshot{}, fmt.Errorf("%s at %s: %w", id, at.Format(time.RFC3339), errs.ErrNotFound)
	}
	n, err := nodeFromMap(props)
	if err != nil {
		return Snapshot{}, err
	}
	snap := Snapshot{Node: n}
	for _, e := range edges {
		snap.Edges = append(snap.Edges, e)
	}
	return snap, nil
}

// MaxAsOf is the most relationships, and changes since the time asked for, AsOf rebuilds an
// entity from.
const MaxAsOf = 10000

// changesSince returns an entity's records from number since on, newest first, at most MaxAsOf+1.
func (s *Store) changesSince(ctx context.Context, id string, since int64) ([]Change, error) {
	recs, err := s.read(ctx, "as_of", "CALL () {\n  "+entityChanges(">=", "DESC", "$id")+"\n}\nRETURN c {.*} AS c ORDER BY c.seq DESC LIMIT $first",
		map[string]any{"id": id, "seq": since, "first": MaxAsOf + 1, "prefixes": []string{}})
	if err != nil {
		return nil, mapErr("as of", err)
	}
	return changesFrom(recs)
}

func edgeKey(from, t, to string) string { return from + "|" + t + "|" + to }

// undoEntity gives back the entity's fields as they were before change c (nil: it did not exist).
func undoEntity(props map[string]any, c Change, id string) map[string]any {
	if c.Entity != id {
		return props
	}
	switch c.Op {
	case OpCreate:
		return nil
	case OpDelete:
		props = map[string]any{"id": id}
	}
	if props == nil {
		return nil
	}
	for k, v := range c.Fields {
		if v[0] == nil {
			delete(props, k)
		} else {
			props[k] = v[0]
		}
	}
	return props
}

// undoEdge gives back a relationship as it was before change c.
func undoEdge(edges map[string]Edge, c Change) {
	if c.From == "" {
		return
	}
	key := edgeKey(c.From, c.Type, c.To)
	switch c.Op {
	case OpCreateRel:
		delete(edges, key)
		return
	case OpDeleteRel:
		edges[key] = Edge{ID: key, Type: RelType(c.Type), From: c.From, To: c.To, Props: map[string]any{}}
	}
	e, ok := edges[key]
	if !ok {
		return
	}
	e.Props = maps.Clone(e.Props)
	for k, v := range c.Fields {
		if v[0] == nil {
			delete(e.Props, k)
		} else {
			e.Props[k] = v[0]
		}
	}
	edges[key] = e
}

// MaxEdgesOf is the most relationships EdgesOf returns for one entity.
const MaxEdgesOf = 500

// EdgesOf returns the relationships of each entity (either direction, evidence links aside), by
// type and other end, at most MaxEdgesOf each.
func (s *Store) EdgesOf(ctx context.Context, ids []string) (map[string][]Edge, error) {
	if err := checkIDs("id", ids...); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "edges_of", `UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COLLECT { MATCH (n)-[r]-(m:Entity) WHERE NOT r:MENTIONED_IN
  WITH r, m ORDER BY type(r), m.id LIMIT $max RETURN `+edgeProjection+` } AS edges`, map[string]any{"ids": ids, "max": MaxEdgesOf})
	if err != nil {
		return nil, mapErr("edges of", err)
	}
	out := make(map[string][]Edge, len(recs))
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		list, _, _ := neo4j.GetRecordValue[[]any](r, "edges")
		for _, x := range list {
			m, _ := x.(map[string]any)
			out[id] = append(out[id], edgeFromMap(m))
		}
	}
	return out, nil
}
