package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
	"urbangraph/internal/translit"
)

// Merging: two entities found to be one become one. Everything the merged entity had moves to the
// kept one in one transaction, recorded in the change log as the writes it is made of (the kept
// entity's UPDATE, its relationships' CREATE or UPDATE, the merged entity's DELETE with its
// relationships') and one MERGE record, so that history and asOf show both as they were before.
// The merged ID is left as a redirect, (:Redirect {id, to}): reads by that ID answer with the kept
// entity (NodeOrRedirect), which lists it in merged_ids.

// MergedIDsProp lists, on a kept entity, the IDs of the entities merged into it.
const MergedIDsProp = "merged_ids"

// MergeReport is what merging one entity into another moves (or would move, in a dry run).
type MergeReport struct {
	Keep, Merge   string
	Relationships int      // relationships moved to the kept entity
	Combined      int      // of those, joined to one the kept entity had (their sources and quotes together)
	Dropped       int      // relationships between the two, which would join the entity to itself
	Evidence      int      // sentences naming the merged entity, now the kept one's evidence
	Names         []string // the merged entity's names the kept one takes (a name where it had none in that language, else an alias)
	Properties    []string // the merged entity's properties the kept one did not have
	DryRun        bool
}

// mergeLock takes a write lock on both entities, held to the end of the transaction: a concurrent
// merge or write of either waits, and what mergeRead reads after it is what the merge changes (an
// entity a concurrent merge deleted meanwhile is gone).
const mergeLock = `MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
SET k._lock = true, m._lock = true
REMOVE k._lock, m._lock`

// mergeRead is both entities as a merge finds them.
const mergeRead = `
MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
RETURN k {.*} AS keep, m {.*} AS merge,
  COLLECT { MATCH (k)-[r]-(x:Entity) WHERE NOT r:MENTIONED_IN
            RETURN {from: startNode(r).id, type: type(r), to: endNode(r).id, props: r {.*}} } AS keepRels,
  COLLECT { MATCH (m)-[r]-(x:Entity) WHERE NOT r:MENTIONED_IN
            RETURN {from: startNode(r).id, type: type(r), to: endNode(r).id, props: r {.*}} } AS mergeRels,
  COLLECT { MATCH (m)-[e:MENTIONED_IN]->(s:Source)
            RETURN {source: s.id, quote: e.quote, properties: coalesce(e.properties, []), createdAt: e.createdAt, createdBy: e.createdBy} } AS evidence`

// Merge merges entity merge into entity keep (both of one kind): see the package's Merging. A dry
// run returns what would move and writes nothing. errs.ErrNotFound when either is missing; a
// ConflictError when merge was merged already (a concurrent merge) into another entity.
func (s *Store) Merge(ctx context.Context, keep, merge string, dryRun bool, actor string) (MergeReport, error) {
	if err := checkIDs("keep", keep); err != nil {
		return MergeReport{}, err
	}
	if err := checkIDs("merge", merge); err != nil {
		return MergeReport{}, err
	}
	if keep == merge {
		return MergeReport{}, errs.BadInput("merge", "an entity is not merged into itself")
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		plan, err := s.planMerge(ctx, tx, keep, merge, !dryRun)
		if err != nil || dryRun {
			plan.report.DryRun = dryRun
			return plan.report, err
		}
		return plan.report, s.applyMerge(ctx, tx, plan, actor)
	}
	var out any
	var err error
	if dryRun {
		out, err = session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) { return work(tx) }, neo4j.WithTxTimeout(s.txTimeout))
	} else {
		out, err = s.writeLogged(ctx, session, work)
	}
	if err != nil {
		if conflict, ok := err.(*errs.ConflictError); ok {
			return MergeReport{}, conflict
		}
		return MergeReport{}, mapErr("merge", err)
	}
	return out.(MergeReport), nil
}

// mergePlan is what a merge writes.
type mergePlan struct {
	report   MergeReport
	keepProp map[string]any   // the kept entity's properties to set
	rels     []map[string]any // relationships of the kept entity to write whole: from, type, to, props
	evidence []map[string]any // evidence to move
}

func (s *Store) planMerge(ctx context.Context, tx neo4j.ManagedTransaction, keep, merge string, lock bool) (mergePlan, error) {
	plan := mergePlan{report: MergeReport{Keep: keep, Merge: merge}}
	params := map[string]any{"keep": keep, "merge": merge}
	if lock {
		if _, err := s.run(ctx, tx, "merge_lock", mergeLock, params); err != nil {
			return plan, err
		}
	}
	res, err := s.run(ctx, tx, "merge_read", mergeRead, params)
	if err != nil {
		return plan, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return plan, err
	}
	if len(recs) == 0 {
		return plan, s.mergeMissing(ctx, tx, keep, merge)
	}
	k, _, _ := neo4j.GetRecordValue[map[string]any](recs[0], "keep")
	m, _, _ := neo4j.GetRecordValue[map[string]any](recs[0], "merge")
	if k["kind"] != m["kind"] || k["kind"] == string(Source) {
		return plan, errs.BadInput("merge", "%s is a %v and %s a %v: only two entities of one kind (not sources) merge", keep, k["kind"], merge, m["kind"])
	}
	keepRels, _, _ := neo4j.GetRecordValue[[]any](recs[0], "keepRels")
	mergeRels, _, _ := neo4j.GetRecordValue[[]any](recs[0], "mergeRels")
	evidence, _, _ := neo4j.GetRecordValue[[]any](recs[0], "evidence")
	plan.keepProp = mergedProps(k, m, &plan.report)
	plan.rels = movedRels(keep, merge, keepRels, mergeRels, &plan.report)
	for _, e := range evidence {
		plan.evidence = append(plan.evidence, e.(map[string]any))
	}
	plan.report.Evidence = len(plan.evidence)
	return plan, nil
}

