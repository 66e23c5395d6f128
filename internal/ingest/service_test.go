package ingest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"urbangraph/internal/errs"
	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/store"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// acceptThreshold is the confidence above which the quality tests accept every proposal: the
// capitalised-name guesses (0.4) stay for a reviewer.
const acceptThreshold = 0.5

// ingestAndAccept ingests a file, accepts everything at acceptThreshold, and reads back what the
// document now states in the graph: the entities it cites and the relationships it is a source of.
func ingestAndAccept(t *testing.T, sv Service, path string) (Result, found) {
	t.Helper()
	ctx := context.Background()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sv.Ingest(ctx, Input{Name: path, Data: data}, "test")
	if err != nil {
		t.Fatalf("ingest %s: %v", path, err)
	}
	if _, err := sv.AcceptAll(ctx, res.Document.ID, acceptThreshold, "test"); err != nil {
		t.Fatalf("accept %s: %v", path, err)
	}
	return res, graphOf(t, sv.Store, res.Document.ID)
}

// graphOf reads the entities that cite a document and the relationships it states.
func graphOf(t *testing.T, s *store.Store, doc string) found {
	t.Helper()
	ctx := context.Background()
	f := found{entities: map[string][]string{}}
	var ids []string
	err := s.StreamEntities(ctx, false, nil, func(r store.EntityRecord) error {
		if slices.ContainsFunc(r.Mentions, func(m store.Mention) bool { return m.Source.ID == doc }) {
			names := r.Node.Aliases()
			for _, l := range store.Langs {
				if v := r.Node.String("name_" + l); v != "" {
					names = append(names, v)
				}
			}
			f.entities[r.Node.ID] = names
			ids = append(ids, r.Node.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.StreamEdges(ctx, false, ids, func(e store.Edge) error {
		sources, quotes := e.Evidence()
		r := foundRel{from: e.From, typ: string(e.Type), to: e.To}
		for i := range sources {
			if sources[i] == doc {
				r.quotes = append(r.quotes, quotes[i])
			}
		}
		if len(r.quotes) > 0 {
			f.rels = append(f.rels, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The founding article, ingested into a graph holding the reference places but not the seed and
// accepted above the threshold, compared with the seed (docs/ingestion.md has the figures and
// every miss: go test -v -run TestTheFoundingArticleIngestedAndAccepted ./internal/ingest).
func TestTheFoundingArticleIngestedAndAccepted(t *testing.T) {
	s := neo4jtest.ReferenceOnly(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	before := neo4jtest.Stats(t, s)
	path := repo("data", "sources", "000_5f0a949ca0881f14.txt")
	data, _ := os.ReadFile(path)

	res, err := sv.Ingest(ctx, Input{Name: path, Data: data}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Document.Language != "bg" || res.Document.Format != Text || len(res.Proposals) < 40 {
		t.Fatalf("ingested: created %v, language %q, format %q, %d proposals", res.Created, res.Document.Language, res.Document.Format, len(res.Proposals))
	}
	// Proposals are apart from the facts, and so is the document's source until one is accepted:
	// the graph is unchanged.
	after := neo4jtest.Stats(t, s)
	if !maps.Equal(after.ByKind, before.ByKind) || !maps.Equal(after.ByType, before.ByType) {
		t.Errorf("ingesting changed the graph: %v → %v", before, after)
	}
	// The same text again changes nothing and gives the same proposals.
	again, err := sv.Ingest(ctx, Input{Name: "again.txt", Data: data, Title: "Another title"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if again.Created || again.Document.ID != res.Document.ID || !slices.EqualFunc(again.Proposals, res.Proposals,
		func(a, b store.Proposal) bool { return a.ID == b.ID && a.Sentence == b.Sentence }) {
		t.Errorf("re-ingesting: created %v, %s vs %s, %d vs %d proposals", again.Created, again.Document.ID, res.Document.ID, len(again.Proposals), len(res.Proposals))
	}
	if st := neo4jtest.Stats(t, s); !maps.Equal(st.ByKind, after.ByKind) || !maps.Equal(st.ByType, after.ByType) {
		t.Errorf("re-ingesting changed the graph")
	}
	// Every proposal quotes one whole sentence of the document, at its offsets.
	text := []rune(normalise(string(data)))
	for _, p := range res.Proposals {
		if string(text[p.SentenceStart:p.SentenceEnd]) != p.Sentence || p.Status != store.Proposed {
			t.Errorf("%s: sentence %q is not the text at %d–%d, or status %s", p.ID, p.Sentence, p.SentenceStart, p.SentenceEnd, p.Status)
		}
	}

	if _, err := sv.AcceptAll(ctx, res.Document.ID, acceptThreshold, "test"); err != nil {
		t.Fatal(err)
	}
	got := compare(readExpected(t, repo("data", "seed", "article-000.json")), graphOf(t, s, res.Document.ID))
	got.log(t, "founding article")
	wrongLinks(t, s, res.Document.ID, readExpected(t, repo("data", "seed", "article-000.json")))
	// Issue 22: the figures the article had before the rules were rewritten for documents by other
	// hands (29/32 entities, 42/50 relationships, no wrong one) are kept; every relationship found
	// cites the seed's sentence among its quotes.
	if got.entities < 29 || got.right < 42 || got.precision() < 0.95 || got.quotesEqual != got.right {
		t.Errorf("below the targets: %s", got)
	}
}

// wrongLinks fails the test for every accepted mention linked to an existing entity the document
// does not name: no mention may be linked to a wrong existing entity.
func wrongLinks(t *testing.T, s *store.Store, doc string, want expected) {
	t.Helper()
	accepted, err := s.Proposals(context.Background(), doc, []store.ProposalStatus{store.Accepted})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range accepted {
		if p.Type == store.ProposedMention && !slices.ContainsFunc(want.Nodes, func(n expectedNode) bool { return n.ID == p.AcceptedID }) {
			t.Errorf("%s: mention %q linked to %s, which the document does not name", doc, p.Name, p.AcceptedID)
		}
	}
}

// Review one proposal at a time: correct an entity before accepting it, reject with a reason,
// accept a relationship (its proposed endpoint with it), refuse what cannot be.
func TestReviewingProposalsOneByOne(t *testing.T) {
	s := neo4jtest.ReferenceOnly(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	text := "Община Казанлък и Министерството на културата откриха Център за занаяти в град Казанлък. " +
		"Центърът е създаден през 2024 г. от Община Казанлък."
	res, err := sv.Ingest(ctx, Input{Name: "kazanlak.txt", Data: []byte(text), Title: "Казанлък"}, "editor")
	if err != nil {
		t.Fatal(err)
	}
	find := func(typ store.ProposalType, name string) store.Proposal {
		t.Helper()
		for _, p := range res.Proposals {
			if p.Type == typ && (p.Name == name || string(p.RelType) == name) {
				return p
			}
		}
		t.Fatalf("no %s proposal %q among %+v", typ, name, res.Proposals)
		return store.Proposal{}
	}
	municipality := find(store.ProposedEntity, "Община Казанлък")
	// A municipality takes its English name by the pattern, with the gazetteer's name of the town.
	if municipality.Kind != store.Organisation || municipality.Category != "MUNICIPALITY" || municipality.EntityID != "org:kazanlak-municipality" ||
		municipality.EnglishName != "Kazanlak Municipality" {
		t.Errorf("municipality proposal: %+v", municipality)
	}
	// Corrected: another English name, so another ID.
	out, err := sv.Accept(ctx, municipality.ID, Edit{Names: map[string]string{"en": "Municipality of Kazanlak", "bg": "Община Казанлък"}}, "editor")
	if err != nil || len(out) != 1 || out[0].Status != store.Accepted || out[0].AcceptedID != "org:municipality-of-kazanlak" || out[0].ReviewedBy != "editor" {
		t.Fatalf("accept with edit: %+v, %v", out, err)
	}
	nodes, _ := s.NodesByID(ctx, []string{"org:municipality-of-kazanlak"})
	if n := nodes["org:municipality-of-kazanlak"]; n.Name("bg") != "Община Казанлък" || n.String("category") != "MUNICIPALITY" {
		t.Errorf("written entity: %+v", n)
	}
	if _, err := sv.Accept(ctx, municipality.ID, Edit{}, "editor"); !isConflict(err) {
		t.Errorf("accepting twice: %v, want a conflict", err)
	}
	// Rejected, with the reason kept.
	ministry := find(store.ProposedEntity, "Министерство на културата")
	if p, err := sv.Reject(ctx, ministry.ID, "not in this article's scope", "editor"); err != nil || p.Status != store.Rejected || p.Reason != "not in this article's scope" {
		t.Errorf("reject: %+v, %v", p, err)
	}
	// The centre's founding (the second sentence's, with its year; the first says it too: the
	// centre was opened by them): accepting it accepts the proposed centre, and the municipality's
	// accepted (edited) ID is its subject.
	var founded store.Proposal
	for _, p := range res.Proposals {
		if p.RelType == "FOUNDED" && p.Props["year"] != nil && p.From == municipality.EntityID {
			founded = p
		}
	}
	out, err = sv.Accept(ctx, founded.ID, Edit{}, "editor")
	i := slices.IndexFunc(out, func(p store.Proposal) bool { return p.Type == store.ProposedEntity })
	if err != nil || len(out) != 2 || i < 0 || out[i].Kind != store.Centre {
		t.Fatalf("accept FOUNDED: %+v, %v", out, err)
	}
	e, err := s.Edge(ctx, "org:municipality-of-kazanlak", "FOUNDED", out[i].AcceptedID)
	if err != nil || e.Props["year"] != int64(2024) {
		t.Errorf("FOUNDED edge: %+v, %v", e, err)
	}
	if _, err := sv.Accept(ctx, "proposal:nothing-1", Edit{}, "editor"); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("unknown proposal: %v", err)
	}
	// Deleting the document's source (cascade) takes its text and proposals, and the facts only it
	// states.
	if _, err := s.Delete(ctx, res.Document.ID, true, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DocumentByID(ctx, res.Document.ID, false); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("the document after its source's deletion: %v", err)
	}
	if ps, err := s.ProposalsByID(ctx, []string{municipality.ID, founded.ID}); err != nil || len(ps) != 0 {
		t.Errorf("proposals after the deletion: %+v, %v", ps, err)
	}
	if nodes, _ := s.NodesByID(ctx, []string{"org:municipality-of-kazanlak", "centre:tsentar-za-zanayati"}); len(nodes) != 0 {
		t.Errorf("facts only the document stated survive it: %v", nodes)
	}
}

// Two reviewers accepting the same proposal at once: one writes it, the other is told it was
// reviewed; the entity is written once.
func TestTwoReviewersCannotBothDecideAProposal(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	res, err := sv.Ingest(ctx, Input{Name: "lom.txt", Data: []byte("Община Лом подкрепи проекта.")}, "editor")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Proposals, func(p store.Proposal) bool { return p.Type == store.ProposedEntity })
	if i < 0 {
		t.Fatalf("no entity proposed: %+v", res.Proposals)
	}
	const reviewers = 8
	results := make(chan error, reviewers)
	for r := range reviewers {
		go func() {
			_, err := sv.Accept(ctx, res.Proposals[i].ID, Edit{}, fmt.Sprintf("reviewer-%d", r))
			results <- err
		}()
	}
	accepted, conflicts := 0, 0
	for range reviewers {
		switch err := <-results; {
		case err == nil:
			accepted++
		case isConflict(err):
			conflicts++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if accepted != 1 || conflicts != reviewers-1 {
		t.Errorf("%d accepted, %d conflicts; want 1 and %d", accepted, conflicts, reviewers-1)
	}
}

func isConflict(err error) bool {
	var c *errs.ConflictError
	return errors.As(err, &c)
}

// Documents written for these tests (testdata/: a seminar in Ruse in Bulgarian, a centre in Volos
// in Greek, a centre in Varna in English Markdown), each with what it states, measured like the
// founding article so that the rules are not tuned to one text. docs/ingestion.md has the figures.
func TestOurOwnDocumentsIngestedAndAccepted(t *testing.T) {
	s := neo4jtest.ReferenceOnly(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	sv := Service{Store: s}
	var total score
	for _, name := range []string{"ruse-seminar.txt", "volos-centre.txt", "varna-centre.md"} {
		res, f := ingestAndAccept(t, sv, "testdata/"+name)
		want := readExpected(t, "testdata/"+strings.TrimSuffix(name, filepath.Ext(name))+".json")
		got := compare(want, f)
		got.log(t, name+" ("+res.Document.Language+")")
		wrongLinks(t, sv.Store, res.Document.ID, want)
		total.add(got)
	}
	t.Logf("all three: %s", total)
	// Issue 22: no lower than before the rules were rewritten (43/45 entities, 44/48
	// relationships), at 95 % precision.
	if total.entityRecall() < 43.0/45 || total.relRecall() < 44.0/48 || total.precision() < 0.95 || total.quotesEqual != total.right {
		t.Errorf("below the targets: %s", total)
	}
}

// An accepted entity keeps the acronym the document gives it, as an alias the search finds.
func TestAnAcceptedEntityKeepsItsAcronym(t *testing.T) {
	s := neo4jtest.Seeded(t)
	t.Cleanup(func() { neo4jtest.Seeded(t) })
	ctx := context.Background()
	sv := Service{Store: s}
	res, err := sv.Ingest(ctx, Input{Name: "erdf.txt", Data: []byte("The European Regional Development Fund (ERDF) financed a centre in Plovdiv.")}, "editor")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Proposals, func(p store.Proposal) bool { return p.Type == store.ProposedEntity && p.Kind == store.Programme })
	if i < 0 || !slices.Equal(res.Proposals[i].Aliases, []string{"ERDF"}) {
		t.Fatalf("the fund's proposal: %+v", res.Proposals)
	}
	if _, err := sv.Accept(ctx, res.Proposals[i].ID, Edit{ID: "programme:erdf"}, "editor"); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "ERDF", nil, 5, store.Projection{})
	if err != nil || len(hits) == 0 || hits[0].Node.ID != "programme:erdf" || hits[0].Matched != "ERDF" {
		t.Errorf("search ERDF: %+v, %v", hits, err)
	}
}
