package ingest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/translit"
)

// expected is what a test document states: its entities (with every name they may be given) and
// relationships (with the sentence that states each), in the seed's format: data/seed/ for the
// founding article, testdata/*.json for the documents written for these tests.
type expected struct {
	Nodes         []expectedNode
	Relationships []struct{ From, Type, To, Quote string }
}

type expectedNode struct {
	ID      string
	Names   map[string]string
	Aliases []string
}

func readExpected(t *testing.T, path string) expected {
	t.Helper()
	var e expected
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return e
}

// byName maps every folded name and alias of the expected entities to their IDs. An unnamed
// entity's descriptive name says so in brackets: "академичната общност (неназована в източника)" is
// the academic community the text speaks of.
func (e expected) byName() map[string]string {
	m := map[string]string{}
	for _, n := range e.Nodes {
		for _, v := range append(slices.Collect(maps.Values(n.Names)), n.Aliases...) {
			m[translit.Fold(v)] = n.ID
			if before, _, ok := strings.Cut(v, " ("); ok {
				m[translit.Fold(before)] = n.ID
			}
		}
	}
	return m
}

// found is what ingestion produced: entities (ID → names) and relationships (with their quotes).
type found struct {
	entities map[string][]string
	rels     []foundRel
}

type foundRel struct {
	from, typ, to string
	quotes        []string // the sentences of the document that state it
}

// score compares what was found with what was expected, entities by ID or by any name,
// relationships by endpoints and type, and counts the relationships the expected sentence is one of
// the quotes of.
type score struct {
	entities, entitiesOf                  int
	right, wrong, relsOf, quotesEqual     int
	missedEntities, wrongRels, missedRels []string
	extraEntities, otherQuotes            []string
}

func compare(e expected, f found) score {
	byName := e.byName()
	ids := map[string]bool{}
	for _, n := range e.Nodes {
		ids[n.ID] = true
	}
	asExpected := map[string]string{}
	hit := map[string]bool{}
	var s score
	var unmatched []string
	for id, names := range f.entities {
		if ids[id] {
			asExpected[id], hit[id] = id, true
			continue
		}
		matched := false
		for _, n := range names {
			if x, ok := byName[translit.Fold(n)]; ok {
				asExpected[id], hit[x], matched = x, true, true
				break
			}
		}
		if !matched {
			unmatched = append(unmatched, id)
		}
	}
	// An unnamed entity has no name to meet: it is the expected one of its kind that stands in the
	// same relationship to the same entity ("the practices Plovdiv's municipality PRESENTED").
	for _, id := range unmatched {
		if x := byRole(e, f, id, asExpected, hit); x != "" {
			asExpected[id], hit[x] = x, true
		} else {
			s.extraEntities = append(s.extraEntities, fmt.Sprintf("%s %q", id, f.entities[id]))
		}
	}
	s.entitiesOf = len(e.Nodes)
	for _, n := range e.Nodes {
		if hit[n.ID] {
			s.entities++
		} else {
			s.missedEntities = append(s.missedEntities, n.ID)
		}
	}
	want := map[string]string{}
	for _, r := range e.Relationships {
		want[r.From+" "+r.Type+" "+r.To] = r.Quote
	}
	s.relsOf = len(e.Relationships)
	for _, r := range f.rels {
		key := asExpected[r.from] + " " + r.typ + " " + asExpected[r.to]
		quote, ok := want[key]
		if !ok {
			s.wrong++
			s.wrongRels = append(s.wrongRels, r.from+" "+r.typ+" "+r.to)
			continue
		}
		s.right++
		if slices.Contains(r.quotes, quote) {
			s.quotesEqual++
		} else {
			s.otherQuotes = append(s.otherQuotes, fmt.Sprintf("%s: %q, expected %q", key, r.quotes, quote))
		}
		delete(want, key)
	}
	for k := range want {
		s.missedRels = append(s.missedRels, k)
	}
	slices.Sort(s.missedEntities)
	slices.Sort(s.missedRels)
	slices.Sort(s.wrongRels)
	slices.Sort(s.extraEntities)
	return s
}

// byRole is the expected entity, not matched yet, of the found entity's kind that has the most
// relationships of the found entity's (same type, same other end), or "".
func byRole(e expected, f found, id string, asExpected map[string]string, hit map[string]bool) string {
	kind, _, _ := strings.Cut(id, ":")
	best, most := "", 0
	for _, n := range e.Nodes {
		if hit[n.ID] || !strings.HasPrefix(n.ID, kind+":") {
			continue
		}
		shared := 0
		for _, r := range f.rels {
			for _, x := range e.Relationships {
				if r.typ == x.Type && (r.from == id && x.From == n.ID && asExpected[r.to] == x.To ||
					r.to == id && x.To == n.ID && asExpected[r.from] == x.From) {
					shared++
				}
			}
		}
		if shared > most {
			best, most = n.ID, shared
		}
	}
	return best
}

// add counts o's figures into s (misses and wrong ones are logged per document).
func (s *score) add(o score) {
	s.entities += o.entities
	s.entitiesOf += o.entitiesOf
	s.right += o.right
	s.wrong += o.wrong
	s.relsOf += o.relsOf
	s.quotesEqual += o.quotesEqual
}

func (s score) entityRecall() float64 { return float64(s.entities) / float64(max(s.entitiesOf, 1)) }
func (s score) relRecall() float64    { return float64(s.right) / float64(max(s.relsOf, 1)) }
func (s score) precision() float64    { return float64(s.right) / float64(max(s.right+s.wrong, 1)) }

func (s score) String() string {
	return fmt.Sprintf("entities %d/%d (%.0f %%); relationships %d/%d, recall %.0f %%, precision %.0f %%; quotes equal %d/%d",
		s.entities, s.entitiesOf, 100*s.entityRecall(), s.right, s.relsOf, 100*s.relRecall(), 100*s.precision(), s.quotesEqual, s.right)
}

// log writes every miss and every wrong proposal.
func (s score) log(t *testing.T, name string) {
	t.Logf("%s: %s", name, s)
	for _, m := range s.missedEntities {
		t.Logf("  entity missed: %s", m)
	}
	for _, m := range s.extraEntities {
		t.Logf("  entity not expected: %s", m)
	}
	for _, m := range s.wrongRels {
		t.Logf("  wrong relationship: %s", m)
	}
	for _, m := range s.otherQuotes {
		t.Logf("  quote differs: %s", m)
	}
	for _, m := range s.missedRels {
		t.Logf("  relationship missed: %s", m)
	}
}

// repo is a path from the repository's top.
func repo(parts ...string) string { return filepath.Join(append([]string{"..", ".."}, parts...)...) }
