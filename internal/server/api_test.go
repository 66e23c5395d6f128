package server_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"urbangraph/internal/neo4jtest"
)

// gqlResponse is a GraphQL response, decoded loosely so that tests can walk it.
type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	status int
}

func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// gql posts a query to the real handler, without a token, and decodes the answer.
func gql(t *testing.T, url, query string, vars map[string]any) gqlResponse {
	t.Helper()
	return gqlAs(t, url, "", query, vars)
}

// must fails the test on any GraphQL error.
func must(t *testing.T, r gqlResponse) map[string]any {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	return r.Data
}

// at walks a decoded JSON value: at(v, "centre", "founders") etc.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// ids collects field "id" (or the given path) of each element of a list, sorted.
func ids(list any, path ...any) []string {
	if len(path) == 0 {
		path = []any{"id"}
	}
	var out []string
	l, _ := list.([]any)
	for _, e := range l {
		s, _ := at(e, path...).(string)
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestTheCentreHasTheFoundersYearUnitsAndDomainsTheArticleGives(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{
	  centre(id: "centre:thessaloniki-digital-transformation") {
	    name nameBg: name(lang: BG) nameEl: name(lang: EL) aliases foundedYear aims
	    founders { organisation { id category } role year evidence { quote source { id language } } }
	    city { id country { id } }
	    units { id name unitType website audiences }
	    domains { id nameBg: name(lang: BG) }
	    supporters { id unnamed collective category }
	    fundedBy { id }
	    sources { quote properties }
	  }
	}`, nil))
	c := d["centre"]
	if at(c, "name") != "Centre for Digital Transformation" || at(c, "nameBg") != "Център за дигитална трансформация" ||
		at(c, "nameEl") != "Κέντρο Ψηφιακού Μετασχηματισμού" {
		t.Errorf("names: %v / %v / %v", at(c, "name"), at(c, "nameBg"), at(c, "nameEl"))
	}
	if at(c, "foundedYear") != 2020.0 {
		t.Errorf("foundedYear = %v, want 2020", at(c, "foundedYear"))
	}
	checkFounders(t, at(c, "founders"))
	if at(c, "city", "id") != "city:thessaloniki" || at(c, "city", "country", "id") != "country:greece" {
		t.Errorf("city = %v", at(c, "city"))
	}
	if got := ids(at(c, "units")); !slices.Equal(got, []string{"unit:cisco-networking-academy", "unit:robotics", "unit:solution-teams", "unit:stem"}) {
		t.Errorf("units = %v", got)
	}
	for _, u := range at(c, "units").([]any) {
		if at(u, "id") == "unit:cisco-networking-academy" && (at(u, "website") != "www.netacad.com" || at(u, "unitType") != "training department") {
			t.Errorf("academy = %v", u)
		}
		if at(u, "id") == "unit:stem" && strings.Join(toStrings(at(u, "audiences")), ",") != "pupils,students,professionals" {
			t.Errorf("STEM audiences = %v", at(u, "audiences"))
		}
	}
	if got := ids(at(c, "domains")); !slices.Equal(got, []string{"domain:agriculture", "domain:ecology", "domain:medicine", "domain:urban-development"}) {
		t.Errorf("domains = %v", got)
	}
	if got := toStrings(at(c, "aims")); len(got) != 4 || got[0] != "improve innovation" {
		t.Errorf("aims = %v", got)
	}
	// The supporters the article does not name are there, marked as unnamed groups.
	for _, s := range at(c, "supporters").([]any) {
		if at(s, "id") == "org:start-up-companies" && (at(s, "unnamed") != true || at(s, "collective") != true || at(s, "category") != "START_UP") {
			t.Errorf("start-ups = %v", s)
		}
	}
	if got := ids(at(c, "supporters")); len(got) != 4 {
		t.Errorf("supporters = %v", got)
	}
	if got := ids(at(c, "fundedBy")); !slices.Equal(got, []string{"programme:european-funds"}) {
		t.Errorf("fundedBy = %v", got)
	}
	foundedStated := false
	for _, s := range at(c, "sources").([]any) {
		if slices.Contains(toStrings(at(s, "properties")), "foundedYear") {
			foundedStated = strings.Contains(at(s, "quote").(string), "2020")
		}
	}
	if !foundedStated {
		t.Errorf("no evidence states foundedYear: %v", at(c, "sources"))
	}
}

func TestTheSeminarHasItsCityParticipantsTopicsAndFundingChain(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{
	  event(id: "event:thessaloniki-good-practice-seminar") {
	    eventType
	    city { id name(lang: EL) }
	    participants { organisation { id } role evidence { quote } }
	    practices { id unnamed presentedBy { id } domains { id } }
	    topics { id }
	    visited { id }
	    fundedBy {
	      id programmeType
	      fundedBy { id aliases }
	      supports { id aliases }
	      beneficiaries { id }
	    }
	  }
	}`, nil))
	e := d["event"]
	if at(e, "eventType") != "seminar" || at(e, "city", "id") != "city:thessaloniki" || at(e, "city", "name") != "Θεσσαλονίκη" {
		t.Errorf("event = %v", e)
	}
	if got := ids(at(e, "participants"), "organisation", "id"); !slices.Equal(got, []string{
		"org:plovdiv-municipality", "org:stara-zagora-municipality", "org:thessaloniki-municipality"}) {
		t.Errorf("participants = %v", got)
	}
	if got := ids(at(e, "topics")); !slices.Equal(got, []string{"topic:climate-neutrality", "topic:integrated-urban-development"}) {
		t.Errorf("topics = %v", got)
	}
	if got := ids(at(e, "visited")); !slices.Equal(got, []string{"centre:thessaloniki-digital-transformation"}) {
		t.Errorf("visited = %v", got)
	}
	if got := ids(at(e, "practices"), "presentedBy", 0, "id"); len(got) != 3 {
		t.Errorf("practices presented by = %v", got)
	}
	for _, p := range at(e, "practices").([]any) {
		if at(p, "unnamed") != true || at(p, "domains", 0, "id") != "domain:urban-development" {
			t.Errorf("practice = %v", p)
		}
	}
	budget := at(e, "fundedBy", 0)
	if at(budget, "id") != "programme:technical-assistance-prr-stara-zagora" || at(budget, "programmeType") != "budget line" {
		t.Fatalf("fundedBy = %v", at(e, "fundedBy"))
	}
	if at(budget, "fundedBy", 0, "id") != "programme:oprr-2014-2020" || !slices.Contains(toStrings(at(budget, "fundedBy", 0, "aliases")), "ОПРР") {
		t.Errorf("budget line funded by %v", at(budget, "fundedBy"))
	}
	if at(budget, "supports", 0, "id") != "programme:prr-2021-2027" || at(budget, "beneficiaries", 0, "id") != "org:stara-zagora-municipality" {
		t.Errorf("budget line supports %v for %v", at(budget, "supports"), at(budget, "beneficiaries"))
	}
}

