package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seedDocs(t *testing.T) []*Document {
	t.Helper()
	files, err := Files([]string{"../../data/seed"})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*Document
	for _, f := range files {
		d, err := ReadDocument(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestTheSeedIsValid(t *testing.T) {
	plan, err := Validate(seedDocs(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Nodes) < 30 || len(plan.Rels) < 45 {
		t.Errorf("seed has %d nodes and %d relationships; did it lose facts?", len(plan.Nodes), len(plan.Rels))
	}
}

// Provenance: every quote must be a sentence that really stands in the source document.
func TestEverySeedQuoteStandsVerbatimInItsSource(t *testing.T) {
	for _, d := range seedDocs(t) {
		texts := map[string]string{}
		for _, s := range d.Sources {
			file, _ := s.Properties["file"].(string)
			raw, err := os.ReadFile(filepath.Join("../..", file))
			if err != nil {
				t.Fatalf("source %s: %v", s.ID, err)
			}
			texts[s.ID] = string(raw)
		}
		check := func(where, src, quote string) {
			if src == "" {
				src = d.Source
			}
			text, ok := texts[src]
			if !ok {
				t.Errorf("%s: source %q has no text in this document", where, src)
				return
			}
			if len(quote) < 20 || !strings.Contains(text, quote) {
				t.Errorf("%s: quote is not a sentence of %s: %q", where, src, quote)
			}
		}
		for _, n := range d.Nodes {
			for _, e := range n.Evidence {
				check(n.ID, e.Source, e.Quote)
			}
		}
		for _, r := range d.Relationships {
			check(r.From+" "+r.Type+" "+r.To, r.Source, r.Quote)
		}
	}
}

// The article names what it names; what it leaves unnamed must be marked so.
func TestSeedMarksUnnamedThings(t *testing.T) {
	want := map[string]bool{
		"org:thessaloniki-municipality-partners": true, "org:academic-community": true, "org:start-up-companies": true,
		"practice:thessaloniki-municipality-good-practices": true, "practice:stara-zagora-municipality-good-practices": true,
		"practice:plovdiv-municipality-good-practices": true, "unit:solution-teams": true,
	}
	for _, d := range seedDocs(t) {
		for _, n := range d.Nodes {
			if n.Unnamed != want[n.ID] {
				t.Errorf("%s: unnamed = %v, want %v", n.ID, n.Unnamed, want[n.ID])
			}
		}
	}
}

func writeDoc(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidateReportsEveryBrokenRuleWithItsPath(t *testing.T) {
	p := writeDoc(t, `{
  "format": "urbangraph/1",
  "source": "source:s",
  "sources": [{"id": "source:s", "names": {"en": "S"}}],
  "nodes": [
    {"id": "city:ok", "kind": "CITY", "names": {"en": "Ok"}, "evidence": [{"quote": "Ok is a city."}]},
    {"id": "town:x", "kind": "TOWN", "names": {"en": "X"}, "evidence": [{"quote": "q"}]},
    {"id": "org:x", "kind": "CITY", "names": {"bg": "Х"}, "evidence": [{"quote": "q"}]},
    {"id": "city:no-evidence", "kind": "CITY", "names": {"en": "N", "fr": "N"}},
    {"id": "city:bad-prop", "kind": "CITY", "names": {"en": "B"}, "properties": {"population": 5, "id": "x", "nested": {"a": 1}},
     "evidence": [{"quote": "q", "properties": ["nested", "missing"]}]},
    {"id": "city:ok", "kind": "CITY", "names": {"en": "Twice"}, "evidence": [{"quote": "q"}]}
  ],
  "relationships": [
    {"from": "city:ok", "type": "FOUNDED", "to": "city:ok", "quote": "q"},
    {"from": "city:ok", "type": "LIKES", "to": "city:ok", "quote": "q"},
    {"from": "city:ok", "type": "LOCATED_IN", "to": "country:nowhere", "quote": "q"},
    {"from": "city:ok", "type": "LOCATED_IN", "to": "city:ok", "quote": ""}
  ]
}`)
	d, err := ReadDocument(p)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate([]*Document{d}, func([]string) (map[string]bool, error) { return map[string]bool{}, nil })
	problems, ok := err.(ProblemsError)
	if !ok {
		t.Fatalf("err = %v, want ProblemsError", err)
	}
	got := map[string]string{}
	for _, pr := range problems {
		got[pr.Path] += pr.Message + "; "
	}
	for path, want := range map[string]string{
		"nodes[1].kind":                   `unknown kind "TOWN"`,
		"nodes[2].id":                     `an ID of kind CITY starts with "city:"`,
		"nodes[2].names.en":               "an English name is required",
		"nodes[3].evidence":               "at least one sentence",
		"nodes[3].names.fr":               "unknown language",
		"nodes[4].properties.population":  "no evidence states it",
		"nodes[4].properties.id":          "managed by the store",
		"nodes[4].properties.nested":      "cannot be stored",
		"nodes[4].evidence[0].properties": `names "missing"`,
		"nodes[5].id":                     "defined twice",
		"relationships[0]":                "FOUNDED does not go from CITY to CITY",
		"relationships[1].type":           `unknown relationship type "LIKES"`,
		"relationships[2].to":             `"country:nowhere" is neither in the documents nor stored`,
		"relationships[3].quote":          "required",
	} {
		if !strings.Contains(got[path], want) {
			t.Errorf("%s: got %q, want it to mention %q", path, got[path], want)
		}
	}
	if !strings.Contains(err.Error(), "nothing written") || !strings.Contains(err.Error(), p) {
		t.Errorf("message %q should name the file and say nothing was written", err)
	}
}

func TestReadDocumentSaysWhereTheSyntaxErrorIs(t *testing.T) {
	p := writeDoc(t, "{\n  \"format\": \"urbangraph/1\",\n  \"nodes\": [\n    {\"id\": \"city:a\",}\n  ]\n}")
	_, err := ReadDocument(p)
	if err == nil || !strings.Contains(err.Error(), p+":4:") {
		t.Fatalf("err = %v, want it to point at line 4", err)
	}
	p = writeDoc(t, `{"format": "urbangraph/1", "nodez": []}`)
	if _, err := ReadDocument(p); err == nil || !strings.Contains(err.Error(), `unknown field "nodez"`) {
		t.Fatalf("err = %v, want unknown field", err)
	}
}
