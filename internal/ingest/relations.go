package ingest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"urbangraph/internal/store"
)

// Entity is an entity a sentence names: a known one (linked) or a proposed one (new).
type Entity struct {
	ID, Kind   string
	Start, End int
	New        bool
	Category   string // a proposed organisation's category
}

// RelProposal is a proposed relationship, stated by one sentence (its Quote, with its place).
type RelProposal struct {
	From, To   string
	Type       store.RelType
	Props      map[string]any
	Quote      string
	Start, End int
	Rule       string
	Confidence float64
}

// cue is a relationship type and the words (lower case, any of the three languages, as
// substrings so that inflections match) that state it.
type cue struct {
	t          store.RelType
	words      []string
	confidence float64
	before     bool // the cue stands just before the target ("в град Солун"), within a few words
}

var cues = []cue{
	{"FOUNDED", []string{"създаден", "основан", "учреден", "founded", "created by", "established", "ιδρύθηκε", "δημιουργήθηκε", "ιδρύθηκαν", "ίδρυσ"}, 0.8, false},
	{"FUNDED_BY", []string{"финансов", "финансира", "с подкрепа на", "funded", "financed", "financial support", "χρηματοδοτ"}, 0.7, false},
	{"SUPPORTS", []string{"с подкрепата на", "подкрепя", "supported by", "with the support of", "supports", "με την υποστήριξη", "υποστηρίζ"}, 0.65, false},
	{"PARTICIPATED_IN", []string{"участ", "took part", "participated", "συμμετ", "експерти от", "experts from", "εμπειρογνώμονες από"}, 0.7, false},
	{"PRESENTED", []string{"представиха", "представи ", "presented", "παρουσίασ"}, 0.7, false},
	{"PRESENTED_AT", []string{"представиха", "представи ", "presented", "παρουσίασ"}, 0.65, false},
	{"VISITED", []string{"посетиха", "посети ", "visited", "επισκέφθηκαν", "επισκέφτηκαν"}, 0.75, false},
	{"HAS_EXPERTISE_IN", []string{"експертиза", "в областите", "в областта", "expertise", "fields of", "τομείς", "τεχνογνωσία"}, 0.7, false},
	{"HAS_UNIT", []string{"отдел", "department", "academy", "τμήμα"}, 0.6, false},
	{"LOCATED_IN", []string{"в град", "в гр.", " в ", "located in", "based in", "in the city of", " in ", "στην πόλη", "έδρα", " στη ", " στην ", " στο "}, 0.6, true},
	{"HELD_IN", []string{"в град", "в гр.", " в ", "held in", "took place in", " in ", "στην πόλη", " στη ", " στην ", " στο "}, 0.7, true},
	{"INTRODUCED_TO", []string{"запознати с", "запозна", "introduced to", "γνωρίσαν"}, 0.7, false},
	{"DISCUSSED", []string{"дискусия", "обсъд", "discussed", "discussion", "συζήτ"}, 0.6, false},
}

var yearPattern = regexp.MustCompile(`\b(19[5-9]\d|20[0-4]\d)\b`)

// participles open a sentence whose subject is the last entity of the sentence before ("Създаден
// през 2020 г. от Cisco…" after "…Центърът за дигитална трансформация.").
var participles = []string{"създаден", "създадена", "основан", "основана", "founded", "created", "established", "ιδρύθηκε", "δημιουργήθηκε"}

// ProposeRelationships proposes, for each sentence, the relationships its cue words state between
// the entities it names, where the model allows the two kinds; a sentence that opens with a
// participle also speaks of the last entity named before it. FOUNDED takes the year the sentence
// gives.
//
// Cue words relate the outermost names only (the centre in "Центърът Cisco", not Cisco); the
// structural rules see every name, for they read names within names ("Община Пловдив").
func ProposeRelationships(sentences []Sentence, entities []Entity) []RelProposal {
	var out []RelProposal
	var previous []Entity
	outer := outermost(entities)
	for _, s := range sentences {
		in := entitiesIn(s, outer)
		lower := strings.ToLower(s.Text)
		carried := len(previous) > 0 && opensWithParticiple(lower)
		if carried {
			in = append(in, previous[len(previous)-1])
		}
		occ := occurrences(s)
		for _, c := range cues {
			if !containsAny(lower, c.words) {
				continue
			}
			if c.t == "FUNDED_BY" {
				out = append(out, funding(s, in, c, out)...)
				continue
			}
			claimed := agentsAfter(occ, in, c.t)
			for _, a := range in {
				if !c.before && !governs(occ, a, c.t, claimed) {
					continue
				}
				for _, b := range in {
					if a.ID == b.ID || !c.t.Connects(store.Kind(a.Kind), store.Kind(b.Kind)) || has(out, a.ID, c.t, b.ID) ||
						c.before && !(cueBefore(s, b, c.words) && (nearestBefore(in, b, a) || heldAfter(s, lower, in, b, a, c.t))) {
						continue
					}
					p := RelProposal{From: a.ID, To: b.ID, Type: c.t, Quote: s.Text, Start: s.Start, End: s.End,
						Rule: "cue:" + strings.ToLower(string(c.t)), Confidence: c.confidence}
					if carried {
						p.Rule += "+carried-subject"
						p.Confidence -= 0.1
					}
					if y := yearPattern.FindString(s.Text); y != "" && c.t == "FOUNDED" {
						n, _ := strconv.Atoi(y)
						p.Props = map[string]any{"year": n}
					}
					out = append(out, p)
				}
			}
		}
		if len(in) > 0 {
			previous = in
		}
		out = append(out, structural(s, entitiesIn(s, entities), out)...)
	}
	return out
}

