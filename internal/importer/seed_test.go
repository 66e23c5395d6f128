package importer

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seedInput(t *testing.T) *Input {
	t.Helper()
	in, err := Read([]string{"../../data/seed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) > 0 {
		t.Fatalf("reading the seed: %v", in.Problems)
	}
	return in
}

func TestTheSeedIsValid(t *testing.T) {
	plan, err := Check(seedInput(t), nil)
	if err != nil || len(plan.Rejected) > 0 {
		t.Fatalf("%v %v", err, plan.Rejected)
	}
	if len(plan.Nodes) != 33 || len(plan.Rels) != 50 {
		t.Errorf("seed has %d nodes and %d relationships; did it lose facts?", len(plan.Nodes), len(plan.Rels))
	}
}

// Provenance: every quote must be a sentence that really stands in the source document.
func TestEverySeedQuoteStandsVerbatimInItsSource(t *testing.T) {
	in := seedInput(t)
	texts := map[string]string{}
	for _, s := range in.Sources {
		file, _ := s.Node.Properties["file"].(string)
		raw, err := os.ReadFile(filepath.Join("../..", file))
		if err != nil {
			t.Fatalf("source %s: %v", s.Node.ID, err)
		}
		texts[s.Node.ID] = string(raw)
	}
	check := func(where, src, quote string) {
		text, ok := texts[src]
		if !ok {
			t.Errorf("%s: source %q has no text", where, src)
			return
		}
		if len(quote) < 20 || !strings.Contains(text, quote) {
			t.Errorf("%s: quote is not a sentence of %s: %q", where, src, quote)
		}
	}
	for _, n := range in.Nodes {
		for _, e := range n.Node.Evidence {
			check(n.Node.ID, cmp.Or(e.Source, n.DefaultSource), e.Quote)
		}
	}
	for _, r := range in.Rels {
		check(r.Rel.From+" "+r.Rel.Type+" "+r.Rel.To, cmp.Or(r.Rel.Source, r.DefaultSource), r.Rel.Quote)
	}
}

// The article names what it names; what it leaves unnamed must be marked so.
func TestSeedMarksUnnamedThings(t *testing.T) {
	want := map[string]bool{
		"org:thessaloniki-municipality-partners": true, "org:academic-community": true, "org:start-up-companies": true,
		"practice:thessaloniki-municipality-good-practices": true, "practice:stara-zagora-municipality-good-practices": true,
		"practice:plovdiv-municipality-good-practices": true, "unit:solution-teams": true,
	}
	for _, n := range seedInput(t).Nodes {
		if n.Node.Unnamed != want[n.Node.ID] {
			t.Errorf("%s: unnamed = %v, want %v", n.Node.ID, n.Node.Unnamed, want[n.Node.ID])
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
	in, err := Read([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Check(in, func([]string) (map[string]bool, error) { return map[string]bool{}, nil })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, pr := range plan.Rejected {
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
		"relationships[0].type":           "FOUNDED does not go from CITY to CITY",
		"relationships[1].type":           `unknown relationship type "LIKES"`,
		"relationships[2].to":             `"country:nowhere" is neither imported nor stored (a dangling endpoint)`,
		"relationships[3].quote":          "required",
	} {
		if !strings.Contains(got[path], want) {
			t.Errorf("%s: got %q, want it to mention %q", path, got[path], want)
		}
	}
	// The one good entity and the relationship between good entities survive; each bad row is
	// reported with its line.
	if len(plan.Nodes) != 2 || plan.Nodes[1].ID != "city:ok" {
		t.Errorf("accepted nodes = %+v", plan.Nodes)
	}
	for _, pr := range plan.Rejected {
		if pr.File != p || pr.Line < 6 {
			t.Errorf("problem %s lacks its file and line", pr)
		}
	}
}

func TestReadSaysWhereTheSyntaxErrorIs(t *testing.T) {
	p := writeDoc(t, "{\n  \"format\": \"urbangraph/1\",\n  \"nodes\": [\n    {\"id\": \"city:a\",}\n  ]\n}")
	in, err := Read([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 1 || in.Problems[0].Line != 4 || in.Problems[0].File != p {
		t.Fatalf("problems = %v, want one at line 4", in.Problems)
	}
	p = writeDoc(t, `{"format": "urbangraph/1", "nodez": []}`)
	in, _ = Read([]string{p})
	if len(in.Problems) != 1 || !strings.Contains(in.Problems[0].Message, `unknown field "nodez"`) {
		t.Fatalf("problems = %v, want unknown field", in.Problems)
	}
}
