// Package fields reads what schema.graphqls says a field means beyond its type, from the schema's
// own directives, so that the resolvers and compiled reads take it from one place and a field added
// to the schema needs no table kept by hand. Today that is @relation: the relationship a field
// follows.
package fields

import (
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/internal/store"
)

// A Relation is a field that lists (or, when One, names) the entities a relationship leads to.
type Relation struct {
	Rel store.Rel
	One bool
}

// Relations maps "Type.field" to the relationship the field follows.
type Relations map[string]Relation

// Of returns the relation of typ.field.
func (rs Relations) Of(typ, field string) (Relation, bool) {
	r, ok := rs[typ+"."+field]
	return r, ok
}

// RelationsOf reads every @relation of the schema and checks it against the model: the type is a
// relationship type, the field's type is an entity kind, the relationship may join the field's type
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
			r, err := relationOf(def, f, d)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s.%s: %w", def.Name, f.Name, err))
				continue
			}
			rs[def.Name+"."+f.Name] = r
		}
	}
	return rs, errors.Join(errs...)
}

func relationOf(def *ast.Definition, f *ast.FieldDefinition, d *ast.Directive) (Relation, error) {
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
		if !t.Connects(holder, target) {
			return Relation{}, fmt.Errorf("%s does not go from %s to %s", t, holder, target)
		}
	case "IN":
		rel = store.Rel{Type: t, Dir: store.In, Target: target}
		if !t.Connects(target, holder) {
			return Relation{}, fmt.Errorf("%s does not go from %s to %s", t, target, holder)
		}
	default:
		return Relation{}, fmt.Errorf("@relation direction %q: want OUT or IN", arg("direction"))
	}
	return Relation{Rel: rel, One: f.Type.Elem == nil}, nil
}
