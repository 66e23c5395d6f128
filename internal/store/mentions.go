package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A Mention is a sentence that states a fact, with the source it comes from: of an entity (its
// name, or the properties it states), or of a relationship (no properties).
type Mention struct {
	Source     Node
	Quote      string
	Properties []string // the entity's properties the sentence states
}

// Mentions returns the evidence of each of ids: one query for all.
func (s *Store) Mentions(ctx context.Context, ids []string) (map[string][]Mention, error) {
	recs, err := s.read(ctx, "mentions", `
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[m:MENTIONED_IN]->(s:Source)
RETURN id, s {.*} AS source, m.quote AS quote, coalesce(m.properties, []) AS properties
ORDER BY id, s.id, m.quote`, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("mentions", err)
	}
	out := make(map[string][]Mention, len(ids))
	for _, r := range recs {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, err
		}
		src, err := nodeFrom(r, "source")
		if err != nil {
			return nil, err
		}
		quote, _, _ := neo4j.GetRecordValue[string](r, "quote")
		props, _, _ := neo4j.GetRecordValue[[]any](r, "properties")
		out[id] = append(out[id], Mention{Source: src, Quote: quote, Properties: stringList(props)})
	}
	return out, nil
}

// SourcedQuotes pairs a relationship's sources and quotes (Link.Evidence) with the source entities
// read by ID: in order, each source that was found and has its quote. Both read paths pair them so.
func SourcedQuotes(sources, quotes []string, byID map[string]Node) []Mention {
	out := make([]Mention, 0, len(sources))
	for j, id := range sources {
		if src, ok := byID[id]; ok && j < len(quotes) {
			out = append(out, Mention{Source: src, Quote: quotes[j]})
		}
	}
	return out
}
