package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
	"urbangraph/internal/translit"
)

// Langs are the languages every entity may be named in. English is the fallback.
var Langs = []string{"en", "bg", "el"}

// NodeWrite is one entity to create or update. Properties are the facts; every key of Props must be
// listed in the Properties of at least one Evidence (a fact without a source cannot be stored).
type NodeWrite struct {
	ID         string
	Kind       Kind
	Names      map[string]string // by language: en (required), bg, el
	Aliases    []string
	Unnamed    bool // the source does not name it; the names describe it
	Collective bool // a group (e.g. "start-up companies"), not one thing
	// EnglishDerived: the English name was made by a rule from another language's (a pattern, or
	// romanised), not read in a source or given by an editor; a source's English name replaces it
	// (Cite). Any other write of the entity clears it.
	EnglishDerived bool
	Props          map[string]any
	Evidence       []EvidenceWrite
	// CreateOnly: the ID was made from the English name, so the write means "create". If an entity is
	// already stored under the ID and differs from this one in any name or property, the write is a
	// conflict (errs.ConflictError), not an update; an identical one makes it a no-op, so it is idempotent.
	CreateOnly bool
}

// EvidenceWrite ties an entity to a sentence of a Source.
type EvidenceWrite struct {
	Source     string   // the Source entity's ID
	Quote      string   // the sentence, in the source's language
	Properties []string // the entity properties this sentence states
}

// RelWrite is one relationship to create or update, with the sentence that states it.
type RelWrite struct {
	From, To string
	Type     RelType
	Props    map[string]any
	Source   string
	Quote    string
}

// Counts summarise a write.
type Counts struct {
	NodesCreated, NodesUpdated, NodesUnchanged int
	RelsCreated, RelsUpdated, RelsUnchanged    int
	Changes                                    int // records appended to the change log
}

// changed reports whether anything was created or updated.
func (c Counts) changed() bool {
	return c.NodesCreated+c.NodesUpdated+c.RelsCreated+c.RelsUpdated > 0
}

// Add accumulates o into c.
func (c *Counts) Add(o Counts) {
	c.NodesCreated += o.NodesCreated
	c.NodesUpdated += o.NodesUpdated
	c.NodesUnchanged += o.NodesUnchanged
	c.RelsCreated += o.RelsCreated
	c.RelsUpdated += o.RelsUpdated
	c.RelsUnchanged += o.RelsUnchanged
	c.Changes += o.Changes
}

// EnglishDerivedProp marks an entity whose English name a rule made (NodeWrite.EnglishDerived).
const EnglishDerivedProp = "name_en_derived"

// IsReserved reports whether a property name is managed by the store.
func IsReserved(prop string) bool { return slices.Contains(reserved, prop) }

// stored is the property map written for a node: its facts plus names, flags and the search text.
func (n NodeWrite) stored() map[string]any {
	props := make(map[string]any, len(n.Props)+8)
	for k, v := range n.Props {
		props[k] = v
	}
	props["kind"] = string(n.Kind)
	var search []string
	for _, l := range Langs {
		if v := strings.TrimSpace(n.Names[l]); v != "" {
			props["name_"+l] = v
			search = append(search, v)
		} else {
			props["name_"+l] = nil
		}
	}
	aliases := n.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	props["aliases"] = aliases
	props["unnamed"] = n.Unnamed
	props["collective"] = n.Collective
	props[EnglishDerivedProp] = nil
	if n.EnglishDerived {
		props[EnglishDerivedProp] = true
	}
	props["search_latin"] = searchText(append(search, aliases...))
	return props
}

// searchText is what the full-text index sees: each name folded to Latin, " | " between names so
// that a phrase never spans two names.
func searchText(names []string) string {
	folded := make([]string, 0, len(names))
	for _, n := range names {
		if f := translit.Fold(n); f != "" && !slices.Contains(folded, f) {
			folded = append(folded, f)
		}
	}
	return strings.Join(folded, " | ")
}

