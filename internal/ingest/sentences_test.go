package ingest

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

func texts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

// Every sentence the seed quotes from the founding article is one whole sentence of the splitter:
// the seed's quotes were chosen by people, so this is the splitter checked against real judgement.
func TestEverySentenceTheSeedQuotesIsOneSentenceOfTheSplitter(t *testing.T) {
	raw, err := os.ReadFile("../../data/sources/000_5f0a949ca0881f14.txt")
	if err != nil {
		t.Fatal(err)
	}
	sentences := Split(string(raw))
	got := texts(sentences)
	var seed struct {
		Nodes []struct {
			ID       string
			Evidence []struct{ Quote string }
		}
		Relationships []struct{ From, Type, To, Quote string }
	}
	b, err := os.ReadFile("../../data/seed/article-000.json")
	if err != nil || json.Unmarshal(b, &seed) != nil {
		t.Fatalf("seed: %v", err)
	}
	quotes := map[string]string{}
	for _, n := range seed.Nodes {
		for _, e := range n.Evidence {
			quotes[e.Quote] = n.ID
		}
	}
	for _, r := range seed.Relationships {
		quotes[r.Quote] = r.From + " " + r.Type + " " + r.To
	}
	for q, what := range quotes {
		if !slices.Contains(got, q) {
			t.Errorf("%s quotes %q, which the splitter does not give whole", what, q)
		}
	}
	// The offsets point at the exact text, in characters.
	runes := []rune(string(raw))
	for _, s := range sentences {
		if string(runes[s.Start:s.End]) != s.Text || utf8.RuneCountInString(s.Text) != s.End-s.Start {
			t.Errorf("offsets %d-%d do not give %q", s.Start, s.End, s.Text)
		}
	}
	if len(sentences) != 10 {
		t.Errorf("%d sentences, want the article's 10 (a title and nine): %q", len(sentences), got)
	}
}

func TestTheSplitterKnowsAbbreviationsNumbersAndQuotesInThreeLanguages(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Срещата е на ул. Цар Симеон 5, т.е. в центъра. Започва в 10 ч.", []string{"Срещата е на ул. Цар Симеон 5, т.е. в центъра.", "Започва в 10 ч."}},
		{"Центърът е създаден през 2020 г. Той има три отдела.", []string{"Центърът е създаден през 2020 г.", "Той има три отдела."}},
		{"Програмата ОПРР 2014-2020 г., с бюджет 1.5 млрд. лв., подкрепя общините.", []string{"Програмата ОПРР 2014-2020 г., с бюджет 1.5 млрд. лв., подкрепя общините."}},
		{"Ο κ. Παπαδόπουλος μίλησε, π.χ. για την ενέργεια. Ποιος πλήρωσε; Το Υπουργείο.", []string{"Ο κ. Παπαδόπουλος μίλησε, π.χ. για την ενέργεια.", "Ποιος πλήρωσε;", "Το Υπουργείο."}},
		{`Dr. Smith met the Mayor, e.g. on No. 5 Main St. in May. She said: "It works." Then they left.`, []string{`Dr. Smith met the Mayor, e.g. on No. 5 Main St. in May.`, `She said: "It works."`, "Then they left."}},
		{"Visit www.netacad.com (the academy). It is free!", []string{"Visit www.netacad.com (the academy).", "It is free!"}},
		{"A title without a full stop\n\nThe first sentence. The second one.", []string{"A title without a full stop", "The first sentence.", "The second one."}},
		{"J. R. Tolkien wrote it; nobody else did.", []string{"J. R. Tolkien wrote it; nobody else did."}},
	}
	for _, c := range cases {
		if got := texts(Split(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("Split(%q) =\n %q\nwant\n %q", c.text, got, c.want)
		}
	}
}
