package compiled

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph"
	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// These tests follow the Neo4j GraphQL Library's TCK: GraphQL text in, the plan out (each root's
// store request: the entity tree, the page, the arguments), with no database. That the plans'
// answers equal the resolvers' is internal/server/compiled_test.go's job.

func planOf(t *testing.T, query string, vars map[string]any) *Plan {
	t.Helper()
	p, err := Prepare(graph.Schema(), query, vars)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return p
}

// only returns the plan's single root operation, as type T.
func only[T operation](t *testing.T, p *Plan) T {
	t.Helper()
	if len(p.roots) != 1 {
		t.Fatalf("%d roots, want 1", len(p.roots))
	}
	op, ok := p.roots[0].op.(T)
	if !ok {
		t.Fatalf("the root is a %T", p.roots[0].op)
	}
	return op
}

func keys(sel *selection) string {
	var ks []string
	for _, f := range sel.fields {
		ks = append(ks, f.key)
	}
	return strings.Join(ks, " ")
}

func rel(t store.RelType, d store.Direction, k store.Kind) store.Rel {
	return store.Rel{Type: t, Dir: d, Target: k}
}

func TestAnEntityByIDIsOneTreeWithEveryKindOfField(t *testing.T) {
	r := only[*entityRoot](t, planOf(t, `{
		centre(id: "centre:x") {
			__typename id kind name(lang: BG) names { en el } aliases unnamed collective foundedYear aims
			city { name country { id } }
			units { name website }
		}
	}`, nil))
	want := store.Tree{
		Props: []string{"name_en", "name_bg", "name_el", "aliases", "unnamed", "collective", "foundedYear", "aims"},
		Branches: []store.Branch{
			{Rel: rel("LOCATED_IN", store.Out, store.City), One: true, Tree: store.Tree{
				Props:    []string{"name_en"},
				Branches: []store.Branch{{Rel: rel("LOCATED_IN", store.Out, store.Country), One: true}},
			}},
			{Rel: rel("HAS_UNIT", store.Out, store.Unit), Tree: store.Tree{Props: []string{"name_en", "website"}}},
		},
	}
	if r.kind != store.Centre || r.id != "centre:x" || !reflect.DeepEqual(r.tree, want) {
		t.Fatalf("planned %s %q\n%+v\nwant\n%+v", r.kind, r.id, r.tree, want)
	}
	if got := keys(r.sel); got != "__typename id kind name names aliases unnamed collective foundedYear aims city units" {
		t.Errorf("response keys %q", got)
	}
	if city := r.sel.fields[10]; !city.one || city.branch != 0 || keys(city.sub) != "name country" {
		t.Errorf("city: %+v", city)
	}
}

func TestFragmentsAliasesVariablesAndSkipIncludeShapeThePlan(t *testing.T) {
	const q = `query Q($lang: Lang, $withCity: Boolean!) {
		c: centre(id: "centre:x") {
			...Names
			a: name(lang: $lang)
			city @include(if: $withCity) { id }
			units @skip(if: true) { id }
			... on Node { id }
		}
	}
	fragment Names on Centre { names { en } }`
	for _, c := range []struct {
		withCity bool
		keys     string
		branches int
	}{{false, "names a id", 0}, {true, "names a city id", 1}} {
		p := planOf(t, q, map[string]any{"lang": "EL", "withCity": c.withCity})
		r := only[*entityRoot](t, p)
		if p.roots[0].key != "c" || keys(r.sel) != c.keys || len(r.tree.Branches) != c.branches {
			t.Errorf("withCity %v: key %q, fields %q, %d branches", c.withCity, p.roots[0].key, keys(r.sel), len(r.tree.Branches))
		}
		if lang := r.sel.fields[1].lang; lang == nil || *lang != "EL" {
			t.Errorf("withCity %v: a's lang is %v, want the variable's EL", c.withCity, lang)
		}
	}
}

