package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/domain"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// HasRole implements @hasRole: it runs before the resolver, so a refused write touches nothing.
func HasRole(ctx context.Context, _ any, next graphql.Resolver, role model.Role) (any, error) {
	need := auth.Editor
	if role == model.RoleAdmin {
		need = auth.Admin
	}
	if err := auth.Require(ctx, need); err != nil {
		return nil, err
	}
	return next(ctx)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// inputError reports every problem as its own BAD_USER_INPUT error, each with its field path.
func inputError(ctx context.Context, prefix string, problems []domain.Problem) error {
	list := make([]error, len(problems))
	for i, p := range problems {
		field := p.Path
		if prefix != "" {
			field = strings.TrimSuffix(prefix+"."+p.Path, ".")
		}
		list[i] = &errs.InputError{Field: field, Message: p.Message}
	}
	for _, e := range list[:len(list)-1] {
		graphql.AddError(ctx, e)
	}
	return list[len(list)-1]
}

// writes gathers what one mutation writes, all in one transaction.
type writes struct {
	nodes   []store.NodeWrite
	sources map[string]bool // sources the mutation creates
}

// source resolves a SourceRef to a source ID, planning the source's creation when it is new.
func (w *writes) source(field string, ref *model.SourceRef) (string, error) {
	switch {
	case ref == nil || (ref.ID == nil && ref.Title == nil):
		return "", errs.BadInput(field, "give the id of a stored source, or the title of a new one")
	case ref.ID != nil && ref.Title != nil:
		return "", errs.BadInput(field, "give either id or title, not both")
	case ref.ID != nil:
		return *ref.ID, nil
	}
	id := domain.ID(store.Source, *ref.Title)
	if id == "" {
		return "", errs.BadInput(field+".title", "has no letters or digits to make an ID from")
	}
	props := map[string]any{}
	for k, v := range map[string]*string{"url": ref.URL, "language": ref.Language, "publisher": ref.Publisher} {
		if v != nil && *v != "" {
			props[k] = *v
		}
	}
	if !w.sources[id] {
		w.sources[id] = true
		w.nodes = append(w.nodes, store.NodeWrite{ID: id, Kind: store.Source, Names: map[string]string{"en": *ref.Title},
			Props: props, CreateOnly: true})
	}
	return id, nil
}

// requireStored checks that the sources a mutation cites exist (or are created by it).
func (r *Resolver) requireStored(ctx context.Context, w *writes, fields map[string]string) error {
	var ids []string
	for _, id := range fields {
		if !w.sources[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := r.Store.NodesByID(ctx, ids)
	if err != nil {
		return err
	}
	for field, id := range fields {
		if n, ok := found[id]; !w.sources[id] && (!ok || n.Kind != store.Source) {
			return errs.BadInput(field, "%q is not a stored source", id)
		}
	}
	return nil
}

// upsert validates an entity input like an imported row and writes it with its new sources.
func (r *Resolver) upsert(ctx context.Context, kind store.Kind, in model.EntityInput) (store.Node, error) {
	w := &writes{sources: map[string]bool{}}
	n := domain.Node{Kind: string(kind), Aliases: in.Aliases, Properties: in.Properties, Names: map[string]string{}}
	if in.Names != nil {
		n.Names["en"] = in.Names.En
		for lang, v := range map[string]*string{"bg": in.Names.Bg, "el": in.Names.El} {
			if v != nil && *v != "" {
				n.Names[lang] = *v
			}
		}
	}
	n.Unnamed, n.Collective = in.Unnamed != nil && *in.Unnamed, in.Collective != nil && *in.Collective
	generated := in.ID == nil
	if generated {
		if n.ID = domain.ID(kind, n.Names["en"]); n.ID == "" {
			return store.Node{}, errs.BadInput("input.id", "the English name has no letters or digits to make an ID from; give an id")
		}
	} else {
		n.ID = *in.ID
	}
	cited := map[string]string{}
	for i, e := range in.Evidence {
		field := fmt.Sprintf("input.evidence[%d].source", i)
		id, err := w.source(field, e.Source)
		if err != nil {
			return store.Node{}, err
		}
		cited[field] = id
		n.Evidence = append(n.Evidence, domain.Evidence{Source: id, Quote: e.Quote, Properties: e.Properties})
	}
	node, problems := domain.CheckNode(n, false, "")
	if len(problems) > 0 {
		return store.Node{}, inputError(ctx, "input", problems)
	}
	if err := r.requireStored(ctx, w, cited); err != nil {
		return store.Node{}, err
	}
	node.CreateOnly = generated
	if _, err := r.Store.Write(ctx, append(w.nodes, node), nil, auth.FromContext(ctx).Name); err != nil {
		return store.Node{}, err
	}
	return r.Store.Node(ctx, node.ID)
}

// upsertSource writes a source document.
func (r *Resolver) upsertSource(ctx context.Context, in model.SourceInput) (*model.Source, error) {
	n := domain.Node{Kind: string(store.Source), Names: map[string]string{}, Properties: map[string]any{}}
	if in.Names != nil {
		n.Names["en"] = in.Names.En
		for lang, v := range map[string]*string{"bg": in.Names.Bg, "el": in.Names.El} {
			if v != nil && *v != "" {
				n.Names[lang] = *v
			}
		}
	}
	for k, v := range map[string]*string{"url": in.URL, "language": in.Language, "publisher": in.Publisher} {
		if v != nil && *v != "" {
			n.Properties[k] = *v
		}
	}
	generated := in.ID == nil
	n.ID = deref(in.ID)
	if generated {
		n.ID = domain.ID(store.Source, n.Names["en"])
	}
	node, problems := domain.CheckNode(n, true, "")
	if len(problems) > 0 {
		return nil, inputError(ctx, "input", problems)
	}
	node.CreateOnly = generated
	if _, err := r.Store.Write(ctx, []store.NodeWrite{node}, nil, auth.FromContext(ctx).Name); err != nil {
		return nil, err
	}
	stored, err := r.Store.Node(ctx, node.ID)
	if err != nil {
		return nil, err
	}
	return model.As[*model.Source](stored), nil
}

// link validates a relationship like an imported row and writes it (with a new source, if any).
func (r *Resolver) link(ctx context.Context, from, typ, to string, props map[string]any, src *model.SourceRef, quote string) (*model.GraphEdge, error) {
	types, err := store.ParseRelTypes([]string{typ})
	if err != nil {
		err = errs.BadInput("type", "%v", err)
		return nil, err
	}
	w := &writes{sources: map[string]bool{}}
	sourceID, err := w.source("source", src)
	if err != nil {
		return nil, err
	}
	if err := r.requireStored(ctx, w, map[string]string{"source": sourceID}); err != nil {
		return nil, err
	}
	stored, err := r.Store.NodesByID(ctx, []string{from, to, sourceID})
	if err != nil {
		return nil, err
	}
	kindOf := func(id string) (store.Kind, bool) {
		if w.sources[id] {
			return store.Source, true
		}
		n, ok := stored[id]
		return n.Kind, ok
	}
	rel, problems := domain.CheckRel(domain.Rel{From: from, Type: typ, To: to, Properties: props, Source: sourceID, Quote: quote}, "", kindOf)
	if len(problems) > 0 {
		return nil, inputError(ctx, "", problems)
	}
	if _, err := r.Store.Write(ctx, w.nodes, []store.RelWrite{rel}, auth.FromContext(ctx).Name); err != nil {
		return nil, err
	}
	e, err := r.Store.Edge(ctx, from, types[0], to)
	if err != nil {
		return nil, err
	}
	return model.NewGraphEdge(e), nil
}

func (r *Resolver) unlink(ctx context.Context, from, typ, to string) (bool, error) {
	types, err := store.ParseRelTypes([]string{typ})
	if err != nil {
		err = errs.BadInput("type", "%v", err)
		return false, err
	}
	return r.Store.Unlink(ctx, from, types[0], to, auth.FromContext(ctx).Name)
}

func (r *Resolver) deleteEntity(ctx context.Context, id string, cascade *bool) (*model.DeleteResult, error) {
	removed, err := r.Store.Delete(ctx, id, cascade != nil && *cascade, auth.FromContext(ctx).Name)
	if err != nil {
		return nil, err
	}
	out := &model.DeleteResult{Deleted: removed.Entities, RelationshipsRemoved: []*model.TypeCount{}}
	for _, t := range store.RelTypes() {
		if c := removed.Relationships[t]; c > 0 {
			out.RelationshipsRemoved = append(out.RelationshipsRemoved, &model.TypeCount{Type: string(t), Count: c})
		}
	}
	return out, nil
}
