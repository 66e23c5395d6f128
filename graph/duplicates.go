package graph

import (
	"context"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// duplicates pages the pairs of entities that may be one (ingest.Duplicates over every name the
// graph holds), without those marked distinct.
func (r *Resolver) duplicates(ctx context.Context, kinds []model.Kind, first, offset *int) (*model.DuplicateList, error) {
	n, err := args.First("duplicates", first)
	if err != nil {
		return nil, err
	}
	skip, err := args.Offset("offset", offset)
	if err != nil {
		return nil, err
	}
	ks := make([]store.Kind, len(kinds))
	for i, k := range kinds {
		ks[i] = store.Kind(k)
	}
	named, err := r.Store.AllNames(ctx)
	if err != nil {
		return nil, err
	}
	distinct, err := r.Store.DistinctPairs(ctx)
	if err != nil {
		return nil, err
	}
	pairs := ingest.Duplicates(named, ks, func(a, b string) bool { return store.Distinct(distinct, a, b) })
	out := &model.DuplicateList{TotalCount: len(pairs), Nodes: []*model.DuplicatePair{}}
	page := pairs[min(skip, len(pairs)):min(skip+n, len(pairs))]
	var ids []string
	for _, p := range page {
		ids = append(ids, p.A.ID, p.B.ID)
	}
	nodes, err := r.Store.NodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range page {
		a, okA := nodes[p.A.ID]
		b, okB := nodes[p.B.ID]
		if okA && okB { // both still there (a merge may have come between)
			out.Nodes = append(out.Nodes, &model.DuplicatePair{A: model.Wrap(a), B: model.Wrap(b), Score: p.Score, Reasons: p.Reasons})
		}
	}
	return out, nil
}

func (r *Resolver) markDistinct(ctx context.Context, a, b string) (bool, error) {
	return r.Store.MarkDistinct(ctx, a, b, auth.FromContext(ctx).Name)
}

func (r *Resolver) mergeEntities(ctx context.Context, keep, merge string, dryRun *bool) (*model.MergeResult, error) {
	dry := dryRun != nil && *dryRun
	rp, err := r.Store.Merge(ctx, keep, merge, dry, auth.FromContext(ctx).Name)
	if err != nil {
		return nil, err
	}
	kept, err := r.Store.Node(ctx, keep)
	if err != nil {
		return nil, err
	}
	res := &model.MergeResult{Kept: model.Wrap(kept), Merged: merge, Relationships: rp.Relationships, Combined: rp.Combined,
		Dropped: rp.Dropped, Evidence: rp.Evidence, Names: rp.Names, Properties: rp.Properties, DryRun: rp.DryRun}
	if res.Names == nil {
		res.Names = []string{}
	}
	if res.Properties == nil {
		res.Properties = []string{}
	}
	return res, nil
}
