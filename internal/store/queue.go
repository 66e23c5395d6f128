package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// ProposalFilter selects proposals across documents: the review queue.
type ProposalFilter struct {
	Status   ProposalStatus // "" for any
	Kinds    []Kind         // ENTITY and MENTION proposals of these kinds (with RelTypes: either)
	RelTypes []RelType      // RELATIONSHIP proposals of these types
	// MinConfidence and MaxConfidence bound the confidence (nil: unbounded).
	MinConfidence, MaxConfidence *float64
	Document                     string // one document's (its source's ID), "" for every one
}

// params checks the filter and gives it as query parameters.
func (f ProposalFilter) params() (map[string]any, error) {
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		if !k.Valid() {
			return nil, errs.BadInput("kinds", "unknown kind %q", k)
		}
		kinds[i] = string(k)
	}
	types := make([]string, len(f.RelTypes))
	for i, t := range f.RelTypes {
		if !t.Valid() {
			return nil, errs.BadInput("types", "unknown relationship type %q", t)
		}
		types[i] = string(t)
	}
	for field, c := range map[string]*float64{"minConfidence": f.MinConfidence, "maxConfidence": f.MaxConfidence} {
		if c != nil {
			if err := CheckConfidence(field, *c); err != nil {
				return nil, err
			}
		}
	}
	return map[string]any{"status": string(f.Status), "kinds": kinds, "types": types, "min": f.MinConfidence,
		"max": f.MaxConfidence, "document": f.Document}, nil
}

// CheckConfidence refuses a confidence outside [0, 1], as the argument field: the one check of
// every confidence a caller gives (the review queue's filters, accepting a document's proposals).
func CheckConfidence(field string, c float64) error {
	if c < 0 || c > 1 {
		return errs.BadInput(field, "must be between 0 and 1, got %g", c)
	}
	return nil
}

// queueMatch is the proposals a filter selects, with their documents.
const queueMatch = `
MATCH (p:Proposal)-[:PROPOSED_IN]->(d:Document)
WHERE ($status = '' OR p.status = $status) AND ($document = '' OR p.document = $document)
  AND ($min IS NULL OR p.confidence >= $min) AND ($max IS NULL OR p.confidence <= $max)
  AND (size($kinds) + size($types) = 0
       OR p.type IN ['ENTITY', 'MENTION'] AND p.kind IN $kinds
       OR p.type = 'RELATIONSHIP' AND p.relType IN $types)`

// ProposalQueue returns a page of the proposals a filter selects, newest document first and in
// each document's order, and how many it selects.
func (s *Store) ProposalQueue(ctx context.Context, f ProposalFilter, skip, first int) ([]Proposal, int, error) {
	params, err := f.params()
	if err != nil {
		return nil, 0, err
	}
	params["skip"], params["first"] = skip, first
	recs, err := s.read(ctx, "proposal_queue", queueMatch+`
RETURN p {.*} AS p ORDER BY d.ingestedAt DESC, p.document, p.order SKIP $skip LIMIT $first`, params)
	if err != nil {
		return nil, 0, mapErr("proposal queue", err)
	}
	ps, err := proposalsFrom(recs)
	if err != nil {
		return nil, 0, err
	}
	counted, err := s.read(ctx, "proposal_queue_count", queueMatch+"\nRETURN count(p) AS n", params)
	if err != nil {
		return nil, 0, mapErr("proposal queue", err)
	}
	n, _, _ := neo4j.GetRecordValue[int64](counted[0], "n")
	return ps, int(n), nil
}

// ProposalRef is a proposal's ID and its document's.
type ProposalRef struct{ ID, Document string }

// ProposalRefs returns every proposal a filter selects, by document, in each document's order (for
// reviews by filter, which decide them in bounded batches).
func (s *Store) ProposalRefs(ctx context.Context, f ProposalFilter) ([]ProposalRef, error) {
	params, err := f.params()
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "proposal_refs", queueMatch+"\nRETURN p.id AS id, p.document AS document ORDER BY p.document, p.order", params)
	if err != nil {
		return nil, mapErr("proposal refs", err)
	}
	out := make([]ProposalRef, len(recs))
	for i, r := range recs {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("proposal refs: %w", err)
		}
		doc, _, _ := neo4j.GetRecordValue[string](r, "document")
		out[i] = ProposalRef{id, doc}
	}
	return out, nil
}
