package graph

import (
	"strings"
	"testing"
)

// The schema is the contract: every type, field, argument and enum value says what it is.
func TestEveryPartOfTheSchemaIsDescribed(t *testing.T) {
	schema := Schema()
	for name, def := range schema.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}

// Every field from an entity to entities of a kind is in the relations table, and each entry agrees
// with the schema: the field exists, leads to the kind the relationship's target is, and is a list
// exactly when the entry is not `one`. Compiled reads and the resolvers both read the table.
func TestTheRelationsTableMatchesTheSchema(t *testing.T) {
	schema := Schema()
	isEntity := func(name string) bool {
		def := schema.Types[name]
		return def != nil && len(def.Interfaces) > 0 && def.Interfaces[0] == "Node"
	}
	for tf, r := range relations {
		def := schema.Types[tf.typ]
		if def == nil || def.Fields.ForName(tf.field) == nil {
			t.Errorf("%s.%s: not in the schema", tf.typ, tf.field)
			continue
		}
		f := def.Fields.ForName(tf.field)
		if got := f.Type.Name(); got != r.rel.Target.Label() {
			t.Errorf("%s.%s: the schema says %s, the relationship leads to %s", tf.typ, tf.field, got, r.rel.Target.Label())
		}
		if isList := f.Type.Elem != nil; isList == r.one {
			t.Errorf("%s.%s: list %v, but one is %v", tf.typ, tf.field, isList, r.one)
		}
	}
	for name, def := range schema.Types {
		if !isEntity(name) {
			continue
		}
		for _, f := range def.Fields {
			if isEntity(f.Type.Name()) {
				if _, ok := relations[typeField{name, f.Name}]; !ok {
					t.Errorf("%s.%s leads to entities but is not in the relations table", name, f.Name)
				}
			}
		}
	}
}
