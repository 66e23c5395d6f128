package server_test

import (
	"slices"
	"testing"
	"time"

	"urbangraph/internal/neo4jtest"
)

// Writes through the API leave their history: an entity's newest first, a relationship's, and the
// feed oldest first, resumable from any seq seen.
func TestHistoryAndTheFeedShowEveryWrite(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	t0 := time.Now().UTC().Format(time.RFC3339Nano)
	must(t, gqlAs(t, ts.URL, editor, upsertCity, varna("Varna has 330,000 inhabitants.")))
	t1 := time.Now().UTC().Format(time.RFC3339Nano)
	more := varna("Varna has 336,000 inhabitants.")
	more["in"].(map[string]any)["properties"] = map[string]any{"population": 336000}
	more["in"].(map[string]any)["id"] = "city:varna"
	must(t, gqlAs(t, ts.URL, editor, upsertCity, more))
	must(t, gqlAs(t, ts.URL, editor, `mutation { link(from: "city:varna", type: "LOCATED_IN", to: "country:greece",
	  source: {id: "source:black-sea-cities-report"}, quote: "Varna is in Greece.") { id } }`, nil))
	t2 := time.Now().UTC().Format(time.RFC3339Nano)
	// A relationship's own history.
	nb := must(t, gql(t, ts.URL, `{ neighbourhood(id: "city:varna") { edges { type target history { operation actor } } } }`, nil))
	if e := at(nb, "neighbourhood", "edges", 0); at(e, "target") != "country:greece" || at(e, "history", 0, "operation") != "CREATE_RELATIONSHIP" ||
		len(at(e, "history").([]any)) != 1 {
		t.Errorf("the relationship's history: %v", nb)
	}
	must(t, gqlAs(t, ts.URL, editor, `mutation { unlink(from: "city:varna", type: "LOCATED_IN", to: "country:greece") }`, nil))

	h := must(t, gql(t, ts.URL, `{ city(id: "city:varna") { history { seq operation actor from to fields { name before after } } } }`, nil))
	list := at(h, "city", "history").([]any)
	ops := make([]string, len(list))
	for i, c := range list {
		ops[i] = at(c, "operation").(string)
	}
	if !slices.Equal(ops, []string{"DELETE_RELATIONSHIP", "CREATE_RELATIONSHIP", "UPDATE", "CREATE"}) {
		t.Fatalf("Varna's history, newest first: %v", ops)
	}
	update := list[2]
	if at(update, "actor") != "test-editor" || at(update, "fields", 0, "name") != "population" ||
		at(update, "fields", 0, "before") != float64(330000) || at(update, "fields", 0, "after") != float64(336000) {
		t.Errorf("the update: %v", update)
	}
	if at(list[0], "from") != "city:varna" || at(list[0], "to") != "country:greece" {
		t.Errorf("the unlink: %v", list[0])
	}
	// One page at a time: after the seq of the last change seen.
	page := must(t, gql(t, ts.URL, `query($after: Int) { city(id: "city:varna") { history(first: 2, after: $after) { operation } } }`,
		map[string]any{"after": at(list[1], "seq")}))
	if ids(at(page, "city", "history"), "operation")[0] != "CREATE" || len(at(page, "city", "history").([]any)) != 2 {
		t.Errorf("the second page: %v", page)
	}

	// The feed: oldest first; from the first change's seq on, the rest.
	feed := must(t, gql(t, ts.URL, `{ changes(ids: ["city:varna"]) { seq operation } }`, nil))
	all := at(feed, "changes").([]any)
	if len(all) != 4 || at(all, 0, "operation") != "CREATE" || at(all, 3, "operation") != "DELETE_RELATIONSHIP" {
		t.Fatalf("the feed: %v", all)
	}
	rest := must(t, gql(t, ts.URL, `query($after: Int) { changes(after: $after, ids: ["city:varna"]) { seq } }`, map[string]any{"after": at(all, 0, "seq")}))
	if len(at(rest, "changes").([]any)) != 3 || at(rest, "changes", 0, "seq") != at(all, 1, "seq") {
		t.Errorf("resuming after %v: %v", at(all, 0, "seq"), rest)
	}
	if r := gql(t, ts.URL, `{ changes(after: -1) { seq } }`, nil); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("after -1: %v", r.codes())
	}
	if r := gql(t, ts.URL, `{ city(id: "city:varna") { history(first: 1000) { seq } } }`, nil); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("first 1000: %v", r.codes())
	}
	checkAsOf(t, ts.URL, t0, t1, t2)
	// Histories of many entities are priced by what they may return.
	if r := gql(t, ts.URL, `{ cities(first: 100) { nodes { history(first: 100) { seq } } } }`, nil); !slices.Equal(r.codes(), []string{"COMPLEXITY_LIMIT_EXCEEDED"}) {
		t.Errorf("a hundred histories of a hundred: %v", r.codes())
	}
}

// checkAsOf asks for Varna as it was: before it existed (t0), after its creation (t1), before the
// unlink (t2), and at t2 again after deleting it.
func checkAsOf(t *testing.T, url, t0, t1, t2 string) {
	t.Helper()
	// As it was: before it existed, after its creation, before the unlink; and after a delete.
	asOf := `query($at: String) { entity(id: "city:varna", asOf: $at) { properties relationships { type target } } }`
	if r := gql(t, url, asOf, map[string]any{"at": t0}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("Varna before it was created: %v %v", r.codes(), r.Data)
	}
	then := must(t, gql(t, url, asOf, map[string]any{"at": t1}))
	if at(then, "entity", "properties", "population") != float64(330000) || len(at(then, "entity", "relationships").([]any)) != 0 {
		t.Errorf("Varna at t1: %v", then)
	}
	must(t, gqlAs(t, url, tokens["admin"], `mutation { delete(id: "city:varna", cascade: true) { deleted } }`, nil))
	later := must(t, gql(t, url, asOf, map[string]any{"at": t2}))
	if at(later, "entity", "properties", "population") != float64(336000) || at(later, "entity", "properties", "name_bg") != "Варна" ||
		at(later, "entity", "relationships", 0, "target") != "country:greece" {
		t.Errorf("Varna at t2, after its deletion: %v", later)
	}
	if r := gql(t, url, asOf, map[string]any{"at": "yesterday"}); !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("asOf yesterday: %v", r.codes())
	}
}
