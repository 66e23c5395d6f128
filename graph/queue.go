package graph

import (
	"context"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// proposalFilter is the review queue's filter as the store takes it.
func proposalFilter(documentID *string, minConfidence, maxConfidence *float64, kinds []model.Kind, types []string) (store.ProposalFilter, error) {
	f := store.ProposalFilter{MinConfidence: minConfidence, MaxConfidence: maxConfidence}
	if documentID != nil {
		f.Document = *documentID
	}
	for _, k := range kinds {
		f.Kinds = append(f.Kinds, store.Kind(k))
	}
	if len(types) == 0 {
		return f, nil // args.RelTypes gives every type for none
	}
	rels, err := args.RelTypes(types)
	if err != nil {
		return f, err
	}
	f.RelTypes = rels
	return f, nil
}

// proposals pages the review queue across documents.
func (r *Resolver) proposals(ctx context.Context, status *model.ProposalStatus, kinds []model.Kind, types []string,
	minConfidence, maxConfidence *float64, documentID *string, first *int, after *string) (*model.ProposalList, error) {
	f, err := proposalFilter(documentID, minConfidence, maxConfidence, kinds, types)
	if err != nil {
		return nil, err
	}
	if status != nil {
		f.Status = store.ProposalStatus(*status)
	}
	n, err := args.First("proposals", first)
	if err != nil {
		return nil, err
	}
	skip := 0
	if after != nil {
		if skip, err = args.DecodeCursor(*after); err != nil {
			return nil, err
		}
	}
	ps, total, err := r.Store.ProposalQueue(ctx, f, skip, n)
	if err != nil {
		return nil, err
	}
	_, info := args.Info(skip, len(ps), skip+len(ps) < total)
	return &model.ProposalList{Nodes: proposalModels(ps), PageInfo: info, TotalCount: total}, nil
}

// acceptProposals accepts a document's proposals above a confidence (AcceptAll: the document must
// exist), or, with any other filter or none of a document, the queue's (AcceptWhere).
func (r *Resolver) acceptProposals(ctx context.Context, documentID *string, minConfidence, maxConfidence *float64,
	kinds []model.Kind, types []string, dryRun *bool) ([]*model.Proposal, error) {
	min := args.DefaultFloat("Mutation.acceptProposals", "minConfidence")
	if minConfidence != nil {
		min = *minConfidence
	}
	actor, dry := auth.FromContext(ctx).Name, dryRun != nil && *dryRun
	if documentID != nil && maxConfidence == nil && len(kinds) == 0 && len(types) == 0 && !dry {
		ps, err := r.ingestService().AcceptAll(ctx, *documentID, min, actor)
		return proposalModels(ps), err
	}
	f, err := proposalFilter(documentID, &min, maxConfidence, kinds, types)
	if err != nil {
		return nil, err
	}
	if documentID != nil {
		if _, err := r.Store.DocumentByID(ctx, *documentID, false); err != nil {
			return nil, err
		}
	}
	ps, err := r.ingestService().AcceptWhere(ctx, f, dry, actor)
	return proposalModels(ps), err
}

// rejectProposals rejects the queue's proposals a filter selects; it takes a filter.
func (r *Resolver) rejectProposals(ctx context.Context, documentID *string, minConfidence, maxConfidence *float64,
	kinds []model.Kind, types []string, reason *string, dryRun *bool) ([]*model.Proposal, error) {
	if documentID == nil && minConfidence == nil && maxConfidence == nil && len(kinds) == 0 && len(types) == 0 {
		return nil, errs.BadInput("documentId", "name the proposals to reject (a document, kinds, types or a confidence range; minConfidence: 0 for the whole queue)")
	}
	f, err := proposalFilter(documentID, minConfidence, maxConfidence, kinds, types)
	if err != nil {
		return nil, err
	}
	why := ""
	if reason != nil {
		why = *reason
	}
	ps, err := r.ingestService().RejectWhere(ctx, f, why, dryRun != nil && *dryRun, auth.FromContext(ctx).Name)
	return proposalModels(ps), err
}
