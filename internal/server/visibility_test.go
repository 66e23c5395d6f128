package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/importer"
	"urbangraph/internal/neo4jtest"
)

// anonymousSees gathers what an anonymous reader can get of the graph: the change feed, the
// export, a search and entity(id).
func anonymousSees(t *testing.T, url, id, words string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []struct {
		query string
		vars  map[string]any
	}{
		{`{ changes(first: 100) { entityId operation fields { name after } } }`, nil},
		{`query($q: String!) { search(query: $q) { node { id name } } }`, map[string]any{"q": words}},
		{`query($id: ID!) { entity(id: $id) { id properties } }`, map[string]any{"id": id}},
	} {
		r := gql(t, url, q.query, q.vars)
		if len(r.Errors) > 0 && r.codes()[0] != "NOT_FOUND" {
			t.Fatalf("%s: %v", q.query, r.Errors)
		}
		out, _ := json.Marshal(r.Data)
		b.Write(out)
	}
	for _, file := range []string{"graph.json", "graph.jsonld"} {
		resp, err := http.Get(url + "/export/" + file)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.Write(body)
	}
	return b.String()
}

// A document an editor ingests is not public until a proposal of it is accepted: nothing of it
// reaches an anonymous reader's feed, export, search or entity(), and it stays unseen when every
// proposal is rejected. The first acceptance publishes its source, with its record.
func TestAnUnreviewedDocumentIsNotPublic(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	ingest := func(text string) (string, []any) {
		got := must(t, gqlAs(t, ts.URL, editor, `mutation($in: IngestInput!) { ingestDocument(input: $in) { document { id proposals { id type } } } }`,
			map[string]any{"in": map[string]any{"text": text}}))
		return at(got, "ingestDocument", "document", "id").(string), at(got, "ingestDocument", "document", "proposals").([]any)
	}
	secret, proposals := ingest("CONFIDENTIAL merger memo\n\nThe Municipality of Ruse and Cisco will open the Ruse Centre for Quantum Logistics in 2027.")
	if len(proposals) == 0 {
		t.Fatal("no proposals")
	}
	if seen := anonymousSees(t, ts.URL, secret, "CONFIDENTIAL merger memo"); strings.Contains(seen, "CONFIDENTIAL") || strings.Contains(seen, secret) {
		t.Errorf("an anonymous reader sees the unreviewed document")
	}
	for _, p := range proposals {
		must(t, gqlAs(t, ts.URL, editor, `mutation($id: ID!) { rejectProposal(id: $id, reason: "not for publication") { id } }`, map[string]any{"id": at(p, "id")}))
	}
	if seen := anonymousSees(t, ts.URL, secret, "CONFIDENTIAL merger memo"); strings.Contains(seen, "CONFIDENTIAL") || strings.Contains(seen, secret) {
		t.Errorf("an anonymous reader sees the rejected document")
	}
	// The editor still reviews it.
	if d := must(t, gqlAs(t, ts.URL, editor, `query($id: ID!) { document(id: $id) { title public counts { rejected } } }`, map[string]any{"id": secret})); at(d, "document", "title") != "CONFIDENTIAL merger memo" ||
		at(d, "document", "public") != false {
		t.Errorf("the editor's view: %v", d)
	}

	// An admin may delete it, leaving no record either.
	must(t, gqlAs(t, ts.URL, tokens["admin"], `mutation($id: ID!) { delete(id: $id) { deleted } }`, map[string]any{"id": secret}))
	if r := gqlAs(t, ts.URL, editor, `query($id: ID!) { document(id: $id) { id } }`, map[string]any{"id": secret}); len(r.Errors) == 0 && at(r.Data, "document") != nil {
		t.Errorf("the deleted document: %v", r.Data)
	}

	public, proposals := ingest("Ruse hosts a seminar\n\nThe Municipality of Ruse hosted a seminar on green urban transport in Ruse.")
	var entity any
	for _, p := range proposals {
		if at(p, "type") == "ENTITY" {
			entity = at(p, "id")
			break
		}
	}
	must(t, gqlAs(t, ts.URL, editor, `mutation($id: ID!) { acceptProposal(id: $id) { id } }`, map[string]any{"id": entity}))
	node := must(t, gql(t, ts.URL, `query($id: ID!) { entity(id: $id) { name } }`, map[string]any{"id": public}))
	if at(node, "entity", "name") != "Ruse hosts a seminar" {
		t.Errorf("the accepted document's source: %v", node)
	}
	feed := must(t, gql(t, ts.URL, `query($id: ID!) { changes(ids: [$id]) { operation } }`, map[string]any{"id": public}))
	if at(feed, "changes", 0, "operation") != "CREATE" {
		t.Errorf("the source's record: %v", feed)
	}

	// An editor may publish a document without accepting any of its facts; readers see its
	// source, and nothing else of it.
	cited, _ := ingest("Varna report\n\nThe Municipality of Varna opened a centre for marine research in Varna.")
	if r := gql(t, ts.URL, `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": cited}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("before publishing: %v %v", r.codes(), r.Data)
	}
	pub := must(t, gqlAs(t, ts.URL, editor, `mutation($id: ID!) { publishDocument(id: $id) { id public counts { proposed accepted } } }`, map[string]any{"id": cited}))
	if at(pub, "publishDocument", "public") != true || at(pub, "publishDocument", "counts", "accepted") != float64(0) {
		t.Errorf("published: %v", pub)
	}
	if r := must(t, gql(t, ts.URL, `query($id: ID!) { entity(id: $id) { name } }`, map[string]any{"id": cited})); at(r, "entity", "name") != "Varna report" {
		t.Errorf("the published source: %v", r)
	}
	if r := gqlAs(t, ts.URL, tokens["reader"], `mutation($id: ID!) { publishDocument(id: $id) { id } }`, map[string]any{"id": cited}); !slices.Equal(r.codes(), []string{"FORBIDDEN"}) {
		t.Errorf("a reader publishing: %v", r.codes())
	}
}

// Who wrote a fact is a name (an API key's, a JWT's subject) or a file on the server (a
// command-line import): editors and admins see it, readers and anonymous clients see what wrote
// it, in the change log and in the properties alike.
func TestReadersSeeWhatWroteAFactNotWho(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	must(t, gqlAs(t, ts.URL, tokens["editor"], upsertCity, varna("Varna has 330,000 inhabitants.")))
	file := filepath.Join(t.TempDir(), "cities.jsonl")
	row := `{"id": "city:ruse", "kind": "CITY", "names": {"en": "Ruse"}, "evidence": [{"source": "source:stara-zagora-thessaloniki-seminar", "quote": "Ruse."}]}`
	if err := os.WriteFile(file, []byte(row+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Run(context.Background(), s, []string{file}, importer.Options{Actor: "import:" + file, LogEntities: true}); err != nil {
		t.Fatal(err)
	}
	const q = `{ varna: entity(id: "city:varna") { properties history(first: 1) { actor } }
	  ruse: entity(id: "city:ruse") { properties history(first: 1) { actor } }
	  changes(ids: ["city:varna", "city:ruse"]) { actor } }`
	for _, c := range []struct {
		who, token, varna, ruse string
	}{
		{"anonymous", "", "editor", "import"},
		{"a reader", tokens["reader"], "editor", "import"},
		{"an editor", tokens["editor"], "test-editor", "import:" + file},
		{"an admin", tokens["admin"], "test-editor", "import:" + file},
	} {
		r := must(t, gqlAs(t, ts.URL, c.token, q, nil))
		got := []any{at(r, "varna", "properties", "createdBy"), at(r, "varna", "history", 0, "actor"),
			at(r, "ruse", "properties", "updatedBy"), at(r, "ruse", "history", 0, "actor"), at(r, "changes", 0, "actor"), at(r, "changes", 1, "actor")}
		want := []any{c.varna, c.varna, c.ruse, c.ruse, c.varna, c.ruse}
		if !slices.Equal(got, want) {
			t.Errorf("%s sees %v, want %v", c.who, got, want)
		}
	}
}
