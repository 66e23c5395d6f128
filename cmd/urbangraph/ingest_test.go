package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		`new ORGANISATION org:obshtina-stara-zagora "Община Стара Загора"`,
		`new CENTRE centre:tsentar-za-digitalna-transformatsiya "Център за дигитална трансформация"`,
		"org:cisco FOUNDED centre:tsentar-za-digitalna-transformatsiya",
		"org:obshtina-plovdiv LOCATED_IN city:plovdiv",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, out)
		}
	}
	if after := neo4jtest.Stats(t, s); !before.Equal(after) {
		t.Errorf("a dry run changed the graph: %v -> %v", before, after)
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
	if err := f.Truncate(maxIngestBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no file":        {[]string{"ingest", "--dry-run"}, "name at least one document"},
		"no dry run":     {[]string{"ingest", write("a.txt", []byte("Text."))}, "not built yet"},
		"a PDF":          {[]string{"ingest", "--dry-run", write("a.pdf", []byte("%PDF-1.7"))}, `unsupported type ".pdf"`},
		"not UTF-8":      {[]string{"ingest", "--dry-run", write("b.txt", []byte{0xff, 0xfe, 'a'})}, "is not UTF-8 text"},
		"over the limit": {[]string{"ingest", "--dry-run", big}, "the limit is 10485760"},
		"a missing file": {[]string{"ingest", "--dry-run", filepath.Join(dir, "none.txt")}, "no such file"},
	} {
		err := run(context.Background(), c.args, testEnv(t, nil), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}
