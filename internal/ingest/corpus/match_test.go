package corpus

import "testing"

// The corpus README's examples, and the cases its rule tells apart.
func TestNamesMatchAsTheCorpusReadmeSays(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Центъра за иновации", "Център за иновации", true},      // inflection, word by word
		{"Δήμου Πάτρας", "Δήμος Πάτρας", true},                   // Greek cases
		{"Община Бургас", "Бургас", true},                        // one contains the other
		{"Interreg Europe", "INTERREG  europe!", true},           // case and punctuation fold
		{"Κέντρο Καινοτομίας", "Κεντρο καινοτομιας", true},       // accents fold
		{"Община Бургас", "Община Варна", false},                 // a word disagrees
		{"работно посещение", "работна среща", false},            // so does this one
		{"Municipality of Kavala", "Kavala Municipality", false}, // word order counts
		{"", "anything", false}, // an empty name names nothing
		{"зелените коридори", "зелена икономика", false},
	} {
		if got := NamesMatch(c.a, c.b); got != c.want {
			t.Errorf("NamesMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := NamesMatch(c.b, c.a); got != c.want {
			t.Errorf("NamesMatch(%q, %q) = %v, want %v (the rule is symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestTheMunicipalityInItsCityIsImpliedNotScored(t *testing.T) {
	org := &proposed{Kind: "ORGANISATION", Names: []string{"Община Бургас"}}
	city := &proposed{Kind: "CITY", Names: []string{"Бургас", "Burgas"}}
	other := &proposed{Kind: "CITY", Names: []string{"Варна"}}
	cluster := &proposed{Kind: "ORGANISATION", Names: []string{"Черноморския енергиен клъстер"}}
	if !implied(org, "LOCATED_IN", city) {
		t.Error("Община Бургас LOCATED_IN Бургас is implied by the name")
	}
	if implied(org, "LOCATED_IN", other) || implied(cluster, "LOCATED_IN", city) || implied(org, "PARTNER_OF", city) {
		t.Error("only a municipality's LOCATED_IN the city its name holds is implied")
	}
}

// A municipality's LOCATED_IN to the city its name holds is implied, whatever language names the
// municipality ("Municipiul Giurgiu", "Waterford City and County Council"); an organisation that
// is no municipality is not.
func TestAMunicipalityInItsCityIsImplied(t *testing.T) {
	for _, c := range []struct {
		org, city []string
		want      bool
	}{
		{[]string{"Municipiul Giurgiu"}, []string{"Гюргево", "Giurgiu"}, true},
		{[]string{"Waterford City and County Council"}, []string{"Waterford"}, true},
		{[]string{"Община Бургас"}, []string{"Бургас"}, true},
		{[]string{"Tartu Science Park"}, []string{"Tartu"}, false},
		{[]string{"Община Бургас"}, []string{"Варна"}, false},
	} {
		from := &proposed{Kind: "ORGANISATION", Names: c.org}
		to := &proposed{Kind: "CITY", Names: c.city}
		if got := implied(from, "LOCATED_IN", to); got != c.want {
			t.Errorf("%v LOCATED_IN %v implied: %v, want %v", c.org, c.city, got, c.want)
		}
	}
}
