package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
	"urbangraph/internal/store"
)

// newLimitedServer serves with the given limits and logs into buf.
func newLimitedServer(t *testing.T, s *store.Store, l server.Limits, buf *syncBuffer) *httptest.Server {
	t.Helper()
	var w io.Writer = io.Discard
	if buf != nil {
		w = buf
	}
	ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(w, nil)), Version: "test", Limits: &l}))
	t.Cleanup(ts.Close)
	return ts
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

func TestLimitsRefuseQueriesBeforeNeo4jIsAsked(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newServer(t, s)
	deep := `{ city(id: "city:thessaloniki") { country { cities { organisations { city { country { cities { organisations { city { country { cities { organisations { id } } } } } } } } } } } } }`
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 31 {
		aliases.WriteString(" a" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `: version`)
	}
	aliases.WriteString(" }")
	many := "{ version " + strings.Repeat("__typename ", 10000) + "}"
	for _, tc := range []struct {
		name, query, code, says string
	}{
		{"depth", deep, "QUERY_TOO_DEEP", "the limit is 12"},
		{"aliases", aliases.String(), "TOO_MANY_ALIASES", "the limit is 30"},
		{"tokens", many, "GRAPHQL_PARSE_FAILED", "token limit"},
		{"complexity", `{ cities(first: 100) { nodes { organisations { presented { presentedAt { practices { id } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", "exceeds the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.RoundTrips()
			start := time.Now()
			r := gql(t, ts.URL, tc.query, nil)
			if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, tc.says) {
				t.Fatalf("errors %+v, want one saying %q", r.Errors, tc.says)
			}
			if c := r.codes()[0]; c != tc.code {
				t.Errorf("code %q, want %q", c, tc.code)
			}
			if s.RoundTrips() != before {
				t.Error("a refused query reached Neo4j")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v", d) // a guard against real work, not a timing goal
			}
		})
	}
	// A body over the limit is refused by its size.
	big := `{"query": "{ version }", "variables": {"x": "` + strings.Repeat("x", 1<<20) + `"}}`
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "URBANGRAPH_MAX_BODY_BYTES") {
		t.Errorf("big body: %d %s", resp.StatusCode, body)
	}
}

func TestOnlyJSONPostAndGETQueriesAreAccepted(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	form, _ := http.Post(ts.URL+"/graphql", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"query": {"{ version }"}}.Encode()))
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("operations", `{"query": "{ version }"}`)
	mw.Close()
	multi, _ := http.Post(ts.URL+"/graphql", mw.FormDataContentType(), &mp)
	for name, resp := range map[string]*http.Response{"form": form, "multipart": multi} {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode < 400 || strings.Contains(string(body), `"version"`) {
			t.Errorf("%s: %d %s, want a 4xx without data", name, resp.StatusCode, body)
		}
	}
	get, err := http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(`mutation { unlink(from: "a:b", type: "FOUNDED", to: "c:d") }`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(get.Body)
	get.Body.Close()
	if get.StatusCode < 400 || strings.Contains(string(body), `"unlink"`) {
		t.Errorf("mutation over GET: %d %s", get.StatusCode, body)
	}
}

func TestIntrospectionAndPlaygroundCanBeTurnedOff(t *testing.T) {
	on := newServer(t, neo4jtest.Store(t))
	off := newLimitedServer(t, neo4jtest.Store(t), server.Limits{NoIntrospection: true, NoPlayground: true}, nil)
	const q = `{ __schema { queryType { name } } }`
	if d := must(t, gql(t, on.URL, q, nil)); at(d, "__schema", "queryType", "name") != "Query" {
		t.Errorf("introspection on: %v", d)
	}
	if r := gql(t, off.URL, q, nil); len(r.Errors) == 0 {
		t.Errorf("introspection off still answers: %v", r.Data)
	}
	for url, want := range map[string]int{on.URL: http.StatusOK, off.URL: http.StatusNotFound} {
		resp, err := http.Get(url + "/playground")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("playground: %d, want %d", resp.StatusCode, want)
		}
	}
}

func TestPanicsBecomeINTERNALWithARequestIDInTheLog(t *testing.T) {
	var logs syncBuffer
	// A server without a store: any resolver that needs it panics.
	ts := newLimitedServer(t, nil, server.DefaultLimits, &logs)
	r := gql(t, ts.URL, `{ city(id: "city:plovdiv") { id } }`, nil)
	if !slices.Equal(r.codes(), []string{"INTERNAL"}) || r.Errors[0].Message != "internal error" {
		t.Fatalf("errors %+v", r.Errors)
	}
	id, _ := r.Errors[0].Extensions["requestId"].(string)
	if id == "" || !strings.Contains(logs.String(), id) || !strings.Contains(logs.String(), "panic") {
		t.Errorf("request ID %q not in the log:\n%s", id, logs.String())
	}
	if strings.Contains(r.Errors[0].Message, "nil pointer") || strings.Contains(r.Errors[0].Message, "goroutine") {
		t.Errorf("internals leak: %s", r.Errors[0].Message)
	}
}

func TestDriverErrorsAreMasked(t *testing.T) {
	cfg, _ := neo4jtest.Config()
	s, err := store.Open(store.Options{URI: cfg.Neo4jURI, Username: "neo4j", Password: "wrong-password", Database: cfg.Neo4jDatabase})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ts := newServer(t, s)
	r := gql(t, ts.URL, `{ city(id: "city:plovdiv") { id } }`, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("errors %+v", r.Errors)
	}
	msg := r.Errors[0].Message
	for _, leak := range []string{"Neo.", "Unauthorized", "MATCH", "authentication", "bolt"} {
		if strings.Contains(msg, leak) {
			t.Errorf("message %q leaks %q", msg, leak)
		}
	}
	if r.codes()[0] != "SERVICE_UNAVAILABLE" || r.status != http.StatusServiceUnavailable {
		t.Errorf("code %v status %d", r.codes(), r.status)
	}
}

func TestTheRequestDeadlineEndsSlowRequests(t *testing.T) {
	ts := newLimitedServer(t, neo4jtest.Seeded(t), server.Limits{RequestTimeout: time.Nanosecond}, nil)
	r := gql(t, ts.URL, `{ neighbourhood(id: "centre:thessaloniki-digital-transformation", depth: 3) { truncated } }`, nil)
	if len(r.Errors) == 0 || (r.codes()[0] != "TIMEOUT" && r.codes()[0] != "SERVICE_UNAVAILABLE") || r.status < 500 {
		t.Errorf("status %d errors %+v", r.status, r.Errors)
	}
}

func TestMetricsCountOperationsAndCypher(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	must(t, gql(t, ts.URL, `query MetricsProbe { cities(first: 3) { nodes { id organisations { id } } } }`, nil))
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`urbangraph_graphql_requests_total{operation="MetricsProbe",outcome="ok"}`,
		`urbangraph_graphql_request_duration_seconds_bucket{operation="MetricsProbe"`,
		`urbangraph_cypher_queries_total{op="list"}`,
		`urbangraph_cypher_queries_total{op="related"}`,
		`urbangraph_cypher_query_duration_seconds_bucket{op="related"`,
		`urbangraph_neo4j_sessions_in_use`,
		`urbangraph_http_requests_total{code="200",route="/graphql"}`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// Hostile values in every argument that reaches Cypher leave the graph as it was and get clean
// answers: never INTERNAL, never a 5xx.
func TestInjectionAttemptsChangeNothing(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newAuthServer(t, s, false)
	before := neo4jtest.Stats(t, s)
	evil := []string{
		`'`, `"`, "`", `\`, `}) DETACH DELETE n //`, "` DETACH DELETE n //", `x"}) MATCH (n) DETACH DELETE n //`,
		`*:*`, `title:"x" OR id:*`, `AND OR NOT (`, "a\x00b", "\x00", strings.Repeat("Ω", 200_000),
	}
	queries := []struct{ q, arg string }{
		{`query($v: ID!) { node(id: $v) { id } }`, "v"},
		{`query($v: ID!) { city(id: $v) { id } }`, "v"},
		{`query($v: String!) { search(query: $v) { node { id } } }`, "v"},
		{`query($v: String) { cities(filter: {nameContains: $v}) { nodes { id } } }`, "v"},
		{`query($v: ID) { organisations(filter: {country: $v, city: $v, domain: $v}) { nodes { id } totalCount } }`, "v"},
		{`query($v: String) { cities(after: $v) { nodes { id } } }`, "v"},
		{`query($v: String!) { neighbourhood(id: "org:cisco", relationshipTypes: [$v]) { truncated } }`, "v"},
		{`query($v: ID!) { neighbourhood(id: $v) { truncated } }`, "v"},
		{`query($v: ID!) { shortestPath(from: $v, to: "org:cisco") { length } }`, "v"},
		{`query($v: ID!) { similar(id: $v) { score } }`, "v"},
		{`mutation($v: String!) { link(from: "org:cisco", type: $v, to: "centre:thessaloniki-digital-transformation", source: {id: "source:stara-zagora-thessaloniki-seminar"}, quote: "q") { id } }`, "v"},
		{`mutation($v: ID!) { unlink(from: $v, type: "FOUNDED", to: $v) }`, "v"},
		{`mutation($v: ID!) { delete(id: $v) { deleted } }`, "v"},
	}
	for _, q := range queries {
		for _, v := range evil {
			r := gqlAs(t, ts.URL, tokens["admin"], q.q, map[string]any{q.arg: v})
			if r.status >= 500 || slices.Contains(r.codes(), "INTERNAL") {
				t.Errorf("%s with %.40q: status %d errors %+v", q.q, v, r.status, r.Errors)
			}
		}
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("the graph changed: %v -> %v", before, after)
	}
}

// neo4j:// (routing, as for a cluster) works against the single local server, with read-your-writes
// through the shared bookmark manager.
func TestRoutingURIWorksAgainstTheLocalServer(t *testing.T) {
	neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	cfg, _ := neo4jtest.Config()
	uri := strings.Replace(cfg.Neo4jURI, "bolt://", "neo4j://", 1)
	s, err := store.Open(store.Options{URI: uri, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ts := newAuthServer(t, s, false)
	if d := must(t, gqlAs(t, ts.URL, "", `{ city(id: "city:plovdiv") { name(lang: EL) } }`, nil)); at(d, "city", "name") != "Φιλιππούπολη" {
		t.Fatalf("read over neo4j:// = %v", d)
	}
	must(t, gqlAs(t, ts.URL, tokens["editor"], upsertCity, varna("Varna is a city.")))
	if d := must(t, gqlAs(t, ts.URL, "", `{ city(id: "city:varna") { name(lang: BG) } }`, nil)); at(d, "city", "name") != "Варна" {
		t.Errorf("read after write over neo4j:// = %v", d)
	}
}
