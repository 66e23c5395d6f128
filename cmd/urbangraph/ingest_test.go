package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"urbangraph/internal/ingest"
	"urbangraph/internal/neo4jtest"
)

// The founding article against the gazetteer (not the seed): a dry run shows the places it links,
// the organisations, centre and programmes it proposes, and relationships with their sentences.
func TestIngestDryRunProposesTheArticlesFactsAgainstTheGazetteer(t *testing.T) {
	s := neo4jtest.Store(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	importPaths(t, filepath.Join(neo4jtest.RepoRoot(), "data", "reference"))
	before := neo4jtest.Stats(t, s)
	var stdout, stderr bytes.Buffer
	article := filepath.Join(neo4jtest.RepoRoot(), "data", "sources", "000_5f0a949ca0881f14.txt")
	if err := run(ctx, []string{"ingest", "--dry-run", article}, testEnv(t, nil), &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"10 sentences;",
		`mention "Солун" → city:thessaloniki`,
		`mention "Гърция" → country:greece`,
		`new ORGANISATION org:stara-zagora-municipality "Община Стара Загора" (bg-head-organisation, 0.85) English name "Stara Zagora Municipality"`,
		`new CENTRE centre:tsentar-za-digitalna-transformatsiya "Център за дигитална трансформация"`,
		"org:cisco FOUNDED centre:tsentar-za-digitalna-transformatsiya",
		"org:plovdiv-municipality LOCATED_IN city:plovdiv",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, out)
		}
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("a dry run changed the graph: %v -> %v", before, after)
	}
	dryRunJSONIsLowerCamel(t, article)

	// Stored: the document becomes a source with its proposals; again, nothing is written; with
	// --accept, the proposals at or above the confidence become facts citing the document.
	stdout.Reset()
	if err := run(ctx, []string{"ingest", article}, testEnv(t, nil), &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	const id = "source:eksperti-ot-obshtina-stara-zagora-obmeniha-opit-sas-svoi"
	if out := stdout.String(); !strings.Contains(out, "stored as "+id+" (text, bg, ") || !strings.Contains(out, "proposals:") {
		t.Errorf("ingest said:\n%s", out)
	}
	stored := neo4jtest.Stats(t, s)
	stdout.Reset()
	if err := run(ctx, []string{"ingest", "--accept", "0.5", article}, testEnv(t, nil), &stdout, &stderr); err != nil {
		t.Fatalf("ingest again: %v\n%s", err, stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "ingested before: nothing written") || !strings.Contains(out, "accepted ") {
		t.Errorf("ingest again said:\n%s", out)
	}
	after := neo4jtest.Stats(t, s)
	// The document's source is public once a proposal is accepted, not before.
	if stored.ByKind["SOURCE"] != before.ByKind["SOURCE"] || after.ByKind["SOURCE"] != before.ByKind["SOURCE"]+1 ||
		after.ByKind["CENTRE"] != 1 || after.ByType["FOUNDED"] < 1 {
		t.Errorf("sources %d → %d; after accepting: %v", before.ByKind["SOURCE"], stored.ByKind["SOURCE"], after)
	}
	e, err := s.Edge(ctx, "org:cisco", "FOUNDED", "centre:tsentar-za-digitalna-transformatsiya")
	if sources, quotes := e.Evidence(); err != nil || e.Props["year"] != int64(2020) || len(sources) != 1 || sources[0] != id ||
		!strings.HasPrefix(quotes[0], "Създаден през 2020 г. от Cisco") {
		t.Errorf("Cisco FOUNDED the centre: %+v, %v", e, err)
	}
}

func TestIngestRefusesBadDocumentsClearly(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(ingest.MaxBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Each is refused before the database is asked anything.
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no file":         {[]string{"ingest", "--dry-run"}, "name at least one document"},
		"a Word file":     {[]string{"ingest", write("a.docx", []byte("PK"))}, `unsupported type ".docx"`},
		"a broken PDF":    {[]string{"ingest", write("a.pdf", []byte("%PDF-1.7"))}, "a.pdf"},
		"not UTF-8":       {[]string{"ingest", write("b.txt", []byte{0xff, 0xfe, 'a'})}, "is not UTF-8 text"},
		"empty":           {[]string{"ingest", write("c.md", []byte("\n\n"))}, "has no text"},
		"over the limit":  {[]string{"ingest", big}, "the limit is 10485760"},
		"a missing file":  {[]string{"ingest", filepath.Join(dir, "none.txt")}, "no such file"},
		"a title for two": {[]string{"ingest", "--title", "T", write("d.txt", []byte("A.")), write("e.txt", []byte("B."))}, "describe one document"},
		"a bad threshold": {[]string{"ingest", "--accept", "2", write("f.txt", []byte("A."))}, "between 0 and 1"},
	} {
		err := run(context.Background(), c.args, testEnv(t, nil), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

// dryRunJSONIsLowerCamel: --json prints the proposals with the GraphQL API's lowerCamel keys, never
// Go's field names.
func dryRunJSONIsLowerCamel(t *testing.T, article string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "--dry-run", "--json", article}, testEnv(t, nil), &stdout, &stderr); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, stderr.String())
	}
	var out struct {
		File      string `json:"file"`
		Proposals struct {
			Sentences []struct {
				Text       string `json:"text"`
				Start, End int
			} `json:"sentences"`
			Mentions []struct {
				Text       string  `json:"text"`
				Confidence float64 `json:"confidence"`
				Candidates []struct {
					ID string `json:"id"`
				} `json:"candidates"`
			} `json:"mentions"`
			Entities []struct {
				ID          string `json:"id"`
				EnglishName string `json:"englishName"`
			} `json:"entities"`
			Relations []struct {
				From, To, Type, Quote string
			} `json:"relations"`
		} `json:"proposals"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("--json printed no JSON: %v\n%s", err, stdout.String())
	}
	p := out.Proposals
	if len(p.Sentences) != 10 || p.Sentences[0].Text == "" || len(p.Mentions) == 0 || p.Mentions[0].Confidence <= 0 ||
		len(p.Mentions[0].Candidates) == 0 || !strings.Contains(p.Mentions[0].Candidates[0].ID, ":") || len(p.Relations) == 0 {
		t.Errorf("--json: %+v", p)
	}
	if !slices.ContainsFunc(p.Entities, func(e struct {
		ID          string `json:"id"`
		EnglishName string `json:"englishName"`
	}) bool {
		return e.ID == "org:stara-zagora-municipality" && e.EnglishName == "Stara Zagora Municipality"
	}) {
		t.Errorf("--json entities: %+v", p.Entities)
	}
	var raw any
	_ = json.Unmarshal(stdout.Bytes(), &raw)
	walkKeys(raw, func(k string) {
		if k == "" || unicode.IsUpper([]rune(k)[0]) {
			t.Errorf("--json has the key %q: JSON keys are lowerCamel", k)
		}
	})
}

// walkKeys calls f with every key of every object in v.
func walkKeys(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			f(k)
			walkKeys(x, f)
		}
	case []any:
		for _, x := range v {
			walkKeys(x, f)
		}
	}
}
