package compiled

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// planner plans one operation.
type planner struct {
	*compiler
	oc     *graphql.OperationContext
	caller *caller // set by Plan.Fetch
}

// plan turns an operation into one operation per root field, or says why it is not covered. A
// root field it does not cover is left to the resolvers (root.op nil, root.why the reason) when
// the operation's root selections are plain fields, so that the others stay compiled; the whole
// operation is refused when no root is covered.
func (c *compiler) plan(oc *graphql.OperationContext) (*Plan, error) {
	if oc == nil || oc.Operation == nil {
		return nil, notCovered("no operation")
	}
	if oc.Operation.Operation != ast.Query {
		return nil, notCovered("a %s, not a query", oc.Operation.Operation)
	}
	p := planner{compiler: c, oc: oc, caller: &caller{ctx: context.Background()}}
	fields, err := p.collect(oc.Operation.SelectionSet, "Query")
	if err != nil {
		return nil, err
	}
	out := &Plan{caller: p.caller}
	for _, f := range fields {
		a := argsOf(f, oc.Variables)
		var op operation
		switch {
		case f.Name == "__typename":
			op = typenameRoot{}
		case c.entityRoots[f.Name] != "":
			op, err = p.entityRoot(f, a)
		case c.listRoots[f.Name] != "":
			op, err = p.connectionRoot(f, a)
		case f.Name == "search":
			op, err = p.searchRoot(f, a)
		case f.Name == "neighbourhood":
			op, err = p.neighbourhoodRoot(f, a)
		case f.Name == "shortestPath" || f.Name == "paths":
			op, err = p.pathsRoot(f, a)
		case f.Name == "nearby":
			op, err = p.nearbyRoot(f, a)
		case f.Name == "similar":
			op, err = p.similarRoot(f, a)
		default:
			err = notCovered("the root field %s", f.Name)
		}
		if errors.Is(err, ErrNotCovered) && plainRoots(oc.Operation.SelectionSet) {
			out.roots = append(out.roots, root{key: f.Alias, why: err})
			continue
		}
		if err != nil {
			return nil, err
		}
		out.roots = append(out.roots, root{key: f.Alias, op: op})
	}
	if why := out.uncovered(); why != nil && len(out.resolved()) == len(out.roots) {
		return nil, why // nothing to compile
	}
	return out, nil
}

// plainRoots reports whether an operation's root selections are all fields (no fragments), so
// that those the resolvers answer can be given to them alone.
func plainRoots(set ast.SelectionSet) bool {
	for _, s := range set {
		if _, ok := s.(*ast.Field); !ok {
			return false
		}
	}
	return true
}

// implementorsOf are the type conditions an object of type typ satisfies: its name and interfaces.
func (c *compiler) implementorsOf(typ string) []string {
	if v, ok := c.implementors.Load(typ); ok {
		return v.([]string)
	}
	out := []string{typ}
	if def := c.schema.Types[typ]; def != nil {
		out = append(out, def.Interfaces...)
	}
	c.implementors.Store(typ, out)
	return out
}

// describing are the schema's directives that only describe a field (gqlgen.yml: skip_runtime).
var describing = map[string]bool{"relation": true, "property": true, "cost": true}

// collect is gqlgen's own field collection (fragments, aliases merged, @skip/@include), refusing
// deferred fragments, and fields whose schema definition carries a directive that runs (such as
// @hasRole): only the resolvers run schema directives.
func (p planner) collect(set ast.SelectionSet, typ string) ([]graphql.CollectedField, error) {
	fields := graphql.CollectFields(p.oc, set, p.implementorsOf(typ))
	for _, f := range fields {
		if len(f.Deferrables) > 0 {
			return nil, notCovered("@defer on %s.%s", typ, f.Name)
		}
		if f.Definition == nil {
			continue
		}
		for _, d := range f.Definition.Directives {
			if !describing[d.Name] {
				return nil, notCovered("%s.%s has the directive @%s", typ, f.Name, d.Name)
			}
		}
	}
	return fields, nil
}

// A selection is what is asked of one entity: its fields in response order.
type selection struct {
	typ    string
	fields []entityField
}

type entityField struct {
	key      string
	name     string // the schema field (or __typename)
	lang     *model.Lang
	names    []leaf
	branch   int // relationship fields: the tree branch
	one      bool
	sub      *selection
	edge     []edgeField // an edge-typed relationship field (founders): what is asked of each
	edgeType string
	location []leaf                          // location's fields
	property func(w io.Writer, n store.Node) // a @property field (model.Properties)
	evidence *evidence                       // sources: the sentences that name the entity
	history  *history                        // a page of its change log
}

