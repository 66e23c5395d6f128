package compiled

import (
	"bytes"
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/model"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// entityRoot reads one entity by ID (city, organisation, centre, event) with its tree.
type entityRoot struct {
	kind store.Kind
	id   string
	tree store.Tree
	sel  *selection
}

func (p planner) entityRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	r := &entityRoot{kind: p.entityRoots[f.Name], id: a.str("id")}
	if !a.ok {
		return nil, notCovered("%s's id is not a string", f.Name)
	}
	var err error
	if r.sel, err = p.entity(&r.tree, f.Definition.Type.Name(), f.Selections); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *entityRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	n, found, err := s.TreeByID(ctx, r.kind, r.id, r.tree)
	if err == nil && !found { // an ID merged into another entity answers with it
		var to string
		if to, found, err = s.Redirect(ctx, r.id); err == nil && found {
			n, found, err = s.TreeByID(ctx, r.kind, to, r.tree)
		}
	}
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("compiled read: %q: %w", r.id, errs.ErrNotFound)
	}
	return func(w *bytes.Buffer) error { return r.sel.write(w, n) }, nil
}

// entityFields are the fields every entity type has, besides relationship fields, with the
// properties each reads.
var entityFields = map[string][]string{
	"__typename": nil, "id": nil, "kind": nil,
	"name": {"name_en"}, "names": {"name_en", "name_bg", "name_el"}, // and enDerived's property when asked (plainField)
	"aliases": {"aliases"}, "unnamed": {"unnamed"}, "collective": {"collective"}, "mergedIds": {store.MergedIDsProp},
}

// entityView is what the model's entity types answer; the response uses their methods, so a field
// reads the same here as through its resolver.
type entityView interface {
	ID() string
	Kind() model.Kind
	Name(*model.Lang) string
	Names() *model.Names
	Aliases() []string
	Unnamed() bool
	Collective() bool
	MergedIds() []string
}

// write writes one entity, read with its tree.
func (s *selection) write(w *bytes.Buffer, n store.Node) error {
	e, ok := model.Wrap(n).(entityView)
	if !ok {
		return fmt.Errorf("compiled read: %s has no view", n.Kind)
	}
	w.WriteByte('{')
	for i, f := range s.fields {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, f.key)
		switch f.name {
		case "__typename":
			graphql.MarshalString(s.typ).MarshalGQL(w)
		case "id":
			graphql.MarshalID(e.ID()).MarshalGQL(w)
		case "kind":
			e.Kind().MarshalGQL(w)
		case "name":
			graphql.MarshalString(e.Name(f.lang)).MarshalGQL(w)
		case "names":
			writeNames(w, f.names, e.Names())
		case "aliases":
			model.MarshalStrings(w, e.Aliases())
		case "unnamed":
			graphql.MarshalBoolean(e.Unnamed()).MarshalGQL(w)
		case "collective":
			graphql.MarshalBoolean(e.Collective()).MarshalGQL(w)
		case "mergedIds":
			model.MarshalStrings(w, e.MergedIds())
		case "location":
			writeLocation(w, f.location, n)
		case "history":
			if err := f.history.write(w, n.TreeHistory()); err != nil {
				return err
			}
		case "sources":
			ms, err := n.TreeSources()
			if err != nil {
				return err
			}
			if err := f.evidence.write(w, ms); err != nil {
				return err
			}
		default:
			var err error
			switch {
			case f.property != nil:
				f.property(w, n)
			case f.edge != nil:
				err = f.writeEdges(w, n)
			default:
				err = f.writeBranch(w, n)
			}
			if err != nil {
				return err
			}
		}
	}
	w.WriteByte('}')
	return nil
}

// writeBranch writes the entities n's branch of field f reached: a list, or the first (or null).
func (f entityField) writeBranch(w *bytes.Buffer, n store.Node) error {
	count := n.BranchLen(f.branch)
	if f.one && count == 0 {
		graphql.Null.MarshalGQL(w)
		return nil
	}
	if f.one {
		count = 1
	} else {
		w.WriteByte('[')
	}
	for j := range count {
		if j > 0 {
			w.WriteByte(',')
		}
		c, err := n.BranchNode(f.branch, j)
		if err != nil {
			return err
		}
		if err := f.sub.write(w, c); err != nil {
			return err
		}
	}
	if !f.one {
		w.WriteByte(']')
	}
	return nil
}

// writeList writes a list of entities of one selection.
func writeList(w *bytes.Buffer, nodes []store.Node, sel *selection) error {
	w.WriteByte('[')
	for j, n := range nodes {
		if j > 0 {
			w.WriteByte(',')
		}
		if err := sel.write(w, n); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

// writeLocation writes the location a tree read for n, or null.
func writeLocation(w *bytes.Buffer, fields []leaf, n store.Node) {
	l, ok := n.TreeLocation()
	if !ok {
		graphql.Null.MarshalGQL(w)
		return
	}
	writeLeaves(w, "Location", fields, func(name string) {
		switch name {
		case "latitude":
			_ = graphql.MarshalFloatContext(l.Latitude).MarshalGQLContext(context.Background(), w)
		case "longitude":
			_ = graphql.MarshalFloatContext(l.Longitude).MarshalGQLContext(context.Background(), w)
		case "derived":
			graphql.MarshalBoolean(l.Derived).MarshalGQL(w)
		case "cityId":
			graphql.MarshalID(l.City).MarshalGQL(w)
		}
	})
}

func writeNames(w *bytes.Buffer, fields []leaf, names *model.Names) {
	writeLeaves(w, "Names", fields, func(name string) {
		switch name {
		case "en":
			graphql.MarshalString(names.En).MarshalGQL(w)
		case "bg":
			model.MarshalOptionalString(w, names.Bg)
		case "el":
			model.MarshalOptionalString(w, names.El)
		case "enDerived":
			graphql.MarshalBoolean(names.EnDerived).MarshalGQL(w)
		}
	})
}