func TestAConnectionReadsOnePageAndCountsOnlyWhenAsked(t *testing.T) {
	r := only[*connectionRoot](t, planOf(t, `query($n: Int, $after: String) {
		organisations(filter: {category: MINISTRY, country: "country:greece"}, sort: NAME_DESC, first: $n, after: $after) { totalCount }
	}`, map[string]any{"n": 5, "after": args.EncodeCursor(10)}))
	want := args.Page{First: 5, Skip: 10, Sort: "NAME_DESC", Filter: store.Filter{Category: "MINISTRY", Country: "country:greece"}}
	if r.kind != store.Organisation || r.page != want || !r.wantCount || r.wantNodes {
		t.Errorf("planned %s %+v count %v nodes %v, want %+v, the count only", r.kind, r.page, r.wantCount, r.wantNodes, want)
	}
	r = only[*connectionRoot](t, planOf(t, `{ cities { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`, nil))
	if r.page.First != args.Default("cities", "first") || r.wantCount || !r.wantNodes ||
		!reflect.DeepEqual(r.tree, store.Tree{Props: []string{"name_en"}}) {
		t.Errorf("planned %+v count %v nodes %v tree %+v", r.page, r.wantCount, r.wantNodes, r.tree)
	}
}

func TestExplorationRootsTakeTheSchemasDefaults(t *testing.T) {
	s := only[*searchRoot](t, planOf(t, `{ search(query: "Солун", kinds: [CITY]) { score matched node { id name } } }`, nil))
	if s.query != "Солун" || s.first != 10 || !reflect.DeepEqual(s.kinds, []store.Kind{store.City}) || keys(s.nodes["node"]) != "id name" {
		t.Errorf("search planned %+v", s)
	}
	h := only[*neighbourhoodRoot](t, planOf(t, `{ neighbourhood(id: "city:x", relationshipTypes: ["LOCATED_IN"]) { truncated nodes { id } edges { type source } } }`, nil))
	if want := (store.NeighbourhoodQuery{ID: "city:x", Depth: 1, Limit: 100, Types: []store.RelType{"LOCATED_IN"}}); !reflect.DeepEqual(h.q, want) {
		t.Errorf("neighbourhood planned %+v", h)
	}
	all := store.ExplorationTypes()
	for q, want := range map[string]pathsRoot{
		`{ shortestPath(from: "a:1", to: "b:2") { length } }`:                   {q: store.PathsQuery{From: "a:1", To: "b:2", MaxHops: 6, First: 1, Types: all}, single: true},
		`{ shortestPath(from: "a:1", to: "b:2", maxHops: null) { length } }`:    {q: store.PathsQuery{From: "a:1", To: "b:2", MaxHops: 6, First: 1, Types: all}, single: true},
		`{ paths(from: "a:1", to: "b:2") { length } }`:                          {q: store.PathsQuery{From: "a:1", To: "b:2", MaxHops: 4, First: 10, Types: all}},
		`{ paths(from: "a:1", to: "b:2", maxHops: 2, first: null) { length } }`: {q: store.PathsQuery{From: "a:1", To: "b:2", MaxHops: 2, First: 10, Types: all}},
	} {
		p := only[*pathsRoot](t, planOf(t, q, nil))
		if !reflect.DeepEqual(p.q, want.q) || p.single != want.single {
			t.Errorf("%s planned %+v, want %+v", q, *p, want)
		}
	}
	if p := planOf(t, `{ __typename t: __typename }`, nil); len(p.roots) != 2 || p.roots[1].key != "t" {
		t.Errorf("__typename roots: %+v", p.roots)
	}
}