// A leaf is a scalar field of a selection: its response key and its name in the schema.
type leaf struct{ key, name string }

// entity plans the selection of an entity of type typ, adding what it reads to t.
func (p planner) entity(t *store.Tree, typ string, set ast.SelectionSet) (*selection, error) {
	fields, err := p.collect(set, typ)
	if err != nil {
		return nil, err
	}
	sel := &selection{typ: typ}
	for _, f := range fields {
		ef := entityField{key: f.Alias, name: f.Name}
		props, plain := entityFields[f.Name]
		prop, isProp := model.Properties[typ+"."+f.Name]
		switch {
		case f.Name == "history":
			if ef.history, err = p.history(t, typ, f); err != nil {
				return nil, err
			}
		case f.Name == "sources":
			if ef.evidence, err = p.sources(t, typ, f); err != nil {
				return nil, err
			}
		case f.Name == "location":
			if _, known := store.KindOfLabel(typ); !known {
				return nil, notCovered("the location of a %s", typ) // a GraphNode's kind is the data's
			}
			if ef.location, err = p.leaves(f.Selections, "Location", "latitude", "longitude", "derived", "cityId"); err != nil {
				return nil, err
			}
			t.Location = true
		case plain:
			addProps(t, props...)
			if err := p.plainField(&ef, t, f); err != nil {
				return nil, err
			}
		case isProp:
			addProps(t, prop.Name)
			ef.property = prop.Write
		default:
			r, ok := p.relations.Of(typ, f.Name)
			if !ok {
				return nil, notCovered("the field %s.%s", typ, f.Name)
			}
			var child store.Tree
			if r.Rel.Target == "" {
				return nil, notCovered("the field %s.%s leads to any kind (GraphNode)", typ, f.Name)
			}
			if r.Edge != nil {
				var ev *store.Tree
				if ef.edge, err = p.edge(t, &child, &ev, typ, r, f); err != nil {
					return nil, err
				}
				ef.branch, ef.edgeType = len(t.Branches), r.Edge.Type
				t.Branches = append(t.Branches, store.Branch{Rel: r.Rel, Tree: child, EdgeProps: r.Edge.Props, Evidence: ev})
				break
			}
			if ef.sub, err = p.entity(&child, f.Definition.Type.Name(), f.Selections); err != nil {
				return nil, err
			}
			ef.branch, ef.one = len(t.Branches), r.One
			t.Branches = append(t.Branches, store.Branch{Rel: r.Rel, One: r.One, Tree: child})
		}
		sel.fields = append(sel.fields, ef)
	}
	return sel, nil
}

// plainField plans name's language and names' subfields.
func (p planner) plainField(ef *entityField, t *store.Tree, f graphql.CollectedField) error {
	switch f.Name {
	case "name":
		a := argsOf(f, p.oc.Variables)
		if ef.lang = enum[model.Lang](a, "lang"); !a.ok {
			return notCovered("name's lang is not a Lang")
		}
		addProps(t, "name_"+model.LangCode(ef.lang))
	case "names":
		names, err := p.leaves(f.Selections, "Names", append(slices.Clone(store.Langs), "enDerived")...)
		if err != nil {
			return err
		}
		ef.names = names
		if slices.ContainsFunc(names, func(l leaf) bool { return l.name == "enDerived" }) {
			addProps(t, store.EnglishDerivedProp)
		}
	}
	return nil
}

func addProps(t *store.Tree, props ...string) {
	for _, p := range props {
		if !slices.Contains(t.Props, p) {
			t.Props = append(t.Props, p)
		}
	}
}

// leaves plans a selection of scalar fields (and __typename) of type typ.
func (p planner) leaves(set ast.SelectionSet, typ string, names ...string) ([]leaf, error) {
	fields, err := p.collect(set, typ)
	if err != nil {
		return nil, err
	}
	out := make([]leaf, 0, len(fields))
	for _, f := range fields {
		if f.Name != "__typename" && !slices.Contains(names, f.Name) {
			return nil, notCovered("the field %s.%s", typ, f.Name)
		}
		out = append(out, leaf{key: f.Alias, name: f.Name})
	}
	return out, nil
}
