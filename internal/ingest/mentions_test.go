package ingest

import (
	"encoding/json"
	"os"
	"testing"

	"urbangraph/internal/reference"
)

// graphNames reads the names and aliases of the seed and the gazetteer, as the graph holds them.
func graphNames(t *testing.T, seed bool) []Name {
	t.Helper()
	type node struct {
		ID, Kind string
		Names    map[string]string
		Aliases  []string
	}
	var nodes []node
	if seed {
		var doc struct{ Nodes []node }
		b, err := os.ReadFile("../../data/seed/article-000.json")
		if err != nil || json.Unmarshal(b, &doc) != nil {
			t.Fatalf("seed: %v", err)
		}
		nodes = doc.Nodes
	}
	ref, _, err := reference.Read("../../data/reference")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ref {
		if n.Kind != "SOURCE" {
			nodes = append(nodes, node{ID: n.ID, Kind: n.Kind, Names: n.Names, Aliases: n.Aliases})
		}
	}
	var names []Name
	for _, n := range nodes {
		for _, v := range n.Names {
			names = append(names, Name{ID: n.ID, Kind: n.Kind, Text: v})
		}
		for _, a := range n.Aliases {
			names = append(names, Name{ID: n.ID, Kind: n.Kind, Text: a})
		}
	}
	return names
}

func TestMentionsAreFoundInInflectedFormsInEveryScript(t *testing.T) {
	l := NewLinker([]Name{
		{ID: "city:thessaloniki", Kind: "CITY", Text: "Thessaloniki"}, {ID: "city:thessaloniki", Kind: "CITY", Text: "Солун"}, {ID: "city:thessaloniki", Kind: "CITY", Text: "Θεσσαλονίκη"},
		{ID: "org:thessaloniki-municipality", Kind: "ORGANISATION", Text: "Δήμος Θεσσαλονίκης"}, {ID: "org:thessaloniki-municipality", Kind: "ORGANISATION", Text: "Община Солун"},
		{ID: "centre:x", Kind: "CENTRE", Text: "Център за дигитална трансформация"},
		{ID: "org:ministry", Kind: "ORGANISATION", Text: "Министерство на цифровото управление"},
		{ID: "org:cisco", Kind: "ORGANISATION", Text: "Cisco"}, {ID: "city:lom", Kind: "CITY", Text: "Lom"},
		{ID: "city:dimitrovgrad", Kind: "CITY", Text: "Димитровград"}, {ID: "city:dimitrovgrad-bg", Kind: "CITY", Text: "Димитровград"},
		{ID: "city:celje", Kind: "CITY", Text: "Tselie"}, {ID: "domain:agriculture", Kind: "DOMAIN", Text: "земеделие"},
	})
	cases := []struct{ text, mention, id string }{
		{"Центърът за дигитална трансформация е в града.", "Центърът за дигитална трансформация", "centre:x"},
		{"Министерството на цифровото управление помогна.", "Министерството на цифровото управление", "org:ministry"},
		{"експерти от общината: община Солун представи", "община Солун", "org:thessaloniki-municipality"},
		{"Ο Δήμου Θεσσαλονίκης και η Θεσσαλονίκη.", "Δήμου Θεσσαλονίκης", "org:thessaloniki-municipality"},
		{"In Thessaloniki, Cisco's centre opened.", "Cisco", "org:cisco"}, // the possessive is not part of the name
		{"THESSALONIKI hosted it.", "THESSALONIKI", "city:thessaloniki"},
		{"в областите: земеделие, медицина", "земеделие", "domain:agriculture"},
	}
	for _, c := range cases {
		ms := l.Find(c.text)
		found := false
		for _, m := range ms {
			if m.Text == c.mention && len(m.Candidates) == 1 && m.Candidates[0].ID == c.id {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: mentions %+v, want %q → %s", c.text, ms, c.mention, c.id)
		}
	}
	// A name of one word is a proper noun: the word "lom" is not the town.
	if ms := l.Find("Един лом и lom. Целта е ясна."); len(ms) != 0 {
		t.Errorf("lower-case words linked: %+v", ms)
	}
	// Homonyms are proposed with their candidates, not guessed.
	if ms := l.Find("Срещата беше в Димитровград."); len(ms) != 1 || !ms[0].Ambiguous() || len(ms[0].Candidates) != 2 {
		t.Errorf("Dimitrovgrad: %+v", ms)
	}
}

// The founding article, against the names of the seed and the 17,000 names of the gazetteer: the
// entities it names are found under their IDs, and no word is linked to anything else.
func TestTheFoundingArticlesEntitiesAreFound(t *testing.T) {
	raw, err := os.ReadFile("../../data/sources/000_5f0a949ca0881f14.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := graphNames(t, true)
	inSeed := map[string]bool{}
	var doc struct{ Nodes []struct{ ID string } }
	b, _ := os.ReadFile("../../data/seed/article-000.json")
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		inSeed[n.ID] = true
	}
	l := NewLinker(names)
	found := map[string]string{}
	for _, m := range l.Find(string(raw)) {
		for _, c := range m.Candidates {
			found[c.ID] += "|" + m.Text
			if !inSeed[c.ID] { // the article names nothing the seed lacks: a gazetteer town here is a wrong link
				t.Errorf("%q linked to %s, which the article does not name", m.Text, c.ID)
			}
		}
		if m.Ambiguous() {
			t.Logf("ambiguous: %q %+v", m.Text, m.Candidates)
		}
	}
	for _, id := range []string{"org:stara-zagora-municipality", "org:thessaloniki-municipality", "org:plovdiv-municipality",
		"city:thessaloniki", "country:greece", "centre:thessaloniki-digital-transformation", "org:cisco",
		"org:ministry-of-digital-governance", "org:ministry-of-development-and-investments", "unit:cisco-networking-academy",
		"domain:agriculture", "domain:medicine", "domain:ecology"} {
		if found[id] == "" {
			t.Errorf("%s is not found", id)
		}
	}
	t.Logf("found: %v", found)
}
