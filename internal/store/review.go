package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
	"urbangraph/internal/translit"
)

// Decision is a reviewer's verdict on one proposal and, for an accepted one, the facts it writes:
// new entities (with their evidence), evidence of known entities, relationships.
type Decision struct {
	Proposal   string
	Accept     bool
	Reason     string // why it was rejected
	AcceptedID string // the entity an accepted ENTITY or MENTION proposal wrote or cited
	Nodes      []NodeWrite
	Evidence   []Cite
	Rels       []RelWrite
}

// Cite is a sentence of a source naming an entity the graph holds already. Name, in language Lang,
// is how the source names it, when the reviewer takes it as a name of the entity: it becomes the
// entity's name in that language if it has none, else an alias, unless the entity has it already
// (in any script: folded).
type Cite struct {
	Entity, Source, Quote string
	Name, Lang            string
	Alias                 bool // the name is an alias whatever the entity's names (another form of a canonical name)
}

// Review applies decisions in one transaction: every proposal must still be PROPOSED (a proposal
// reviewed in the meantime makes the whole review a conflict), the accepted facts are written as an
// import writes them, and each proposal records its status, who reviewed it and when. An accepted
// new entity whose ID the graph holds already is not overwritten: the sentence becomes its evidence.
func (s *Store) Review(ctx context.Context, ds []Decision, actor string) (Counts, error) {
	if len(ds) == 0 {
		return Counts{}, nil
	}
	ids := make([]string, len(ds))
	var nodes []NodeWrite
	var cites []Cite
	var rels []RelWrite
	rows := make([]map[string]any, len(ds))
	var accepted []string
	for i, d := range ds {
		ids[i] = d.Proposal
		status := Rejected
		if d.Accept {
			status = Accepted
			accepted = append(accepted, d.Proposal)
		}
		rows[i] = map[string]any{"id": d.Proposal, "status": string(status), "reason": d.Reason, "acceptedId": d.AcceptedID}
		nodes = append(nodes, d.Nodes...)
		cites = append(cites, d.Evidence...)
		rels = append(rels, d.Rels...)
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	var counts Counts
	_, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		counts = Counts{}
		if err := s.claim(ctx, tx, ids); err != nil {
			return nil, err
		}
		w := batchWriter{s: s, ctx: ctx, tx: tx, actor: actor, counts: &counts, log: &changeLog{perEntity: true}}
		if err := w.publishPending(accepted); err != nil {
			return nil, err
		}
		fresh, known, err := w.split(nodes)
		if err != nil {
			return nil, err
		}
		for _, n := range known {
			for _, e := range n.Evidence {
				cites = append(cites, Cite{Entity: n.ID, Source: e.Source, Quote: e.Quote})
			}
		}
		if err := w.write(newWriteBatch(fresh, rels)); err != nil {
			return nil, err
		}
		if err := w.cite(cites); err != nil {
			return nil, err
		}
		_, err = s.run(ctx, tx, "review", `UNWIND $rows AS row
MATCH (p:Proposal {id: row.id})
SET p.status = row.status, p.reviewedBy = $actor, p.reviewedAt = datetime(),
    p.reason = CASE WHEN row.reason = '' THEN null ELSE row.reason END,
    p.acceptedId = CASE WHEN row.acceptedId = '' THEN null ELSE row.acceptedId END`,
			map[string]any{"rows": rows, "actor": actor})
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			op := OpRejectProposal
			if d.Accept {
				op = OpAcceptProposal
			}
			w.log.rows = append(w.log.rows, entityChange(op, d.Proposal, map[string][2]any{
				"status": {string(Proposed), string(map[bool]ProposalStatus{true: Accepted, false: Rejected}[d.Accept])}}))
		}
		return nil, s.appendLog(ctx, tx, actor, w.log.rows)
	})
	if err != nil {
		return Counts{}, mapErr("review", err)
	}
	return counts, nil
}