// Every field the compiler says it covers plans, for every entity type: the fields all entities
// have, each type's scalar fields (typedFields), and each relationship field of the schema.
func TestEveryCoveredFieldOfEveryEntityTypePlans(t *testing.T) {
	// A way from a root to an entity of each type.
	reach := map[string][2]string{
		"City": {`city(id: "c:1")`, ""}, "Organisation": {`organisation(id: "o:1")`, ""},
		"Centre": {`centre(id: "c:1")`, ""}, "Event": {`event(id: "e:1")`, ""},
		"Country": {`city(id: "c:1")`, "country"}, "Unit": {`centre(id: "c:1")`, "units"},
		"Domain": {`centre(id: "c:1")`, "domains"}, "Practice": {`organisation(id: "o:1")`, "presented"},
		"Programme": {`event(id: "e:1")`, "fundedBy"}, "Topic": {`event(id: "e:1")`, "topics"},
	}
	query := func(typ, sel string) string {
		r := reach[typ]
		if r[1] == "" {
			return "{ " + r[0] + " { " + sel + " } }"
		}
		return "{ " + r[0] + " { " + r[1] + " { " + sel + " } } }"
	}
	fieldsOfAll := []string{"__typename", "id", "kind", "name", "name(lang: EL)", "names { en bg el }", "aliases", "unnamed", "collective"}
	planned := 0
	for typ := range reach {
		for _, f := range fieldsOfAll {
			planOf(t, query(typ, f), nil)
			planned++
		}
	}
	for key, prop := range model.Properties {
		typ, field, _ := strings.Cut(key, ".")
		if typ == "Source" { // reached through evidence only, which the resolvers answer
			continue
		}
		r := only[*entityRoot](t, planOf(t, query(typ, field), nil))
		tree := r.tree
		if reach[typ][1] != "" {
			tree = tree.Branches[0].Tree
		}
		if !reflect.DeepEqual(tree.Props, []string{prop.Name}) {
			t.Errorf("%s reads %v, want [%s]", key, tree.Props, prop.Name)
		}
		planned++
	}
	c, err := newCompiler(graph.Schema())
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range c.relations {
		typ, field, _ := strings.Cut(key, ".")
		if want.Rel.Target == "" { // to any kind (Programme.funds): the resolvers', see below
			continue
		}
		sub, props := " { id }", []string(nil)
		if want.Edge != nil { // an edge: its other end and its properties
			sub, props = " { "+want.Edge.Node+" { id } "+strings.Join(want.Edge.Props, " ")+" }", want.Edge.Props
		}
		r := only[*entityRoot](t, planOf(t, query(typ, field+sub), nil))
		tree := r.tree
		if reach[typ][1] != "" {
			tree = tree.Branches[0].Tree
		}
		if len(tree.Branches) != 1 || tree.Branches[0].Rel != want.Rel || tree.Branches[0].One != want.One ||
			!reflect.DeepEqual(tree.Branches[0].EdgeProps, props) {
			t.Errorf("%s planned %+v, want %+v", key, tree.Branches, want)
		}
		planned++
	}
	if planned < 130 {
		t.Errorf("planned %d fields, want every covered field of the ten entity types", planned)
	}
}

