package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

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

// relatedLinks loads rel for every parent. It tells the loader how many sibling calls make up the
// batch when that is known, and announces the lists it returns to the resolvers below.
func relatedLinks[P entityObj](ctx context.Context, r *Resolver, objs []P, rel store.Rel, p store.Projection) ([][]store.Link, error) {
	ids := storeIDs(objs)
	loaders := loader.For(ctx, r.Store)
	byID, err := loaders.RelatedMany(ctx, rel, p, ids, siblingCalls(ctx, loaders))
	if err != nil {
		return nil, err
	}
	out := make([][]store.Link, len(objs))
	nonEmpty := 0
	for i, id := range ids {
		out[i] = byID[id]
		if len(out[i]) > 0 {
			nonEmpty++
		}
	}
	if fc := fieldContext(ctx); fc != nil && fc.Field.Field != nil {
		loaders.Expect(fc.Field.Field, nonEmpty)
	}
	return out, nil
}

func fieldContext(ctx context.Context) *graphql.FieldContext {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	return graphql.GetFieldContext(ctx)
}

// siblingCalls is how many calls of the current batch resolver make up one batch: gqlgen calls it
// once per list of parents. 1 when the parents are one object or one list outside any other list; for
// lists inside a list, the number of non-empty lists the resolver above announced; 0 when unknown (the
// loader then waits for a quiet moment).
func siblingCalls(ctx context.Context, loaders *loader.Loaders) int {
	fc := fieldContext(ctx)
	if fc == nil || fc.Parent == nil {
		return 0
	}
	object := fc.Parent
	if object.Index == nil {
		if underList(object) {
			return 0
		}
		return 1
	}
	list := object.Parent
	if list == nil || list.Field.Field == nil {
		return 0
	}
	if !underList(list) {
		return 1
	}
	return loaders.Expected(list.Field.Field)
}

// underList reports whether a field context sits inside an element of a list.
func underList(fc *graphql.FieldContext) bool {
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Index != nil {
			return true
		}
	}
	return false
}

// relatedBatch resolves a list field for every parent.
func relatedBatch[T any, P entityObj](ctx context.Context, r *Resolver, objs []P, rel store.Rel) ([][]T, error) {
	links, err := relatedLinks(ctx, r, objs, rel, store.Projection{Light: lightSelection(ctx)})
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
	loaders := loader.For(ctx, r.Store)
	byID, err := loaders.MentionsMany(ctx, ids, siblingCalls(ctx, loaders))
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

// evidenceBatch turns relationships' (source ID, quote) pairs into Evidence, loading every source
// they cite in one batch.
func (r *Resolver) evidenceBatch(ctx context.Context, pairs []func() (sources, quotes []string)) ([][]*model.Evidence, error) {
	var ids []string
	for _, p := range pairs {
		sources, _ := p()
		ids = append(ids, sources...)
	}
	nodes, err := loader.For(ctx, r.Store).Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]store.Node, len(nodes))
	for _, n := range nodes {
		byID[n.ID] = n
	}
	out := make([][]*model.Evidence, len(pairs))
	for i, p := range pairs {
		sources, quotes := p()
		sq := store.SourcedQuotes(sources, quotes, byID)
		out[i] = make([]*model.Evidence, len(sq))
		for j, q := range sq {
			out[i][j] = &model.Evidence{Source: model.As[*model.Source](q.Source), Quote: q.Quote, Properties: []string{}}
		}
	}
	return out, nil
}

