package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
)

const kazanlak = "Община Казанлък и Министерството на културата откриха Център за занаяти в град Казанлък. " +
	"Центърът е създаден през 2024 г. от Община Казанлък с подкрепата на Община Стара Загора."

const ingestMutation = `mutation($in: IngestInput!) { ingestDocument(input: $in) { created document { id title language format url publishedAt ingestedBy counts { proposed accepted rejected } } } }`

const documentQuery = `query($id: ID!) { document(id: $id) { id text length sentences { text start end }
  proposals { id type status rule confidence spans name kind entityId category candidates from to relationshipType properties sentence sentenceStart sentenceEnd fromProposal toProposal reviewedBy reason acceptedId } } }`

// proposalNamed finds a proposal of a document query's answer by its name or relationship type.
func proposalNamed(t *testing.T, doc any, typ, name string) map[string]any {
	t.Helper()
	for _, p := range at(doc, "document", "proposals").([]any) {
		m := p.(map[string]any)
		if m["type"] == typ && (m["name"] == name || m["relationshipType"] == name) {
			return m
		}
	}
	t.Fatalf("no %s proposal %q", typ, name)
	return nil
}

func TestDocumentsAreIngestedAndReviewedThroughGraphQL(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	in := map[string]any{"in": map[string]any{"text": kazanlak, "title": "Казанлък откри център за занаяти",
		"url": "https://example.org/kazanlak", "publishedAt": "2024-05-01"}}

	// Editors only, for ingesting and for reading the review.
	if r := gqlAs(t, ts.URL, "", ingestMutation, in); !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
		t.Errorf("anonymous ingest: %v", r.codes())
	}
	if r := gqlAs(t, ts.URL, tokens["reader"], ingestMutation, in); !slices.Equal(r.codes(), []string{"FORBIDDEN"}) {
		t.Errorf("a reader's ingest: %v", r.codes())
	}
	if r := gqlAs(t, ts.URL, "", `{ documents { totalCount } }`, nil); !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
		t.Errorf("anonymous documents: %v", r.codes())
	}
	before := neo4jtest.Stats(t, s)
	got := must(t, gqlAs(t, ts.URL, editor, ingestMutation, in))
	doc := at(got, "ingestDocument", "document").(map[string]any)
	id := doc["id"].(string)
	if at(got, "ingestDocument", "created") != true || id != "source:kazanlak-otkri-tsentar-za-zanayati" || doc["language"] != "bg" ||
		doc["title"] != "Казанлък откри център за занаяти" ||
		doc["format"] != "text" || doc["publishedAt"] != "2024-05-01" || doc["ingestedBy"] != "test-editor" {
		t.Fatalf("ingested: %v", got)
	}
	// Proposals are not facts: search does not find the proposed centre, and the graph gained
	// nothing, not even the document's source (public once a proposal is accepted).
	if r := must(t, gqlAs(t, ts.URL, "", `{ search(query: "Център за занаяти", kinds: [CENTRE]) { node { id } } }`, nil)); slices.Contains(ids(at(r, "search"), "node", "id"), "centre:tsentar-za-zanayati") {
		t.Errorf("search finds a proposal: %v", r)
	}
	if after := neo4jtest.Stats(t, s); after.ByKind["SOURCE"] != before.ByKind["SOURCE"] || after.ByKind["CENTRE"] != before.ByKind["CENTRE"] {
		t.Errorf("ingesting changed the graph: %v → %v", before, after)
	}
	// The same text again: nothing written, the same document.
	again := must(t, gqlAs(t, ts.URL, editor, ingestMutation, map[string]any{"in": map[string]any{"text": kazanlak}}))
	if at(again, "ingestDocument", "created") != false || at(again, "ingestDocument", "document", "id") != id {
		t.Errorf("again: %v", again)
	}

	reviewKazanlak(t, ts.URL, editor, id)
}