// structural proposes what the shape of a sentence states: "Солун, Гърция" (a city, a comma, a
// country) is the city LOCATED_IN the country; "Община Пловдив" (a municipality whose name holds
// a city) is LOCATED_IN that city; practices whose description holds a domain are IN_DOMAIN it.
func structural(s Sentence, in []Entity, have []RelProposal) []RelProposal {
	var out []RelProposal
	runes := []rune(s.Text)
	// Each sentence that states it cites it: the relationship is one, its quotes several.
	add := func(a, b Entity, t store.RelType, rule string, confidence float64) {
		if !slices.ContainsFunc(have, func(p RelProposal) bool {
			return p.From == a.ID && p.Type == t && p.To == b.ID && p.Start == s.Start
		}) && !has(out, a.ID, t, b.ID) {
			out = append(out, RelProposal{From: a.ID, To: b.ID, Type: t, Quote: s.Text, Start: s.Start, End: s.End,
				Rule: rule, Confidence: confidence})
		}
	}
	for _, a := range in {
		for _, b := range in {
			switch {
			case a.Kind == "CITY" && b.Kind == "COUNTRY" && b.Start > a.End && b.Start-a.End <= 2 &&
				strings.TrimSpace(string(runes[a.End-s.Start:b.Start-s.Start])) == ",":
				add(a, b, "LOCATED_IN", "apposition:city-country", 0.75)
			case a.Category == "MUNICIPALITY" && b.Kind == "CITY" && a.Start <= b.Start && b.End <= a.End:
				add(a, b, "LOCATED_IN", "name:organisation-of-city", 0.85)
			case a.Kind == "PRACTICE" && b.Kind == "DOMAIN" && a.Start <= b.Start && b.End <= a.End:
				add(a, b, "IN_DOMAIN", "name:practice-in-domain", 0.7)
			}
		}
	}
	return out
}

// nearestBefore reports whether a is the entity that ends nearest before target b, and at most 60
// characters before it (the subject of "X в град Y").
func nearestBefore(in []Entity, b, a Entity) bool {
	if a.End > b.Start || b.Start-a.End > 60 { // a subject far back is not this cue's
		return false
	}
	for _, o := range in {
		if o.ID != a.ID && o.End <= b.Start && o.End > a.End && !(o.Start >= a.Start && o.End <= a.End) {
			return false
		}
	}
	return true
}

func entitiesIn(s Sentence, entities []Entity) []Entity {
	var in []Entity
	for _, e := range entities {
		if e.Start >= s.Start && e.End <= s.End {
			in = append(in, e)
		}
	}
	return in
}

