package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/server"
)

// reconcileSchemas compiles the Reconciliation API 0.2 schemas of testdata/reconcile (written by
// hand from the specification: its README says how).
func reconcileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	files, _ := filepath.Glob("testdata/reconcile/*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource("https://urbangraph.test/reconcile/"+filepath.Base(f), doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		sch, err := c.Compile("https://urbangraph.test/reconcile/" + filepath.Base(f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = sch
	}
	return out
}

// reconcileClient calls the service over HTTP, as OpenRefine does, and checks every answer against
// its schema.
type reconcileClient struct {
	t       *testing.T
	base    string
	schemas map[string]*jsonschema.Schema
}

// do sends a request and decodes its JSON answer, which must have the status and (when schema is
// not "") validate against the schema.
func (c reconcileClient) do(req *http.Request, status int, schema string) any {
	c.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		c.t.Fatalf("%s %s: %d %s, want %d", req.Method, req.URL, resp.StatusCode, b, status)
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		c.t.Fatalf("%s: not JSON: %s", req.URL, b)
	}
	if schema != "" {
		if err := c.schemas[schema].Validate(v); err != nil {
			c.t.Errorf("%s %s does not validate against %s: %v\n%s", req.Method, req.URL, schema, err, b)
		}
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func (c reconcileClient) get(path string, status int, schema string) any {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req, status, schema)
}

// form posts one form field, as OpenRefine posts queries and extend.
func (c reconcileClient) form(field, value string, status int, schema string) any {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+"/reconcile", strings.NewReader(url.Values{field: {value}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req, status, schema)
}

func newReconcileClient(t *testing.T) reconcileClient {
	s := neo4jtest.WithReference(t)
	ts := httptest.NewServer(server.New(server.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}))
	t.Cleanup(ts.Close)
	return reconcileClient{t: t, base: ts.URL, schemas: reconcileSchemas(t)}
}

// OpenRefine's protocol over HTTP: the manifest, batched queries (properties tell homonyms apart,
// a language picks the name), suggest, preview, data extension; every answer schema-valid; bad
// input is a 400 that says what is wrong.
func TestTheReconciliationServiceSpeaksOpenRefinesProtocol(t *testing.T) {
	c := newReconcileClient(t)
	m := c.get("/reconcile", http.StatusOK, "manifest.json")
	if at(m, "identifierSpace") != "urn:urbangraph:" || at(m, "view", "url") != c.base+"/?show={{id}}" ||
		!slices.Contains(ids(at(m, "defaultTypes")), "ORGANISATION") || slices.Contains(ids(at(m, "defaultTypes")), "SOURCE") {
		t.Errorf("the manifest: %v", m)
	}

	r := c.form("queries", `{
		"q0": {"query": "Солун", "type": "CITY"},
		"q1": {"query": "Cisco", "type": "ORGANISATION"},
		"q2": {"query": "Dimitrovgrad", "type": "CITY"},
		"q3": {"query": "Dimitrovgrad", "type": "CITY", "properties": [{"pid": "country", "v": "България"}]},
		"q4": {"query": "Thessaloniki", "type": "CITY", "lang": "el", "limit": 1},
		"q5": {"query": "Centre for Digital Transformation", "properties": [{"pid": "city", "v": {"id": "city:thessaloniki"}}]}
	}`, http.StatusOK, "reconciliation-result-batch.json")
	for _, want := range []struct {
		q, id string
		match bool
	}{
		{"q0", "city:thessaloniki", true}, {"q1", "org:cisco", true},
		{"q2", "city:dimitrovgrad", false}, // homonyms in Russia, Bulgaria and Serbia: the most populous first, no match
		{"q3", "city:dimitrovgrad-bg", true}, {"q4", "city:thessaloniki", true},
		{"q5", "centre:thessaloniki-digital-transformation", true}, // its name, in the city given
	} {
		if at(r, want.q, "result", 0, "id") != want.id || at(r, want.q, "result", 0, "match") != want.match {
			t.Errorf("%s: %v, want %s with match %v", want.q, at(r, want.q, "result", 0), want.id, want.match)
		}
	}
	if at(r, "q4", "result", 0, "name") != "Θεσσαλονίκη" || len(at(r, "q4", "result").([]any)) != 1 {
		t.Errorf("lang el, limit 1: %v", at(r, "q4", "result"))
	}
	if at(r, "q0", "result", 0, "description") != "City in Greece" || at(r, "q0", "result", 0, "name") != "Солун" {
		t.Errorf("a Cyrillic query's candidate: %v", at(r, "q0", "result", 0))
	}
	if f := at(r, "q3", "result", 0, "features"); !strings.Contains(fmt.Sprint(f), "map[id:properties_matched value:1]") ||
		!strings.Contains(fmt.Sprint(f), "map[id:name_exact value:true]") {
		t.Errorf("features: %v", f)
	}

	// The same as a GET with the queries in the URL, and as a JSON body.
	g := c.get("/reconcile?queries="+url.QueryEscape(`{"a": {"query": "Σόφια", "type": "CITY"}}`), http.StatusOK, "reconciliation-result-batch.json")
	if at(g, "a", "result", 0, "id") != "city:sofia" || at(g, "a", "result", 0, "match") != true {
		t.Errorf("GET: %v", g)
	}

	reconcileSuggestPreviewExtend(t, c)
	reconcileRefusesBadInput(t, c)
}

