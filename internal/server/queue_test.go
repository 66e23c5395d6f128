package server_test

import (
	"slices"
	"testing"

	"urbangraph/internal/neo4jtest"
)

const queueQuery = `query($kinds: [Kind!], $types: [String!], $min: Float, $max: Float, $doc: ID, $first: Int, $after: String, $status: ProposalStatus) {
  proposals(kinds: $kinds, types: $types, minConfidence: $min, maxConfidence: $max, documentId: $doc, first: $first, after: $after, status: $status) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id documentId type kind relationshipType confidence status reason } } }`

// queue asks for the review queue as an editor.
func queue(t *testing.T, url string, vars map[string]any) map[string]any {
	t.Helper()
	return must(t, gqlAs(t, url, tokens["editor"], queueQuery, vars))["proposals"].(map[string]any)
}

// The review queue across documents: filtered by kind, relationship type, confidence and document,
// paged; accepted and rejected by the same filter, with a dry run that writes nothing.
func TestTheReviewQueueAcrossDocuments(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	var docs []string
	for _, text := range []string{kazanlak, "Община Габрово откри Център за зелени технологии. Центърът е създаден от Община Габрово през 2025 г."} {
		r := must(t, gqlAs(t, ts.URL, editor, ingestMutation, map[string]any{"in": map[string]any{"text": text}}))
		docs = append(docs, at(r, "ingestDocument", "document", "id").(string))
	}
	if r := gqlAs(t, ts.URL, tokens["reader"], queueQuery, nil); !slices.Equal(r.codes(), []string{"FORBIDDEN"}) {
		t.Errorf("a reader's queue: %v", r.codes())
	}

	// Centres of both documents, and nothing else; paged.
	centres := queue(t, ts.URL, map[string]any{"kinds": []string{"CENTRE"}})
	seen := map[string]bool{}
	for _, p := range centres["nodes"].([]any) {
		seen[at(p, "documentId").(string)] = true
		if at(p, "kind") != "CENTRE" || at(p, "status") != "PROPOSED" {
			t.Errorf("a centre's queue holds %v", p)
		}
	}
	if len(seen) != 2 || centres["totalCount"].(float64) < 2 {
		t.Fatalf("centres of both documents: %v", centres)
	}
	page1 := queue(t, ts.URL, map[string]any{"kinds": []string{"CENTRE"}, "first": 1})
	page2 := queue(t, ts.URL, map[string]any{"kinds": []string{"CENTRE"}, "first": 1, "after": at(page1, "pageInfo", "endCursor")})
	if at(page1, "pageInfo", "hasNextPage") != true || at(page1, "nodes", 0, "id") == at(page2, "nodes", 0, "id") {
		t.Errorf("paging: %v then %v", page1, page2)
	}
	// FOUNDED at 0.7 or more, one document's.
	founded := queue(t, ts.URL, map[string]any{"types": []string{"FOUNDED"}, "min": 0.7, "doc": docs[1]})
	for _, p := range founded["nodes"].([]any) {
		if at(p, "relationshipType") != "FOUNDED" || at(p, "confidence").(float64) < 0.7 || at(p, "documentId") != docs[1] {
			t.Errorf("FOUNDED ≥ 0.7 of %s holds %v", docs[1], p)
		}
	}
	if founded["totalCount"] == float64(0) {
		t.Errorf("no FOUNDED proposal in %s", docs[1])
	}
	if r := gqlAs(t, ts.URL, editor, queueQuery, map[string]any{"types": []string{"LIKES"}}); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("an unknown type: %v", r.codes())
	}

	// Accepting every organisation of the queue: a dry run first, which writes nothing.
	accept := `mutation($dry: Boolean) { acceptProposals(kinds: [ORGANISATION], dryRun: $dry) { id documentId status } }`
	dry := must(t, gqlAs(t, ts.URL, editor, accept, map[string]any{"dry": true}))["acceptProposals"].([]any)
	if len(dry) < 3 || at(dry, 0, "status") != "PROPOSED" {
		t.Fatalf("dry run: %v", dry)
	}
	if left := queue(t, ts.URL, map[string]any{"kinds": []string{"ORGANISATION"}}); left["totalCount"].(float64) < float64(len(dry)) {
		t.Errorf("a dry run accepted: %v", left)
	}
	done := must(t, gqlAs(t, ts.URL, editor, accept, nil))["acceptProposals"].([]any)
	if len(done) != len(dry) || at(done, 0, "status") != "ACCEPTED" {
		t.Errorf("accepted %d, the dry run said %d: %v", len(done), len(dry), done)
	}
	if left := queue(t, ts.URL, map[string]any{"kinds": []string{"ORGANISATION"}}); left["totalCount"].(float64) != 0 {
		t.Errorf("organisations left in the queue: %v", left)
	}
	if acc := queue(t, ts.URL, map[string]any{"kinds": []string{"ORGANISATION"}, "status": "ACCEPTED"}); acc["totalCount"] != float64(len(done)) {
		t.Errorf("accepted in the queue: %v", acc)
	}

	// Rejecting takes a filter; the reason is kept.
	reject := `mutation($max: Float, $dry: Boolean) { rejectProposals(maxConfidence: $max, reason: "too unsure", dryRun: $dry) { id status reason confidence } }`
	if r := gqlAs(t, ts.URL, editor, `mutation { rejectProposals { id } }`, nil); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("rejecting without a filter: %v", r.codes())
	}
	unsure := queue(t, ts.URL, map[string]any{"max": 0.7})["totalCount"].(float64)
	rejected := must(t, gqlAs(t, ts.URL, editor, reject, map[string]any{"max": 0.7}))["rejectProposals"].([]any)
	if float64(len(rejected)) != unsure || unsure == 0 {
		t.Fatalf("rejected %d of %v", len(rejected), unsure)
	}
	for _, p := range rejected {
		if at(p, "status") != "REJECTED" || at(p, "reason") != "too unsure" || at(p, "confidence").(float64) > 0.7 {
			t.Errorf("rejected: %v", p)
		}
	}
	if left := queue(t, ts.URL, map[string]any{"max": 0.7}); left["totalCount"] != float64(0) {
		t.Errorf("unsure proposals left: %v", left)
	}
}
