package graph

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen/templates"

	"urbangraph/graph/generated"
	"urbangraph/graph/model"
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

// Which fields need more than the light projection is derived from the schema (and the two fields
// of every entity with a property of their own); it is the set the resolvers kept by hand before
// (so no field reads null for want of its property).
func TestHeavyFieldsAreTheNonLightPropertyFields(t *testing.T) {
	want := []string{"activities", "aim", "aims", "audiences", "enDerived", "eventType", "file", "foundedYear", "language",
		"mergedIds", "period", "programmeType", "properties", "publisher", "scope", "unitType", "url", "website"}
	var got []string
	for f := range heavyFields {
		got = append(got, f)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heavy fields %v, want %v", got, want)
	}
}

// Every field of every entity type is known to the read paths: the model answers it (the fields of
// every entity, and the @property fields' generated methods), it follows a @relation, or its type's
// resolver answers it. A field that is none of these is a mistake gqlgen alone would not catch.
func TestEveryEntityFieldIsKnownToTheReadPaths(t *testing.T) {
	schema := Schema()
	types := map[string][2]reflect.Type{
		"City":         {reflect.TypeFor[*model.City](), reflect.TypeFor[generated.CityResolver]()},
		"Country":      {reflect.TypeFor[*model.Country](), reflect.TypeFor[generated.CountryResolver]()},
		"Organisation": {reflect.TypeFor[*model.Organisation](), reflect.TypeFor[generated.OrganisationResolver]()},
		"Centre":       {reflect.TypeFor[*model.Centre](), reflect.TypeFor[generated.CentreResolver]()},
		"Unit":         {reflect.TypeFor[*model.Unit](), reflect.TypeFor[generated.UnitResolver]()},
		"Domain":       {reflect.TypeFor[*model.Domain](), reflect.TypeFor[generated.DomainResolver]()},
		"Practice":     {reflect.TypeFor[*model.Practice](), reflect.TypeFor[generated.PracticeResolver]()},
		"Event":        {reflect.TypeFor[*model.Event](), reflect.TypeFor[generated.EventResolver]()},
		"Programme":    {reflect.TypeFor[*model.Programme](), reflect.TypeFor[generated.ProgrammeResolver]()},
		"Topic":        {reflect.TypeFor[*model.Topic](), reflect.TypeFor[generated.TopicResolver]()},
	}
	checked := 0
	for typ, ts := range types {
		def := schema.Types[typ]
		if def == nil {
			t.Fatalf("no type %s", typ)
		}
		for _, f := range def.Fields {
			method := templates.ToGo(f.Name) // gqlgen's Go name for the field
			_, byModel := ts[0].MethodByName(method)
			_, byResolver := ts[1].MethodByName(method)
			_, isRelation := relations.Of(typ, f.Name)
			_, isProperty := model.Properties[typ+"."+f.Name]
			if !byModel && !byResolver && !isRelation {
				t.Errorf("%s.%s is answered by neither the model, a @relation nor a resolver", typ, f.Name)
			}
			if isProperty && !byModel {
				t.Errorf("%s.%s is a @property without its generated method: run go generate ./...", typ, f.Name)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("checked %d fields", checked)
	}
}

// Every kind of entity implements Entity (a Source is a Node with a kind, not an entity), and every
// kind with a location field implements Located, so that a client selects the shared fields once.
func TestEveryKindImplementsEntity(t *testing.T) {
	schema := Schema()
	n := 0
	for _, v := range schema.Types["Kind"].EnumValues {
		typ := templates.ToGo(strings.ToLower(v.Name))
		def := schema.Types[typ]
		if def == nil {
			t.Fatalf("the kind %s has no type %s", v.Name, typ)
		}
		implements := map[string]bool{}
		for _, i := range def.Interfaces {
			implements[i] = true
		}
		if want := v.Name != "SOURCE"; implements["Entity"] != want {
			t.Errorf("%s implements Entity: %v, want %v", typ, implements["Entity"], want)
		}
		if want := def.Fields.ForName("location") != nil; implements["Located"] != want {
			t.Errorf("%s implements Located: %v, but has location: %v", typ, implements["Located"], want)
		}
		n++
	}
	if n != 11 {
		t.Errorf("%d kinds", n)
	}
}
