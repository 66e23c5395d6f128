package graph

import (
	"context"

	"urbangraph/graph/model"
	"urbangraph/internal/loader"
	"urbangraph/internal/store"
)

// Batch resolvers receive all sibling parents at once (gqlgen `batch: true`); these helpers answer
// them with one loader call each, so a list of N parents costs one query per relationship field.

type entityObj interface{ StoreNode() store.Node }

func storeIDs[P entityObj](objs []P) []string {
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = o.StoreNode().ID
	}
	return ids
}

// relatedLinks loads rel for every parent.
func relatedLinks[P entityObj](ctx context.Context, r *Resolver, objs []P, rel store.Rel) ([][]store.Link, error) {
	ids := storeIDs(objs)
	byID, err := loader.For(ctx, r.Store).RelatedMany(ctx, rel, ids)
	if err != nil {
		return nil, err
	}
	out := make([][]store.Link, len(objs))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// relatedBatch resolves a list field for every parent.
func relatedBatch[T any, P entityObj](ctx context.Context, r *Resolver, objs []P, rel store.Rel) ([][]T, error) {
	links, err := relatedLinks(ctx, r, objs, rel)
	if err != nil {
		return nil, err
	}
	out := make([][]T, len(objs))
	for i, ls := range links {
		out[i] = make([]T, 0, len(ls))
		for _, l := range ls {
			out[i] = append(out[i], model.As[T](l.Node))
		}
	}
	return out, nil
}

// relatedOneBatch resolves a single-valued field (the first entity reached, or nil) for every parent.
func relatedOneBatch[T any, P entityObj](ctx context.Context, r *Resolver, objs []P, rel store.Rel) ([]T, error) {
	all, err := relatedBatch[T](ctx, r, objs, rel)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(objs))
	for i, l := range all {
		if len(l) > 0 {
			out[i] = l[0]
		}
	}
	return out, nil
}

// sourcesBatch resolves the evidence of every parent entity.
func (r *Resolver) sourcesBatch(ctx context.Context, ids []string) ([][]*model.Evidence, error) {
	byID, err := loader.For(ctx, r.Store).MentionsMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([][]*model.Evidence, len(ids))
	for i, id := range ids {
		out[i] = make([]*model.Evidence, 0, len(byID[id]))
		for _, m := range byID[id] {
			out[i] = append(out[i], &model.Evidence{Source: model.As[*model.Source](m.Source), Quote: m.Quote, Properties: m.Properties})
		}
	}
	return out, nil
}

func entitySources[P entityObj](ctx context.Context, r *Resolver, objs []P) ([][]*model.Evidence, error) {
	return r.sourcesBatch(ctx, storeIDs(objs))
}

// evidenceBatch resolves relationships' evidence for every parent.
func (r *Resolver) evidenceBatch(ctx context.Context, pairs []func() (sources, quotes []string)) ([][]*model.Evidence, error) {
	out := make([][]*model.Evidence, len(pairs))
	for i, p := range pairs {
		ev, err := r.evidence(ctx, p)
		if err != nil {
			return nil, err
		}
		out[i] = ev
	}
	return out, nil
}

// foundingsBatch and participationsBatch resolve the relationship-with-properties fields.
func (r *Resolver) foundingsBatch(ctx context.Context, objs []entityObj, fromCentre bool) ([][]*model.Founding, error) {
	out := make([][]*model.Founding, len(objs))
	for i, o := range objs {
		f, err := r.foundings(ctx, o, fromCentre)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

func (r *Resolver) participationsBatch(ctx context.Context, objs []entityObj, fromEvent bool) ([][]*model.Participation, error) {
	out := make([][]*model.Participation, len(objs))
	for i, o := range objs {
		p, err := r.participations(ctx, o, fromEvent)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func asEntities[P entityObj](objs []P) []entityObj {
	out := make([]entityObj, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}
