package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// An ingested document is stored apart from the facts: its Source entity (an ordinary one, so that
// accepted facts cite it) has a (:Document) node beside it holding the text and the content hash,
// and each proposal is a (:Proposal) node linked to the document. Neither label is :Entity, so no
// read of the graph, export or search sees them; only the review operations below do.
//
//	(:Proposal)-[:PROPOSED_IN]->(:Document)-[:DOCUMENT_OF]->(:Entity:Source)
//
// Until a reviewer accepts one of its proposals, the document's source is not public either: it is
// a (:PendingSource) node holding what the document's list needs (its ID, title, URL and
// language), with the Source to write stored on the document (d.source, JSON). The first
// acceptance publishes it (publishPending): the Source is written as any entity is, with its CREATE
// record, and the document moves to it. A document whose proposals are all rejected stays unseen.

// ProposalType says what a proposal would add to the graph.
type ProposalType string

// ProposalStatus is where a proposal stands in review.
type ProposalStatus string

const (
	// ProposedEntity is a new entity.
	ProposedEntity ProposalType = "ENTITY"
	// ProposedRelationship is a relationship between two entities, known or proposed.
	ProposedRelationship ProposalType = "RELATIONSHIP"
	// ProposedMention is a sentence naming a known entity: accepted, it is that entity's evidence.
	ProposedMention ProposalType = "MENTION"

	Proposed ProposalStatus = "PROPOSED"
	Accepted ProposalStatus = "ACCEPTED"
	Rejected ProposalStatus = "REJECTED"
)

// Proposal is one proposed fact with the sentence that states it.
type Proposal struct {
	ID, Document string // the document is its Source's ID
	Type         ProposalType
	Status       ProposalStatus
	Rule         string
	Confidence   float64
	Order        int // its place among the document's proposals

	Sentence                   string
	SentenceStart, SentenceEnd int   // the sentence's place in the text, in characters
	Start, End                 int   // the name's place (the sentence's, for a relationship)
	Spans                      []int // every place the name stands, as start, end pairs (ENTITY, MENTION)

	// ENTITY and MENTION.
	Kind       Kind
	Name, Lang string
	EntityID   string   // the new entity's ID, by the slug rule
	Category   string   // an organisation's category
	Collective bool     // the name stands for a group
	Unnamed    bool     // the text describes it without naming it
	Candidates []string // MENTION: the known entities the name may stand for; ENTITY: those it may be (a reviewer chooses)
	Aliases    []string // ENTITY: other names the text gives it
	// ENTITY: the English name by its kind's pattern ("Община Бургас" is Burgas Municipality), when
	// there is one; it gives the ID.
	EnglishName string
	// Why a MENTION names its entity although the text does not write one of its names, or why an
	// ENTITY's candidates may be it (resolution against the graph, docs/ingestion.md).
	Resolution string

	// RELATIONSHIP: the endpoints' IDs; an endpoint that is a proposed entity also names its proposal.
	From, To                 string
	RelType                  RelType
	Props                    map[string]any
	FromProposal, ToProposal string

	ReviewedBy, Reason string
	ReviewedAt         time.Time
	AcceptedID         string // ENTITY/MENTION: the entity the accepted proposal wrote or cited
}

// Document is an ingested document as the review reads it.
type Document struct {
	ID                                              string // its Source's ID
	Title, URL, Language, Format, Hash, PublishedAt string
	IngestedBy                                      string
	IngestedAt                                      time.Time
	Text                                            string // only when asked for
	Length                                          int    // characters
	Counts                                          map[ProposalStatus]int
	Public                                          bool // its source is in the graph (pending.go)
}

// DocumentWrite is a document to store: its source entity, its text and its proposals.
type DocumentWrite struct {
	Source                        NodeWrite
	Hash, Text, Format, Published string
	Proposals                     []Proposal
}