// foundingsBatch resolves FOUNDED relationships, with their role and year, from either end.
func (r *Resolver) foundingsBatch(ctx context.Context, objs []entityObj, fromCentre bool) ([][]*model.Founding, error) {
	follow := rel("Organisation", "founded")
	if fromCentre {
		follow = rel("Centre", "founders")
	}
	links, err := relatedLinks(ctx, r, objs, follow, store.Projection{EdgeProps: true})
	if err != nil {
		return nil, err
	}
	res := make([][]*model.Founding, len(objs))
	for i, ls := range links {
		res[i] = make([]*model.Founding, 0, len(ls))
		for _, l := range ls {
			f := &model.Founding{Role: model.RelString(l, "role"), Year: model.RelInt(l, "year"), Link: l}
			if fromCentre {
				f.Organisation, f.Centre = model.As[*model.Organisation](l.Node), model.As[*model.Centre](objs[i].StoreNode())
			} else {
				f.Organisation, f.Centre = model.As[*model.Organisation](objs[i].StoreNode()), model.As[*model.Centre](l.Node)
			}
			res[i] = append(res[i], f)
		}
	}
	return res, nil
}

// participationsBatch resolves PARTICIPATED_IN relationships, with their role, from either end.
func (r *Resolver) participationsBatch(ctx context.Context, objs []entityObj, fromEvent bool) ([][]*model.Participation, error) {
	follow := rel("Organisation", "participatedIn")
	if fromEvent {
		follow = rel("Event", "participants")
	}
	links, err := relatedLinks(ctx, r, objs, follow, store.Projection{EdgeProps: true})
	if err != nil {
		return nil, err
	}
	res := make([][]*model.Participation, len(objs))
	for i, ls := range links {
		res[i] = make([]*model.Participation, 0, len(ls))
		for _, l := range ls {
			p := &model.Participation{Role: model.RelString(l, "role"), Link: l}
			if fromEvent {
				p.Organisation, p.Event = model.As[*model.Organisation](l.Node), model.As[*model.Event](objs[i].StoreNode())
			} else {
				p.Organisation, p.Event = model.As[*model.Organisation](objs[i].StoreNode()), model.As[*model.Event](l.Node)
			}
			res[i] = append(res[i], p)
		}
	}
	return res, nil
}

func asEntities[P entityObj](objs []P) []entityObj {
	out := make([]entityObj, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}

// heavyFields are the fields the light projection (store.LightProps) cannot answer: each @property
// field whose property is not light (model.Properties, generated from the schema), properties,
// which is every property, and two fields of every entity that read a property of their own.
var heavyFields = func() map[string]bool {
	// enDerived and mergedIds read properties few ask for: a list that asks for them is read whole.
	heavy := map[string]bool{"properties": true, "enDerived": true, "mergedIds": true}
	for key, p := range model.Properties {
		if !slices.Contains(store.LightProps, p.Name) {
			_, field, _ := strings.Cut(key, ".")
			heavy[field] = true
		}
	}
	return heavy
}()

// lightSelection reports whether nothing below the current field asks for a heavy field, so the
// entities it returns may be fetched with the light projection. It looks at the whole subtree (a
// little more than needed), which keeps it simple and never wrong.
func lightSelection(ctx context.Context) bool { return !selectionAsks(ctx, heavyFields) }

// edgeFields need a relationship's properties: its evidence sentences, or all of them.
var edgeFields = map[string]bool{"properties": true, "sources": true}

// exploreProjection is how much exploration queries return for the current field's selection.
func exploreProjection(ctx context.Context) store.Projection {
	return store.Projection{Light: lightSelection(ctx), EdgeProps: selectionAsks(ctx, edgeFields)}
}

// selectionAsks reports whether the current field's selection asks, at any depth, for one of
// fields. Outside a GraphQL request it answers true: ask for everything.
func selectionAsks(ctx context.Context, fields map[string]bool) bool {
	if !graphql.HasOperationContext(ctx) {
		return true
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return true
	}
	return asks(fc.Field.Selections, fields, map[string]bool{})
}

func asks(set ast.SelectionSet, fields map[string]bool, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if fields[s.Name] || asks(s.SelectionSet, fields, seen) {
				return true
			}
		case *ast.InlineFragment:
			if asks(s.SelectionSet, fields, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				if asks(s.Definition.SelectionSet, fields, seen) {
					return true
				}
			}
		}
	}
	return false
}