func TestWhatIsNotCoveredFallsBackWithItsReason(t *testing.T) {
	for q, reason := range map[string]string{
		`mutation($in: EntityInput!) { upsertCity(input: $in) { id } }`:                   "a mutation, not a query",
		`{ __schema { queryType { name } } }`:                                             "the root field __schema",
		`{ node(id: "city:x") { id } }`:                                                   "the root field node",
		`{ stats { nodes } }`:                                                             "the root field stats",
		`{ version }`:                                                                     "the root field version",
		`{ city(id: "c:1") { history(after: 0) { seq } } }`:                               "City.history: after: is a change's seq",
		`{ event(id: "e:1") { fundedBy { funds { id } } } }`:                              "the field Programme.funds leads to any kind",
		`{ cities(first: 1000) { totalCount } }`:                                          "cities: first: must be between 0 and 100",
		`{ cities(after: "not-ours") { totalCount } }`:                                    "not a cursor this API gave out",
		`{ search(query: "x", first: 500) { score } }`:                                    "search: first: must be between 0 and 50",
		`{ neighbourhood(id: "c:1", relationshipTypes: ["NOPE"]) { truncated } }`:         "an argument of neighbourhood is not of its type",
		`{ neighbourhood(id: "c:1") { edges { properties } } }`:                           "the field GraphEdge.properties",
		`{ neighbourhood(id: "c:1") { nodes { properties } } }`:                           "the field GraphNode.properties",
		`{ paths(from: "a:1", to: "b:2") { nodes { sources { quote } } } }`:               "the sources of a GraphNode",
		`{ cities { edges { a: node { id } b: node { id } } } }`:                          "an edge's node asked for twice",
		`{ entity(id: "c:1", asOf: "2026-01-01T00:00:00Z") { id } }`:                      "the root field entity",
		`{ changes { seq } }`:                                                             "the root field changes",
		`{ search(query: "x") { country { cities { id } } } }`:                            "a Country's relationships, location or sources under country",
		`{ nearby(id: "c:1", first: 1000) { distanceKm } }`:                               "nearby: first: must be between",
		`{ similar(id: "c:1") { node { properties } } }`:                                  "the field GraphNode.properties",
		`{ city(id: "c:1") { history(first: 1) { seq } h2: history(first: 2) { seq } } }`: "two pages of a City's history",
	} {
		_, err := Prepare(graph.Schema(), q, nil)
		if !errors.Is(err, ErrNotCovered) || !strings.Contains(err.Error(), reason) {
			t.Errorf("%s: %v, want ErrNotCovered saying %q", q, err, reason)
		}
	}
}

// Evidence is read in the tree: a relationship's (the branch returns the quotes and the sources,
// each with the tree the evidence's source selections ask for) and an entity's (its mentions).
func TestEvidenceIsReadWithItsRelationshipOrEntity(t *testing.T) {
	r := only[*entityRoot](t, planOf(t, `{ organisation(id: "org:x") { founded { year evidence { quote source { id language } } e2: evidence { source { url } } } } }`, nil))
	br := r.tree.Branches[0]
	if br.Evidence == nil || !reflect.DeepEqual(br.Evidence.Props, []string{"language", "url"}) || !reflect.DeepEqual(br.EdgeProps, []string{"role", "year"}) {
		t.Errorf("the branch %+v, its evidence %+v", br, br.Evidence)
	}
	r = only[*entityRoot](t, planOf(t, `{ organisation(id: "org:x") { founded { year } } }`, nil))
	if r.tree.Branches[0].Evidence != nil {
		t.Error("evidence read though not asked for")
	}
	// An entity's sources: the tree returns its mentions, each source with the tree asked for.
	r = only[*entityRoot](t, planOf(t, `{ centre(id: "c:1") { sources { quote source { url } } units { sources { properties } } } }`, nil))
	if r.tree.Sources == nil || !reflect.DeepEqual(r.tree.Sources.Props, []string{"url"}) || r.tree.Branches[0].Tree.Sources == nil {
		t.Errorf("sources planned %+v", r.tree)
	}
	if r = only[*entityRoot](t, planOf(t, `{ centre(id: "c:1") { id } }`, nil)); r.tree.Sources != nil {
		t.Error("sources read though not asked for")
	}
}

// An entity's history is a page of its change log in the tree, with the schema's default size.
func TestHistoryIsAPageOfTheLogInTheTree(t *testing.T) {
	r := only[*entityRoot](t, planOf(t, `query($a: Int) { city(id: "c:1") { history(after: $a) { seq actor fields { name after } } organisations { history(first: 3) { seq } } } }`, map[string]any{"a": 5}))
	if h := r.tree.History; h == nil || *h != (store.HistoryPage{First: args.Default("City.history", "first"), Before: 5}) {
		t.Errorf("the city's history page %+v", h)
	}
	if h := r.tree.Branches[0].Tree.History; h == nil || *h != (store.HistoryPage{First: 3}) {
		t.Errorf("the organisations' history page %+v", h)
	}
}

