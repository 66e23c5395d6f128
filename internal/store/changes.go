package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The change log (docs/changes.md): every write appends its records in its own transaction, so a
// write that fails leaves none and a record never exists without its write. Sequence numbers come
// from one counter node, (:ChangeLog {id: 'changes', seq}), which each writing transaction raises
// by the number of records it appends as its last step: the counter's write lock, held to commit,
// makes writers take numbers one transaction at a time, in commit order, with no gap.
//
//	(:Change {seq, at, actor, op, entity | from, type, to, fields})

// Operations a change records.
const (
	OpCreate         = "CREATE"
	OpUpdate         = "UPDATE"
	OpDelete         = "DELETE"
	OpCreateRel      = "CREATE_RELATIONSHIP"
	OpUpdateRel      = "UPDATE_RELATIONSHIP"
	OpDeleteRel      = "DELETE_RELATIONSHIP"
	OpImportBatch    = "IMPORT_BATCH"
	OpAcceptProposal = "ACCEPT_PROPOSAL"
	OpRejectProposal = "REJECT_PROPOSAL"
)

// Change is one record of the change log.
type Change struct {
	Seq            int64
	At             time.Time
	Actor, Op      string
	Entity         string // the entity (or proposal) changed, for entity operations
	From, Type, To string // the relationship changed, for relationship operations
	// Fields are the changed fields: name → [before, after] (null where there was none).
	Fields map[string][2]any
}

// changeRow is a change to append, as the log query takes it.
type changeRow map[string]any

func entityChange(op, id string, fields map[string][2]any) changeRow {
	return changeRow{"op": op, "entity": id, "from": nil, "type": nil, "to": nil, "fields": fieldsJSON(fields)}
}

func relChange(op, from string, t RelType, to string, fields map[string][2]any) changeRow {
	return changeRow{"op": op, "entity": nil, "from": from, "type": string(t), "to": to, "fields": fieldsJSON(fields)}
}

func fieldsJSON(fields map[string][2]any) string {
	if len(fields) == 0 {
		return "{}"
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return fmt.Sprintf(`{"error": %q}`, err.Error())
	}
	return string(b)
}

// diff is what changed between two property maps (nil: there was none), logged fields only.
func diff(before, after map[string]any) map[string][2]any {
	out := map[string][2]any{}
	for _, m := range []map[string]any{before, after} {
		for k := range m {
			if _, seen := out[k]; seen || slices.Contains(unlogged, k) {
				continue
			}
			b, a := loggable(before[k]), loggable(after[k])
			if !reflect.DeepEqual(b, a) {
				out[k] = [2]any{b, a}
			}
		}
	}
	return out
}

// loggable is a stored value as JSON can hold it: times as RFC 3339 text.
func loggable(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case neo4j.Point2D:
		return []float64{x.X, x.Y}
	}
	return v
}

// appendLog writes rows as the transaction's change records, numbered after the counter, which it
// raises: call it last in the transaction.
func (s *Store) appendLog(ctx context.Context, tx neo4j.ManagedTransaction, actor string, rows []changeRow) error {
	if len(rows) == 0 {
		return nil
	}
	list := make([]map[string]any, len(rows))
	for i, r := range rows {
		list[i] = maps.Clone(r)
		list[i]["labels"] = changeLabels(r)
	}
	_, err := s.run(ctx, tx, "change_log", `
MERGE (c:ChangeLog {id: 'changes'}) ON CREATE SET c.seq = 0, c.kindLabels = true
SET c.seq = c.seq + size($rows)
WITH c.seq - size($rows) AS base
UNWIND range(0, size($rows) - 1) AS i
WITH base, i, $rows[i] AS r
CREATE (x:Change {seq: base + i + 1, at: datetime.realtime(), actor: $actor, op: r.op, entity: r.entity,
                  from: r.from, type: r.type, to: r.to, fields: r.fields})
SET x:$(r.labels)`,
		map[string]any{"rows": list, "actor": actor})
	return err
}

// changeLabel is the label of the records that name an entity of kind k (a closed list: one per
// kind), which changes(kinds) reads by (changes_read.go).
func changeLabel(k Kind) string { return "ChangeOf" + k.Label() }

