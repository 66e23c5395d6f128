package store

import (
	"reflect"
	"strings"
	"testing"
)

// A tree's query and its decoding agree on the positions of every value.
func TestTreeListsBecomeMaps(t *testing.T) {
	tree := Tree{Props: []string{"name_en", "id", "aliases"}, Branches: []Branch{
		{Rel: Rel{Type: "LOCATED_IN", Dir: In, Target: Organisation}, Tree: Tree{Props: []string{"category"}}},
		{Rel: Rel{Type: "LOCATED_IN", Dir: Out, Target: Country}, One: true},
	}}
	q, err := TreeQuery(City, tree)
	if err != nil {
		t.Fatal(err)
	}
	want := "[n.id, n.`name_en`, n.`aliases`, COLLECT { MATCH (n)<-[:`LOCATED_IN`]-(m1:`Organisation`) WITH m1 ORDER BY m1.name_en, m1.id RETURN [m1.id, m1.`category`] }, " +
		"COLLECT { MATCH (n)-[:`LOCATED_IN`]->(m2:`Country`) WITH m2 ORDER BY m2.name_en, m2.id LIMIT 1 RETURN [m2.id] }]"
	if q != want {
		t.Fatalf("query\n%s\nwant\n%s", q, want)
	}
	got, err := treeMap([]any{"city:a", "A", []any{"x"}, []any{[]any{"org:b", "COMPANY"}}, []any{}}, City, tree)
	if err != nil {
		t.Fatal(err)
	}
	wantMap := map[string]any{"id": "city:a", "kind": "CITY", "name_en": "A", "aliases": []any{"x"},
		"_b0": []any{map[string]any{"id": "org:b", "kind": "ORGANISATION", "category": "COMPANY"}}, "_b1": []any{}}
	if !reflect.DeepEqual(got, wantMap) {
		t.Fatalf("got %v\nwant %v", got, wantMap)
	}
	for _, bad := range []any{"city:a", []any{"city:a", "A"}, []any{"city:a", "A", nil, []any{}, []any{}, "extra"}} {
		if _, err := treeMap(bad, City, tree); err == nil || !strings.Contains(err.Error(), "tree entity") {
			t.Errorf("treeMap(%v) = %v, want an error", bad, err)
		}
	}
	if _, err := TreeQuery(City, Tree{Props: []string{"name`) DETACH DELETE n //"}}); err == nil {
		t.Error("a property name that is not one reached the query")
	}
}