// mergeMissing says why a merge found no pair: an entity is missing, or merge was merged already.
func (s *Store) mergeMissing(ctx context.Context, tx neo4j.ManagedTransaction, keep, merge string) error {
	res, err := s.run(ctx, tx, "merge_missing", `
OPTIONAL MATCH (k:Entity {id: $keep}) OPTIONAL MATCH (m:Entity {id: $merge}) OPTIONAL MATCH (r:Redirect {id: $merge})
RETURN k IS NOT NULL AS keep, m IS NOT NULL AS merge, r.to AS into`, map[string]any{"keep": keep, "merge": merge})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	into, _, _ := neo4j.GetRecordValue[string](rec, "into")
	hasKeep, _, _ := neo4j.GetRecordValue[bool](rec, "keep")
	switch {
	case into != "":
		return &errs.ConflictError{Message: fmt.Sprintf("%s was merged into %s already", merge, into)}
	case !hasKeep:
		return fmt.Errorf("merge: keep %q: %w", keep, errs.ErrNotFound)
	}
	return fmt.Errorf("merge: merge %q: %w", merge, errs.ErrNotFound)
}

// mergedProps are the kept entity's properties after the merge: its own, and the merged entity's
// names (as names in languages it has none in, else aliases), properties it lacks and ID.
func mergedProps(k, m map[string]any, r *MergeReport) map[string]any {
	out := map[string]any{}
	search := strings.Split(asString(k["search_latin"]), " | ")
	aliases := stringList(k["aliases"])
	take := func(name string) (folded string, ok bool) {
		folded = translit.Fold(name)
		return folded, folded != "" && !slices.Contains(search, folded)
	}
	var names []string
	for _, l := range Langs {
		names = append(names, asString(m["name_"+l]))
	}
	names = append(names, stringList(m["aliases"])...)
	for i, name := range names {
		if name == "" {
			continue
		}
		folded, ok := take(name)
		switch {
		case i < len(Langs) && Langs[i] != "en" && k["name_"+Langs[i]] == nil: // a language it had no name in
			out["name_"+Langs[i]] = name
		case ok:
			aliases = append(aliases, name)
		default:
			continue
		}
		if !slices.Contains(search, folded) {
			search = append(search, folded)
		}
		r.Names = append(r.Names, name)
	}
	out["aliases"] = aliases
	out["search_latin"] = strings.Join(slices.DeleteFunc(search, func(s string) bool { return s == "" }), " | ")
	for _, p := range slices.Sorted(maps.Keys(m)) {
		if _, has := k[p]; !has && !IsReserved(p) && !slices.Contains(internalProps, p) {
			out[p] = m[p]
			r.Properties = append(r.Properties, p)
		}
	}
	out[MergedIDsProp] = append(append(stringList(k[MergedIDsProp]), asString(m["id"])), stringList(m[MergedIDsProp])...)
	return out
}

// movedRels are the merged entity's relationships as the kept entity's: one the kept entity has
// already (same type, other end and direction) takes the merged one's sources and quotes and the
// properties it lacks.
func movedRels(keep, merge string, keepRels, mergeRels []any, r *MergeReport) []map[string]any {
	have := map[[3]string]map[string]any{}
	for _, x := range keepRels {
		e := x.(map[string]any)
		have[[3]string{asString(e["from"]), asString(e["type"]), asString(e["to"])}] = e["props"].(map[string]any)
	}
	var out []map[string]any
	for _, x := range mergeRels {
		e := x.(map[string]any)
		from, to := asString(e["from"]), asString(e["to"])
		from, to = replaceID(from, merge, keep), replaceID(to, merge, keep)
		if from == to {
			r.Dropped++
			continue
		}
		props := maps.Clone(e["props"].(map[string]any))
		key := [3]string{from, asString(e["type"]), to}
		if old, ok := have[key]; ok {
			r.Combined++
			props = combinedRel(old, props)
		}
		have[key] = props
		r.Relationships++
		out = append(out, map[string]any{"from": from, "type": key[1], "to": to, "props": props})
	}
	return out
}

// combinedRel is a relationship the kept entity had, with a merged one's evidence pairs it lacked and
// the properties it did not have.
func combinedRel(old, add map[string]any) map[string]any {
	out := maps.Clone(old)
	sources, quotes := stringList(old["sources"]), stringList(old["quotes"])
	as, aq := stringList(add["sources"]), stringList(add["quotes"])
	for i := range min(len(as), len(aq)) {
		known := false
		for j := range min(len(sources), len(quotes)) {
			known = known || sources[j] == as[i] && quotes[j] == aq[i]
		}
		if !known {
			sources, quotes = append(sources, as[i]), append(quotes, aq[i])
		}
	}
	out["sources"], out["quotes"] = sources, quotes
	for p, v := range add {
		if _, has := out[p]; !has {
			out[p] = v
		}
	}
	return out
}

func replaceID(id, from, to string) string {
	if id == from {
		return to
	}
	return id
}

func asString(v any) string { s, _ := v.(string); return s }
