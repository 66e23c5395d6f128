package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/metrics"
)

// EntityRecord is one entity with its evidence and its outgoing relationships (MENTIONED_IN aside).
type EntityRecord struct {
	Node     Node
	Mentions []Mention // Source is filled with the source's ID only
	Out      []Edge
}

// Streaming queries order by id through the uniqueness constraint's index, so Neo4j streams them
// instead of sorting the whole graph.
const (
	// With $ids, only those entities, the sources that state their facts, and the relationships
	// among them: the data of one picture of the web explorer.
	streamSources = `MATCH (n:Source) WHERE n.id IS NOT NULL AND ($ids IS NULL OR n.id IN $ids
  OR EXISTS { (m:Entity)-[:MENTIONED_IN]->(n) WHERE m.id IN $ids }
  OR EXISTS { (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND n.id IN r.sources })
WITH n ORDER BY n.id RETURN n {.*} AS node, [] AS mentions, [] AS out`
	streamOthers = `MATCH (n:Entity) WHERE n.id IS NOT NULL AND NOT n:Source AND ($ids IS NULL OR n.id IN $ids) WITH n ORDER BY n.id
CALL (n) {
  OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(s:Source)
  WITH m, s ORDER BY s.id, m.quote
  RETURN collect(CASE WHEN m IS NULL THEN null ELSE {source: s.id, quote: m.quote, properties: coalesce(m.properties, [])} END) AS mentions
}
CALL (n) {
  OPTIONAL MATCH (n)-[r]->(z:Entity) WHERE NOT r:MENTIONED_IN AND ($ids IS NULL OR z.id IN $ids)
  WITH r, z ORDER BY type(r), z.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE ` + edgeProjection + ` END) AS out
}
RETURN n {.*} AS node, mentions, out`
	streamEdgesAll       = `MATCH (a:Entity)-[r]->(b:Entity) WHERE $ids IS NULL OR (a.id IN $ids AND (b.id IN $ids OR b:Source)) RETURN ` + edgeProjection + ` AS edge`
	streamEdgesNoMention = `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT r:MENTIONED_IN AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids)) RETURN ` + edgeProjection + ` AS edge`
)

// stream runs a read query in an auto-commit transaction and hands each record to f as it arrives:
// nothing is held in memory, and nothing is retried (f may already have written output).
func (s *Store) stream(ctx context.Context, op, query string, ids []string, f func(*neo4j.Record) error) error {
	var idsParam any // nil: the whole graph
	if ids != nil {
		if err := checkIDs("ids", ids...); err != nil {
			return err
		}
		idsParam = ids
	}
	session, done := s.session(ctx, neo4j.AccessModeRead, 1000)
	defer done()
	s.trips.Add(1)
	defer metrics.ObserveCypher(op, time.Now())
	ctx, span := querySpan(ctx, op)
	defer span.End()
	res, err := session.Run(ctx, query, map[string]any{"ids": idsParam}, neo4j.WithTxTimeout(s.streamTxTimeout))
	if err != nil {
		return mapErr(op, err)
	}
	for res.Next(ctx) {
		if err := f(res.Record()); err != nil {
			return err
		}
	}
	return mapErr(op, res.Err())
}

// StreamEntities calls f for every source (sources true) or every other entity (sources false), in
// ID order. With ids (not nil), only those entities, and the sources their facts cite.
func (s *Store) StreamEntities(ctx context.Context, sources bool, ids []string, f func(EntityRecord) error) error {
	q := streamOthers
	if sources {
		q = streamSources
	}
	return s.stream(ctx, "stream_entities", q, ids, func(rec *neo4j.Record) error {
		n, err := nodeFrom(rec, "node")
		if err != nil {
			return err
		}
		out, err := decodeEdges(rec, "out")
		if err != nil {
			return err
		}
		raw, _, err := neo4j.GetRecordValue[[]any](rec, "mentions")
		if err != nil {
			return err
		}
		er := EntityRecord{Node: n, Out: out, Mentions: make([]Mention, 0, len(raw))}
		for _, v := range raw {
			m, _ := v.(map[string]any)
			src, _ := m["source"].(string)
			quote, _ := m["quote"].(string)
			er.Mentions = append(er.Mentions, Mention{Source: Node{ID: src, Kind: Source}, Quote: quote, Properties: stringList(m["properties"])})
		}
		return f(er)
	})
}

// StreamEdges calls f for every relationship; MENTIONED_IN ones only when withMentions. With ids (not
// nil), only relationships among those entities (and their evidence links).
func (s *Store) StreamEdges(ctx context.Context, withMentions bool, ids []string, f func(Edge) error) error {
	q := streamEdgesNoMention
	if withMentions {
		q = streamEdgesAll
	}
	return s.stream(ctx, "stream_edges", q, ids, func(rec *neo4j.Record) error {
		raw, _, err := neo4j.GetRecordValue[map[string]any](rec, "edge")
		if err != nil {
			return err
		}
		return f(edgeFromMap(raw))
	})
}