func (p Proposal) row() (map[string]any, error) {
	props, err := json.Marshal(p.Props)
	if err != nil {
		return nil, fmt.Errorf("proposal %s: %w", p.ID, err)
	}
	candidates := p.Candidates
	if candidates == nil {
		candidates = []string{}
	}
	spans := p.Spans
	if spans == nil {
		spans = []int{}
	}
	aliases := p.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return map[string]any{"id": p.ID, "type": string(p.Type), "status": string(Proposed), "rule": p.Rule,
		"confidence": p.Confidence, "order": p.Order, "sentence": p.Sentence,
		"sentenceStart": p.SentenceStart, "sentenceEnd": p.SentenceEnd, "start": p.Start, "end": p.End, "spans": spans,
		"kind": string(p.Kind), "name": p.Name, "lang": p.Lang, "entityId": p.EntityID, "category": p.Category,
		"collective": p.Collective, "unnamed": p.Unnamed, "candidates": candidates, "aliases": aliases, "englishName": p.EnglishName, "resolution": p.Resolution, "from": p.From, "to": p.To, "relType": string(p.RelType),
		"props": string(props), "fromProposal": p.FromProposal, "toProposal": p.ToProposal}, nil
}

// DocumentByHash returns the ID of the document stored with this content hash, or "".
func (s *Store) DocumentByHash(ctx context.Context, hash string) (string, error) {
	recs, err := s.read(ctx, "document_by_hash",
		"MATCH (d:Document {hash: $hash})-[:DOCUMENT_OF]->(s:Source|PendingSource) RETURN s.id AS id", map[string]any{"hash": hash})
	if err != nil || len(recs) == 0 {
		return "", mapErr("document by hash", err)
	}
	id, _, _ := neo4j.GetRecordValue[string](recs[0], "id")
	return id, nil
}

// SaveDocument stores a document, its source and its proposals in one transaction and returns the
// document's ID. A document whose content hash is stored already is not written again: created is
// false and the ID is the stored one's. The source's ID is d.Source.ID, or, when a source of another
// text holds that ID, the ID with the hash's first eight characters added. Two saves of one text at
// once store it once: the one that loses the race on the hash's (or the ID's) constraint tries again
// and finds the other's.
func (s *Store) SaveDocument(ctx context.Context, d DocumentWrite, actor string) (id string, created bool, err error) {
	id, created, err = s.saveDocument(ctx, d, actor)
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return s.saveDocument(ctx, d, actor)
	}
	return id, created, err
}

func (s *Store) saveDocument(ctx context.Context, d DocumentWrite, actor string) (id string, created bool, err error) {
	rows := make([]map[string]any, len(d.Proposals))
	for i, p := range d.Proposals {
		if rows[i], err = p.row(); err != nil {
			return "", false, err
		}
	}
	session, done := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer done()
	out, err := s.writeLogged(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := s.run(ctx, tx, "document_save", `OPTIONAL MATCH (d:Document {hash: $hash})-[:DOCUMENT_OF]->(known:Source|PendingSource)
OPTIONAL MATCH (taken:Entity {id: $id})
OPTIONAL MATCH (pending:PendingSource {id: $id})
RETURN known.id AS known, taken IS NOT NULL OR pending IS NOT NULL AS taken`, map[string]any{"hash": d.Hash, "id": d.Source.ID})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		if known, _, _ := neo4j.GetRecordValue[string](rec, "known"); known != "" {
			return saved{id: known}, nil
		}
		src := d.Source
		if taken, _, _ := neo4j.GetRecordValue[bool](rec, "taken"); taken {
			src.ID += "-" + d.Hash[:8]
		}
		pending, err := pendingSource(src)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i]["document"] = src.ID
		}
		_, err = s.run(ctx, tx, "document_save", `CREATE (s:PendingSource) SET s = $pending
CREATE (d:Document {hash: $hash, text: $text, format: $format, published: $published, length: $length,
                    ingestedAt: datetime(), ingestedBy: $actor, source: $source})-[:DOCUMENT_OF]->(s)
WITH d
UNWIND $rows AS row
CREATE (p:Proposal)-[:PROPOSED_IN]->(d)
SET p = row`, map[string]any{"pending": pending.props, "source": pending.json, "hash": d.Hash, "text": d.Text, "format": d.Format,
			"published": d.Published, "length": len([]rune(d.Text)), "actor": actor, "rows": rows})
		if err != nil {
			return nil, err
		}
		return saved{id: src.ID, created: true}, nil // nothing public yet: no record
	})
	if err != nil {
		return "", false, mapErr("save document", err)
	}
	sv := out.(saved)
	return sv.id, sv.created, nil
}

