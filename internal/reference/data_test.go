package reference

import (
	"strings"
	"testing"

	"urbangraph/internal/domain"
)

// readData reads the committed data/reference/ files: entities by ID and relationships.
func readData(t *testing.T) (map[string]domain.Node, []domain.Rel) {
	t.Helper()
	list, rels, err := Read("../../data/reference")
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]domain.Node{}
	for _, n := range list {
		if _, dup := nodes[n.ID]; dup {
			t.Errorf("%s is defined twice", n.ID)
		}
		nodes[n.ID] = n
	}
	return nodes, rels
}

func TestTheGazetteerNamesTheCitiesWeKnowInTheirLanguages(t *testing.T) {
	nodes, _ := readData(t)
	want := map[string][3]string{ // id: en, bg, el
		"city:sofia":          {"Sofia", "София", ""},
		"city:stara-zagora":   {"Stara Zagora", "Стара Загора", ""},
		"city:plovdiv":        {"Plovdiv", "Пловдив", ""},
		"city:varna":          {"Varna", "Варна", ""},
		"city:burgas":         {"Burgas", "Бургас", ""},
		"city:veliko-turnovo": {"Veliko Tŭrnovo", "Велико Търново", ""},
		"city:kazanlak":       {"Kazanlak", "Казанлък", ""},
		"city:pazardzhik":     {"Pazardzhik", "Пазарджик", ""},
		"city:thessaloniki":   {"Thessaloníki", "", "Θεσσαλονίκη"},
		"city:athens":         {"Athens", "", "Αθήνα"},
		"city:piraeus":        {"Piraeus", "", "Πειραιάς"},
		"city:ioannina":       {"Ioánnina", "", "Ιωάννινα"},
		"city:alexandroupoli": {"Alexandroupoli", "", "Αλεξανδρούπολη"},
		"city:corfu":          {"Corfu", "", "Κέρκυρα"},
		"country:greece":      {"Greece", "Гърция", "Ελλάδα"},
		"country:bulgaria":    {"Bulgaria", "България", "Βουλγαρία"},
		"country:turkiye":     {"Türkiye", "Турция", "Τουρκία"},
		"country:moldova":     {"Moldova", "Молдова", "Μολδαβία"},
		"country:kosovo":      {"Kosovo", "Косово", "Κόσοβο"},
	}
	for id, w := range want {
		n, ok := nodes[id]
		if !ok {
			t.Errorf("%s is not in the gazetteer", id)
			continue
		}
		got := [3]string{n.Names["en"], n.Names["bg"], n.Names["el"]}
		if got != w {
			t.Errorf("%s is named %q, want %q", id, got, w)
		}
	}
}

// The seed's places must meet their GeoNames records under the same IDs.
func TestTheSeedsPlacesHaveTheirGeoNamesRecordUnderTheSameID(t *testing.T) {
	nodes, _ := readData(t)
	for id, geonamesID := range map[string]float64{"city:thessaloniki": 734077, "city:stara-zagora": 726848,
		"city:plovdiv": 728193, "country:greece": 390903, "country:bulgaria": 732800} {
		if got := nodes[id].Properties["geonamesId"]; got != geonamesID {
			t.Errorf("%s has GeoNames ID %v, want %v", id, got, geonamesID)
		}
	}
}

func TestEveryCityIsLocatedInACountryOfTheListWithItsRecordAsEvidence(t *testing.T) {
	nodes, rels := readData(t)
	located := map[string]domain.Rel{}
	for _, r := range rels {
		located[r.From] = r
	}
	countries, cities := 0, 0
	for id, n := range nodes {
		switch n.Kind {
		case "COUNTRY":
			countries++
		case "CITY":
			cities++
			r, ok := located[id]
			if !ok || !strings.HasPrefix(r.To, "country:") || nodes[r.To].Kind != "COUNTRY" {
				t.Errorf("%s is not LOCATED_IN a country of the gazetteer (%+v)", id, r)
				continue
			}
			if r.Quote != n.Evidence[0].Quote || !strings.HasPrefix(r.Quote, "GeoNames ") || r.Source != SourceGeoNames {
				t.Errorf("%s: LOCATED_IN cites %q of %s", id, r.Quote, r.Source)
			}
			if p, _ := n.Properties["population"].(float64); p < MinPopulation {
				t.Errorf("%s has population %v", id, p)
			}
		}
		if _, problems := domain.CheckNode(n, n.Kind == "SOURCE", ""); len(problems) > 0 {
			t.Errorf("%s breaks the import rules: %v", id, problems)
		}
	}
	if countries != len(Countries) || cities < 8000 {
		t.Errorf("%d countries and %d cities, want %d and over 8000", countries, cities, len(Countries))
	}
}

// The committed regions are the first-level subdivisions of the gazetteer's countries, in English:
// the 13 Greek administrative regions and Mount Athos, the 28 Bulgarian districts, each in a
// country of the list.
func TestTheRegionsAreTheFirstLevelSubdivisionsInEnglish(t *testing.T) {
	nodes, _ := readData(t)
	byCountry := map[string]int{}
	english := map[string]string{}
	for _, r := range LoadRegions() {
		if _, ok := nodes[r.Country]; !ok || !strings.HasPrefix(r.Country, "country:") {
			t.Errorf("%s is in %q, not a country of the gazetteer", r.Code, r.Country)
		}
		byCountry[r.Country]++
		english[r.Code] = r.English
	}
	if byCountry["country:greece"] != 14 || byCountry["country:bulgaria"] != 28 {
		t.Errorf("Greece has %d regions (want 14), Bulgaria %d (want 28)", byCountry["country:greece"], byCountry["country:bulgaria"])
	}
	for code, want := range map[string]string{"GR-B": "Central Macedonia", "GR-F": "Ionian Islands", "GR-I": "Attica", "BG-02": "Burgas"} {
		if english[code] != want {
			t.Errorf("%s is %q, want %q", code, english[code], want)
		}
	}
}
