package ingest

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"urbangraph/internal/translit"
)

// Name is one name (or alias) of an entity the graph knows, and for a city the country it is in.
type Name struct {
	ID, Kind, Text string
	Country        string
	Alias          bool   // another name (a gazetteer's alternate names are many, and shared)
	English        bool   // the entity's English name
	City           string // the city an entity that is not one is in
}

// Candidate is an entity a mention may stand for.
type Candidate struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"` // the name or alias that matched
}

// Mention is a span of a text that names known entities: one candidate, or several (homonyms,
// proposed as they are, not guessed).
type Mention struct {
	Text       string      `json:"text"`
	Start      int         `json:"start"` // in characters (runes), End excluded
	End        int         `json:"end"`
	Candidates []Candidate `json:"candidates"`
	Weak       bool        `json:"weak,omitempty"` // the text is not a name of its candidates nor an inflection of one (context.go)
	// Resolution says why a new entity's name is a mention of a known one (resolve.go); Lang is the
	// name's language where the entity may take it as its name.
	Resolution string  `json:"resolution,omitempty"`
	Lang       string  `json:"lang,omitempty"`
	English    string  `json:"englishName,omitempty"` // the canonical English name it was resolved by, if it was
	confidence float64 // a resolved mention's: no surer than the name it was found as
}

// MarshalJSON writes the mention with its confidence (the CLI's --json).
func (m Mention) MarshalJSON() ([]byte, error) {
	type plain Mention
	return json.Marshal(struct {
		plain
		Confidence float64 `json:"confidence"`
	}{plain(m), m.Confidence()})
}

// Ambiguous reports whether the mention names more than one entity.
func (m Mention) Ambiguous() bool { return len(m.Candidates) > 1 }

// Confidence is how sure a mention is: one candidate is as sure as the name; several, or a word
// that only shares a stem with the name (Weak), need a reviewer's choice, so acceptProposals
// never takes them.
func (m Mention) Confidence() float64 {
	if m.Ambiguous() || m.Weak {
		return ambiguousConfidence
	}
	if m.confidence > 0 {
		return m.confidence
	}
	return mentionConfidence
}

// Sure reports whether the mention names one entity surely.
func (m Mention) Sure() bool { return !m.Ambiguous() && !m.Weak }

// Linker finds the mentions of known names in texts, in any script (translit folds Cyrillic and
// Greek to Latin), ignoring case and accents, and in the inflected forms of the three languages:
// both the text's words and the names' are reduced to a stem (stem), so that "Центърът" meets
// "Център", "Δήμου Θεσσαλονίκης" meets "Δήμος Θεσσαλονίκη" and "Cisco's" meets "Cisco".
type Linker struct {
	names   map[string][]Candidate // the stems of a name, joined by spaces -> its entities
	forms   map[string][]string    // entity ID -> its names, folded
	primary map[string][]string    // entity ID -> its names but aliases, folded
	country map[string]string      // city ID -> the country it is in
	longest int                    // the most words a name has
	known   map[string]knownEntity // entity ID -> what resolution needs of it (resolve.go)
	bags    map[string][]Candidate // the sorted stems of a name of three words or more -> its entities
	inCity  map[string][]string    // city ID -> the entities in it
	byStem  map[string][]string    // the first four letters of a city's one-word name, folded -> the cities
}

// knownEntity is what resolution needs to know of an entity the graph holds.
type knownEntity struct {
	kind, english, city string
	names               []string // its names but aliases
	glosses             []string // for an entity in a city, its names' head words in English (resolve.go)
}