// changeLabels are the labels of a record: those of the kinds of the entities it names.
func changeLabels(r changeRow) []string {
	out := []string{}
	for _, end := range []string{"entity", "from", "to"} {
		id, _ := r[end].(string)
		if k, ok := KindOfID(id); ok && !slices.Contains(out, changeLabel(k)) {
			out = append(out, changeLabel(k))
		}
	}
	return out
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func changesFrom(recs []*neo4j.Record) ([]Change, error) {
	out := make([]Change, 0, len(recs))
	for _, r := range recs {
		m, _, err := neo4j.GetRecordValue[map[string]any](r, "c")
		if err != nil {
			return nil, fmt.Errorf("changes: %w", err)
		}
		out = append(out, changeFrom(m))
	}
	return out, nil
}

// changeFrom reads a change record's properties.
func changeFrom(m map[string]any) Change {
	str := func(k string) string { v, _ := m[k].(string); return v }
	c := Change{Actor: str("actor"), Op: str("op"), Entity: str("entity"), From: str("from"), Type: str("type"), To: str("to")}
	c.Seq, _ = m["seq"].(int64)
	c.At, _ = m["at"].(time.Time)
	if raw := str("fields"); raw != "" {
		_ = json.Unmarshal([]byte(raw), &c.Fields)
	}
	return c
}

// logChanges adds the change records an upsert returned (its "changes" column): CREATE or UPDATE
// of entities (with id), of relationships (with from, type, to), with the fields that changed.
func (w batchWriter) logChanges(rec *neo4j.Record) {
	list, _, _ := neo4j.GetRecordValue[[]any](rec, "changes")
	for _, x := range list {
		m, _ := x.(map[string]any)
		before, _ := m["before"].(map[string]any)
		after, _ := m["after"].(map[string]any)
		isNew, _ := m["isNew"].(bool)
		fields := diff(before, after)
		if id, ok := m["id"].(string); ok {
			op := OpUpdate
			if isNew {
				op = OpCreate
			}
			w.log.rows = append(w.log.rows, entityChange(op, id, fields))
			continue
		}
		from, _ := m["from"].(string)
		t, _ := m["type"].(string)
		to, _ := m["to"].(string)
		op := OpUpdateRel
		if isNew {
			op = OpCreateRel
		}
		w.log.rows = append(w.log.rows, relChange(op, from, RelType(t), to, fields))
	}
}

// batchChange is an import batch's one record: what it wrote, as counts.
func batchChange(c Counts, nodes, rels int) changeRow {
	return changeRow{"op": OpImportBatch, "entity": nil, "from": nil, "type": nil, "to": nil, "fields": fieldsJSON(map[string][2]any{
		"entities":      {nil, map[string]int{"rows": nodes, "created": c.NodesCreated, "updated": c.NodesUpdated, "unchanged": c.NodesUnchanged}},
		"relationships": {nil, map[string]int{"rows": rels, "created": c.RelsCreated, "updated": c.RelsUpdated, "unchanged": c.RelsUnchanged}},
	})}
}

// LastChange is the newest sequence number of the log (0 when it is empty).
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	recs, err := s.read(ctx, "last_change", "OPTIONAL MATCH (c:ChangeLog {id: 'changes'}) RETURN coalesce(c.seq, 0) AS seq", nil)
	if err != nil {
		return 0, mapErr("last change", err)
	}
	seq, _, _ := neo4j.GetRecordValue[int64](recs[0], "seq")
	return seq, nil
}

// ChangeMatches reports whether c is one of the records Changes returns with kinds and ids: the
// same selection, in memory (package feed filters the changes it tails with it).
func ChangeMatches(c Change, kinds []Kind, ids []string) bool {
	ends := [3]string{c.Entity, c.From, c.To}
	if len(ids) > 0 && !slices.ContainsFunc(ends[:], func(id string) bool { return id != "" && slices.Contains(ids, id) }) {
		return false
	}
	if len(kinds) == 0 {
		return true
	}
	return slices.ContainsFunc(kinds, func(k Kind) bool {
		return slices.ContainsFunc(ends[:], func(id string) bool { return strings.HasPrefix(id, k.IDPrefix()) })
	})
}
