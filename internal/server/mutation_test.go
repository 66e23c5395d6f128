package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"urbangraph/internal/auth"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

const jwtSecret = "a-test-secret-that-is-long-enough-0123456789"

// tokens of the test server, by role.
var tokens = map[string]string{}

// newAuthServer serves with API keys for a reader, an editor and an admin, and HS256 JWTs.
func newAuthServer(t *testing.T, s *store.Store, readsRequireToken bool) *httptest.Server {
	t.Helper()
	ts, _ := newAuthServers(t, s, readsRequireToken)
	return ts
}

// newAuthServers is newAuthServer and a server with the same tokens whose reads are the resolvers'
// alone (compiled reads off), to compare what the two read paths show to each role.
func newAuthServers(t *testing.T, s *store.Store, readsRequireToken bool) (ts, resolvers *httptest.Server) {
	t.Helper()
	var entries []string
	for _, role := range []auth.Role{auth.Reader, auth.Editor, auth.Admin} {
		token, entry, err := auth.NewAPIKey("test-"+role.String(), role)
		if err != nil {
			t.Fatal(err)
		}
		tokens[role.String()] = token
		entries = append(entries, entry)
	}
	a, err := auth.New(context.Background(), auth.Config{APIKeys: entries, JWTSecret: jwtSecret})
	if err != nil {
		t.Fatal(err)
	}
	only := server.DefaultLimits
	only.ResolversOnly = true
	mk := func(l *server.Limits) *httptest.Server {
		ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Version: "test", Auth: a, ReadsRequireToken: readsRequireToken, Limits: l}))
		t.Cleanup(ts.Close)
		return ts
	}
	return mk(nil), mk(&only)
}

// gqlAs posts a query with a bearer token ("" for none).
func gqlAs(t *testing.T, url, token, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	out.status = resp.StatusCode
	return out
}

const upsertCity = `mutation($in: EntityInput!) { upsertCity(input: $in) { id name(lang: BG) sources { quote source { id name } } } }`

func varna(quote string) map[string]any {
	return map[string]any{"in": map[string]any{
		"names":      map[string]any{"en": "Varna", "bg": "Варна"},
		"properties": map[string]any{"population": 330000},
		"evidence": []any{map[string]any{
			"source":     map[string]any{"title": "Black Sea cities report", "url": "https://example.org/report"},
			"quote":      quote,
			"properties": []any{"population"},
		}},
	}}
}

func TestUpsertCreatesWithAGeneratedIDAndTwiceIsOnce(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	d := must(t, gqlAs(t, ts.URL, tokens["editor"], upsertCity, varna("Varna has 330,000 inhabitants.")))
	if at(d, "upsertCity", "id") != "city:varna" || at(d, "upsertCity", "name") != "Варна" ||
		at(d, "upsertCity", "sources", 0, "source", "id") != "source:black-sea-cities-report" {
		t.Fatalf("upsert = %v", d)
	}
	once := neo4jtest.Stats(t, s)
	must(t, gqlAs(t, ts.URL, tokens["editor"], upsertCity, varna("Varna has 330,000 inhabitants.")))
	if twice := neo4jtest.Stats(t, s); !once.Equal(twice) {
		t.Errorf("the second identical upsert changed the graph: %v -> %v", once, twice)
	}
	n, err := s.Node(context.Background(), "city:varna")
	if err != nil {
		t.Fatal(err)
	}
	if n.String("createdBy") != "test-editor" || n.Props["createdAt"] == nil || n.Props["updatedAt"] == nil {
		t.Errorf("write metadata: %v", n.Props)
	}
	if v, _ := n.Int("population"); v != 330000 {
		t.Errorf("population = %v", n.Props["population"])
	}

	// Same generated ID, different facts: a conflict, not a silent update.
	other := varna("Varna has 330,000 inhabitants.")
	other["in"].(map[string]any)["properties"] = map[string]any{"population": 1}
	r := gqlAs(t, ts.URL, tokens["editor"], upsertCity, other)
	if !slices.Equal(r.codes(), []string{"CONFLICT"}) || !strings.Contains(r.Errors[0].Message, "city:varna") {
		t.Errorf("codes %v, errors %+v", r.codes(), r.Errors)
	}
	// With the id, it is an update.
	other["in"].(map[string]any)["id"] = "city:varna"
	must(t, gqlAs(t, ts.URL, tokens["editor"], upsertCity, other))
	if n, _ := s.Node(context.Background(), "city:varna"); n.Props["population"] != int64(1) {
		t.Errorf("population after update = %v", n.Props["population"])
	}
}