// NewLinker indexes the names.
func NewLinker(names []Name) *Linker {
	l := &Linker{names: map[string][]Candidate{}, forms: map[string][]string{}, primary: map[string][]string{}, country: map[string]string{},
		known: map[string]knownEntity{}, inCity: map[string][]string{}, bags: map[string][]Candidate{}, byStem: map[string][]string{}}
	for _, n := range names {
		l.know(n)
		words := tokens(n.Text)
		if len(words) == 0 {
			continue
		}
		if f := strings.Join(foldedWords(words), " "); !slices.Contains(l.forms[n.ID], f) {
			l.forms[n.ID] = append(l.forms[n.ID], f)
			if !n.Alias {
				l.primary[n.ID] = append(l.primary[n.ID], f)
			}
		}
		if n.Country != "" {
			l.country[n.ID] = n.Country
		}
		stems := make([]string, len(words))
		for i, w := range words {
			stems[i] = stem(w.folded)
		}
		key := strings.Join(stems, " ")
		if slices.ContainsFunc(l.names[key], func(c Candidate) bool { return c.ID == n.ID }) {
			continue
		}
		if bag := bagOf(stems); bag != "" && !slices.ContainsFunc(l.bags[bag], func(c Candidate) bool { return c.ID == n.ID }) {
			l.bags[bag] = append(l.bags[bag], Candidate{ID: n.ID, Kind: n.Kind, Name: n.Text})
		}
		l.names[key] = append(l.names[key], Candidate{ID: n.ID, Kind: n.Kind, Name: n.Text})
		l.longest = max(l.longest, len(words))
	}
	for _, cs := range l.names {
		slices.SortFunc(cs, func(a, b Candidate) int { return cmp.Compare(a.ID, b.ID) })
	}
	return l
}

// know records an entity's kind, English name and city.
func (l *Linker) know(n Name) {
	k := l.known[n.ID]
	k.kind = n.Kind
	if n.English || k.english == "" && !n.Alias { // an English name, else the first name
		k.english = n.Text
	}
	if !n.Alias && !slices.Contains(k.names, n.Text) {
		k.names = append(k.names, n.Text)
		if g := headGloss(n.Text); g != "" && n.City != "" && !slices.Contains(k.glosses, g) {
			k.glosses = append(k.glosses, g)
		}
		if f := translit.Fold(n.Text); n.Kind == "CITY" && !strings.Contains(f, " ") && utf8.RuneCountInString(f) >= 4 {
			l.byStem[firstRunes(f, 4)] = append(l.byStem[firstRunes(f, 4)], n.ID)
		}
	}
	if n.City != "" && k.city == "" {
		k.city = n.City
		l.inCity[n.City] = append(l.inCity[n.City], n.ID)
	}
	l.known[n.ID] = k
}