// claim locks the proposals (a write lock, held to the end of the transaction, so that two reviewers
// cannot both decide one) and checks that each exists and is still PROPOSED.
func (s *Store) claim(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) error {
	res, err := s.run(ctx, tx, "review_claim", `UNWIND $ids AS id
OPTIONAL MATCH (p:Proposal {id: id})
SET p._lock = true
REMOVE p._lock
RETURN id, p.status AS status`, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	var missing, decided []string
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		status, isNil, _ := neo4j.GetRecordValue[string](r, "status")
		switch {
		case isNil:
			missing = append(missing, id)
		case ProposalStatus(status) != Proposed:
			decided = append(decided, fmt.Sprintf("%s (%s)", id, status))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("proposal %s: %w", strings.Join(missing, ", "), errs.ErrNotFound)
	}
	if len(decided) > 0 {
		return &errs.ConflictError{Message: "already reviewed: " + strings.Join(decided, ", ")}
	}
	return nil
}

// split separates entities to create from those the graph holds already (by ID).
func (w batchWriter) split(nodes []NodeWrite) (fresh, known []NodeWrite, err error) {
	if len(nodes) == 0 {
		return nil, nil, nil
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	res, err := w.s.run(w.ctx, w.tx, "review_split", "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN collect(n.id) AS ids",
		map[string]any{"ids": ids})
	if err != nil {
		return nil, nil, err
	}
	rec, err := res.Single(w.ctx)
	if err != nil {
		return nil, nil, err
	}
	stored, _, _ := neo4j.GetRecordValue[[]any](rec, "ids")
	have := stringList(stored)
	for _, n := range nodes {
		if slices.Contains(have, n.ID) {
			known = append(known, n)
		} else {
			fresh = append(fresh, n)
		}
	}
	return fresh, known, nil
}

// cite adds sentences as evidence of entities the graph holds.
func (w batchWriter) cite(cites []Cite) error {
	if len(cites) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(cites))
	for i, c := range cites {
		rows[i] = map[string]any{"id": c.Entity, "source": c.Source, "quote": c.Quote, "properties": []string{}}
	}
	rec, err := w.run(citeEvidence, rows)
	if err != nil {
		return err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](rec, "n"); int(n) != len(rows) {
		return errs.BadInput("evidence", "%d of %d cited entities or sources do not exist", len(rows)-int(n), len(rows))
	}
	return w.citeNames(cites)
}

// citeNames gives entities the names cites carry: one per entity and language, the first; a name the
// entity has already (folded, as search sees it) changes nothing.
func (w batchWriter) citeNames(cites []Cite) error {
	var rows []map[string]any
	seen := map[string]bool{}
	for _, c := range cites {
		name := strings.TrimSpace(c.Name)
		folded := translit.Fold(name)
		if folded == "" || !slices.Contains(Langs, c.Lang) || seen[c.Entity+"|"+c.Lang] || seen[c.Entity+"|"+folded] {
			continue
		}
		seen[c.Entity+"|"+c.Lang], seen[c.Entity+"|"+folded] = true, true
		rows = append(rows, map[string]any{"id": c.Entity, "name": name, "lang": c.Lang, "folded": folded, "alias": c.Alias})
	}
	if len(rows) == 0 {
		return nil
	}
	res, err := w.s.run(w.ctx, w.tx, "cite_names", citeNamesQuery, map[string]any{"rows": rows, "actor": w.actor, "log": w.log.perEntity})
	if err != nil {
		return err
	}
	recs, err := res.Collect(w.ctx)
	if err != nil {
		return err
	}
	for _, rec := range recs { // none when no entity changed
		_, updated, _ := triple(rec)
		w.logChanges(rec)
		w.counts.NodesUpdated += updated
	}
	return nil
}

// citeNamesQuery sets a row's name as the entity's name in its language where it has none, or, in
// English, where a rule made the one it has (which becomes an alias); else it adds it to the
// aliases; and to the search text either way.
var citeNamesQuery = func() string {
	var set []string
	for _, l := range Langs {
		if l != "en" {
			set = append(set, fmt.Sprintf("n.name_%[1]s = CASE WHEN free AND row.lang = '%[1]s' THEN row.name ELSE n.name_%[1]s END", l))
		}
	}
	return `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE NOT row.folded IN split(coalesce(n.search_latin, ''), ' | ')
WITH n, row, CASE WHEN $log THEN n {.name_en, .name_bg, .name_el, .aliases} END AS before,
     NOT row.alias AND n['name_' + row.lang] IS NULL AS free, n.name_en AS english,
     NOT row.alias AND row.lang = 'en' AND coalesce(n.` + EnglishDerivedProp + `, false) AS replace
SET ` + strings.Join(set, ",\n    ") + `,
    n.name_en = CASE WHEN replace THEN row.name ELSE english END,
    n.` + EnglishDerivedProp + ` = CASE WHEN replace THEN null ELSE n.` + EnglishDerivedProp + ` END,
    n.aliases = CASE WHEN free THEN n.aliases WHEN replace THEN coalesce(n.aliases, []) + english
                     ELSE coalesce(n.aliases, []) + row.name END,
    n.search_latin = CASE WHEN coalesce(n.search_latin, '') = '' THEN row.folded ELSE n.search_latin + ' | ' + row.folded END,
    n.updatedAt = datetime(), n.updatedBy = $actor
RETURN 0 AS created, count(n) AS updated, count(n) AS total,
       collect(CASE WHEN $log THEN {id: n.id, isNew: false, before: before, after: n {.name_en, .name_bg, .name_el, .aliases}} END) AS changes`
}()

// citeEvidence is upsertEvidence that keeps the properties an existing evidence link lists.
const citeEvidence = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
MATCH (s:Source {id: row.source})
MERGE (n)-[m:MENTIONED_IN {quote: row.quote}]->(s)
ON CREATE SET m.createdAt = datetime(), m.createdBy = $actor, m.properties = row.properties
RETURN count(m) AS n`