func TestUpsertValidationErrorsNameTheField(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newAuthServer(t, s, false)
	before := neo4jtest.Stats(t, s)
	const upsertOrg = `mutation($in: EntityInput!) { upsertOrganisation(input: $in) { id } }`
	src := map[string]any{"id": "source:stara-zagora-thessaloniki-seminar"}
	for _, tc := range []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"no category", map[string]any{"names": map[string]any{"en": "Acme"}, "evidence": []any{map[string]any{"source": src, "quote": "Acme."}}}, "input.properties.category"},
		{"no evidence", map[string]any{"names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY"}, "evidence": []any{}}, "input.evidence"},
		{"a fact no sentence states", map[string]any{"names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY", "employees": 5},
			"evidence": []any{map[string]any{"source": src, "quote": "Acme.", "properties": []any{"category"}}}}, "input.properties.employees"},
		{"unknown source", map[string]any{"names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY"},
			"evidence": []any{map[string]any{"source": map[string]any{"id": "source:nowhere"}, "quote": "Acme.", "properties": []any{"category"}}}}, "input.evidence[0].source"},
		{"a source without id or title", map[string]any{"names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY"},
			"evidence": []any{map[string]any{"source": map[string]any{}, "quote": "Acme.", "properties": []any{"category"}}}}, "input.evidence[0].source"},
		{"an id of another kind", map[string]any{"id": "city:acme", "names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY"},
			"evidence": []any{map[string]any{"source": src, "quote": "Acme.", "properties": []any{"category"}}}}, "input.id"},
		{"a reserved property", map[string]any{"names": map[string]any{"en": "Acme"}, "properties": map[string]any{"category": "COMPANY", "createdBy": "me"},
			"evidence": []any{map[string]any{"source": src, "quote": "Acme.", "properties": []any{"category", "createdBy"}}}}, "input.properties.createdBy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gqlAs(t, ts.URL, tokens["editor"], upsertOrg, map[string]any{"in": tc.in})
			var fields []string
			for _, e := range r.Errors {
				if e.Extensions["code"] != "BAD_USER_INPUT" {
					t.Errorf("code %v: %s", e.Extensions["code"], e.Message)
				}
				f, _ := e.Extensions["field"].(string)
				fields = append(fields, f)
			}
			if !slices.Contains(fields, tc.field) {
				t.Errorf("fields %v, want %s (errors %+v)", fields, tc.field, r.Errors)
			}
		})
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("a rejected upsert changed the graph")
	}
}