// reviewKazanlak reads the Kazanlak document's proposals, corrects, accepts and rejects some, then
// accepts the rest, checking the facts written.
func reviewKazanlak(t *testing.T, url, editor, id string) {
	t.Helper()
	review := must(t, gqlAs(t, url, editor, documentQuery, map[string]any{"id": id}))
	if at(review, "document", "text") != kazanlak || len(at(review, "document", "sentences").([]any)) != 2 ||
		at(review, "document", "sentences", 1, "start") != float64(89) {
		t.Errorf("the document: %v", at(review, "document", "sentences"))
	}
	// A known entity named: Stara Zagora's municipality of the seed, as a mention.
	mention := proposalNamed(t, review, "MENTION", "Община Стара Загора")
	if mention["entityId"] != "org:stara-zagora-municipality" || mention["sentenceStart"] != float64(89) {
		t.Errorf("the mention: %v", mention)
	}

	// Corrected and accepted: the organisation is written with the sentence as its evidence.
	municipality := proposalNamed(t, review, "ENTITY", "Община Казанлък")
	if spans := municipality["spans"].([]any); len(spans) != 4 || spans[0] != float64(0) || spans[2] != float64(125) {
		t.Errorf("the municipality is named at 0 and 125: %v", spans)
	}
	accepted := must(t, gqlAs(t, url, editor, `mutation($id: ID!) { acceptProposal(id: $id, edit: {names: {en: "Kazanlak Municipality"}}) { id status acceptedId reviewedBy } }`,
		map[string]any{"id": municipality["id"]}))
	if at(accepted, "acceptProposal", 0, "acceptedId") != "org:kazanlak-municipality" || at(accepted, "acceptProposal", 0, "status") != "ACCEPTED" {
		t.Errorf("accepted: %v", accepted)
	}
	org := must(t, gqlAs(t, url, "", `{ organisation(id: "org:kazanlak-municipality") { name(lang: BG) category sources { quote source { id } } } }`, nil))
	if at(org, "organisation", "name") != "Община Казанлък" || at(org, "organisation", "category") != "MUNICIPALITY" ||
		at(org, "organisation", "sources", 0, "source", "id") != id || !strings.HasPrefix(at(org, "organisation", "sources", 0, "quote").(string), "Община Казанлък и Министерството") {
		t.Errorf("the written organisation: %v", org)
	}
	if r := gqlAs(t, url, editor, `mutation($id: ID!) { acceptProposal(id: $id) { id } }`, map[string]any{"id": municipality["id"]}); !slices.Equal(r.codes(), []string{"CONFLICT"}) {
		t.Errorf("accepting twice: %v", r.codes())
	}
	ministry := proposalNamed(t, review, "ENTITY", "Министерство на културата")
	rejected := must(t, gqlAs(t, url, editor, `mutation($id: ID!) { rejectProposal(id: $id, reason: "out of scope") { status reason reviewedBy } }`,
		map[string]any{"id": ministry["id"]}))
	if at(rejected, "rejectProposal", "status") != "REJECTED" || at(rejected, "rejectProposal", "reason") != "out of scope" {
		t.Errorf("rejected: %v", rejected)
	}
	// The rest above 0.5; the centre's founding by the (edited) municipality among them.
	all := must(t, gqlAs(t, url, editor, `mutation($id: ID!) { acceptProposals(documentId: $id, minConfidence: 0.5) { id type status } }`, map[string]any{"id": id}))
	if n := len(at(all, "acceptProposals").([]any)); n < 4 {
		t.Errorf("accepted %d proposals: %v", n, all)
	}
	centre := must(t, gqlAs(t, url, "", `{ centre(id: "centre:tsentar-za-zanayati") { name(lang: BG) founders { organisation { id } year } } }`, nil))
	if at(centre, "centre", "founders", 0, "organisation", "id") != "org:kazanlak-municipality" || at(centre, "centre", "founders", 0, "year") != float64(2024) {
		t.Errorf("the centre: %v", centre)
	}
	// The centre's English name is romanised by a rule: marked derived, on the compiled path, through
	// the resolvers (sources is theirs) and in a list; the editor's English name of the municipality is not.
	for _, q := range []string{
		`{ centre(id: "centre:tsentar-za-zanayati") { names { en enDerived } } }`,
		`{ centre(id: "centre:tsentar-za-zanayati") { names { en enDerived } sources { quote } } }`,
	} {
		if r := must(t, gqlAs(t, url, "", q, nil)); at(r, "centre", "names", "enDerived") != true || at(r, "centre", "names", "en") != "Tsentar za Zanayati" {
			t.Errorf("%s: %v", q, r)
		}
	}
	if r := must(t, gqlAs(t, url, "", `{ organisation(id: "org:kazanlak-municipality") { founded { centre { names { enDerived } } } names { enDerived } } }`, nil)); at(r, "organisation", "names", "enDerived") != false ||
		at(r, "organisation", "founded", 0, "centre", "names", "enDerived") != true {
		t.Errorf("derived names: %v", r)
	}
	counts := must(t, gqlAs(t, url, editor, `{ documents { totalCount nodes { id counts { proposed accepted rejected } } } }`, nil))
	if at(counts, "documents", "totalCount") != float64(1) || at(counts, "documents", "nodes", 0, "counts", "rejected") != float64(1) {
		t.Errorf("documents: %v", counts)
	}
}