// Ranked lists, lists near a point and facets plan the store calls the resolvers make, with the
// schema's defaults where the query gives none.
func TestRankedListsNearAndFacetsPlanTheResolversStoreCalls(t *testing.T) {
	n := only[*nearbyRoot](t, planOf(t, `{ nearby(id: "city:x", kinds: [CITY]) { distanceKm node { id } } }`, nil))
	if n.q.ID != "city:x" || n.q.WithinKm != args.DefaultFloat("nearby", "withinKm") || n.q.First != args.Default("nearby", "first") ||
		!reflect.DeepEqual(n.q.Kinds, []store.Kind{store.City}) || keys(n.nodes["node"]) != "id" {
		t.Errorf("nearby planned %+v", n.q)
	}
	sim := only[*similarRoot](t, planOf(t, `query($n: Int) { similar(id: "org:x", first: $n) { score shared { name } } }`, map[string]any{"n": 3}))
	if sim.id != "org:x" || sim.first != 3 || keys(sim.nodes["shared"]) != "name" {
		t.Errorf("similar planned %+v", sim)
	}
	c := only[*connectionRoot](t, planOf(t, `query($km: Float!) { organisations(filter: {near: {latitude: 40.5, longitude: 22, withinKm: $km}}, sort: DISTANCE_ASC) {
		edges { distanceKm node { id } } facets(lang: EL, first: 3) { years { key } } } }`, map[string]any{"km": 300}))
	if near := c.page.Filter.Near; near == nil || *near != (store.Near{Latitude: 40.5, Longitude: 22, WithinKm: 300}) || c.page.Sort != "DISTANCE_ASC" {
		t.Errorf("near planned %+v", c.page)
	}
	if fc := c.fields[1].facets; fc == nil || fc.lang != "el" || fc.first != 3 || len(fc.buckets["years"]) != 1 {
		t.Errorf("facets planned %+v", c.fields[1])
	}
}

// A field whose definition carries a directive that runs is left to the resolvers: only they run
// directives. @relation only describes the field, and is planned.
func TestAFieldWithARunningDirectiveFallsBack(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		directive @relation(type: String!, direction: RelationDirection!) on FIELD_DEFINITION
		directive @hasRole(role: String!) on FIELD_DEFINITION
		enum RelationDirection { OUT IN }
		type Query { city(id: ID!): City @hasRole(role: "EDITOR") country(id: ID!): Country }
		type Country { id: ID! cities: [City!]! @relation(type: "LOCATED_IN", direction: IN) }
		type City { id: ID! }`})
	_, err := Prepare(schema, `{ city(id: "city:x") { id } }`, nil)
	if !errors.Is(err, ErrNotCovered) || !strings.Contains(err.Error(), "has the directive @hasRole") {
		t.Errorf("@hasRole: %v", err)
	}
	p, err := Prepare(schema, `{ country(id: "country:x") { cities { id } } }`, nil)
	if err != nil {
		t.Fatalf("@relation: %v", err)
	}
	if r := only[*entityRoot](t, p); len(r.tree.Branches) != 1 || r.tree.Branches[0].Rel != rel("LOCATED_IN", store.In, store.City) {
		t.Errorf("@relation planned %+v", r.tree)
	}
}

// The directives the planner treats as descriptions are the ones gqlgen runs nothing for.
func TestDescribingDirectivesAreTheSkipRuntimeOnes(t *testing.T) {
	raw, err := os.ReadFile("../../gqlgen.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Directives map[string]struct {
			SkipRuntime bool `yaml:"skip_runtime"`
		} `yaml:"directives"`
	}
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	skip := map[string]bool{}
	for name, d := range cfg.Directives {
		if d.SkipRuntime {
			skip[name] = true
		}
	}
	if !reflect.DeepEqual(skip, describing) {
		t.Errorf("gqlgen.yml skips %v at run time; the planner treats %v as descriptions", skip, describing)
	}
}