// saved is what SaveDocument's transaction did: the document's ID, and whether it wrote it.
type saved struct {
	id      string
	created bool
}

// documentProjection is what a document read returns: the title in the document's language, the
// text only when $withText.
const documentProjection = `{id: s.id, title: coalesce(s['name_' + coalesce(s.language, 'en')], s.name_en, ''), url: s.url, language: s.language,
  format: d.format, hash: d.hash, published: d.published, ingestedBy: d.ingestedBy, ingestedAt: d.ingestedAt,
  length: d.length, text: CASE WHEN $withText THEN d.text ELSE null END, public: s:Source,
  counts: COLLECT { MATCH (p:Proposal)-[:PROPOSED_IN]->(d) RETURN [p.status, 1] }}`

// Documents returns the ingested documents, newest first, and how many there are.
func (s *Store) Documents(ctx context.Context, first, offset int) ([]Document, int, error) {
	recs, err := s.read(ctx, "documents", `MATCH (d:Document)-[:DOCUMENT_OF]->(s:Source|PendingSource)
WITH d, s ORDER BY d.ingestedAt DESC, s.id
WITH collect([d, s]) AS docs
UNWIND docs[$offset..$offset + $first] AS ds
WITH docs, ds[0] AS d, ds[1] AS s
RETURN size(docs) AS total, `+documentProjection+` AS doc`, map[string]any{"first": first, "offset": offset, "withText": false})
	if err != nil {
		return nil, 0, mapErr("documents", err)
	}
	out := make([]Document, 0, len(recs))
	total := 0
	for _, r := range recs {
		t, _, _ := neo4j.GetRecordValue[int64](r, "total")
		total = int(t)
		raw, _, _ := neo4j.GetRecordValue[map[string]any](r, "doc")
		out = append(out, documentFromMap(raw))
	}
	if len(recs) == 0 && offset > 0 {
		recs, err := s.read(ctx, "documents", "MATCH (d:Document) RETURN count(d) AS total", nil)
		if err != nil {
			return nil, 0, mapErr("documents", err)
		}
		t, _, _ := neo4j.GetRecordValue[int64](recs[0], "total")
		total = int(t)
	}
	return out, total, nil
}

// DocumentByID returns one document (with its text when withText), or errs.ErrNotFound.
func (s *Store) DocumentByID(ctx context.Context, id string, withText bool) (Document, error) {
	if err := checkIDs("id", id); err != nil {
		return Document{}, err
	}
	recs, err := s.read(ctx, "document", `MATCH (d:Document)-[:DOCUMENT_OF]->(s:Source|PendingSource {id: $id})
RETURN `+documentProjection+` AS doc`, map[string]any{"id": id, "withText": withText})
	if err != nil {
		return Document{}, mapErr("document", err)
	}
	if len(recs) == 0 {
		return Document{}, fmt.Errorf("document %q: %w", id, errs.ErrNotFound)
	}
	raw, _, _ := neo4j.GetRecordValue[map[string]any](recs[0], "doc")
	return documentFromMap(raw), nil
}

func documentFromMap(m map[string]any) Document {
	str := func(k string) string { v, _ := m[k].(string); return v }
	d := Document{ID: str("id"), Title: str("title"), URL: str("url"), Language: str("language"), Format: str("format"),
		Hash: str("hash"), PublishedAt: str("published"), IngestedBy: str("ingestedBy"), Text: str("text"),
		Counts: map[ProposalStatus]int{}}
	d.IngestedAt, _ = m["ingestedAt"].(time.Time)
	d.Public, _ = m["public"].(bool)
	if n, ok := m["length"].(int64); ok {
		d.Length = int(n)
	}
	counts, _ := m["counts"].([]any)
	for _, c := range counts {
		pair, _ := c.([]any)
		if len(pair) == 2 {
			st, _ := pair[0].(string)
			d.Counts[ProposalStatus(st)]++
		}
	}
	return d
}