// upsertNodes writes rows of any kinds: each row's label (its kind's, from the closed list, checked
// by labelOf) is a parameter, so that one query plan serves every kind. A curated row (docs/import.md, "Precedence") keeps
// the aliases a reference source added (ref_aliases) and their search text (ref_search); a
// reference row comes merged already (mergeReference). location is the point of latitude and
// longitude, for the point index.
const upsertNodes = `
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old, row.props AS p, CASE WHEN $log AND old IS NOT NULL THEN old {.*} END AS before
WITH row, old, before, CASE WHEN row.reference OR old IS NULL OR old.ref_aliases IS NULL THEN p
  ELSE p {.*, aliases: p.aliases + [a IN old.ref_aliases WHERE NOT a IN p.aliases],
          search_latin: p.search_latin + coalesce(' | ' + old.ref_search, '')} END AS props
WITH row, props, before, old IS NULL AS isNew,
     CASE WHEN old IS NULL THEN 0
          ELSE size([k IN keys(props) WHERE NOT (old[k] IS NULL AND props[k] IS NULL)
                     AND (old[k] IS NULL OR props[k] IS NULL OR old[k] <> props[k])]) END AS changed
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = datetime(), n.createdBy = $actor, n.updatedAt = datetime(), n.updatedBy = $actor
SET n:$(row.label), n += props
SET n.location = CASE WHEN n.latitude IS NULL OR n.longitude IS NULL THEN null
                      ELSE point({latitude: n.latitude, longitude: n.longitude}) END
FOREACH (_ IN CASE WHEN NOT isNew AND changed > 0 THEN [1] ELSE [] END |
  SET n.updatedAt = datetime(), n.updatedBy = $actor)
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT isNew AND changed > 0 THEN 1 ELSE 0 END) AS updated,
       count(*) AS total,
       collect(CASE WHEN $log AND (isNew OR changed > 0) THEN {id: row.id, isNew: isNew, before: before, after: props} END) AS changes`

// createOnlyGuard finds rows whose ID is stored with other names or properties.
const createOnlyGuard = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH row, n, [k IN keys(row.props) WHERE k <> 'search_latin' AND NOT (n[k] IS NULL AND row.props[k] IS NULL)
              AND (n[k] IS NULL OR row.props[k] IS NULL OR n[k] <> row.props[k])] AS diff
WHERE size(diff) > 0
RETURN row.id AS id, n.name_en AS name, diff`

const upsertEvidence = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
MATCH (s:Source {id: row.source})
MERGE (n)-[m:MENTIONED_IN {quote: row.quote}]->(s)
ON CREATE SET m.createdAt = datetime(), m.createdBy = $actor
SET m.properties = row.properties
RETURN count(m) AS n`

// upsertRels writes relationships of any types: each row's type (from the closed list, checked by
// typeOf) is a parameter, so that one query plan serves every type.
const upsertRels = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:$(row.type)]->(b)
WITH a, b, row, old IS NULL AS isNew, CASE WHEN $log AND old IS NOT NULL THEN old {.*} END AS before,
     CASE WHEN old IS NULL THEN 0
          ELSE size([k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]]) END AS changedProps
MERGE (a)-[r:$(row.type)]->(b)
ON CREATE SET r.createdAt = datetime(), r.createdBy = $actor, r.updatedAt = datetime(), r.updatedBy = $actor,
              r.sources = [], r.quotes = []
// Evidence accumulates: sources[i] and quotes[i] are one (source, sentence) pair.
WITH r, row, isNew, before, changedProps,
     any(i IN range(0, size(r.sources) - 1) WHERE r.sources[i] = row.source AND r.quotes[i] = row.quote) AS known
SET r += row.props,
    r.sources = CASE WHEN known THEN r.sources ELSE r.sources + row.source END,
    r.quotes = CASE WHEN known THEN r.quotes ELSE r.quotes + row.quote END