func TestNamesFallBackToEnglish(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{ node(id: "unit:stem") { ... on Unit { en: name bg: name(lang: BG) el: name(lang: EL) names { en bg el } } } }`, nil))
	n := d["node"]
	if at(n, "en") != "STEM" || at(n, "bg") != "STEM" || at(n, "el") != "STEM" || at(n, "names", "el") != nil {
		t.Errorf("STEM names = %v", n)
	}
}

func TestSearchFindsEntitiesInAnyLanguageAndScript(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	const q = `query($q: String!, $kinds: [Kind!]) { search(query: $q, kinds: $kinds) { node { id kind } score matched } }`
	for _, tc := range []struct {
		query   string
		kinds   []string
		want    string // the first hit's ID
		matched string
	}{
		{"Stara Zagora", []string{"CITY"}, "city:stara-zagora", "Stara Zagora"},
		{"Стара Загора", []string{"CITY"}, "city:stara-zagora", "Стара Загора"},
		{"Στάρα Ζαγόρα", []string{"CITY"}, "city:stara-zagora", "Στάρα Ζαγόρα"},
		{"stara zagora", []string{"CITY"}, "city:stara-zagora", "Stara Zagora"},
		{"Thessaloniki", []string{"CITY"}, "city:thessaloniki", "Thessaloniki"},
		{"Solun", []string{"CITY"}, "city:thessaloniki", "Солун"},
		{"Солун", []string{"CITY"}, "city:thessaloniki", "Солун"},
		{"Θεσσαλονίκη", []string{"CITY"}, "city:thessaloniki", "Θεσσαλονίκη"},
		{"ΘΕΣΣΑΛΟΝΙΚΗ", []string{"CITY"}, "city:thessaloniki", "Θεσσαλονίκη"},
		{"thessaloniki", nil, "city:thessaloniki", "Thessaloniki"},
		{"Пловдив", nil, "city:plovdiv", "Пловдив"},
		{"Φιλιππούπολη", nil, "city:plovdiv", "Φιλιππούπολη"},
		{"Cisco Centre", []string{"CENTRE"}, "centre:thessaloniki-digital-transformation", "Cisco Centre"},
		{"ОПРР", nil, "programme:oprr-2014-2020", "ОПРР"},
		{"Община Стара Загора", []string{"ORGANISATION"}, "org:stara-zagora-municipality", "Община Стара Загора"},
		{"Κέντρο Ψηφιακού", nil, "centre:thessaloniki-digital-transformation", "Κέντρο Ψηφιακού Μετασχηματισμού"},
		{"земеделие", nil, "domain:agriculture", "земеделие"},
		{"Thesaloniki", []string{"CITY"}, "city:thessaloniki", "Thessaloniki"}, // one typo
	} {
		t.Run(tc.query, func(t *testing.T) {
			vars := map[string]any{"q": tc.query}
			if tc.kinds != nil {
				vars["kinds"] = tc.kinds
			}
			d := must(t, gql(t, ts.URL, q, vars))
			if got := at(d, "search", 0, "node", "id"); got != tc.want {
				t.Fatalf("first hit = %v, want %s (all: %v)", got, tc.want, d["search"])
			}
			if got := at(d, "search", 0, "matched"); got != tc.matched {
				t.Errorf("matched = %v, want %s", got, tc.matched)
			}
			if s, _ := at(d, "search", 0, "score").(float64); s <= 0 {
				t.Errorf("score = %v", s)
			}
		})
	}
}

func TestSearchHandlesGarbageCleanly(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	const q = `query($q: String!) { search(query: $q) { node { id } } }`
	for _, input := range []string{"AND OR (", `"`, `title:"x" OR *:*`, "~~~ ^^^ \\", "", "   ", "a\x00b", "NOT", "stara AND (zagora"} {
		t.Run(input, func(t *testing.T) {
			r := gql(t, ts.URL, q, map[string]any{"q": input})
			if r.status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("status %d, errors %+v", r.status, r.Errors)
			}
			if _, ok := r.Data["search"].([]any); !ok {
				t.Fatalf("search = %v, want a list", r.Data["search"])
			}
		})
	}
	// Lucene syntax is not interpreted: AND is a word like any other, which only the budget line
	// (".. effective and efficient .. Stara Zagora ..") has.
	d := must(t, gql(t, ts.URL, q, map[string]any{"q": "stara AND (zagora"}))
	if got := ids(d["search"], "node", "id"); !slices.Equal(got, []string{"programme:technical-assistance-prr-stara-zagora"}) {
		t.Errorf("stara AND (zagora found %v", got)
	}
	// When no entity has every word, entities with any of them are found.
	d = must(t, gql(t, ts.URL, `{ search(query: "Stara Zagora or Plovdiv", kinds: [CITY]) { node { id } } }`, nil))
	if got := ids(d["search"], "node", "id"); !slices.Equal(got, []string{"city:plovdiv", "city:stara-zagora"}) {
		t.Errorf("Stara Zagora or Plovdiv found %v", got)
	}
	r := gql(t, ts.URL, q, map[string]any{"q": strings.Repeat("Солун ", 2000)})
	if r.status != http.StatusOK || !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) ||
		!strings.Contains(r.Errors[0].Message, "limit is 500") {
		t.Fatalf("10 KB query: status %d, errors %+v", r.status, r.Errors)
	}
}