func opensWithParticiple(lower string) bool {
	for _, p := range participles {
		if strings.HasPrefix(lower, p+" ") {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func has(ps []RelProposal, from string, t store.RelType, to string) bool {
	for _, p := range ps {
		if p.From == from && p.Type == t && p.To == to {
			return true
		}
	}
	return false
}

// cueBefore reports whether one of the cue words ends at most 12 characters before entity e starts
// ("в град Солун": the place is what the cue speaks of).
func cueBefore(s Sentence, e Entity, words []string) bool {
	runes := []rune(s.Text)
	at := e.Start - s.Start
	if at < 0 || at > len(runes) {
		return false
	}
	before := strings.ToLower(string(runes[max(0, at-len("в град")-12):at]))
	return containsAny(before, words)
}

// funding proposes FUNDED_BY by the order of a sentence: the funder is the programme named right
// after a cue ("с финансовата подкрепа на ОПРР", "financed by the ERDF"); the funded is the entity
// named right before the cue ("„Техническа помощ…”, който се осъществява с … ОПРР"), or, when
// nothing stands before it, the entities named after the funder that no other cue funds ("В
// изпълнение на финансов план за бюджетна линия „X”, … се проведе семинар").
func funding(s Sentence, in []Entity, c cue, have []RelProposal) []RelProposal {
	lower := []rune(strings.ToLower(s.Text))
	type pair struct{ funder, funded []Entity }
	var found []pair
	funders := map[string]bool{}
	for _, at := range cueOffsets(lower, c.words) {
		pos := s.Start + at
		var p pair
		for _, e := range in {
			if e.Start >= pos && e.Start-pos <= 80 && e.Kind == "PROGRAMME" {
				p.funder = []Entity{e}
				funders[e.ID] = true
				break
			}
		}
		for _, e := range in { // the nearest before, or several named at one place (each presenter's practices)
			switch {
			case e.End > pos || pos-e.End > 80:
			case len(p.funded) == 0 || e.End > p.funded[0].End:
				p.funded = []Entity{e}
			case e.End == p.funded[0].End:
				p.funded = append(p.funded, e)
			}
		}
		found = append(found, p)
	}
	var out []RelProposal
	for _, p := range found {
		if len(p.funder) == 0 {
			continue
		}
		funded := p.funded
		if len(funded) == 0 {
			for _, e := range in {
				if e.Start > p.funder[0].End && !funders[e.ID] {
					funded = append(funded, e)
				}
			}
		}
		for _, e := range funded {
			if e.ID != p.funder[0].ID && c.t.Connects(store.Kind(e.Kind), "PROGRAMME") && !has(have, e.ID, c.t, p.funder[0].ID) && !has(out, e.ID, c.t, p.funder[0].ID) {
				out = append(out, RelProposal{From: e.ID, To: p.funder[0].ID, Type: c.t, Quote: s.Text, Start: s.Start, End: s.End,
					Rule: "cue:funded_by", Confidence: c.confidence})
			}
		}
	}
	return out
}

// cueOffsets are the places (in runes) where a cue word starts in a lower-case sentence.
func cueOffsets(lower []rune, words []string) []int {
	var at []int
	text := string(lower)
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			at = append(at, utf8.RuneCountInString(text[:i+j]))
			i += j + len(w)
		}
	}
	slices.Sort(at)
	return slices.Compact(at)
}

// occurrence is a cue word of a sentence: where it stands (in the text, in runes) and its type.
type occurrence struct {
	start, end int
	t          store.RelType
}

// occurrences are the places of a sentence's cue words, but place cues ("в град"), in order.
func occurrences(s Sentence) []occurrence {
	lower := []rune(strings.ToLower(s.Text))
	var out []occurrence
	for _, c := range cues {
		if c.before {
			continue
		}
		for _, at := range cueOffsets(lower, c.words) {
			out = append(out, occurrence{start: s.Start + at, end: s.Start + at + 1, t: c.t})
		}
	}
	slices.SortFunc(out, func(a, b occurrence) int { return a.start - b.start })
	return out
}

// governs reports whether the cue of type t speaks of a as its agent: a stands after the nearest
// cue before it ("създаден … от Община Казанлък" is the founder; "с подкрепата на Община Стара
// Загора" after it the supporter, not a founder); or, with no cue before it, a is the subject: the
// nearest cue after it is of type t, or no entity stands after a cue of type t as its agent
// (claimed) — "The centre has a department … and expertise in …": the centre has both, and "Cisco
// founded the centre with the support of X": Cisco did not support it, X did.
func governs(occ []occurrence, a Entity, t store.RelType, claimed bool) bool {
	var prev, next *occurrence
	for i := range occ {
		switch o := &occ[i]; {
		case o.start < a.Start:
			prev = o
		case next == nil && o.start >= a.End:
			next = o
		}
	}
	// Cue words of several types may stand at one place ("представиха": PRESENTED, PRESENTED_AT).
	at := func(o *occurrence) bool {
		return slices.ContainsFunc(occ, func(x occurrence) bool { return x.start == o.start && x.t == t })
	}
	switch {
	case prev != nil:
		return at(prev)
	case next != nil:
		return at(next) || !claimed && slices.ContainsFunc(occ, func(x occurrence) bool { return x.t == t && x.start >= a.End })
	}
	return true
}

// agentsAfter reports whether an entity that may start a relationship of type t stands after a cue
// of type t, with that cue the nearest before it.
func agentsAfter(occ []occurrence, in []Entity, t store.RelType) bool {
	return slices.ContainsFunc(in, func(e Entity) bool {
		var prev *occurrence
		for i := range occ {
			if occ[i].start < e.Start {
				prev = &occ[i]
			}
		}
		return prev != nil && prev.t == t && t.CanStart(store.Kind(e.Kind))
	})
}

// tookPlace are the verbs that let an event come after its place: "в град Русе, България, се проведе
// семинар".
var tookPlace = []string{"се проведе", "took place", "was held", "πραγματοποιήθηκε", "διεξήχθη"}

// heldAfter reports whether event a, named after place b, is what took place there: the sentence
// says so (tookPlace), and only places stand between them, at most 60 characters apart.
func heldAfter(s Sentence, lower string, in []Entity, b, a Entity, t store.RelType) bool {
	if t != "HELD_IN" || a.Start < b.End || a.Start-b.End > 60 || !containsAny(lower, tookPlace) {
		return false
	}
	return !slices.ContainsFunc(in, func(o Entity) bool {
		return o.Start >= b.End && o.End <= a.Start && o.Kind != "CITY" && o.Kind != "COUNTRY"
	})
}
