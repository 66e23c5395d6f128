package store

import (
	"context"
	"slices"
	"time"
	"urbangraph/internal/metrics"
	"urbangraph/internal/tracing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// searchIndex is the full-text index behind Search. It indexes one property, search_latin: every name
// and alias of the entity transliterated to lower-case Latin (package translit), so that a query in
// any script meets a name in any script. Its analyzer only splits on white space, because the text
// is already normalised before it is stored.
const searchIndex = "entity_search"

// migrations are idempotent (IF NOT EXISTS). Constraint names are fixed so re-running finds them.
func migrations() []string {
	qs := []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
		"CREATE INDEX entity_name_en IF NOT EXISTS FOR (n:Entity) ON (n.name_en)",
		"CREATE FULLTEXT INDEX " + searchIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_latin] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
		// location is the point of a place's latitude and longitude: near and nearby search it.
		"CREATE POINT INDEX entity_location IF NOT EXISTS FOR (n:Entity) ON (n.location)",
		// Ingested documents and their proposals (documents.go): not entities, so not in reads.
		"CREATE CONSTRAINT document_hash IF NOT EXISTS FOR (d:Document) REQUIRE d.hash IS UNIQUE",
		"CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE",
		// The review queue across documents (queue.go): proposals by status.
		"CREATE INDEX proposal_status IF NOT EXISTS FOR (p:Proposal) ON (p.status)",
		// Pairs an editor marked distinct (distinct.go): not entities.
		"CREATE CONSTRAINT distinct_pair_key IF NOT EXISTS FOR (p:DistinctPair) REQUIRE p.key IS UNIQUE",
		// The ID of an entity merged into another (merge.go): not an entity.
		"CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE",
		"CREATE INDEX redirect_to IF NOT EXISTS FOR (r:Redirect) ON (r.to)",
		// A document's source until its first proposal is accepted (pending.go): not an entity either.
		"CREATE CONSTRAINT pending_source_id IF NOT EXISTS FOR (p:PendingSource) REQUIRE p.id IS UNIQUE",
		// The change log (changes.go): one counter, records by number, by entity, by relationship.
		"CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (c:ChangeLog) REQUIRE c.id IS UNIQUE",
		"CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE",
		// An entity's records in order (history, asOf, changes(ids)): each index gives them by
		// number, so a query reads only the page it returns (changes_read.go).
		"DROP INDEX change_entity IF EXISTS",
		"DROP INDEX change_from IF EXISTS",
		"DROP INDEX change_to IF EXISTS",
		"CREATE INDEX change_entity_seq IF NOT EXISTS FOR (c:Change) ON (c.entity, c.seq)",
		"CREATE INDEX change_from_seq IF NOT EXISTS FOR (c:Change) ON (c.from, c.seq)",
		"CREATE INDEX change_to_seq IF NOT EXISTS FOR (c:Change) ON (c.to, c.seq)",
		"CREATE INDEX change_rel_seq IF NOT EXISTS FOR (c:Change) ON (c.from, c.to, c.seq)",
		// The first record after a time (asOf).
		"CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)",
	}
	for _, p := range ExternalIDProps {
		// An import joins a row to the entity holding its external identifier (external.go).
		qs = append(qs, "CREATE INDEX entity_"+p+" IF NOT EXISTS FOR (n:Entity) ON (n."+p+")")
	}
	ks := Kinds()
	slices.Sort(ks)
	for _, k := range ks {
		// One uniqueness constraint per kind, as the model requires; the label comes from the closed list.
		qs = append(qs, "CREATE CONSTRAINT "+k.Prefix()+"_id IF NOT EXISTS FOR (n:`"+k.Label()+"`) REQUIRE n.id IS UNIQUE")
		// A kind's records in order (changes(kinds), subscriptions by kind): a record is labelled
		// with the kinds of the entities it names (changeLabels).
		qs = append(qs, "CREATE INDEX change_of_"+k.Prefix()+" IF NOT EXISTS FOR (c:`"+changeLabel(k)+"`) ON (c.seq)")
	}
	return qs
}

// Migrate creates the constraints and indexes the model needs and waits until they are online.
// Running it again changes nothing.
func (s *Store) Migrate(ctx context.Context) error {
	for _, q := range append(migrations(), "CALL db.awaitIndexes(300)") {
		if err := s.runLong(ctx, "migrate", q, nil); err != nil {
			return mapErr("migrate", err)
		}
	}
	return s.labelChanges(ctx)
}

// labelChanges gives the records written before the log's kind labels existed their labels, once
// (the log's counter remembers it: kindLabels).
func (s *Store) labelChanges(ctx context.Context) error {
	recs, err := s.read(ctx, "migrate", "OPTIONAL MATCH (l:ChangeLog {id: 'changes'}) RETURN l IS NOT NULL AND l.kindLabels IS NULL AS todo", nil)
	if err != nil {
		return mapErr("migrate", err)
	}
	if todo, _, _ := neo4j.GetRecordValue[bool](recs[0], "todo"); !todo {
		return nil
	}
	labels := map[string]any{}
	for _, k := range Kinds() {
		labels[k.Prefix()] = changeLabel(k)
	}
	err = s.runLong(ctx, "migrate", `MATCH (c:Change)
CALL (c) {
  WITH c, [x IN [c.entity, c.from, c.to] WHERE x IS NOT NULL | $labels[split(x, ':')[0]]] AS ls
  SET c:$([l IN ls WHERE l IS NOT NULL])
} IN TRANSACTIONS OF 10000 ROWS`, map[string]any{"labels": labels})
	if err == nil {
		err = s.runLong(ctx, "migrate", "MATCH (l:ChangeLog {id: 'changes'}) SET l.kindLabels = true", nil)
	}
	return mapErr("migrate: label the change log", err)
}

// runLong runs one query in an auto-commit transaction with no time limit but ctx's: migrations,
// which may build indexes over a large graph (and CALL … IN TRANSACTIONS needs one).
func (s *Store) runLong(ctx context.Context, op, query string, params map[string]any) error {
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	s.trips.Add(1)
	defer metrics.ObserveCypher(op, time.Now())
	ctx, span := querySpan(ctx, op)
	res, err := session.Run(ctx, query, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	tracing.End(span, err)
	return err
}