func TestListsPageWithCursorsAndCountOnlyWhenAsked(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	const q = `query($first: Int, $after: String) {
	  cities(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount }
	}`
	first := must(t, gql(t, ts.URL, q, map[string]any{"first": 2}))
	if got := ids(at(first, "cities", "nodes")); !slices.Equal(got, []string{"city:plovdiv", "city:stara-zagora"}) {
		t.Fatalf("page 1 = %v", got)
	}
	if at(first, "cities", "pageInfo", "hasNextPage") != true || at(first, "cities", "totalCount") != 3.0 {
		t.Fatalf("page 1 info = %v", at(first, "cities"))
	}
	second := must(t, gql(t, ts.URL, q, map[string]any{"first": 2, "after": at(first, "cities", "pageInfo", "endCursor")}))
	if got := ids(at(second, "cities", "nodes")); !slices.Equal(got, []string{"city:thessaloniki"}) {
		t.Fatalf("page 2 = %v", got)
	}
	if at(second, "cities", "pageInfo", "hasNextPage") != false || at(second, "cities", "pageInfo", "hasPreviousPage") != true {
		t.Fatalf("page 2 info = %v", at(second, "cities", "pageInfo"))
	}

	for name, vars := range map[string]map[string]any{
		"first over the cap": {"first": 101},
		"negative first":     {"first": -1},
		"forged cursor":      {"after": "bm90LWEtY3Vyc29y"},
	} {
		r := gql(t, ts.URL, q, vars)
		if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
			t.Errorf("%s: codes %v, errors %+v", name, r.codes(), r.Errors)
		}
	}
}