func TestConcurrentUpsertsOfOneNewEntityLeaveOneNode(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	vars := map[string]any{"in": map[string]any{
		"names":    map[string]any{"en": "Concurrent Town"},
		"evidence": []any{map[string]any{"source": map[string]any{"id": "source:stara-zagora-thessaloniki-seminar"}, "quote": "A sentence."}},
	}}
	var wg sync.WaitGroup
	errs := make(chan string, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := gqlAs(t, ts.URL, tokens["editor"], `mutation($in: EntityInput!) { upsertCity(input: $in) { id } }`, vars)
			if len(r.Errors) > 0 {
				errs <- fmt.Sprint(r.Errors)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("upsert failed: %s", e)
	}
	nodes, _, err := s.List(context.Background(), store.ListQuery{Kind: store.City, Filter: store.Filter{NameContains: "Concurrent Town"}, Sort: "ID_ASC", Limit: 100}, store.Projection{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 1 {
		t.Errorf("%d nodes for one entity upserted 20 times at once", len(nodes))
	}
	m, err := s.Mentions(context.Background(), []string{"city:concurrent-town"})
	if err != nil || len(m["city:concurrent-town"]) != 1 {
		t.Errorf("evidence links: %v %v", m, err)
	}
}

func TestLinkAndUnlink(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	const link = `mutation($from: ID!, $type: String!, $to: ID!, $props: JSON) {
	  link(from: $from, type: $type, to: $to, properties: $props,
	       source: {title: "Ministry press release", url: "https://example.org/pr"}, quote: "The ministry supports the centre.") {
	    id type source target properties sources { quote source { id } }
	  }
	}`
	vars := map[string]any{"from": "org:ministry-of-digital-governance", "type": "SUPPORTS", "to": "centre:thessaloniki-digital-transformation", "props": map[string]any{"since": 2021}}
	d := must(t, gqlAs(t, ts.URL, tokens["editor"], link, vars))
	e := d["link"]
	if at(e, "type") != "SUPPORTS" || at(e, "properties", "since") != 2021.0 || at(e, "sources", 0, "source", "id") != "source:ministry-press-release" {
		t.Fatalf("link = %v", e)
	}
	before := neo4jtest.Stats(t, s)
	must(t, gqlAs(t, ts.URL, tokens["editor"], link, vars))
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Error("linking twice changed the graph")
	}
	for _, tc := range []struct {
		vars  map[string]any
		field string
		msg   string
	}{
		{map[string]any{"from": "city:plovdiv", "type": "FOUNDED", "to": "city:thessaloniki"}, "type", "FOUNDED does not go from CITY to CITY"},
		{map[string]any{"from": "org:cisco", "type": "LIKES", "to": "org:cisco"}, "type", "valid types are"},
		{map[string]any{"from": "org:cisco", "type": "FOUNDED", "to": "centre:atlantis"}, "to", "dangling"},
	} {
		r := gqlAs(t, ts.URL, tokens["editor"], link, tc.vars)
		if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) || r.Errors[0].Extensions["field"] != tc.field || !strings.Contains(r.Errors[0].Message, tc.msg) {
			t.Errorf("%v: %+v", tc.vars, r.Errors)
		}
	}
	const unlink = `mutation { unlink(from: "org:ministry-of-digital-governance", type: "SUPPORTS", to: "centre:thessaloniki-digital-transformation") }`
	if d := must(t, gqlAs(t, ts.URL, tokens["editor"], unlink, nil)); d["unlink"] != true {
		t.Errorf("first unlink = %v", d["unlink"])
	}
	if d := must(t, gqlAs(t, ts.URL, tokens["editor"], unlink, nil)); d["unlink"] != false {
		t.Errorf("second unlink = %v", d["unlink"])
	}
}

func TestDeleteRefusesToOrphanFactsWithoutCascade(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	before := neo4jtest.Stats(t, s)
	r := gqlAs(t, ts.URL, tokens["admin"], `mutation { delete(id: "org:cisco") { deleted } }`, nil)
	if !slices.Equal(r.codes(), []string{"CONFLICT"}) || !strings.Contains(r.Errors[0].Message, "FOUNDED ×1") || !strings.Contains(r.Errors[0].Message, "cascade: true") {
		t.Fatalf("errors %+v", r.Errors)
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Error("a refused delete changed the graph")
	}
	d := must(t, gqlAs(t, ts.URL, tokens["admin"], `mutation { delete(id: "org:cisco", cascade: true) { deleted relationshipsRemoved { type count } } }`, nil))
	if got := toStrings(at(d, "delete", "deleted")); !slices.Equal(got, []string{"org:cisco"}) {
		t.Errorf("deleted %v", got)
	}
	removed := map[string]float64{}
	for _, tc := range at(d, "delete", "relationshipsRemoved").([]any) {
		removed[at(tc, "type").(string)] = at(tc, "count").(float64)
	}
	if removed["FOUNDED"] != 1 || removed["MENTIONED_IN"] != 1 {
		t.Errorf("removed %v", removed)
	}
	// Deleting the only source with cascade takes every fact with it: nothing is left unsourced.
	d = must(t, gqlAs(t, ts.URL, tokens["admin"], `mutation { delete(id: "source:stara-zagora-thessaloniki-seminar", cascade: true) { deleted } }`, nil))
	if st := neo4jtest.Stats(t, s); len(toStrings(at(d, "delete", "deleted"))) != 32 || st.ByKind[store.City] != 0 || st.ByType["FOUNDED"] != 0 {
		t.Errorf("after deleting the source: %v deleted, stats %v", len(toStrings(at(d, "delete", "deleted"))), st)
	}
}

func TestWritesNeedTheRightToken(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newAuthServer(t, s, false)
	before := neo4jtest.Stats(t, s)
	expired := signJWT(t, jwt.MapClaims{"sub": "old", "role": "editor", "exp": time.Now().Add(-time.Hour).Unix()})
	for _, tc := range []struct {
		name, token, query, code string
		status                   int
	}{
		{"no token", "", upsertCity, "UNAUTHENTICATED", 200},
		{"a wrong token", "ug_not-a-key", upsertCity, "UNAUTHENTICATED", 401},
		{"an expired JWT", expired, upsertCity, "UNAUTHENTICATED", 401},
		{"a reader", tokens["reader"], upsertCity, "FORBIDDEN", 200},
		{"an editor deleting", tokens["editor"], `mutation { delete(id: "city:plovdiv", cascade: true) { deleted } }`, "FORBIDDEN", 200},
		{"a reader JWT", signJWT(t, jwt.MapClaims{"sub": "r", "role": "reader", "exp": time.Now().Add(time.Hour).Unix()}), upsertCity, "FORBIDDEN", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gqlAs(t, ts.URL, tc.token, tc.query, varna("Varna has 330,000 inhabitants."))
			if !slices.Equal(r.codes(), []string{tc.code}) || r.status != tc.status {
				t.Errorf("status %d codes %v (%+v), want %d %s", r.status, r.codes(), r.Errors, tc.status, tc.code)
			}
		})
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("refused writes changed the graph: %v -> %v", before, after)
	}
	// A valid editor JWT may write; reads stay public without a token.
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ok := signJWT(t, jwt.MapClaims{"sub": "alice", "role": "editor", "exp": time.Now().Add(time.Hour).Unix()})
	must(t, gqlAs(t, ts.URL, ok, upsertCity, varna("Varna has 330,000 inhabitants.")))
	if n, _ := s.Node(context.Background(), "city:varna"); n.String("createdBy") != "jwt:alice" {
		t.Errorf("createdBy = %q", n.String("createdBy"))
	}
	must(t, gqlAs(t, ts.URL, "", `{ city(id: "city:varna") { id } }`, nil))
}

