package compiled

import (
	"bytes"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/fields"
	"urbangraph/internal/store"
)

// An edgeField is what is asked of a relationship read as an object of an edge type (a Founding:
// `founders { organisation { id } role year }`): the entity at its other end, the entity holding
// the field, a property of the relationship, or __typename.
type edgeField struct {
	key, name string
	node      *selection // the entity at the other end
	self      *selection // the holder, written from the holder's own node
	scalar    string     // a property's GraphQL type (String, Int...)
}

// edge plans an edge-typed relationship field of the entity of type typ (read with tree t): the
// other ends' tree goes in child. The edge type's other fields (evidence) are the resolvers'.
func (p planner) edge(t, child *store.Tree, typ string, r fields.Relation, f graphql.CollectedField) ([]edgeField, error) {
	sub, err := p.collect(f.Selections, r.Edge.Type)
	if err != nil {
		return nil, err
	}
	var out []edgeField
	for _, sf := range sub {
		ef := edgeField{key: sf.Alias, name: sf.Name}
		switch {
		case sf.Name == "__typename":
		case sf.Name == r.Edge.Node:
			if ef.node, err = p.entity(child, sf.Definition.Type.Name(), sf.Selections); err != nil {
				return nil, err
			}
		case sf.Name == r.Edge.Self:
			if ef.self, err = p.entity(t, typ, sf.Selections); err != nil {
				return nil, err
			}
		case slices.Contains(r.Edge.Props, sf.Name):
			ef.scalar = sf.Definition.Type.Name()
		default:
			return nil, notCovered("the field %s.%s", r.Edge.Type, sf.Name)
		}
		out = append(out, ef)
	}
	return out, nil
}

// writeEdges writes the relationships n's branch of field f reached, as objects of its edge type.
func (f entityField) writeEdges(w *bytes.Buffer, n store.Node) error {
	w.WriteByte('[')
	for j := range n.BranchLen(f.branch) {
		if j > 0 {
			w.WriteByte(',')
		}
		l, err := n.BranchEdge(f.branch, j)
		if err != nil {
			return err
		}
		w.WriteByte('{')
		for i, ef := range f.edge {
			if i > 0 {
				w.WriteByte(',')
			}
			writeKey(w, ef.key)
			switch {
			case ef.name == "__typename":
				graphql.MarshalString(f.edgeType).MarshalGQL(w)
			case ef.node != nil:
				err = ef.node.write(w, l.Node)
			case ef.self != nil:
				err = ef.self.write(w, n)
			default:
				writeEdgeProp(w, ef.scalar, l.Props[ef.name])
			}
			if err != nil {
				return err
			}
		}
		w.WriteByte('}')
	}
	w.WriteByte(']')
	return nil
}

// writeEdgeProp writes a relationship property as its field's scalar type, null when it is absent
// or of another type (as the resolvers read it: model.RelString, model.RelInt).
func writeEdgeProp(w *bytes.Buffer, scalar string, v any) {
	switch x := v.(type) {
	case string:
		if scalar == "String" {
			graphql.MarshalString(x).MarshalGQL(w)
			return
		}
	case int64:
		if scalar == "Int" {
			graphql.MarshalInt(int(x)).MarshalGQL(w)
			return
		}
	}
	graphql.Null.MarshalGQL(w)
}
