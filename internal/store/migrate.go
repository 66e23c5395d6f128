package store

import (
	"context"
	"slices"
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
		// A document's source until its first proposal is accepted (pending.go): not an entity either.
		"CREATE CONSTRAINT pending_source_id IF NOT EXISTS FOR (p:PendingSource) REQUIRE p.id IS UNIQUE",
		// The change log (changes.go): one counter, records by number, by entity, by relationship.
		"CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (c:ChangeLog) REQUIRE c.id IS UNIQUE",
		"CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE",
		"CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entity)",
		"CREATE INDEX change_from IF NOT EXISTS FOR (c:Change) ON (c.from)",
		"CREATE INDEX change_to IF NOT EXISTS FOR (c:Change) ON (c.to)",
	}
	ks := Kinds()
	slices.Sort(ks)
	for _, k := range ks {
		// One uniqueness constraint per kind, as the model requires; the label comes from the closed list.
		qs = append(qs, "CREATE CONSTRAINT "+k.Prefix()+"_id IF NOT EXISTS FOR (n:`"+k.Label()+"`) REQUIRE n.id IS UNIQUE")
	}
	return qs
}

// Migrate creates the constraints and indexes the model needs and waits until they are online.
// Running it again changes nothing.
func (s *Store) Migrate(ctx context.Context) error {
	for _, q := range migrations() {
		if _, err := s.writeRecords(ctx, "migrate", q, nil); err != nil {
			return mapErr("migrate", err)
		}
	}
	if _, err := s.writeRecords(ctx, "migrate", "CALL db.awaitIndexes(300)", nil); err != nil {
		return mapErr("migrate: await indexes", err)
	}
	return nil
}