func TestReadsCanRequireAToken(t *testing.T) {
	ts := newAuthServer(t, neo4jtest.Seeded(t), true)
	r := gqlAs(t, ts.URL, "", `{ city(id: "city:plovdiv") { id } }`, nil)
	if r.status != http.StatusUnauthorized || !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
		t.Errorf("anonymous read: %d %v", r.status, r.codes())
	}
	must(t, gqlAs(t, ts.URL, tokens["reader"], `{ city(id: "city:plovdiv") { id } }`, nil))
	resp, err := http.Get(ts.URL + "/export/nodes.csv")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous export: %d", resp.StatusCode)
	}
}

func TestHTTPImportIsForAdmins(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	body := `{"id": "source:r", "kind": "SOURCE", "names": {"en": "R"}}
{"id": "city:ruse", "kind": "CITY", "names": {"en": "Ruse"}, "evidence": [{"source": "source:r", "quote": "Ruse."}]}
{"id": "city:bad", "kind": "CITY", "names": {"en": "Bad"}}
`
	post := func(token string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/import", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-ndjson")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	if status, _ := post(tokens["editor"]); status != http.StatusForbidden {
		t.Errorf("editor: %d", status)
	}
	status, out := post(tokens["admin"])
	if status != http.StatusOK || at(out, "nodes", "created") != 2.0 || at(out, "rejected", 0, "line") != 3.0 {
		t.Errorf("admin: %d %v", status, out)
	}
}

func signJWT(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(jwtSecret))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
