package translit

import "testing"

func TestFoldMeetsAcrossScripts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Stara Zagora", "stara zagora"},
		{"Стара Загора", "stara zagora"},
		{"Στάρα Ζαγόρα", "stara zagora"},
		{"Thessaloniki", "thessaloniki"},
		{"Θεσσαλονίκη", "thessaloniki"},
		{"ΘΕΣΣΑΛΟΝΙΚΗ", "thessaloniki"},
		{"Солун", "solun"},
		{"SOLUN", "solun"},
		{"Пловдив", "plovdiv"},
		{"Φιλιππούπολη", "filippoupoli"},
		{"Щастие и Юг", "shtastie i yug"},
		{"Ελλάδα", "ellada"},
		{"«Περιφέρειες σε ανάπτυξη» 2014-2020", "perifereies se anaptyxi 2014 2020"},
		{"Crème brûlée, São Paulo!", "creme brulee sao paulo"},
		{"  AND OR ( \"x\" ) ", "and or x"},
		{"", ""},
		{"«»—!?", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Стара Загора", "Θεσσαλονίκη", "a\x00b", "\xff\xfe", "ου γγ", "Hello, World-2026!", " A\x7f b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if Fold(got) != got {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
		for _, r := range got {
			if r == 0 {
				t.Fatalf("NUL in output of %q", s)
			}
		}
		if isASCII(s) && foldASCII(s) != foldAny(s) {
			t.Errorf("the ASCII path folds %q to %q, the general one to %q", s, foldASCII(s), foldAny(s))
		}
		if isASCII(s) && Plain(s) != plainAny(s) {
			t.Errorf("the ASCII path makes %q plain as %q, the general one as %q", s, Plain(s), plainAny(s))
		}
	})
}

// BenchmarkFold: search folds every name of every hit (store.bestName), so this runs per request.
func BenchmarkFold(b *testing.B) {
	for _, s := range []string{"Thessaloniki Centre for Digital Transformation", "Общинска администрация Стара Загора", "Κέντρο Ψηφιακού Μετασχηματισμού"} {
		b.Run(s[:5], func(b *testing.B) {
			for b.Loop() {
				Fold(s)
			}
		})
	}
}