// Proposals returns a document's proposals in their order, those of the given statuses (all when
// none are given).
func (s *Store) Proposals(ctx context.Context, document string, statuses []ProposalStatus) ([]Proposal, error) {
	st := make([]string, len(statuses))
	for i, v := range statuses {
		st[i] = string(v)
	}
	recs, err := s.read(ctx, "proposals", `MATCH (p:Proposal)-[:PROPOSED_IN]->(:Document)-[:DOCUMENT_OF]->(:Source|PendingSource {id: $id})
WHERE size($statuses) = 0 OR p.status IN $statuses
RETURN p {.*} AS p ORDER BY p.order`, map[string]any{"id": document, "statuses": st})
	if err != nil {
		return nil, mapErr("proposals", err)
	}
	return proposalsFrom(recs)
}

// ProposalsByID returns the proposals of these IDs (those that exist), in their documents' order.
func (s *Store) ProposalsByID(ctx context.Context, ids []string) ([]Proposal, error) {
	recs, err := s.read(ctx, "proposals_by_id", `UNWIND $ids AS id
MATCH (p:Proposal {id: id}) RETURN DISTINCT p {.*} AS p ORDER BY p.document, p.order`, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("proposals", err)
	}
	return proposalsFrom(recs)
}

func proposalsFrom(recs []*neo4j.Record) ([]Proposal, error) {
	out := make([]Proposal, 0, len(recs))
	for _, r := range recs {
		m, _, err := neo4j.GetRecordValue[map[string]any](r, "p")
		if err != nil {
			return nil, fmt.Errorf("proposals: %w", err)
		}
		out = append(out, proposalFromMap(m))
	}
	return out, nil
}

func proposalFromMap(m map[string]any) Proposal {
	str := func(k string) string { v, _ := m[k].(string); return v }
	num := func(k string) int { v, _ := m[k].(int64); return int(v) }
	p := Proposal{ID: str("id"), Document: str("document"), Type: ProposalType(str("type")), Status: ProposalStatus(str("status")),
		Rule: str("rule"), Order: num("order"), Sentence: str("sentence"), SentenceStart: num("sentenceStart"),
		SentenceEnd: num("sentenceEnd"), Start: num("start"), End: num("end"), Kind: Kind(str("kind")), Name: str("name"),
		Lang: str("lang"), EntityID: str("entityId"), Category: str("category"), From: str("from"), To: str("to"),
		RelType: RelType(str("relType")), FromProposal: str("fromProposal"), ToProposal: str("toProposal"),
		ReviewedBy: str("reviewedBy"), Reason: str("reason"), AcceptedID: str("acceptedId"),
		EnglishName: str("englishName"), Resolution: str("resolution")}
	p.Confidence, _ = m["confidence"].(float64)
	p.Collective, _ = m["collective"].(bool)
	p.Unnamed, _ = m["unnamed"].(bool)
	p.ReviewedAt, _ = m["reviewedAt"].(time.Time)
	p.Candidates = stringList(asList(m["candidates"]))
	p.Aliases = stringList(asList(m["aliases"]))
	for _, v := range asList(m["spans"]) {
		if n, ok := v.(int64); ok {
			p.Spans = append(p.Spans, int(n))
		}
	}
	p.Props = propsFromJSON(str("props"))
	return p
}

// propsFromJSON reads a relationship proposal's properties; whole numbers (years) come back as
// integers, as the proposal had them.
func propsFromJSON(raw string) map[string]any {
	var props map[string]any
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	if d.Decode(&props) != nil {
		return nil
	}
	for k, v := range props {
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				props[k] = i
			} else if f, err := n.Float64(); err == nil {
				props[k] = f
			}
		}
	}
	return props
}

func asList(v any) []any { l, _ := v.([]any); return l }
