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
	streamSources = `MATCH (n:Source) WHERE n.id IS NOT NULL WITH n ORDER BY n.id RETURN n {.*} AS node, [] AS mentions, [] AS out`
	streamOthers  = `MATCH (n:Entity) WHERE n.id IS NOT NULL AND NOT n:Source WITH n ORDER BY n.id
CALL (n) {
  OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(s:Source)
  WITH m, s ORDER BY s.id, m.quote
  RETURN collect(CASE WHEN m IS NULL THEN null ELSE {source: s.id, quote: m.quote, properties: coalesce(m.properties, [])} END) AS mentions
}
CALL (n) {
  OPTIONAL MATCH (n)-[r]->(z:Entity) WHERE NOT r:MENTIONED_IN
  WITH r, z ORDER BY type(r), z.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE ` + edgeProjection + ` END) AS out
}
RETURN n {.*} AS node, mentions, out`
	streamEdgesAll       = `MATCH (a:Entity)-[r]->(b:Entity) RETURN ` + edgeProjection + ` AS edge`
	streamEdgesNoMention = `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT r:MENTIONED_IN RETURN ` + edgeProjection + ` AS edge`
)

// stream runs a read query in an auto-commit transaction and hands each record to f as it arrives:
// nothing is held in memory, and nothing is retried (f may already have written output).
func (s *Store) stream(ctx context.Context, op, query string, f func(*neo4j.Record) error) error {
	session, done := s.session(ctx, neo4j.AccessModeRead, 1000)
	defer done()
	s.trips.Add(1)
	defer metrics.ObserveCypher(op, time.Now())
	res, err := session.Run(ctx, query, nil)
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
// ID order.
func (s *Store) StreamEntities(ctx context.Context, sources bool, f func(EntityRecord) error) error {
	q := streamOthers
	if sources {
		q = streamSources
	}
	return s.stream(ctx, "stream_entities", q, func(rec *neo4j.Record) error {
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

// StreamEdges calls f for every relationship; MENTIONED_IN ones only when withMentions.
func (s *Store) StreamEdges(ctx context.Context, withMentions bool, f func(Edge) error) error {
	q := streamEdgesNoMention
	if withMentions {
		q = streamEdgesAll
	}
	return s.stream(ctx, "stream_edges", q, func(rec *neo4j.Record) error {
		raw, _, err := neo4j.GetRecordValue[map[string]any](rec, "edge")
		if err != nil {
			return err
		}
		return f(edgeFromMap(raw))
	})
}
