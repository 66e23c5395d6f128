package ingest

import (
	"context"
	"slices"
	"strings"

	"urbangraph/internal/store"
)

// AcceptWhere accepts, document by document as AcceptAll does, every PROPOSED proposal the filter
// selects across documents (the review queue), in transactions of acceptBatch; a dry run returns
// what it would accept, writing nothing. Ambiguous mentions, new entities that may be known ones
// and relationships whose proposed endpoint is not accepted stay for a reviewer.
func (sv Service) AcceptWhere(ctx context.Context, f store.ProposalFilter, dryRun bool, actor string) ([]store.Proposal, error) {
	f.Status = store.Proposed
	refs, err := sv.Store.ProposalRefs(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []store.Proposal
	for doc, ids := range byDocument(refs) {
		picked := map[string]bool{}
		for _, id := range ids {
			picked[id] = true
		}
		ps, err := sv.acceptIn(ctx, doc, func(p store.Proposal) bool { return picked[p.ID] }, dryRun, actor)
		out = append(out, ps...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// RejectWhere rejects every PROPOSED proposal the filter selects, with the reason, in transactions
// of acceptBatch; a dry run returns them, writing nothing.
func (sv Service) RejectWhere(ctx context.Context, f store.ProposalFilter, reason string, dryRun bool, actor string) ([]store.Proposal, error) {
	f.Status = store.Proposed
	refs, err := sv.Store.ProposalRefs(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []store.Proposal
	for batch := range slices.Chunk(refs, acceptBatch) {
		ids := make([]string, len(batch))
		decisions := make([]store.Decision, len(batch))
		for i, r := range batch {
			ids[i] = r.ID
			decisions[i] = store.Decision{Proposal: r.ID, Reason: strings.TrimSpace(reason)}
		}
		if !dryRun {
			if _, err := sv.Store.Review(ctx, decisions, actor); err != nil {
				return out, err
			}
		}
		ps, err := sv.Store.ProposalsByID(ctx, ids)
		out = append(out, ps...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// byDocument groups proposal refs by document, keeping their order; documents in the order met.
func byDocument(refs []store.ProposalRef) func(yield func(string, []string) bool) {
	return func(yield func(string, []string) bool) {
		for i := 0; i < len(refs); {
			j := i
			var ids []string
			for ; j < len(refs) && refs[j].Document == refs[i].Document; j++ {
				ids = append(ids, refs[j].ID)
			}
			if !yield(refs[i].Document, ids) {
				return
			}
			i = j
		}
	}
}
