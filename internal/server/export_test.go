package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"urbangraph/internal/domain"
	"urbangraph/internal/importer"
	"urbangraph/internal/neo4jtest"
)

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	return resp, body
}

func statsCounts(t *testing.T, url string) (nodes, rels float64) {
	d := must(t, gql(t, url, `{ stats { nodes relationships } }`, nil))
	return at(d, "stats", "nodes").(float64), at(d, "stats", "relationships").(float64)
}

func TestGraphMLParsesAndHoldsWhatStatsCounts(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	resp, body := get(t, ts.URL+"/export/graph.graphml")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/graphml+xml") {
		t.Errorf("content type %q", resp.Header.Get("Content-Type"))
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Type string `xml:"type,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	nodes, rels := statsCounts(t, ts.URL)
	if float64(len(doc.Graph.Nodes)) != nodes || float64(len(doc.Graph.Edges)) != rels {
		t.Errorf("GraphML has %d nodes and %d edges; stats counts %v and %v", len(doc.Graph.Nodes), len(doc.Graph.Edges), nodes, rels)
	}
	declared := map[string]bool{}
	for _, k := range doc.Keys {
		declared[k.ID] = true
	}
	ids := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		ids[n.ID] = true
		for _, d := range n.Data {
			if !declared[d.Key] {
				t.Errorf("node %s uses undeclared key %q", n.ID, d.Key)
			}
			if n.ID == "programme:oprr-2014-2020" && d.Key == "name_el" && d.Value != "Επιχειρησιακό Πρόγραμμα «Περιφέρειες σε ανάπτυξη» 2014-2020" {
				t.Errorf("name_el = %q", d.Value)
			}
		}
	}
	for _, e := range doc.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s -> %s points outside the nodes", e.Source, e.Target)
		}
	}
}

func TestCSVRoundTripsThroughEncodingCSV(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	_, nodesBody := get(t, ts.URL+"/export/nodes.csv")
	_, edgesBody := get(t, ts.URL+"/export/edges.csv")
	nodes, err := csv.NewReader(strings.NewReader(string(nodesBody))).ReadAll()
	if err != nil {
		t.Fatalf("nodes.csv: %v", err)
	}
	edges, err := csv.NewReader(strings.NewReader(string(edgesBody))).ReadAll()
	if err != nil {
		t.Fatalf("edges.csv: %v", err)
	}
	if strings.Join(nodes[0], ",") != "id,kind,name_en,name_bg,name_el,aliases,unnamed,collective,properties,evidence" ||
		strings.Join(edges[0], ",") != "from,type,to,properties,sources,quotes" {
		t.Fatalf("headers: %v / %v", nodes[0], edges[0])
	}
	if len(nodes)-1 != 33 || len(edges)-1 != 50 {
		t.Errorf("%d node rows and %d edge rows, want 33 and 50", len(nodes)-1, len(edges)-1)
	}
	// Names with quotes and commas survive the quoting.
	found := false
	for _, row := range nodes[1:] {
		if row[0] == "programme:oprr-2014-2020" {
			found = row[2] == `Operational Programme "Regions in Growth" 2014-2020`
			var aliases []string
			if err := json.Unmarshal([]byte(row[5]), &aliases); err != nil || !slices.Contains(aliases, "ОПРР") {
				t.Errorf("aliases cell %q", row[5])
			}
		}
		if row[0] == "practice:plovdiv-municipality-good-practices" && !strings.Contains(row[3], "градско развитие, представени") {
			t.Errorf("comma in name lost: %q", row[3])
		}
	}
	if !found {
		t.Error("the programme's quoted name did not round-trip")
	}
}

// The JSON-LD export, expanded by a JSON-LD processor (json-gold), states every relationship with
// the sentence of each source that states it, and types the entities with standard vocabularies.
func TestJSONLDExpandsWithEveryRelationshipsQuoteAndStandardTerms(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	resp, body := get(t, ts.URL+"/export/graph.jsonld")
	if resp.Header.Get("Content-Type") != "application/ld+json" {
		t.Errorf("content type %q", resp.Header.Get("Content-Type"))
	}
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("JSON-LD is not JSON: %v", err)
	}
	proc, opts := ld.NewJsonLdProcessor(), ld.NewJsonLdOptions("")
	expanded, err := proc.Expand(doc, opts)
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	const (
		schema, rdf, prov, oa = "https://schema.org/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#"
	)
	id := func(v any, key string) string { s, _ := at(v, key, 0, "@id").(string); return s }
	value := func(v any, key string) string { s, _ := at(v, key, 0, "@value").(string); return s }
	statements := map[string]bool{} // subject|object|source|quote
	nodes := map[string]map[string]any{}
	for _, item := range expanded {
		m := item.(map[string]any)
		nodes[m["@id"].(string)] = m
		if types, _ := m["@type"].([]any); slices.Contains(types, any(rdf+"Statement")) {
			statements[id(m, rdf+"subject")+"|"+id(m, rdf+"object")+"|"+id(m, prov+"wasDerivedFrom")+"|"+value(m, oa+"exact")] = true
		}
	}
	// Every relationship of the import-format export, with each of its sentences, is a statement.
	_, raw := get(t, ts.URL+"/export/graph.json")
	var plain struct{ Relationships []map[string]any }
	if err := json.Unmarshal(raw, &plain); err != nil || len(plain.Relationships) != 50 {
		t.Fatalf("graph.json: %v, %d relationships", err, len(plain.Relationships))
	}
	for _, r := range plain.Relationships {
		key := fmt.Sprintf("urn:urbangraph:%s|urn:urbangraph:%s|urn:urbangraph:%s|%s", r["from"], r["to"], r["source"], r["quote"])
		if !statements[key] {
			t.Errorf("no statement with the quote of %s %s %s", r["from"], r["type"], r["to"])
		}
	}
	if len(statements) != len(plain.Relationships) {
		t.Errorf("%d statements for %d (relationship, sentence) pairs", len(statements), len(plain.Relationships))
	}
	th := nodes["urn:urbangraph:city:thessaloniki"]
	names, _ := json.Marshal(th[schema+"name"])
	if !slices.Contains(th["@type"].([]any), any(schema+"City")) || !strings.Contains(string(names), `{"@language":"bg","@value":"Солун"}`) ||
		id(th, schema+"containedInPlace") != "urn:urbangraph:country:greece" || id(th, prov+"wasDerivedFrom") != "urn:urbangraph:source:stara-zagora-thessaloniki-seminar" {
		t.Errorf("Thessaloniki: %v", th)
	}
	quote := value(at(th, prov+"qualifiedDerivation", 0), oa+"exact")
	if !strings.Contains(quote, "Солун") || at(th, prov+"qualifiedDerivation", 0, oa+"exact", 0, "@language") != "bg" {
		t.Errorf("Thessaloniki's evidence sentence: %q", quote)
	}
	for iri, want := range map[string]string{
		"urn:urbangraph:org:thessaloniki-municipality":            schema + "GovernmentOrganization",
		"urn:urbangraph:domain:agriculture":                       "http://www.w3.org/2004/02/skos/core#Concept",
		"urn:urbangraph:event:thessaloniki-good-practice-seminar": schema + "Event",
	} {
		if types, _ := nodes[iri]["@type"].([]any); !slices.Contains(types, any(want)) {
			t.Errorf("%s: @type %v, want %s", iri, types, want)
		}
	}
	if id(nodes["urn:urbangraph:centre:thessaloniki-digital-transformation"], "http://www.w3.org/ns/org#hasUnit") == "" {
		t.Error("the centre has no org:hasUnit")
	}
	opts.Format = "application/n-quads"
	quads, err := proc.ToRDF(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the seed's JSON-LD is %d triples", strings.Count(quads.(string), "\n"))
}

func TestUnknownExportIs404(t *testing.T) {
	ts := newServer(t, neo4jtest.Store(t))
	resp, err := http.Get(ts.URL + "/export/graph.exe")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
}

// Export -> wipe -> import gives the same graph: same counts, same neighbourhoods, same evidence.
func TestJSONExportImportsBackToTheSameGraph(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newServer(t, s)
	const probe = `{
	  stats { nodes relationships byKind { kind count } byType { type count } }
	  neighbourhood(id: "centre:thessaloniki-digital-transformation", depth: 2) { nodes { id properties } edges { id properties } }
	  centre(id: "centre:thessaloniki-digital-transformation") { sources { quote properties source { id } } }
	}`
	before := must(t, gql(t, ts.URL, probe, nil))
	_, body := get(t, ts.URL+"/export/graph.json")
	path := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Wipe(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	res, err := importer.Import(context.Background(), s, []string{path}, "round-trip")
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if res.Counts.NodesCreated != 33 || res.Counts.RelsCreated != 50 {
		t.Errorf("re-import created %+v", res.Counts)
	}
	after := must(t, gql(t, ts.URL, probe, nil))
	stripWriteTimes(before)
	stripWriteTimes(after)
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	if string(a) != string(b) {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Errorf("the graph changed on the round trip; first difference at byte %d:\nbefore …%s\nafter  …%s",
			i, a[max(0, i-200):min(len(a), i+200)], b[max(0, i-200):min(len(b), i+200)])
	}
}

// stripWriteTimes drops what a re-import rightly changes: when and by whom things were written.
func stripWriteTimes(v any) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range []string{"createdAt", "updatedAt", "createdBy", "updatedBy"} {
			delete(x, k)
		}
		for _, e := range x {
			stripWriteTimes(e)
		}
	case []any:
		for _, e := range x {
			stripWriteTimes(e)
		}
	}
}

// ?ids= exports one picture: those entities, the relationships among them and the sources cited.
func TestExportOfSomeEntities(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	_, body := get(t, ts.URL+"/export/graph.json?ids=city:thessaloniki,country:greece,event:thessaloniki-good-practice-seminar")
	var doc domain.Document
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, r := range doc.Relationships {
		rels = append(rels, r.From+" "+r.Type+" "+r.To)
	}
	slices.Sort(rels)
	if len(doc.Nodes) != 3 || len(doc.Sources) != 1 || !slices.Equal(rels, []string{
		"city:thessaloniki LOCATED_IN country:greece", "event:thessaloniki-good-practice-seminar HELD_IN city:thessaloniki"}) {
		t.Errorf("%d nodes, %d sources, relationships %v", len(doc.Nodes), len(doc.Sources), rels)
	}
	_, graphml := get(t, ts.URL+"/export/graph.graphml?ids=city:thessaloniki,country:greece")
	if n := strings.Count(string(graphml), "<node "); n != 3 { // the two, and the source (MENTIONED_IN edges)
		t.Errorf("GraphML of two entities has %d nodes", n)
	}
	resp, err := http.Get(ts.URL + "/export/graph.json?ids=" + strings.Repeat("x", 300))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad id: %d", resp.StatusCode)
	}
}
