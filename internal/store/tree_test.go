package store

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// A tree's query and the nodes read from its lists agree on the position of every value.
func TestTreeListsBecomeMaps(t *testing.T) {
	tree := Tree{Props: []string{"name_en", "id", "aliases"}, Branches: []Branch{
		{Rel: Rel{Type: "LOCATED_IN", Dir: In, Target: Organisation}, Tree: Tree{Props: []string{"category"}}},
		{Rel: Rel{Type: "LOCATED_IN", Dir: Out, Target: Country}, One: true},
	}}
	q, _, err := treeQuery(City, tree)
	if err != nil {
		t.Fatal(err)
	}
	want := "[n.id, n.`name_en`, n.`aliases`, COLLECT { MATCH (n)<-[:`LOCATED_IN`]-(m1:`Organisation`) WITH m1 ORDER BY m1.name_en, m1.id RETURN [m1.id, m1.`category`] }, " +
		"COLLECT { MATCH (n)-[:`LOCATED_IN`]->(m2:`Country`) WITH m2 ORDER BY m2.name_en, m2.id LIMIT 1 RETURN [m2.id] }]"
	if q != want {
		t.Fatalf("query\n%s\nwant\n%s", q, want)
	}
	n, err := treeNode([]any{"city:a", "A", []any{"x"}, []any{[]any{"org:b", "COMPANY"}}, []any{}}, City, &tree)
	if err != nil {
		t.Fatal(err)
	}
	if n.ID != "city:a" || n.Kind != City || n.Name("bg") != "A" || !reflect.DeepEqual(n.Aliases(), []string{"x"}) || n.String("category") != "" {
		t.Fatalf("got %+v: name %q aliases %v", n, n.Name("bg"), n.Aliases())
	}
	if n.BranchLen(0) != 1 || n.BranchLen(1) != 0 || n.BranchLen(2) != 0 {
		t.Fatalf("branches: %d, %d", n.BranchLen(0), n.BranchLen(1))
	}
	org, err := n.BranchNode(0, 0)
	if err != nil || org.ID != "org:b" || org.Kind != Organisation || org.String("category") != "COMPANY" || org.Name("en") != "" {
		t.Fatalf("branch node %+v, %v", org, err)
	}
	if _, err := n.BranchNode(0, 1); err == nil {
		t.Error("a branch node past the end")
	}
	for _, bad := range []any{"city:a", []any{"city:a", "A"}, []any{"city:a", "A", nil, []any{}, []any{}, "extra"}, []any{"", "A", nil, []any{}, []any{}}} {
		if _, err := treeNode(bad, City, &tree); err == nil || !strings.Contains(err.Error(), "tree entity") {
			t.Errorf("treeNode(%v) = %v, want an error", bad, err)
		}
	}
	if _, _, err := treeQuery(City, Tree{Props: []string{"name`) DETACH DELETE n //"}}); err == nil {
		t.Error("a property name that is not one reached the query")
	}
}

// A branch's evidence comes back with each relationship: its sources' IDs, its quotes, the sources
// found; a link pairs them as the resolvers do (in order, a source found and with its quote).
func TestABranchReadsItsRelationshipsEvidence(t *testing.T) {
	tree := Tree{Branches: []Branch{{Rel: Rel{Type: "FOUNDED", Dir: Out, Target: Centre}, EdgeProps: []string{"year"},
		Evidence: &Tree{Props: []string{"language"}}}}}
	q, _, err := treeQuery(Organisation, tree)
	if err != nil {
		t.Fatal(err)
	}
	want := "[n.id, COLLECT { MATCH (n)-[r1:`FOUNDED`]->(m1:`Centre`) WITH m1, r1 ORDER BY m1.name_en, m1.id RETURN [[m1.id], r1.`year`, " +
		"r1.sources, r1.quotes, COLLECT { UNWIND coalesce(r1.sources, []) AS s2id MATCH (s2:Entity {id: s2id}) RETURN [s2.id, s2.`language`] }] }]"
	if q != want {
		t.Fatalf("query\n%s\nwant\n%s", q, want)
	}
	rel := []any{[]any{"centre:c"}, int64(2020), []any{"source:a", "source:gone", "source:b", "source:c"}, []any{"qa", "q-gone", "qb"},
		[]any{[]any{"source:b", "en"}, []any{"source:a", "bg"}, []any{"source:c", "el"}}}
	n, err := treeNode([]any{"org:o", []any{rel}}, Organisation, &tree)
	if err != nil {
		t.Fatal(err)
	}
	l, err := n.BranchEdge(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range l.Quotes {
		got = append(got, q.Source.ID+" "+q.Source.String("language")+" "+q.Quote)
	}
	// source:gone was not found; source:c has no quote.
	if l.Node.ID != "centre:c" || l.Props["year"] != int64(2020) || !reflect.DeepEqual(got, []string{"source:a bg qa", "source:b en qb"}) {
		t.Errorf("the link %+v, its evidence %v", l, got)
	}
	if _, _, err := treeQuery(Organisation, Tree{Branches: []Branch{{Rel: Rel{Type: "FOUNDED", Dir: Out, Target: Centre}, Evidence: &Tree{}}}}); err == nil {
		t.Error("evidence without EdgeProps (no relationship variable) was accepted")
	}
}

// An entity's history comes back in its list, after its location and sources: a page of its change
// records, the page's bounds as parameters of the query.
func TestATreeReadsAPageOfHistory(t *testing.T) {
	tree := Tree{Props: []string{"name_en"}, Location: true, Sources: &Tree{}, History: &HistoryPage{First: 2, Before: 9}}
	q, params, err := treeQuery(City, tree)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q, "COLLECT { CALL (n) {") || !strings.Contains(q, "c.entity = n.id AND c.seq < $seq3") ||
		!strings.HasSuffix(q, "RETURN c {.*} AS c ORDER BY c.seq DESC LIMIT $first3 }]") {
		t.Errorf("query %s", q)
	}
	if !reflect.DeepEqual(params, map[string]any{"seq3": int64(9), "first3": 2}) {
		t.Errorf("params %v", params)
	}
	at := time.Date(2026, 12, 7, 1, 2, 3, 0, time.UTC)
	n, err := treeNode([]any{"city:a", "A", []any{42.0, 25.0, "city:a"}, []any{}, []any{
		map[string]any{"seq": int64(8), "at": at, "actor": "editor", "op": "UPDATE", "entity": "city:a", "fields": `{"name_en":["B","A"]}`}}}, City, &tree)
	if err != nil {
		t.Fatal(err)
	}
	h := n.TreeHistory()
	if len(h) != 1 || h[0].Seq != 8 || !h[0].At.Equal(at) || h[0].Op != "UPDATE" || h[0].Fields["name_en"] != [2]any{"B", "A"} {
		t.Errorf("history %+v", h)
	}
	if l, ok := n.TreeLocation(); !ok || l.Latitude != 42 {
		t.Errorf("location %+v beside history", l)
	}
	if ms, err := n.TreeSources(); err != nil || len(ms) != 0 {
		t.Errorf("sources %v, %v", ms, err)
	}
}
