package ingest

import (
	"os"
	"slices"
	"testing"
)

func names(es []NewEntity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Kind + " " + e.Name
	}
	return out
}

func TestNewEntitiesAreProposedByThePatternsOfEachLanguage(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Министерството на регионалното развитие и благоустройството, както и Община Бургас.",
			[]string{"ORGANISATION Министерство на регионалното развитие и благоустройството", "ORGANISATION Община Бургас"}},
		{"Центърът за иновации в земеделието, открит вчера.", []string{"CENTRE Център за иновации в земеделието"}},
		{"Ο Δήμος Λάρισας και το Υπουργείο Ψηφιακής Διακυβέρνησης.", []string{"ORGANISATION Δήμος Λάρισας", "ORGANISATION Υπουργείο Ψηφιακής Διακυβέρνησης"}},
		{"Lovech Municipality opened a Centre for Urban Mobility.",
			[]string{"ORGANISATION Lovech Municipality", "CENTRE Centre for Urban Mobility"}},
	}
	for _, c := range cases {
		if got := names(ProposeEntities(c.text, nil)); !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// On the founding article with only the gazetteer known (not the seed), the organisations, the
// centre, its units, the domains, the programmes, the groups and the seminar it names are proposed, under the
// names the seed gives them (the seed's names come from the same sentences).
func TestTheFoundingArticlesOrganisationsAreProposed(t *testing.T) {
	raw, err := os.ReadFile("../../data/sources/000_5f0a949ca0881f14.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	mentions := NewLinker(graphNames(t, false)).Find(text)
	got := names(ProposeEntities(text, mentions))
	want := []string{"ORGANISATION Община Стара Загора", "ORGANISATION Община Солун",
		"PROGRAMME Техническа помощ за ефективно и ефикасно изпълнение на ПРР в община Стара Загора", "PROGRAMME ОПРР 2014-2020",
		"EVENT семинар за обмяна на опит и добри практики по прилагане на инструменти за интегрирано градско и териториално развитие",
		"ORGANISATION Община Пловдив",
		// described, not named: each presenter's practices
		"PRACTICE добри практики за градско развитие, представени от Община Стара Загора",
		"PRACTICE добри практики за градско развитие, представени от Община Пловдив",
		"PRACTICE добри практики за градско развитие, представени от Община Солун",
		"PROGRAMME европейските фондове", "CENTRE Център за дигитална трансформация",
		"ORGANISATION Cisco", "ORGANISATION Министерство на цифровото управление",
		"ORGANISATION Министерство на развитието и инвестициите",
		"ORGANISATION партньорите на Община Солун",                              // described: "Община Солун, нейните партньори"
		"ORGANISATION академичната общност", "ORGANISATION стартиращи компании", // groups, not named
		"UNIT екипи на Център за дигитална трансформация", // described: "поддържа екипи"
		"UNIT Cisco Networking Academy",
		"UNIT STEM", "UNIT Robotics", // after "отдел", "отдели": departments
		"DOMAIN земеделие", "DOMAIN медицина", "DOMAIN екология", "DOMAIN градско развитие"}
	if !slices.Equal(got, want) {
		t.Errorf("the proposals:\n %q\nwant\n %q", got, want)
	}
	t.Logf("proposed: %q", got)
}
