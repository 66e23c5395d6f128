package server_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"urbangraph/internal/metrics"
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

// Each example query takes the read path docs/architecture.md's table says: compiled unless the
// table names it, with its reason (urbangraph_compiled_reads_total{path}).
func TestTheExamplesTakeTheReadPathsTheArchitectureSays(t *testing.T) {
	arch, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(arch), "<!-- read paths")
	table, _, _ = strings.Cut(table, "<!-- end: read paths -->")
	want := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) > 3 && strings.TrimSpace(cells[2]) != "path" && !strings.HasPrefix(strings.TrimSpace(cells[2]), "---") {
			want[strings.TrimSpace(cells[1])] = strings.TrimSpace(cells[2])
		}
	}
	if len(want) == 0 {
		t.Fatal("docs/architecture.md has no table of read paths")
	}
	ts := newServer(t, neo4jtest.WithReference(t))
	seen := 0
	for _, f := range exampleFiles {
		raw, err := os.ReadFile("../../" + f)
		if err != nil {
			t.Fatal(err)
		}
		blocks := strings.Split(string(raw), "```")
		for i := 1; i < len(blocks); i += 2 {
			if !strings.HasPrefix(blocks[i], "graphql\n") {
				continue
			}
			query := strings.TrimPrefix(blocks[i], "graphql\n")
			name := strings.Fields(strings.TrimPrefix(strings.TrimSpace(query), "query"))[0]
			path, listed := want[name]
			if !listed {
				t.Errorf("%s (%s) is not in docs/architecture.md's table of read paths", name, f)
				continue
			}
			before := testutil.ToFloat64(metrics.CompiledReads.WithLabelValues(path))
			gql(t, ts.URL, query, nil)
			if testutil.ToFloat64(metrics.CompiledReads.WithLabelValues(path))-before != 1 {
				t.Errorf("%s (%s) did not take the %s path", name, f, path)
			}
			seen++
		}
	}
	if seen != len(want) {
		t.Errorf("the table lists %d examples, %d of them are examples", len(want), seen)
	}
}