// Find returns the mentions in text, left to right; where names overlap, the longest wins. A name
// of one word is held to more (oneWord).
func (l *Linker) Find(text string) []Mention {
	words := tokens(text)
	runes := []rune(text)
	var out []Mention
	for i := 0; i < len(words); {
		found := false
		for n := min(l.longest, len(words)-i); n >= 1; n-- {
			stems := make([]string, n)
			for k := range n {
				stems[k] = stem(words[i+k].folded)
			}
			cs := l.names[strings.Join(stems, " ")]
			if n == 1 {
				cs = l.oneWord(words[i], cs)
			}
			if len(cs) == 0 {
				continue
			}
			start, end := words[i].start, words[i+n-1].end
			out = append(out, Mention{Text: string(runes[start:end]), Start: start, End: end, Candidates: cs})
			i += n
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return out
}

// oneWord keeps the candidates a single word may stand for. A one-word name is a proper noun,
// written with a capital letter ("Lom" the town, not "лом" the word), except the names of domains
// and topics ("земеделие"); and its stem must be long (five letters) unless the word is the name
// itself, so that "Целта" (the aim) is not Celje, Celle or Chelsea by a shared four-letter stem.
//
// A short Greek name meets its genitive ("Λάρισας" is Λάρισα, "Βόλου" Βόλος: nominative). The capitalised function words of the three
// languages ("At", "In", "Το") are never names, whatever a gazetteer's aliases say.
func (l *Linker) oneWord(w word, cs []Candidate) []Candidate {
	if functionWords[w.folded] {
		return nil
	}
	var out, exact []Candidate
	for _, c := range cs {
		concept := c.Kind == "DOMAIN" || c.Kind == "TOPIC"
		name := translit.Fold(c.Name)
		same := slices.Contains(l.forms[c.ID], w.folded) // "София" is Sofia, whichever name came first
		if (w.capital || concept) && (same || utf8.RuneCountInString(stem(w.folded)) >= 5 || nominative(w.folded, name)) {
			out = append(out, c)
			if same {
				exact = append(exact, c)
			}
		}
	}
	if len(exact) > 0 { // "Burgas" is Burgas, not Burgos by a shared stem
		return exact
	}
	return out
}

// nominative reports whether a folded Greek genitive (-ου, -ας, -ης) is the name in the nominative
// (-ος or -ο, -α, -η).
func nominative(w, name string) bool {
	for gen, noms := range map[string][]string{"ou": {"os", "o"}, "as": {"a"}, "is": {"i", "is"}} {
		if base, ok := strings.CutSuffix(w, gen); ok && len(base) >= 3 {
			for _, n := range noms {
				if base+n == name {
					return true
				}
			}
		}
	}
	return false
}

// functionWords are short words (folded) that open sentences in the three languages.
var functionWords = map[string]bool{
	"at": true, "in": true, "on": true, "by": true, "to": true, "of": true, "the": true, "as": true, "is": true,
	"it": true, "its": true, "an": true, "a": true, "and": true, "for": true, "from": true, "with": true,
	"na": true, "v": true, "s": true, "ot": true, "za": true, "i": true, "po": true, "pri": true, "do": true,
	"o": true, "oi": true, "ta": true, "sto": true, "sti": true, "stin": true, "apo": true, "me": true,
	"kai": true, "ton": true, "tin": true, "tou": true, "tis": true,
}

// foldedWords are the words' folded forms.
func foldedWords(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.folded
	}
	return out
}

// word is a run of letters and digits of a text, folded.
type word struct {
	folded     string
	start, end int // in runes
	capital    bool
}

// tokens splits text into words (runs of letters, digits and inner hyphens or apostrophes, which a
// possessive "'s" then loses).
func tokens(text string) []word {
	var out []word
	runes := []rune(text)
	for i := 0; i < len(runes); {
		if !isWordRune(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && (isWordRune(runes[j]) || (runes[j] == '-' && j+1 < len(runes) && isWordRune(runes[j+1]) && !placeSuffix(runes, j))) {
			j++
		}
		end := j
		if j+1 < len(runes) && (runes[j] == '\'' || runes[j] == '’') && (runes[j+1] == 's' || runes[j+1] == 'S') &&
			(j+2 >= len(runes) || !isWordRune(runes[j+2])) {
			j += 2 // English possessive: Cisco's
		}
		first, _ := utf8.DecodeRuneInString(string(runes[i]))
		if f := translit.Fold(string(runes[i:end])); f != "" {
			out = append(out, word{folded: strings.ReplaceAll(f, " ", "-"), start: i, end: end, capital: unicode.IsUpper(first)})
		}
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// endings are the inflectional endings stem removes, in folded (Latin) form, longest first:
// Bulgarian definite articles and plurals (-ът, -ят, -та, -то, -те, -ите, -ата), Greek case endings
// (-ος/-ου/-ο, -η/-ης, -α/-ας, -οι/-ων), and plain vowels.
var endings = []string{"yata", "ite", "ata", "yat", "ous", "on", "ou", "os", "is", "as", "es", "oi",
	"at", "ta", "to", "te", "ya", "a", "o", "e", "i", "u", "y", "s"}

// stem removes inflectional endings from a folded word of at least five letters, keeping four, until
// none is left: "ministerstvoto" and "ministerstvo" both become "ministerstv".
func stem(w string) string {
	for {
		cut := w
		if utf8.RuneCountInString(w) >= 5 {
			for _, e := range endings {
				if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-len(e) >= 4 {
					cut = strings.TrimSuffix(w, e)
					break
				}
			}
		}
		if cut == w {
			return w
		}
		w = cut
	}
}
