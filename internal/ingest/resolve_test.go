package ingest

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

// Three articles about one town (testdata/one-entity, written for this test), in Bulgarian, Greek
// and English, each naming its municipality, a new centre and a programme the seed knows, ingested
// one after another into the seed and the gazetteer: one entity each, with its names in the three
// languages and the three documents in its evidence. The municipality is resolved by its canonical
// name; the centre, which the three languages name with no word in common, is a weak match (same
// kind, city and head word) that a reviewer confirms; the programme is known by name.
func TestOneEntityWhateverTheLanguageOfTheDocument(t *testing.T) {
	s := neo4jtest.WithReference(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	before := neo4jtest.Stats(t, s)

	const municipality, programme = "org:gabrovo-municipality", "programme:prr-2021-2027"
	ingest := func(name string) Result {
		t.Helper()
		path := filepath.Join("testdata", "one-entity", name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sv.Ingest(ctx, Input{Name: path, Data: data}, "test")
		if err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
		return res
	}
	acceptAll := func(res Result) {
		t.Helper()
		if _, err := sv.AcceptAll(ctx, res.Document.ID, acceptThreshold, "test"); err != nil {
			t.Fatalf("accept %s: %v", res.Document.ID, err)
		}
	}
	proposal := func(res Result, typ store.ProposalType, kind store.Kind) store.Proposal {
		t.Helper()
		for _, p := range res.Proposals {
			if p.Type == typ && p.Kind == kind && (kind != store.Organisation || strings.Contains(p.EntityID, "municipality")) {
				return p
			}
		}
		t.Fatalf("%s: no %s proposal of a %s among %+v", res.Document.ID, typ, kind, res.Proposals)
		return store.Proposal{}
	}

	// Bulgarian first: the municipality is new, under its canonical English name.
	bg := ingest("gabrovo-bg.txt")
	if p := proposal(bg, store.ProposedEntity, store.Organisation); p.EntityID != municipality || p.EnglishName != "Gabrovo Municipality" {
		t.Errorf("Bulgarian municipality: %+v", p)
	}
	centre := proposal(bg, store.ProposedEntity, store.Centre).EntityID
	acceptAll(bg)

	// Greek: the municipality by its canonical name, the centre a candidate for a reviewer.
	el := ingest("gabrovo-el.txt")
	if p := proposal(el, store.ProposedMention, store.Organisation); p.EntityID != municipality || p.Name != "Δήμος Γκάμπροβο" ||
		p.Lang != "el" || !strings.Contains(p.Resolution, "canonical name") {
		t.Errorf("Greek municipality: %+v", p)
	}
	elCentre := proposal(el, store.ProposedEntity, store.Centre)
	if !slices.Equal(elCentre.Candidates, []string{centre}) || !strings.Contains(elCentre.Resolution, "head word (centre)") {
		t.Errorf("Greek centre: %+v, want the candidate %s by kind, city and head word", elCentre, centre)
	}
	acceptAll(el) // leaves the centre to the reviewer, and its relationships with it
	if ps, _ := s.ProposalsByID(ctx, []string{elCentre.ID}); len(ps) != 1 || ps[0].Status != store.Proposed {
		t.Fatalf("accepting all took a weak match: %+v", ps)
	}
	if _, err := sv.Accept(ctx, elCentre.ID, Edit{ID: centre}, "reviewer"); err != nil {
		t.Fatalf("the reviewer's choice: %v", err)
	}
	acceptAll(el) // now the centre's relationships

	// English: the municipality by its canonical name ("Municipality of Gabrovo"), the programme by
	// the same words in another order.
	en := ingest("gabrovo-en.txt")
	if p := proposal(en, store.ProposedMention, store.Organisation); p.EntityID != municipality {
		t.Errorf("English municipality: %+v", p)
	}
	enCentre := proposal(en, store.ProposedEntity, store.Centre)
	if !slices.Equal(enCentre.Candidates, []string{centre}) {
		t.Errorf("English centre: %+v, want the candidate %s", enCentre, centre)
	}
	acceptAll(en)
	if _, err := sv.Accept(ctx, enCentre.ID, Edit{ID: centre}, "reviewer"); err != nil {
		t.Fatalf("the reviewer's choice: %v", err)
	}
	acceptAll(en)

	// One new municipality and one new centre; no new programme (the domains are new too).
	after := neo4jtest.Stats(t, s)
	for kind, want := range map[store.Kind]int{store.Organisation: 1, store.Centre: 1, store.Programme: 0} {
		if got := after.ByKind[kind] - before.ByKind[kind]; got != want {
			t.Errorf("%d new %s entities, want %d (before %v, after %v)", got, kind, want, before.ByKind, after.ByKind)
		}
	}
	docs := []string{bg.Document.ID, el.Document.ID, en.Document.ID}
	want := map[string]map[string]string{
		municipality: {"en": "Gabrovo Municipality", "bg": "Община Габрово", "el": "Δήμος Γκάμπροβο"},
		centre:       {"en": "Centre for Green Technologies", "bg": "Център за зелени технологии", "el": "Κέντρο Πράσινων Τεχνολογιών"},
		programme:    {"en": `Programme "Development of the Regions" 2021-2027`, "bg": "Програма „Развитие на регионите“ 2021-2027", "el": "Πρόγραμμα «Ανάπτυξη των Περιφερειών» 2021-2027"},
	}
	cited := map[string][]string{}
	err := s.StreamEntities(ctx, false, slices.Collect(maps.Keys(want)), func(r store.EntityRecord) error {
		for _, l := range store.Langs {
			if got := r.Node.String("name_" + l); got != want[r.Node.ID][l] {
				t.Errorf("%s: name in %s %q, want %q", r.Node.ID, l, got, want[r.Node.ID][l])
			}
		}
		if r.Node.ID == centre && r.Node.Bool(store.EnglishDerivedProp) {
			t.Errorf("%s: the English document's name is still marked derived", centre)
		}
		for _, m := range r.Mentions {
			if slices.Contains(docs, m.Source.ID) && !slices.Contains(cited[r.Node.ID], m.Source.ID) {
				cited[r.Node.ID] = append(cited[r.Node.ID], m.Source.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range want {
		if len(cited[id]) != 3 {
			t.Errorf("%s: evidence from %v, want the three documents", id, cited[id])
		}
	}
	// The romanised English name a rule made stays an alias, for search.
	nodes, _ := s.NodesByID(ctx, []string{centre})
	if n := nodes[centre]; !slices.Contains(n.Aliases(), "Tsentar za Zeleni Tehnologii") {
		t.Errorf("%s: aliases %v", centre, n.Aliases())
	}
}
