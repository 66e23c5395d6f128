package compiled

import (
	"bytes"
	"context"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/auth"
	"urbangraph/internal/store"
)

// caller is what a plan's answer shows by who asks: plans are made per request, and Fetch sets it
// from the request's context (the change log's actors: auth.Shown).
type caller struct{ ctx context.Context }

func (c *caller) shown(actor string) string { return auth.Shown(c.ctx, actor) }

// history is what is asked of an entity's change log: one page (the tree's HistoryPage) and the
// fields of each change and of its changed fields.
type history struct {
	fields  []leaf
	changed map[string][]leaf // FieldChange's fields, by response key
	caller  *caller
}

// history plans an entity's history field into t.History: one page per entity, as the resolvers
// read it (store.History); two pages of one entity's log in one selection are the resolvers'.
func (p planner) history(t *store.Tree, typ string, f graphql.CollectedField) (*history, error) {
	if _, known := store.KindOfLabel(typ); !known {
		return nil, notCovered("the history of a %s", typ) // a GraphNode is read without a tree
	}
	a := argsOf(f, p.oc.Variables)
	first, after := a.int("first"), a.int("after")
	if !a.ok {
		return nil, notCovered("an argument of %s.history is not of its type", typ)
	}
	n, before, err := args.History(typ+".history", first, after)
	if err != nil {
		return nil, notCovered("%s.history: %v", typ, err)
	}
	page := &store.HistoryPage{First: n, Before: before}
	if t.History != nil && *t.History != *page {
		return nil, notCovered("two pages of a %s's history", typ)
	}
	t.History = page
	h := &history{changed: map[string][]leaf{}, caller: p.caller}
	fields, err := p.collect(f.Selections, "Change")
	if err != nil {
		return nil, err
	}
	for _, cf := range fields {
		h.fields = append(h.fields, leaf{key: cf.Alias, name: cf.Name})
		if cf.Name == "fields" {
			if h.changed[cf.Alias], err = p.leaves(cf.Selections, "FieldChange", "name", "before", "after"); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
}

func (h *history) write(w *bytes.Buffer, cs []store.Change) error {
	return writeObjects(w, len(cs), func(i int) error {
		c := model.NewChange(cs[i], h.caller.shown)
		return writeObject(w, "Change", h.fields, func(f leaf) error {
			switch f.name {
			case "seq":
				graphql.MarshalInt(c.Seq).MarshalGQL(w)
			case "at":
				graphql.MarshalString(c.At).MarshalGQL(w)
			case "actor":
				graphql.MarshalString(c.Actor).MarshalGQL(w)
			case "operation":
				graphql.MarshalString(c.Operation).MarshalGQL(w)
			case "entityId":
				writeOptional(w, c.EntityID, graphql.MarshalID)
			case "from":
				writeOptional(w, c.From, graphql.MarshalID)
			case "to":
				writeOptional(w, c.To, graphql.MarshalID)
			case "type":
				writeOptional(w, c.Type, graphql.MarshalString)
			case "fields":
				return writeObjects(w, len(c.Fields), func(j int) error {
					fc := c.Fields[j]
					writeLeaves(w, "FieldChange", h.changed[f.key], func(name string) {
						switch name {
						case "name":
							graphql.MarshalString(fc.Name).MarshalGQL(w)
						case "before":
							writeAny(w, fc.Before)
						case "after":
							writeAny(w, fc.After)
						}
					})
					return nil
				})
			}
			return nil
		})
	})
}

// writeOptional writes a nullable scalar with its marshaler, null when absent.
func writeOptional(w *bytes.Buffer, v *string, marshal func(string) graphql.Marshaler) {
	if v == nil {
		graphql.Null.MarshalGQL(w)
		return
	}
	marshal(*v).MarshalGQL(w)
}

// writeAny writes an Any value as the executor does (null for nil).
func writeAny(w *bytes.Buffer, v any) {
	if v == nil {
		graphql.Null.MarshalGQL(w)
		return
	}
	graphql.MarshalAny(v).MarshalGQL(w)
}
