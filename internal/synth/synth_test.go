package synth

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"urbangraph/internal/importer"
)

func TestTheSameSeedGivesTheSameGraph(t *testing.T) {
	var a, b, c bytes.Buffer
	ca, err := Generate(&a, 5000, 1)
	if err != nil {
		t.Fatal(err)
	}
	Generate(&b, 5000, 1)
	Generate(&c, 5000, 2)
	if a.String() != b.String() || a.String() == c.String() {
		t.Error("generation is not deterministic in its seed")
	}
	if e := ca.Elements(); e < 4000 || e > 6500 {
		t.Errorf("scale 5000 gave %d elements", e)
	}
}

// The synthetic graph obeys every rule of the model: it imports with nothing rejected.
func TestTheSyntheticGraphIsValid(t *testing.T) {
	var buf bytes.Buffer
	counts, err := Generate(&buf, 20000, 7)
	if err != nil {
		t.Fatal(err)
	}
	p := t.TempDir() + "/graph.jsonl"
	if err := writeFile(p, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	plan, err := importer.Preview([]string{p}, importer.Lookups{})
	if err != nil || len(plan.Rejected) > 0 {
		t.Fatalf("%v %v", err, plan.Rejected[:min(5, len(plan.Rejected))])
	}
	mentions := 0
	for _, n := range plan.Nodes {
		mentions += len(n.Evidence)
	}
	if got := len(plan.Nodes) + len(plan.Rels) + mentions; got != counts.Elements() {
		t.Errorf("the plan has %d elements, Generate counted %d", got, counts.Elements())
	}
	if !strings.Contains(buf.String(), `"synthetic":true`) {
		t.Error("the source is not marked synthetic")
	}
	// Skew: the busiest city hosts far more organisations than the median one.
	perCity := map[string]int{}
	for _, r := range plan.Rels {
		if r.Type == "LOCATED_IN" && strings.HasPrefix(r.From, "org:") {
			perCity[r.To]++
		}
	}
	most := 0
	for _, n := range perCity {
		most = max(most, n)
	}
	if most < 10*len(plan.Rels)/len(plan.Nodes)/len(perCity)+20 {
		t.Errorf("no hub city: the busiest has %d organisations", most)
	}
}

func writeFile(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }
