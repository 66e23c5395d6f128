package fields_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph"
	"urbangraph/graph/fields"
	"urbangraph/internal/store"
)

func TestTheSchemaRelationsAreReadWithTheirDirectionAndTarget(t *testing.T) {
	rs, err := fields.RelationsOf(graph.Schema())
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]fields.Relation{
		"City.country":           {Rel: store.Rel{Type: "LOCATED_IN", Dir: store.Out, Target: store.Country}, One: true},
		"Country.cities":         {Rel: store.Rel{Type: "LOCATED_IN", Dir: store.In, Target: store.City}},
		"Centre.supporters":      {Rel: store.Rel{Type: "SUPPORTS", Dir: store.In, Target: store.Organisation}},
		"Unit.centre":            {Rel: store.Rel{Type: "HAS_UNIT", Dir: store.In, Target: store.Centre}, One: true},
		"Programme.supportedBy":  {Rel: store.Rel{Type: "SUPPORTS", Dir: store.In, Target: store.Programme}},
		"Organisation.partnerOf": {Rel: store.Rel{Type: "PARTNER_OF", Dir: store.Out, Target: store.Organisation}},
		"Programme.funds":        {Rel: store.Rel{Type: "FUNDED_BY", Dir: store.In}}, // GraphNode: any kind
	} {
		typ, field, _ := strings.Cut(key, ".")
		if got, ok := rs.Of(typ, field); !ok || got != want {
			t.Errorf("%s: %+v (%v), want %+v", key, got, ok, want)
		}
	}
	if len(rs) != 45 {
		t.Errorf("%d relation fields, want the schema's 45: %v", len(rs), rs)
	}
	for key, want := range map[string]fields.Edge{ // relationships with their properties, as objects
		"Centre.founders":             {Type: "Founding", Node: "organisation", Self: "centre", Props: []string{"role", "year"}},
		"Organisation.founded":        {Type: "Founding", Node: "centre", Self: "organisation", Props: []string{"role", "year"}},
		"Event.participants":          {Type: "Participation", Node: "organisation", Self: "event", Props: []string{"role"}},
		"Organisation.participatedIn": {Type: "Participation", Node: "event", Self: "organisation", Props: []string{"role"}},
	} {
		typ, field, _ := strings.Cut(key, ".")
		if got, ok := rs.Of(typ, field); !ok || got.Edge == nil || !reflect.DeepEqual(*got.Edge, want) {
			t.Errorf("%s: %+v, want the edge %+v", key, got, want)
		}
	}
}

// A field from an entity to entities is a relationship field: without @relation neither read path
// would know what to follow.
func TestEveryFieldThatLeadsToEntitiesHasARelation(t *testing.T) {
	schema := graph.Schema()
	rs, err := fields.RelationsOf(schema)
	if err != nil {
		t.Fatal(err)
	}
	isEntity := func(name string) bool { _, ok := store.KindOfLabel(name); return ok }
	for name, def := range schema.Types {
		if !isEntity(name) {
			continue
		}
		for _, f := range def.Fields {
			if _, ok := rs.Of(name, f.Name); isEntity(f.Type.Name()) && !ok {
				t.Errorf("%s.%s leads to %s entities but has no @relation", name, f.Name, f.Type.Name())
			}
		}
	}
}

func TestARelationTheModelDoesNotAllowIsRefused(t *testing.T) {
	for _, c := range []struct{ field, want string }{
		{`country: Country @relation(type: "LOCATED_IN", direction: IN)`, "LOCATED_IN does not go from COUNTRY to CITY"},
		{`country: Country @relation(type: "FLIES_TO", direction: OUT)`, `"FLIES_TO" is not a relationship type`},
		{`country: Country @relation(type: "MENTIONED_IN", direction: OUT)`, `"MENTIONED_IN" is not a relationship type`},
		{`name: String @relation(type: "LOCATED_IN", direction: OUT)`, "of type String, which is not an entity type"},
		{`country(first: Int): Country @relation(type: "LOCATED_IN", direction: OUT)`, "take no arguments"},
		{`anything: [GraphNode!]! @relation(type: "HAS_UNIT", direction: IN)`, "HAS_UNIT does not go from any kind to CITY"},
		// The README's example of a refused field.
		{`practices: [Practice!]! @relation(type: "PRESENTED", direction: IN)`, "City.practices: PRESENTED does not go from PRACTICE to CITY"},
	} {
		_, err := fields.RelationsOf(schemaWith(t, c.field))
		if err == nil || !strings.Contains(err.Error(), "City.") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming City's field and saying %q", c.field, err, c.want)
		}
	}
}

func schemaWith(t *testing.T, cityField string) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Input: `
		directive @relation(type: String!, direction: RelationDirection!) on FIELD_DEFINITION
		enum RelationDirection { OUT IN }
		type Query { city: City }
		type Country { id: ID! }
		type Practice { id: ID! }
		type GraphNode { id: ID! }
		type City { id: ID! ` + cityField + ` }`})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The README's example of a relationship field added in one line.
func TestTheREADMEsNewRelationshipFieldIsRead(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Input: `
		directive @relation(type: String!, direction: RelationDirection!) on FIELD_DEFINITION
		enum RelationDirection { OUT IN }
		type Query { programme: Programme }
		type Event { id: ID! }
		type Programme { id: ID! events: [Event!]! @relation(type: "FUNDED_BY", direction: IN) }`})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := fields.RelationsOf(s)
	if err != nil {
		t.Fatal(err)
	}
	want := fields.Relation{Rel: store.Rel{Type: "FUNDED_BY", Dir: store.In, Target: store.Event}}
	if got, ok := rs.Of("Programme", "events"); !ok || got != want {
		t.Errorf("Programme.events: %+v (%v), want %+v", got, ok, want)
	}
}