func reconcileSuggestPreviewExtend(t *testing.T, c reconcileClient) {
	s := c.get("/reconcile/suggest/entity?prefix=Stara&type=CITY", http.StatusOK, "suggest-response.json")
	if !slices.Contains(ids(at(s, "result")), "city:stara-zagora") {
		t.Errorf("suggest entity: %v", s)
	}
	if s := c.get("/reconcile/suggest/type?prefix=org", http.StatusOK, "suggest-response.json"); !slices.Equal(ids(at(s, "result")), []string{"ORGANISATION"}) {
		t.Errorf("suggest type: %v", s)
	}
	if s := c.get("/reconcile/suggest/property?prefix=coun", http.StatusOK, "suggest-response.json"); !slices.Equal(ids(at(s, "result")), []string{"country"}) {
		t.Errorf("suggest property: %v", s)
	}
	p := c.get("/reconcile/extend/propose?type=CITY", http.StatusOK, "data-extension-property-proposal.json")
	if got := ids(at(p, "properties")); !slices.Contains(got, "latitude") || slices.Contains(got, "city") {
		t.Errorf("properties of a city: %v", got)
	}
	e := c.form("extend", `{"ids": ["city:thessaloniki", "centre:thessaloniki-digital-transformation", "city:atlantis"],
		"properties": [{"id": "country"}, {"id": "city"}, {"id": "latitude"}, {"id": "geonamesId"}, {"id": "organisations"}, {"id": "name_el"}]}`,
		http.StatusOK, "data-extension-response.json")
	rows := at(e, "rows")
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"city:thessaloniki", "country", 0, "id"}, "country:greece"},
		{[]any{"city:thessaloniki", "geonamesId", 0, "int"}, float64(734077)},
		{[]any{"city:thessaloniki", "name_el", 0, "str"}, "Θεσσαλονίκη"},
		{[]any{"centre:thessaloniki-digital-transformation", "city", 0, "id"}, "city:thessaloniki"},
		{[]any{"centre:thessaloniki-digital-transformation", "country", 0, "id"}, "country:greece"},
	} {
		if got := at(rows, c.path...); got != c.want {
			t.Errorf("extend %v = %v, want %v", c.path, got, c.want)
		}
	}
	if lat, _ := at(rows, "city:thessaloniki", "latitude", 0, "float").(float64); lat < 40.6 || lat > 40.7 {
		t.Errorf("Thessaloniki's latitude: %v", lat)
	}
	if orgs := ids(at(rows, "centre:thessaloniki-digital-transformation", "organisations")); !slices.Contains(orgs, "org:cisco") {
		t.Errorf("the centre's organisations: %v", orgs)
	}
	if got := at(rows, "city:atlantis", "country"); fmt.Sprint(got) != "[]" {
		t.Errorf("an unknown ID's row: %v", got)
	}

	resp, err := http.Get(c.base + "/reconcile/preview?id=centre:thessaloniki-digital-transformation")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	html := string(b)
	if resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(html, "Център за дигитална трансформация") ||
		!strings.Contains(html, "Thessaloniki, Greece") || !strings.Contains(html, "<blockquote>") || !strings.Contains(html, "Centre") {
		t.Errorf("the preview: %s\n%s", resp.Header.Get("Content-Type"), html)
	}
	if resp, _ := http.Get(c.base + "/reconcile/preview?id=city:atlantis"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the preview of an unknown ID: %d", resp.StatusCode)
	}
}

func reconcileRefusesBadInput(t *testing.T, c reconcileClient) {
	var batch []string
	for i := range 51 {
		batch = append(batch, fmt.Sprintf(`"q%d": {"query": "Sofia"}`, i))
	}
	for body, want := range map[string]string{
		`{"q0": {"query": "Sofia"`:                                               "queries is not a JSON object",
		"{" + strings.Join(batch, ",") + "}":                                     "holds 51 queries; the limit is 50",
		`{"q0": {"query": "Sofia", "type": "SOURCE"}}`:                           `"SOURCE" is not a type`,
		`{"q0": {"query": "Sofia", "limit": 26}}`:                                "between 1 and 25",
		`{"q0": {"query": " "}}`:                                                 "is empty",
		`{"q0": {"query": "Sofia", "properties": [{"pid": "mayor", "v": "x"}]}}`: `"mayor" is not a property`,
	} {
		got := c.form("queries", body, http.StatusBadRequest, "")
		if msg, _ := at(got, "errors", 0, "message").(string); !strings.Contains(msg, want) || at(got, "errors", 0, "extensions", "code") != "BAD_USER_INPUT" {
			t.Errorf("%.60s: %v, want %q", body, got, want)
		}
	}
	got := c.form("extend", `{"ids": ["city:sofia"], "properties": [{"id": "mayor"}]}`, http.StatusBadRequest, "")
	if msg, _ := at(got, "errors", 0, "message").(string); !strings.Contains(msg, `"mayor" is not a property`) {
		t.Errorf("extend with an unknown property: %v", got)
	}
}