func TestIngestingRefusesBadInputClearly(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	page := "<html><head><title>Sofia hosts a forum</title></head><body><article><p>Sofia Municipality hosted a forum on urban mobility in Sofia, Bulgaria, with experts from Athens and Thessaloniki.</p><p>The forum was funded by the European Regional Development Fund and took place in the city centre over two days.</p></article></body></html>"
	for name, c := range map[string]struct {
		in    map[string]any
		field string
	}{
		"text and upload": {map[string]any{"text": "A.", "upload": map[string]any{"name": "a.txt", "base64": "QQ=="}}, "input"},
		"neither":         {map[string]any{"title": "T"}, "input"},
		"bad base64":      {map[string]any{"upload": map[string]any{"name": "a.txt", "base64": "%%%"}}, "input.upload.base64"},
		"a Word file":     {map[string]any{"upload": map[string]any{"name": "a.docx", "base64": "UEs="}}, "type"},
		"a bad date":      {map[string]any{"text": "A sentence.", "publishedAt": "1 May"}, "publishedAt"},
		"a bad URL":       {map[string]any{"text": "A sentence.", "url": "javascript:alert(1)"}, "url"},
		"a bad language":  {map[string]any{"text": "A sentence.", "language": "bulgarian"}, "language"},
	} {
		r := gqlAs(t, ts.URL, editor, ingestMutation, map[string]any{"in": c.in})
		if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) || len(r.Errors) != 1 || r.Errors[0].Extensions["field"] != c.field {
			t.Errorf("%s: %+v", name, r.Errors)
		}
	}
	// An HTML upload keeps the article's text and takes the page's title.
	r := must(t, gqlAs(t, ts.URL, editor, ingestMutation, map[string]any{"in": map[string]any{"upload": map[string]any{
		"name": "forum.html", "base64": base64.StdEncoding.EncodeToString([]byte(page))}}}))
	if at(r, "ingestDocument", "document", "format") != "html" || at(r, "ingestDocument", "document", "title") != "Sofia hosts a forum" ||
		at(r, "ingestDocument", "document", "language") != "en" {
		t.Errorf("an HTML upload: %v", r)
	}
	t.Cleanup(func() { neo4jtest.Seeded(t) })
}

func TestPostIngestTakesADocumentForEditors(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	post := func(token, contentType, query string, body []byte) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/ingest"+query, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	md := []byte("# Ruse joins the network\n\nRuse Municipality joined the Danube Cities Network in 2023.\n")
	if code, _ := post("", "text/markdown", "", md); code != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", code)
	}
	if code, _ := post(tokens["reader"], "text/markdown", "", md); code != http.StatusForbidden {
		t.Errorf("a reader: %d", code)
	}
	code, out := post(tokens["editor"], "text/markdown", "?url=https://example.org/ruse", md)
	if code != http.StatusCreated || at(out, "document", "title") != "Ruse joins the network" || at(out, "document", "format") != "markdown" ||
		at(out, "document", "id") != "source:ruse-joins-the-network" || at(out, "proposals", "total") == float64(0) {
		t.Errorf("an editor's Markdown: %d %v", code, out)
	}
	if code, out := post(tokens["editor"], "text/markdown", "", md); code != http.StatusOK || out["created"] != false {
		t.Errorf("again: %d %v", code, out)
	}
	for name, c := range map[string]struct {
		contentType string
		body        []byte
		status      int
	}{
		"an image":   {"image/png", []byte("\x89PNG\r\n"), http.StatusUnsupportedMediaType},
		"not UTF-8":  {"text/plain", []byte{0xff, 0xfe}, http.StatusBadRequest},
		"too large":  {"text/plain", bytes.Repeat([]byte("a "), 6<<20), http.StatusRequestEntityTooLarge},
		"empty text": {"text/plain", []byte("   "), http.StatusBadRequest},
	} {
		if code, out := post(tokens["editor"], c.contentType, "", c.body); code != c.status || at(out, "errors", 0, "extensions", "code") != "BAD_USER_INPUT" {
			t.Errorf("%s: %d %v", name, code, out)
		}
	}
}
