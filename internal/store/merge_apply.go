package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// OpMerge records a merge (Merge): on the merged entity, the entity it went into and what moved.
const OpMerge = "MERGE"

// applyMerge writes a merge's plan: the merged entity goes (its DELETE and its relationships' are
// logged, as a deletion logs them), its relationships and evidence become the kept entity's, the
// kept entity takes its names and properties, and its ID redirects to the kept entity.
func (s *Store) applyMerge(ctx context.Context, tx neo4j.ManagedTransaction, plan mergePlan, actor string) error {
	keep, merge := plan.report.Keep, plan.report.Merge
	log, err := s.deletedWith(ctx, tx, merge)
	if err != nil {
		return err
	}
	if _, err := s.run(ctx, tx, "merge_delete", "MATCH (m:Entity {id: $merge}) DETACH DELETE m", map[string]any{"merge": merge}); err != nil {
		return err
	}
	var counts Counts
	w := batchWriter{s: s, ctx: ctx, tx: tx, actor: actor, counts: &counts, log: &changeLog{perEntity: true}}
	res, err := s.run(ctx, tx, "merge_keep", `MATCH (k:Entity {id: $keep})
WITH k, k {.*} AS before
SET k += $props, k.updatedAt = datetime(), k.updatedBy = $actor
RETURN [{id: k.id, isNew: false, before: before, after: k {.*}}] AS changes`, map[string]any{"keep": keep, "props": plan.keepProp, "actor": actor})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	w.logChanges(rec)
	for _, r := range plan.rels {
		if t := RelType(asString(r["type"])); !t.Valid() {
			return fmt.Errorf("merge: unknown relationship type %q", t)
		}
	}
	if len(plan.rels) > 0 {
		rec, err := w.run(moveRels, plan.rels)
		if err != nil {
			return err
		}
		w.logChanges(rec)
	}
	if len(plan.evidence) > 0 {
		if _, err := s.run(ctx, tx, "merge_evidence", moveEvidence, map[string]any{"keep": keep, "rows": plan.evidence, "actor": actor}); err != nil {
			return err
		}
	}
	if _, err := s.run(ctx, tx, "merge_redirect", `MERGE (r:Redirect {id: $merge})
SET r.to = $keep, r.at = datetime(), r.by = $actor
WITH r
OPTIONAL MATCH (o:Redirect {to: $merge})
SET o.to = $keep`, map[string]any{"keep": keep, "merge": merge, "actor": actor}); err != nil {
		return err
	}
	rp := plan.report
	log = append(log, w.log.rows...)
	log = append(log, changeRow{"op": OpMerge, "entity": merge, "from": nil, "type": nil, "to": nil, "fields": fieldsJSON(map[string][2]any{
		"mergedInto":    {nil, keep},
		"relationships": {nil, map[string]int{"moved": rp.Relationships, "combined": rp.Combined, "dropped": rp.Dropped}},
		"evidence":      {nil, rp.Evidence},
		"names":         {nil, rp.Names},
	})})
	return s.appendLog(ctx, tx, actor, log)
}

// moveRels writes relationships whole (their properties, evidence pairs included, as the merge
// planned them), as the kept entity's.
const moveRels = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:$(row.type)]->(b)
WITH a, b, row, old IS NULL AS isNew, CASE WHEN old IS NOT NULL THEN old {.*} END AS before
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.updatedAt = datetime(), r.updatedBy = $actor
RETURN collect({from: row.from, type: row.type, to: row.to, isNew: isNew, before: before, after: r {.*}}) AS changes`

// moveEvidence gives the kept entity the merged one's evidence links (those it had with the same
// sentence take the properties they state).
const moveEvidence = `
UNWIND $rows AS row
MATCH (k:Entity {id: $keep})
MATCH (s:Source {id: row.source})
MERGE (k)-[e:MENTIONED_IN {quote: row.quote}]->(s)
ON CREATE SET e.createdAt = coalesce(row.createdAt, datetime()), e.createdBy = coalesce(row.createdBy, $actor),
              e.properties = row.properties
ON MATCH SET e.properties = coalesce(e.properties, []) + [p IN row.properties WHERE NOT p IN coalesce(e.properties, [])]`

// NodeOrRedirect returns an entity by ID, or, when the ID is one merged into another entity
// (Merge), that entity; errs.ErrNotFound when neither.
func (s *Store) NodeOrRedirect(ctx context.Context, id string) (Node, error) {
	n, err := s.Node(ctx, id)
	if err == nil || !errors.Is(err, errs.ErrNotFound) {
		return n, err
	}
	to, ok, rerr := s.Redirect(ctx, id)
	switch {
	case rerr != nil:
		return Node{}, rerr
	case !ok:
		return Node{}, err
	}
	return s.Node(ctx, to)
}

// Redirect returns the entity an ID was merged into, if it was.
func (s *Store) Redirect(ctx context.Context, id string) (string, bool, error) {
	recs, err := s.read(ctx, "redirect", "MATCH (r:Redirect {id: $id}) RETURN r.to AS to", map[string]any{"id": id})
	if err != nil {
		return "", false, mapErr("redirect", err)
	}
	if len(recs) == 0 {
		return "", false, nil
	}
	to, _, _ := neo4j.GetRecordValue[string](recs[0], "to")
	return to, to != "", nil
}
