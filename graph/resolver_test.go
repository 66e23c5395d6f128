package graph

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"urbangraph/internal/auth"
	"urbangraph/internal/loader"
	"urbangraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// inProcess is the GraphQL layer alone, without the HTTP server's limits, compiled reads or error
// presenter: gqlgen's handler with these resolvers and the dataloaders, the caller's identity put
// in the context as the server's authentication would.
func inProcess(t *testing.T, id auth.Identity) *client.Client {
	t.Helper()
	s := neo4jtest.Seeded(t)
	srv := handler.New(NewExecutableSchema(&Resolver{Store: s, BuildVersion: "test"}))
	srv.AddTransport(transport.POST{})
	h := loader.Middleware(s, srv)
	return client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(auth.WithIdentity(r.Context(), id)))
	}))
}

// The resolvers answer from the graph: a relationship with properties (the founders, their roles
// and years), read through the batch resolvers.
func TestTheResolversReadRelationshipsWithTheirProperties(t *testing.T) {
	c := inProcess(t, auth.Identity{Name: "anonymous", Role: auth.Anonymous})
	var resp struct {
		Centre struct {
			Name     string
			Founders []struct {
				Organisation struct{ ID string }
				Role         string
				Year         int
			}
		}
	}
	c.MustPost(`query($id: ID!) { centre(id: $id) { name(lang: BG) founders { organisation { id } role year } } }`, &resp,
		client.Var("id", "centre:thessaloniki-digital-transformation"))
	if resp.Centre.Name != "Център за дигитална трансформация" || len(resp.Centre.Founders) != 4 {
		t.Fatalf("the centre: %+v", resp.Centre)
	}
	f := resp.Centre.Founders[0]
	if f.Organisation.ID != "org:cisco" || f.Role != "creator" || f.Year != 2020 {
		t.Errorf("the first founder: %+v", f)
	}
}

// What lives in graph/ holds without the server: arguments out of range are input errors, and
// @hasRole refuses a write to a reader and lets an editor's through.
func TestTheResolversCheckArgumentsAndRoles(t *testing.T) {
	reader := inProcess(t, auth.Identity{Name: "reader", Role: auth.Reader})
	var list struct{ Cities struct{ TotalCount int } }
	err := reader.Post(`{ cities(first: 100000) { totalCount } }`, &list)
	if err == nil || !strings.Contains(err.Error(), "first: must be between 0 and") {
		t.Errorf("first out of range: %v", err)
	}
	const upsert = `mutation($in: EntityInput!) { upsertCity(input: $in) { id name } }`
	in := map[string]any{"names": map[string]any{"en": "Resolver Town"}, "evidence": []any{map[string]any{
		"source": map[string]any{"title": "A test", "url": "https://example.org/resolver-town"}, "quote": "Resolver Town is a town."}}}
	var made struct{ UpsertCity struct{ ID, Name string } }
	if err := reader.Post(upsert, &made, client.Var("in", in)); err == nil || !strings.Contains(err.Error(), auth.ErrForbidden.Error()) {
		t.Errorf("a reader's write: %v", err)
	}
	editor := inProcess(t, auth.Identity{Name: "editor", Role: auth.Editor})
	editor.MustPost(upsert, &made, client.Var("in", in))
	if made.UpsertCity.ID != "city:resolver-town" || made.UpsertCity.Name != "Resolver Town" {
		t.Errorf("an editor's write: %+v", made.UpsertCity)
	}
}

// The fields every kind shares are selected once, through the Entity and Located interfaces, on any
// kind; a source (a Node, not an entity) matches neither.
func TestSharedFieldsAreSelectedThroughEntity(t *testing.T) {
	c := inProcess(t, auth.Identity{Name: "anonymous", Role: auth.Anonymous})
	type shared struct {
		Kind      string
		Names     struct{ El *string }
		Sources   []struct{ Quote string }
		LocatedID string // the id, asked for through Located only
	}
	var resp struct {
		City, Centre, Domain shared
		Source               map[string]any
	}
	c.MustPost(`fragment S on Node { ... on Entity { kind names { el } sources { quote } } ... on Located { locatedId: id } }
		{ city: node(id: "city:thessaloniki") { ...S } centre: node(id: "centre:thessaloniki-digital-transformation") { ...S }
		  domain: node(id: "domain:agriculture") { ...S } source: node(id: "source:stara-zagora-thessaloniki-seminar") { id ...S } }`, &resp)
	if resp.City.Kind != "CITY" || resp.City.Names.El == nil || *resp.City.Names.El != "Θεσσαλονίκη" ||
		resp.City.LocatedID != "city:thessaloniki" {
		t.Errorf("the city through Entity and Located: %+v", resp.City)
	}
	if resp.Centre.Kind != "CENTRE" || len(resp.Centre.Sources) == 0 || resp.Centre.LocatedID == "" {
		t.Errorf("the centre through Entity and Located: %+v", resp.Centre)
	}
	if resp.Domain.Kind != "DOMAIN" || resp.Domain.LocatedID != "" {
		t.Errorf("a domain is an entity with no place: %+v", resp.Domain)
	}
	if len(resp.Source) != 1 {
		t.Errorf("a source matched Entity or Located: %v", resp.Source)
	}
}

// A relation to any kind (Programme.funds, of type GraphNode) follows its @relation: what a
// programme funded, whatever its kind.
func TestAProgrammeFundsEntitiesOfAnyKind(t *testing.T) {
	c := inProcess(t, auth.Identity{Name: "anonymous", Role: auth.Anonymous})
	var resp struct {
		Programme struct{ Funds []struct{ ID, Kind string } }
	}
	c.MustPost(`{ programme: node(id: "programme:european-funds") { ... on Programme { funds { id kind } } } }`, &resp)
	got := map[string]string{}
	for _, n := range resp.Programme.Funds {
		got[n.ID] = n.Kind
	}
	want := map[string]string{"centre:thessaloniki-digital-transformation": "CENTRE", "practice:thessaloniki-municipality-good-practices": "PRACTICE",
		"practice:stara-zagora-municipality-good-practices": "PRACTICE", "practice:plovdiv-municipality-good-practices": "PRACTICE"}
	if !maps.Equal(got, want) {
		t.Errorf("programme:european-funds funds %v, want %v", got, want)
	}
}

// A confidence outside [0, 1] is refused wherever a caller gives one, naming the argument.
func TestConfidencesOutsideZeroToOneAreRefused(t *testing.T) {
	editor := inProcess(t, auth.Identity{Name: "editor", Role: auth.Editor})
	var out map[string]any
	for q, want := range map[string]string{
		`mutation { acceptProposals(documentId: "doc:none", minConfidence: 1.5) { id } }`:          "minConfidence: must be between 0 and 1, got 1.5",
		`mutation { acceptProposals(minConfidence: 0.5, maxConfidence: -1, dryRun: true) { id } }`: "maxConfidence: must be between 0 and 1, got -1",
		`{ proposals(minConfidence: -0.1) { totalCount } }`:                                        "minConfidence: must be between 0 and 1, got -0.1",
	} {
		if err := editor.Post(q, &out); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", q, err, want)
		}
	}
}