func TestTotalCountCostsAQueryOnlyWhenSelected(t *testing.T) {
	s := neo4jtest.Seeded(t)
	ts := newServer(t, s)
	before := s.RoundTrips()
	must(t, gql(t, ts.URL, `{ organisations(first: 5) { nodes { id } } }`, nil))
	without := s.RoundTrips() - before
	before = s.RoundTrips()
	d := must(t, gql(t, ts.URL, `{ organisations(first: 5, filter: {category: MUNICIPALITY}) { nodes { id } totalCount } }`, nil))
	with := s.RoundTrips() - before
	if without != 1 || with != 2 {
		t.Errorf("round trips: %d without totalCount, %d with; want 1 and 2", without, with)
	}
	if at(d, "organisations", "totalCount") != 3.0 {
		t.Errorf("municipalities = %v", at(d, "organisations", "totalCount"))
	}
}

func TestFiltersAndSorts(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"cities in Greece", `{ cities(filter: {country: "country:greece"}) { nodes { id } } }`, []string{"city:thessaloniki"}},
		{"names in another script", `{ cities(filter: {nameContains: "Солу"}) { nodes { id } } }`, []string{"city:thessaloniki"}},
		{"ministries", `{ organisations(filter: {category: MINISTRY}) { nodes { id } } }`,
			[]string{"org:ministry-of-development-and-investments", "org:ministry-of-digital-governance"}},
		{"centres in a domain", `{ centres(filter: {domain: "domain:medicine"}) { nodes { id } } }`, []string{"centre:thessaloniki-digital-transformation"}},
		{"events in a city", `{ events(filter: {city: "city:thessaloniki"}) { nodes { id } } }`, []string{"event:thessaloniki-good-practice-seminar"}},
		{"practices in a domain", `{ practices(filter: {domain: "domain:urban-development"}) { nodes { id } } }`, []string{
			"practice:plovdiv-municipality-good-practices", "practice:stara-zagora-municipality-good-practices", "practice:thessaloniki-municipality-good-practices"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := must(t, gql(t, ts.URL, tc.query, nil))
			for _, v := range d {
				if got := ids(at(v, "nodes")); !slices.Equal(got, tc.want) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	d := must(t, gql(t, ts.URL, `{ a: domains(sort: NAME_DESC, first: 1) { nodes { id } } b: organisations(sort: DEGREE_DESC, first: 1) { nodes { id } } }`, nil))
	if at(d, "a", "nodes", 0, "id") != "domain:urban-development" {
		t.Errorf("last domain by name = %v", at(d, "a"))
	}
	if at(d, "b", "nodes", 0, "id") != "org:thessaloniki-municipality" {
		t.Errorf("most connected organisation = %v", at(d, "b"))
	}
}

func TestMissingIDs(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	r := gql(t, ts.URL, `{ node(id: "city:atlantis") { id } }`, nil)
	if len(r.Errors) != 0 || r.Data["node"] != nil {
		t.Errorf("node: data %v errors %+v, want null and no error", r.Data, r.Errors)
	}
	for _, q := range []string{`{ city(id: "city:atlantis") { id } }`, `{ entity(id: "org:nobody") { id } }`} {
		r = gql(t, ts.URL, q, nil)
		if !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
			t.Errorf("%s: codes %v, errors %+v", q, r.codes(), r.Errors)
		}
	}
	r = gql(t, ts.URL, `{ city(id: "org:cisco") { id } }`, nil)
	if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("wrong kind: codes %v", r.codes())
	}
}

