// Package fields reads what schema.graphqls says a field means beyond its type, from the schema's
// own directives, so that the resolvers and compiled reads take it from one place and a field added
// to the schema needs no table kept by hand. Today that is @relation: the relationship a field
// follows, to entities or to edges (an object per relationship, with its properties: Founding).
package fields

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/internal/store"
)

// A Relation is a field that lists (or, when One, names) the entities a relationship leads to, or
// (Edge) its relationships as objects of an edge type.
type Relation struct {
	Rel  store.Rel
	One  bool
	Edge *Edge
}

// An Edge is a type whose objects are relationships (Founding, Participation): two fields for its
// ends, entity-typed, and scalar fields for the relationship's properties of the same names; other
// fields (evidence) are the resolvers'.
type Edge struct {
	Type  string   // the edge type
	Node  string   // its field for the entity at the relationship's other end
	Self  string   // its field for the entity that holds the relation field
	Props []string // its fields that read the relationship's properties
}

// edgeOf reads an edge type: the end of the holder's type and the other.
func edgeOf(s *ast.Schema, def *ast.Definition, holder string) (*Edge, store.Kind, error) {
	e := &Edge{Type: def.Name}
	var target store.Kind
	for _, f := range def.Fields {
		k, isEntity := store.KindOfLabel(f.Type.Name())
		switch {
		case isEntity && f.Type.Name() == holder && e.Self == "":
			e.Self = f.Name
		case isEntity && e.Node == "":
			e.Node, target = f.Name, k
		case isEntity:
			return nil, "", fmt.Errorf("edge type %s has more than two entity fields", def.Name)
		case s.Types[f.Type.Name()] != nil && s.Types[f.Type.Name()].Kind == ast.Scalar && f.Type.Elem == nil:
			e.Props = append(e.Props, f.Name)
		}
	}
	if e.Self == "" || e.Node == "" {
		return nil, "", fmt.Errorf("edge type %s has no field of type %s and one of another entity type", def.Name, holder)
	}
	return e, target, nil
}

// Relations maps "Type.field" to the relationship the field follows.
type Relations map[string]Relation

// Of returns the relation of typ.field.
func (rs Relations) Of(typ, field string) (Relation, bool) {
	r, ok := rs[typ+"."+field]
	return r, ok
}

// RelationsOf reads every @relation of the schema and checks it against the model: the type is a
// relationship type, the field's type is an entity kind (or GraphNode, for any kind the relationship
// joins), the relationship may join the field's type
// and that kind in the direction given, and the field has no arguments.
func RelationsOf(s *ast.Schema) (Relations, error) {
	rs := Relations{}
	var errs []error
	for _, def := range s.Types {
		for _, f := range def.Fields {
			d := f.Directives.ForName("relation")
			if d == nil {
				continue
			}
			r, err := relationOf(s, def, f, d)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s.%s: %w", def.Name, f.Name, err))
				continue
			}
			rs[def.Name+"."+f.Name] = r
		}
	}
	return rs, errors.Join(errs...)
}

func relationOf(s *ast.Schema, def *ast.Definition, f *ast.FieldDefinition, d *ast.Directive) (Relation, error) {
	arg := func(name string) string {
		if a := d.Arguments.ForName(name); a != nil && a.Value != nil {
			return a.Value.Raw
		}
		return ""
	}
	t := store.RelType(arg("type"))
	if !t.Valid() || t == store.MentionedIn {
		return Relation{}, fmt.Errorf("@relation type %q is not a relationship type of the model", t)
	}
	holder, ok := store.KindOfLabel(def.Name)
	if !ok {
		return Relation{}, fmt.Errorf("@relation on %s, which is not an entity type", def.Name)
	}
	target, ok := store.KindOfLabel(f.Type.Name())
	var edge *Edge
	if et := s.Types[f.Type.Name()]; !ok && et != nil && et.Kind == ast.Object && et.Fields.ForName(strings.ToLower(def.Name[:1])+def.Name[1:]) != nil {
		var err error
		if edge, target, err = edgeOf(s, et, def.Name); err != nil {
			return Relation{}, err
		}
		ok = true
	}
	if !ok && f.Type.Name() == "GraphNode" {
		target, ok = "", true // any kind the relationship joins the holder to (Programme.funds)
	}
	if !ok {
		return Relation{}, fmt.Errorf("@relation field of type %s, which is not an entity type", f.Type.Name())
	}
	if len(f.Arguments) > 0 {
		return Relation{}, errors.New("@relation fields take no arguments")
	}
	var rel store.Rel
	switch arg("direction") {
	case "OUT":
		rel = store.Rel{Type: t, Dir: store.Out, Target: target}
		if from, _ := t.Ends(); target == "" && !slices.Contains(from, holder) || target != "" && !t.Connects(holder, target) {
			return Relation{}, fmt.Errorf("%s does not go from %s to %s", t, holder, orAny(target))
		}
	case "IN":
		rel = store.Rel{Type: t, Dir: store.In, Target: target}
		if _, to := t.Ends(); target == "" && !slices.Contains(to, holder) || target != "" && !t.Connects(target, holder) {
			return Relation{}, fmt.Errorf("%s does not go from %s to %s", t, orAny(target), holder)
		}
	default:
		return Relation{}, fmt.Errorf("@relation direction %q: want OUT or IN", arg("direction"))
	}
	return Relation{Rel: rel, One: f.Type.Elem == nil, Edge: edge}, nil
}

// orAny names a relation's target kind, or any kind for a field of type GraphNode.
func orAny(k store.Kind) string {
	if k == "" {
		return "any kind"
	}
	return string(k)
}
