package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"urbangraph/internal/auth"
	"urbangraph/internal/feed"
	"urbangraph/internal/metrics"
	"urbangraph/internal/neo4jtest"
)

// Writes through the API leave their history: an entity's newest first, a relationship's, and the
// feed oldest first, resumable from any seq seen.
func TestHistoryAndTheFeedShowEveryWrite(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts, resolvers := newAuthServers(t, s, false)
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

	// As an editor, who sees who wrote what (readers see "editor": TestReadersSeeWhatWroteAFactNotWho).
	h := must(t, gqlAs(t, ts.URL, editor, `{ city(id: "city:varna") { history { seq operation actor from to fields { name before after } } } }`, nil))
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
	// Compiled reads answer history as the resolvers do, to an editor and to an anonymous reader
	// (who sees what wrote, not who), nested and paged.
	for _, token := range []string{editor, ""} {
		for q, path := range map[string]string{
			`{ city(id: "city:varna") { history { __typename seq at actor operation entityId from type to fields { __typename name before after } }
			  country { id } } a: city(id: "city:varna") { history(first: 1, after: 3) { seq } } }`: "compiled",
			`{ city(id: "city:varna") { history(first: 1) { seq } h: history(first: 2) { seq } } }`: "resolvers", // two pages of one log
		} {
			before := testutil.ToFloat64(metrics.CompiledReads.WithLabelValues(path))
			got, want := gqlAs(t, ts.URL, token, q, nil), gqlAs(t, resolvers.URL, token, q, nil)
			if testutil.ToFloat64(metrics.CompiledReads.WithLabelValues(path))-before != 1 {
				t.Errorf("%s did not take the %s path (token %q)", q, path, token)
			}
			if g, w := fmt.Sprint(got.Data, got.Errors), fmt.Sprint(want.Data, want.Errors); g != w || len(got.Errors) > 0 {
				t.Errorf("history as %q: compiled %s, resolvers %s", token, g, w)
			}
		}
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

// Deleting a source with cascade deletes the entities it alone stated, and with them relationships
// other sources state: each has its record in the log, the entity at the other end shows it in
// its history and as it was before, and the delete counts it.
func TestACascadeDeleteLogsEveryRelationshipItTakes(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts := newAuthServer(t, s, false)
	editor := tokens["editor"]
	entity := func(mutation, id, name, source string, props map[string]any) {
		must(t, gqlAs(t, ts.URL, editor, `mutation($in: EntityInput!) { `+mutation+`(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"id": id, "names": map[string]any{"en": name}, "properties": props,
			"evidence": []any{map[string]any{"source": map[string]any{"title": source}, "quote": name + " is named in " + source + ".", "properties": slices.Collect(maps.Keys(props))}},
		}}))
	}
	entity("upsertOrganisation", "org:x", "X Agency", "Source A", map[string]any{"category": "OTHER"})
	entity("upsertCentre", "centre:y", "Y Centre", "Source B", nil)
	must(t, gqlAs(t, ts.URL, editor, `mutation { link(from: "org:x", type: "FOUNDED", to: "centre:y",
	  source: {id: "source:source-b"}, quote: "X Agency founded Y Centre.") { id } }`, nil))
	before := time.Now().UTC().Format(time.RFC3339Nano)

	d := must(t, gqlAs(t, ts.URL, tokens["admin"], `mutation { delete(id: "source:source-a", cascade: true) { deleted relationshipsRemoved { type count } } }`, nil))
	if got, _ := at(d, "delete", "deleted").([]any); !slices.Contains(got, any("org:x")) {
		t.Errorf("deleted: %v", got)
	}
	counted := false
	for _, c := range at(d, "delete", "relationshipsRemoved").([]any) {
		counted = counted || at(c, "type") == "FOUNDED" && at(c, "count") == float64(1)
	}
	if !counted {
		t.Errorf("the FOUNDED relationship is not counted: %v", at(d, "delete", "relationshipsRemoved"))
	}
	feed := must(t, gql(t, ts.URL, `{ changes(ids: ["centre:y"]) { operation from type to } }`, nil))
	last := at(feed, "changes", len(at(feed, "changes").([]any))-1)
	if at(last, "operation") != "DELETE_RELATIONSHIP" || at(last, "from") != "org:x" || at(last, "type") != "FOUNDED" {
		t.Errorf("centre:y's changes end with %v", last)
	}
	was := must(t, gql(t, ts.URL, `query($at: String) { entity(id: "centre:y", asOf: $at) { relationships { type source } } }`, map[string]any{"at": before}))
	if at(was, "entity", "relationships", 0, "type") != "FOUNDED" || at(was, "entity", "relationships", 0, "source") != "org:x" {
		t.Errorf("centre:y before the delete: %v", was)
	}
	now := must(t, gql(t, ts.URL, `{ centre(id: "centre:y") { founders { organisation { id } } } }`, nil))
	if len(at(now, "centre", "founders").([]any)) != 0 {
		t.Errorf("centre:y after: %v", now)
	}
}

// An HTTP import records each entity it writes: a subscriber filtered by the entity's ID receives
// the change, and the entity as it was before the import keeps its old value.
func TestAnHTTPImportHasItsRecordsPerEntity(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ts, token := newFeedServerAs(t, s, feed.Limits{}, nil, auth.Admin)
	set := must(t, gqlAs(t, ts.URL, token, upsertCity, varna("Varna has 330,000 inhabitants.")))
	t0 := time.Now().UTC()
	seq := at(must(t, gql(t, ts.URL, `{ city(id: "city:varna") { history(first: 1) { seq } } }`, nil)), "city", "history", 0, "seq")
	c := connect(t, ts.URL, "", token)
	c.send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": varnaChanges, "variables": map[string]any{"after": seq}}})
	time.Sleep(1100 * time.Millisecond) // the import comes more than a second after t0 (ordering, not timing)

	source := at(set, "upsertCity", "sources", 0, "source", "id").(string)
	body := `{"id": "city:varna", "kind": "CITY", "names": {"en": "Varna"}, "properties": {"population": 336000}, ` +
		`"evidence": [{"source": "` + source + `", "quote": "Varna has 336,000 inhabitants.", "properties": ["population"]}]}` + "\n"
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/import", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var sum map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&sum)
	if resp.StatusCode != http.StatusOK || at(sum, "nodes", "updated") != float64(1) {
		t.Fatalf("import: %s %v", resp.Status, sum)
	}
	got := c.next()
	if at(got, "payload", "data", "changes", "entityId") != "city:varna" || at(got, "payload", "data", "changes", "operation") != "UPDATE" {
		t.Errorf("the subscriber filtered by city:varna received %v", got)
	}
	was := must(t, gql(t, ts.URL, `query($at: String) { entity(id: "city:varna", asOf: $at) { properties } }`,
		map[string]any{"at": t0.Add(time.Second).Format(time.RFC3339Nano)}))
	if at(was, "entity", "properties", "population") != float64(330000) {
		t.Errorf("Varna a second after t0: %v", was)
	}
	if now := must(t, gql(t, ts.URL, `{ entity(id: "city:varna") { properties } }`, nil)); at(now, "entity", "properties", "population") != float64(336000) {
		t.Errorf("Varna now: %v", now)
	}
}