WITH r, row, before, isNew, NOT isNew AND (changedProps > 0 OR NOT known) AS updated
FOREACH (_ IN CASE WHEN updated THEN [1] ELSE [] END | SET r.updatedAt = datetime(), r.updatedBy = $actor)
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN updated THEN 1 ELSE 0 END) AS updated,
       count(*) AS total,
       collect(CASE WHEN $log AND (isNew OR updated) THEN {from: row.from, type: row.type, to: row.to, isNew: isNew,
                                                           before: before, after: r {.*}} END) AS changes`

// labelOf and typeOf are the label of a kind and the name of a relationship type, from the closed
// lists, as query parameters. They panic on anything else: a caller that gets here with an unchecked
// value is a bug.
func labelOf(k Kind) string {
	if !k.Valid() {
		panic("store: label of unknown kind " + string(k))
	}
	return k.Label()
}

func typeOf(t RelType) string {
	if !t.Valid() {
		panic("store: unknown relationship type " + string(t))
	}
	return string(t)
}

// Write stores nodes (with their evidence) and then relationships, all in one transaction: either
// everything is written or nothing is. Writing the same data again changes nothing. actor is recorded
// as createdBy/updatedBy. Callers validate first (package domain); Write checks only what the
// database knows: that every relationship's endpoints and every evidence's source exist.
func (s *Store) Write(ctx context.Context, nodes []NodeWrite, rels []RelWrite, actor string) (Counts, error) {
	return s.write(ctx, nodes, rels, actor, true)
}

// ImportBatch is Write for a batch of an import: the change log gets one record for the batch (its
// counts), and a record per entity and relationship only with perEntity (`import --log=entities`).
func (s *Store) ImportBatch(ctx context.Context, nodes []NodeWrite, rels []RelWrite, actor string, perEntity bool) (Counts, error) {
	return s.write(ctx, nodes, rels, actor, perEntity)
}

func (s *Store) write(ctx context.Context, nodes []NodeWrite, rels []RelWrite, actor string, perEntity bool) (Counts, error) {
	b := newWriteBatch(nodes, rels)
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	var counts Counts
	_, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		counts = Counts{} // the function may be retried
		w := batchWriter{s: s, ctx: ctx, tx: tx, actor: actor, counts: &counts, log: &changeLog{perEntity: perEntity}}
		if err := w.write(b); err != nil {
			return nil, err
		}
		if !perEntity && counts.changed() { // a batch that changed nothing (a re-import) records nothing
			w.log.rows = append(w.log.rows, batchChange(counts, len(nodes), len(rels)))
		}
		counts.Changes = len(w.log.rows)
		return nil, s.appendLog(ctx, tx, actor, w.log.rows)
	})
	if err != nil {
		var inputErr *errs.InputError
		var conflict *errs.ConflictError
		if errors.As(err, &inputErr) || errors.As(err, &conflict) {
			return Counts{}, err
		}
		return Counts{}, mapErr("write", err)
	}
	return counts, nil
}

// writeBatch is one Write's rows, grouped the way its queries take them.
type writeBatch struct {
	sources  []NodeWrite // written first: evidence points at them
	others   []NodeWrite
	evidence []map[string]any
	rels     []map[string]any
	guarded  []map[string]any // entities that must not exist with other facts (CreateOnly)
}

func newWriteBatch(nodes []NodeWrite, rels []RelWrite) writeBatch {
	var b writeBatch
	for _, n := range nodes {
		if n.Kind == Source {
			b.sources = append(b.sources, n)
		} else {
			b.others = append(b.others, n)
		}
		if n.CreateOnly {
			b.guarded = append(b.guarded, map[string]any{"id": n.ID, "props": n.stored()})
		}
		for _, e := range n.Evidence {
			props := e.Properties
			if props == nil {
				props = []string{}
			}
			b.evidence = append(b.evidence, map[string]any{"id": n.ID, "source": e.Source, "quote": e.Quote, "properties": props})
		}
	}
	for _, r := range rels {
		props := r.Props
		if props == nil {
			props = map[string]any{}
		}
		b.rels = append(b.rels, map[string]any{
			"from": r.From, "to": r.To, "type": typeOf(r.Type), "props": props, "source": r.Source, "quote": r.Quote})
	}
	return b
}

// batchWriter writes one batch inside one transaction, adding up what it did in counts.
type batchWriter struct {
	s      *Store
	ctx    context.Context
	tx     neo4j.ManagedTransaction
	actor  string
	counts *Counts
	log    *changeLog // where the batch's change records gather
}

// changeLog gathers a transaction's change records; perEntity asks for one per entity and
// relationship written.
type changeLog struct {
	perEntity bool
	rows      []changeRow
}

func (w batchWriter) run(query string, rows []map[string]any) (*neo4j.Record, error) {
	res, err := w.s.run(w.ctx, w.tx, "write", query, map[string]any{"rows": rows, "actor": w.actor, "log": w.log.perEntity})
	if err != nil {
		return nil, err
	}
	return res.Single(w.ctx)
}

// write writes the batch: the create-only guard, then the entities (sources first: evidence points
// at them), their evidence, and the relationships.
func (w batchWriter) write(b writeBatch) error {
	if err := w.guard(b.guarded); err != nil {
		return err
	}
	if err := w.nodes(b.sources, nil); err != nil {
		return err
	}
	reference, err := w.referenceSources(b)
	if err != nil {
		return err
	}
	if err := w.nodes(b.others, reference); err != nil {
		return err
	}
	if len(b.evidence) > 0 {
		rec, err := w.run(upsertEvidence, b.evidence)
		if err != nil {
			return err
		}
		if n, _, _ := neo4j.GetRecordValue[int64](rec, "n"); int(n) != len(b.evidence) {
			return errs.BadInput("evidence", "%d of %d evidence rows name a source that does not exist", len(b.evidence)-int(n), len(b.evidence))
		}
	}
	if len(b.rels) > 0 {
		rec, err := w.run(upsertRels, b.rels)
		if err != nil {
			return err
		}
		created, updated, total := triple(rec)
		if total != len(b.rels) {
			return errs.BadInput("relationships", "%d relationships name an entity that does not exist", len(b.rels)-total)
		}
		w.logChanges(rec)
		w.counts.RelsCreated += created
		w.counts.RelsUpdated += updated
		w.counts.RelsUnchanged += total - created - updated
	}
	return nil
}

// nodes writes entities (reference rows merged by the precedence rule) and counts them.
func (w batchWriter) nodes(nodes []NodeWrite, reference map[string]bool) error {
	if len(nodes) == 0 {
		return nil
	}
	rows, err := w.rows(nodes, reference)
	if err != nil {
		return err
	}
	rec, err := w.run(upsertNodes, rows)
	if err != nil {
		return err
	}
	created, updated, total := triple(rec)
	w.logChanges(rec)
	w.counts.NodesCreated += created
	w.counts.NodesUpdated += updated
	w.counts.NodesUnchanged += total - created - updated
	return nil
}

// guard refuses the batch when an entity that must be new exists already with other facts.
func (w batchWriter) guard(guarded []map[string]any) error {
	if len(guarded) == 0 {
		return nil
	}
	res, err := w.s.run(w.ctx, w.tx, "write_guard", createOnlyGuard, map[string]any{"rows": guarded})
	if err != nil {
		return err
	}
	recs, err := res.Collect(w.ctx)
	if err != nil || len(recs) == 0 {
		return err
	}
	id, _, _ := neo4j.GetRecordValue[string](recs[0], "id")
	name, _, _ := neo4j.GetRecordValue[string](recs[0], "name")
	diff, _, _ := neo4j.GetRecordValue[[]any](recs[0], "diff")
	return &errs.ConflictError{Message: fmt.Sprintf("%s (made from the English name) is already %q, which differs in %s; "+
		"pass its id to update it, or another id to create a different entity", id, name, strings.Join(stringList(diff), ", "))}
}

func triple(rec *neo4j.Record) (created, updated, total int) {
	c, _, _ := neo4j.GetRecordValue[int64](rec, "created")
	u, _, _ := neo4j.GetRecordValue[int64](rec, "updated")
	t, _, _ := neo4j.GetRecordValue[int64](rec, "total")
	return int(c), int(u), int(t)
}

// ExistingIDs returns which of ids are stored; strings that cannot be IDs are simply not stored.
func (s *Store) ExistingIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return checkIDs("", id) != nil })
	recs, err := s.read(ctx, "existing_ids", "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id", map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("existing ids", err)
	}
	found := make(map[string]bool, len(recs))
	for _, r := range recs {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("existing ids: %w", err)
		}
		found[id] = true
	}
	return found, nil
}
