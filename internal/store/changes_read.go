package store

import (
	"context"
	"math"
	"strings"
	"urbangraph/internal/errs"
)

// The log's reads are bounded by what they return, not by the log's size: each goes through an
// index that gives records in number order (migrate.go), so Neo4j stops after the page.
//
//   - an entity's records: the (entity, seq), (from, seq) and (to, seq) indexes, one branch each,
//     each read as far as the page;
//   - a kind's records: the records' kind labels (changeLabels) and their seq indexes;
//   - a relationship's: the (from, to, seq) index.
//
// TestTheLogsReadsAreBoundedByWhatTheyReturn (changes_bound_test.go) profiles each on a log of
// 20,000 records and asserts its database hits.

// entityChanges selects an entity's records after (or before) a number, in number order (or
// reverse), at most $first, as three index reads. cmp is "<" or ">", dir "DESC" or "".
func entityChanges(cmp, dir, param string) string {
	return entityChangesWith(cmp, dir, param, "$seq", "$first", "$prefixes")
}

// newestFirst is the sequence number a page of history reads below: before, or from the newest
// record when before is 0 or less.
func newestFirst(before int64) int64 {
	if before <= 0 {
		return math.MaxInt64
	}
	return before
}

// entityChangesWith is entityChanges with the sequence number, the page size and the prefixes as
// the given expressions (a tree query's own parameters).
func entityChangesWith(cmp, dir, param, seq, first, prefixes string) string {
	var branches []string
	for _, end := range []string{"entity", "from", "to"} {
		// The hints keep the planner from reading the whole log, or the whole index, instead, as
		// it may with a plan cached while the log was small.
		branches = append(branches, "MATCH (c:Change) USING INDEX SEEK c:Change("+end+", seq) WHERE c."+end+" = "+param+" AND c.seq "+cmp+" "+seq+
			" AND (size("+prefixes+") = 0 OR any(p IN "+prefixes+" WHERE c.entity STARTS WITH p OR c.from STARTS WITH p OR c.to STARTS WITH p))"+
			// Ordered as the index is (its first key is fixed), so Neo4j reads it in order and stops
			// at the page; ordered by seq alone, it reads all the entity's records and sorts them.
			" RETURN c ORDER BY c."+end+" "+dir+", c.seq "+dir+" LIMIT "+first)
	}
	return strings.Join(branches, "\n  UNION\n  ")
}

// Changes returns the records after sequence number after, oldest first, at most first; with
// kinds or ids, only the records of those kinds of entity (by their ID's prefix) or those entities
// (as the entity or either end of a relationship).
func (s *Store) Changes(ctx context.Context, after int64, first int, kinds []Kind, ids []string) ([]Change, error) {
	if err := CheckChangeIDs(ids); err != nil {
		return nil, err
	}
	prefixes := make([]string, len(kinds))
	var byKind []string
	for i, k := range kinds {
		prefixes[i] = k.IDPrefix()
		byKind = append(byKind, "MATCH (c:`"+changeLabel(k)+"`) USING INDEX SEEK c:`"+changeLabel(k)+"`(seq) WHERE c.seq > $seq RETURN c ORDER BY c.seq LIMIT $first")
	}
	var q string
	switch {
	case len(ids) > 0:
		q = "UNWIND $ids AS id\nCALL (id) {\n  " + entityChanges(">", "", "id") + "\n}\nWITH DISTINCT c"
	case len(kinds) > 0:
		q = "CALL () {\n  " + strings.Join(byKind, "\n  UNION\n  ") + "\n}"
	default:
		q = "MATCH (c:Change) USING INDEX SEEK c:Change(seq) WHERE c.seq > $seq"
	}
	recs, err := s.read(ctx, "changes", q+"\nRETURN c {.*} AS c ORDER BY c.seq LIMIT $first",
		map[string]any{"seq": after, "first": first, "ids": nonNil(ids), "prefixes": prefixes})
	if err != nil {
		return nil, mapErr("changes", err)
	}
	return changesFrom(recs)
}

// MaxChangeIDs is the most entities one read of the log (or one subscription) may follow: each is
// three index reads.
const MaxChangeIDs = 100

// CheckChangeIDs checks the ids a read of the log, or a subscription, follows.
func CheckChangeIDs(ids []string) error {
	if len(ids) > MaxChangeIDs {
		return errs.BadInput("ids", "follow at most %d entities at once, not %d", MaxChangeIDs, len(ids))
	}
	return checkIDs("ids", ids...)
}

// History returns an entity's records (as the entity or an end of a relationship), or a
// relationship's (with from, t and to), newest first, those before sequence number before (0: from
// the newest), at most first.
func (s *Store) History(ctx context.Context, entity, from string, t RelType, to string, before int64, first int) ([]Change, error) {
	before = newestFirst(before)
	q := "CALL () {\n  " + entityChanges("<", "DESC", "$entity") + "\n}"
	if entity == "" {
		q = "CALL () { MATCH (c:Change) USING INDEX SEEK c:Change(from, to, seq) WHERE c.from = $from AND c.to = $to AND c.seq < $seq AND c.type = $type" +
			" RETURN c ORDER BY c.from DESC, c.to DESC, c.seq DESC LIMIT $first }"
	}
	recs, err := s.read(ctx, "history", q+"\nRETURN c {.*} AS c ORDER BY c.seq DESC LIMIT $first",
		map[string]any{"entity": entity, "from": from, "type": string(t), "to": to, "seq": before, "first": first, "prefixes": []string{}})
	if err != nil {
		return nil, mapErr("history", err)
	}
	return changesFrom(recs)
}
