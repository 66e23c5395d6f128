package ingest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"urbangraph/internal/translit"
)

type seedGraph struct {
	Nodes []struct {
		ID      string
		Names   map[string]string
		Aliases []string
	}
	Relationships []struct{ From, Type, To string }
}

// The founding article ingested against the gazetteer alone (not the seed), compared with the seed:
// which of its entities and relationships the pipeline finds. The targets (entity recall
// ≥ 90 %, relationship recall ≥ 60 % at precision ≥ 80 %) are not met yet: the test holds the
// figures reached so far (24 of 32 entities; 23 of 50 relationships at 92 % precision), so that no change
// loses ground, and logs every miss (go test -v -run TestTheFoundingArticleAgainstTheSeed).
func TestTheFoundingArticleAgainstTheSeed(t *testing.T) {
	raw, err := os.ReadFile("../../data/sources/000_5f0a949ca0881f14.txt")
	if err != nil {
		t.Fatal(err)
	}
	var seed seedGraph
	b, _ := os.ReadFile("../../data/seed/article-000.json")
	if err := json.Unmarshal(b, &seed); err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{} // folded name -> seed ID
	for _, n := range seed.Nodes {
		for _, v := range n.Names {
			byName[translit.Fold(v)] = n.ID
			// An unnamed entity's descriptive name says so in brackets: "академичната общност
			// (неназована в източника)" is the academic community the text speaks of.
			if before, _, ok := strings.Cut(v, " ("); ok {
				byName[translit.Fold(before)] = n.ID
			}
		}
		for _, a := range n.Aliases {
			byName[translit.Fold(a)] = n.ID
		}
	}
	p := Propose(string(raw), NewLinker(graphNames(t, false)))
	// Every proposed or linked entity, as a seed ID where it is one.
	seedID := map[string]string{}
	found := map[string]bool{}
	for _, m := range p.Mentions {
		for _, c := range m.Candidates {
			seedID[c.ID] = c.ID
			found[c.ID] = true
		}
	}
	for _, e := range p.Entities {
		if id, ok := byName[translit.Fold(e.Name)]; ok {
			seedID[e.ID] = id
			found[id] = true
		} else {
			t.Logf("proposed entity not in the seed: %s %q", e.Kind, e.Name)
		}
	}
	entityHits := 0
	for _, n := range seed.Nodes {
		if found[n.ID] {
			entityHits++
		} else {
			t.Logf("entity missed: %s", n.ID)
		}
	}
	want := map[string]bool{}
	for _, r := range seed.Relationships {
		want[r.From+" "+r.Type+" "+r.To] = true
	}
	right, wrong := 0, 0
	for _, r := range p.Relations {
		key := seedID[r.From] + " " + string(r.Type) + " " + seedID[r.To]
		if want[key] {
			right++
			delete(want, key)
		} else {
			wrong++
			t.Logf("wrong relationship: %s %s %s (%s)", r.From, r.Type, r.To, r.Rule)
		}
	}
	for k := range want {
		t.Logf("relationship missed: %s", k)
	}
	recall := float64(entityHits) / float64(len(seed.Nodes))
	relRecall := float64(right) / float64(len(seed.Relationships))
	precision := float64(right) / float64(max(right+wrong, 1))
	t.Logf("entities %d/%d (%.0f %%); relationships %d/%d recall %.0f %%, precision %.0f %%",
		entityHits, len(seed.Nodes), 100*recall, right, len(seed.Relationships), 100*relRecall, 100*precision)
	if entityHits < 24 || right < 23 || precision < 0.9 {
		t.Errorf("below the figures reached so far: entities %d, relationships %d, precision %.2f", entityHits, right, precision)
	}
}
