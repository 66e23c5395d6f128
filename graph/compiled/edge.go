package compiled

import (
	"bytes"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/fields"
	"urbangraph/graph/model"
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
	evidence  *evidence  // the sentences that state the relationship, with their sources
}

// evidence is what is asked of an edge's evidence: Evidence's fields, and its source's.
type evidence struct {
	fields  []leaf
	sources map[string]*selection // by response key
}

// edge plans an edge-typed relationship field of the entity of type typ (read with tree t): the
// other ends' tree goes in child, and the evidence's sources' tree, when asked, in ev.
func (p planner) edge(t, child *store.Tree, ev **store.Tree, typ string, r fields.Relation, f graphql.CollectedField) ([]edgeField, error) {
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
		case sf.Name == "evidence" && sf.Definition.Type.Name() == "Evidence":
			if *ev == nil {
				*ev = &store.Tree{}
			}
			if ef.evidence, err = p.evidence(*ev, sf); err != nil {
				return nil, err
			}
		default:
			return nil, notCovered("the field %s.%s", r.Edge.Type, sf.Name)
		}
		out = append(out, ef)
	}
	return out, nil
}

// evidence plans an edge's evidence: the quote, the source (an entity read with tree t, light or
// not, without relationships) and properties, which for a relationship are none.
func (p planner) evidence(t *store.Tree, f graphql.CollectedField) (*evidence, error) {
	fields, err := p.collect(f.Selections, "Evidence")
	if err != nil {
		return nil, err
	}
	ev := &evidence{sources: map[string]*selection{}}
	for _, ff := range fields {
		ev.fields = append(ev.fields, leaf{key: ff.Alias, name: ff.Name})
		if ff.Name != "source" {
			continue // __typename, quote, properties
		}
		if ev.sources[ff.Alias], err = p.entity(t, "Source", ff.Selections); err != nil {
			return nil, err
		}
		if len(t.Branches) > 0 || t.Location {
			return nil, notCovered("a Source's relationships or location under evidence")
		}
	}
	return ev, nil
}

// sources plans an entity's sources (the sentences that name it, MENTIONED_IN) into t.Sources.
func (p planner) sources(t *store.Tree, typ string, f graphql.CollectedField) (*evidence, error) {
	if _, known := store.KindOfLabel(typ); !known {
		return nil, notCovered("the sources of a %s", typ) // a GraphNode is read without a tree
	}
	if t.Sources == nil {
		t.Sources = &store.Tree{}
	}
	return p.evidence(t.Sources, f)
}

func (ev *evidence) write(w *bytes.Buffer, quotes []store.Mention) error {
	return writeObjects(w, len(quotes), func(i int) error {
		q := quotes[i]
		return writeObject(w, "Evidence", ev.fields, func(f leaf) error {
			switch f.name {
			case "quote":
				graphql.MarshalString(q.Quote).MarshalGQL(w)
			case "properties":
				model.MarshalStrings(w, q.Properties) // none for a relationship's
			case "source":
				return ev.sources[f.key].write(w, q.Source)
			}
			return nil
		})
	})
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
			case ef.evidence != nil:
				err = ef.evidence.write(w, l.Quotes)
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