func TestGraphNodeCarriesEveryStoredProperty(t *testing.T) {
	ts := newServer(t, neo4jtest.Seeded(t))
	d := must(t, gql(t, ts.URL, `{ entity(id: "programme:oprr-2014-2020") { id kind name(lang: BG) properties } }`, nil))
	e := d["entity"]
	if at(e, "kind") != "PROGRAMME" || at(e, "name") != "Оперативна програма „Региони в растеж“ 2014-2020" {
		t.Errorf("entity = %v", e)
	}
	p := at(e, "properties")
	if at(p, "name_el") != "Επιχειρησιακό Πρόγραμμα «Περιφέρειες σε ανάπτυξη» 2014-2020" || at(p, "period") != "2014-2020" ||
		!slices.Contains(toStrings(at(p, "aliases")), "ОПРР") || at(p, "createdAt") == nil {
		t.Errorf("properties = %v", p)
	}
	if at(p, "search_latin") != nil {
		t.Errorf("the internal search text leaks: %v", p)
	}
}

func toStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

// checkFounders checks the centre's founders: Cisco the creator, three cooperation partners, all in
// 2020, each with the article's sentence as evidence.
func checkFounders(t *testing.T, founders any) {
	t.Helper()
	if got := ids(founders, "organisation", "id"); !slices.Equal(got, []string{
		"org:cisco", "org:ministry-of-development-and-investments", "org:ministry-of-digital-governance", "org:thessaloniki-municipality"}) {
		t.Errorf("founders = %v", got)
	}
	for _, f := range founders.([]any) {
		wantRole := "cooperation partner"
		if at(f, "organisation", "id") == "org:cisco" {
			wantRole = "creator"
		}
		if at(f, "role") != wantRole || at(f, "year") != 2020.0 {
			t.Errorf("founder %v: role %v year %v, want %s 2020", at(f, "organisation", "id"), at(f, "role"), at(f, "year"), wantRole)
		}
		q, _ := at(f, "evidence", 0, "quote").(string)
		if !strings.HasPrefix(q, "Създаден през 2020 г. от Cisco в сътрудничество с община Солун") ||
			at(f, "evidence", 0, "source", "language") != "bg" {
			t.Errorf("founder %v evidence = %v", at(f, "organisation", "id"), at(f, "evidence"))
		}
	}
}
