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
		if got := names(Propose(c.text, NewLinker(nil)).Entities); !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// An acronym in brackets is the initials of the words before it: an alias of the entity proposed
// under that name, or a new entity named by its expansion; later, the acronym alone names it.
func TestAcronymsAreReadWithTheirExpansion(t *testing.T) {
	cases := []struct {
		text, want string
		aliases    []string
		again      int // places the entity is named (the acronym in brackets is one)
	}{
		{"The project is financed by the European Regional Development Fund (ERDF). The ERDF pays 85 %.",
			"PROGRAMME European Regional Development Fund", []string{"ERDF"}, 3},
		{"Министерството на регионалното развитие и благоустройството (МРРБ) одобри проекта. МРРБ ще го следи.",
			"ORGANISATION Министерство на регионалното развитие и благоустройството", []string{"МРРБ"}, 3},
		{"Η Ένωση Δήμων Ελλάδας (ΕΔΕ) συμμετείχε.", "ORGANISATION Ένωση Δήμων Ελλάδας", []string{"ΕΔΕ"}, 2},
		{"Experts of the Joint Research Centre (JRC) spoke.", "CENTRE Joint Research Centre", []string{"JRC"}, 2},
	}
	for _, c := range cases {
		p := Propose(c.text, NewLinker(nil))
		i := slices.IndexFunc(p.Entities, func(e NewEntity) bool { return e.Kind+" "+e.Name == c.want })
		if i < 0 {
			t.Errorf("%q: no %s among %q", c.text, c.want, names(p.Entities))
			continue
		}
		if e := p.Entities[i]; !slices.Equal(e.Aliases, c.aliases) || len(e.Spans) != c.again {
			t.Errorf("%q: aliases %q, named at %v", c.text, e.Aliases, e.Spans)
		}
	}
	// Initials that do not spell it: no expansion.
	if p := Propose("Someone said (ERDF) here.", NewLinker(nil)); len(p.Entities) != 0 {
		t.Errorf("an acronym without its expansion: %q", names(p.Entities))
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
	got := names(Propose(text, NewLinker(graphNames(t, false))).Entities)
	want := []string{"ORGANISATION Община Стара Загора", "ORGANISATION Община Солун",
		"PROGRAMME Техническа помощ за ефективно и ефикасно изпълнение на ПРР в община Стара Загора", "PROGRAMME ОПРР 2014-2020",
		"EVENT семинар за обмяна на опит и добри практики по прилагане на инструменти за интегрирано градско и териториално развитие",
		"ORGANISATION Община Пловдив",
		// described, not named: each presenter's practices
		"PRACTICE добри практики за градско развитие, представени от Община Солун",
		"PRACTICE добри практики за градско развитие, представени от Община Стара Загора",
		"PRACTICE добри практики за градско развитие, представени от Община Пловдив",
		"PROGRAMME европейските фондове",
		"TOPIC мерките за интегрирано градско развитие", "TOPIC постигане на неутралност по отношение на климата", // "темите, свързани с …"
		"CENTRE Център за дигитална трансформация",
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
