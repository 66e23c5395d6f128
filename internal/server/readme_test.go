package server_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
)

// Every ```graphql block of the README followed by a ```json block is a query and its real answer,
// from the seed and the gazetteer as `make run` serves them.
func TestREADMEExamplesAnswerWhatTheREADMESays(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(raw), "```")
	ts := newServer(t, neo4jtest.WithReference(t))
	checked := 0
	for i := 1; i+2 < len(blocks); i += 2 {
		if !strings.HasPrefix(blocks[i], "graphql\n") || !strings.HasPrefix(blocks[i+2], "json\n") {
			continue
		}
		query := strings.TrimPrefix(blocks[i], "graphql\n")
		var want map[string]any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(blocks[i+2], "json\n")), &want); err != nil {
			t.Fatalf("README answer after %q is not JSON: %v", query, err)
		}
		r := gql(t, ts.URL, query, nil)
		got := map[string]any{"data": r.Data}
		if len(r.Errors) > 0 || !reflect.DeepEqual(got, want) {
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			t.Errorf("README query\n%s\nanswers\n%s\nerrors %+v", query, gotJSON, r.Errors)
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("found %d example queries with answers in the README, want at least 3", checked)
	}
}
