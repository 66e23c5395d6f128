package server_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
)

// exampleFiles are the pages whose example queries are run here and open as the Playground's tabs
// (web/examples.mjs reads the same list), in order.
var exampleFiles = []string{"README.md", "docs/examples.md", "docs/geography.md"}

// Every ```graphql block of the README and the example pages followed by a ```json block is a query
// and its real answer, from the seed and the gazetteer as `make run` serves them.
func TestREADMEExamplesAnswerWhatTheREADMESays(t *testing.T) {
	var pages []string
	for _, f := range exampleFiles {
		raw, err := os.ReadFile("../../" + f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(raw))
	}
	blocks := strings.Split(strings.Join(pages, "\n\n"), "```")
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
	if checked < 7 {
		t.Errorf("found %d example queries with answers in %v, want at least 7", checked, exampleFiles)
	}
}
