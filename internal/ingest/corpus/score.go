package corpus

import (
	"cmp"
	"slices"
	"strings"

	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// proposed is an entity as the scorer sees it: a new entity, or a known one the text mentions,
// with every name it may be matched by.
type proposed struct {
	ID, Kind   string
	Names      []string
	Confidence float64
	Rule       string
}

// Rel is a proposed relationship as the report shows it: its ends by name, its best proposal (the
// most confident of those that state it), and what the scorer made of it.
type Rel struct {
	From, Type, To string // the ends' first names
	Rule           string
	Confidence     float64
	Quote          string
	Verdict        Verdict
}

// Verdict is what a proposed relationship turned out to be.
type Verdict string

const (
	Right      Verdict = "right"      // it is an annotated fact
	Implied    Verdict = "implied"    // a municipality in the city its name holds: neither right nor wrong
	Unexpected Verdict = "unexpected" // not annotated: wrong, or a fact the annotation missed
)

// Found is an annotated entity or fact and the rule that found it ("" when missed).
type Found struct {
	Kind, Name string    // an entity
	Fact       [3]string // or a fact
	Rule       string
}

// Result is one document's score.
type Result struct {
	Doc                Document
	Entities, Facts    []Found
	Relations          []Rel      // every proposed relationship, at any confidence
	UnexpectedEntities []proposed // proposals at or above the threshold that name no annotated entity
	Min                float64
}

// Score compares what the pipeline proposed for a document with its annotation, as the corpus
// README says. known are the names of the graph's entities by ID (a mention is matched by any name
// of its candidate); min is the confidence threshold (0.5).
func Score(d Document, p ingest.Proposals, known map[string][]string, min float64) Result {
	ents := entitiesOf(p, known)
	res := Result{Doc: d, Min: min}
	for _, a := range d.Entities {
		f := Found{Kind: a.Kind, Name: a.Name}
		if e, ok := best(ents, min, a.Kind, a.Name); ok {
			f.Rule = e.Rule
		}
		res.Entities = append(res.Entities, f)
	}
	for _, e := range sortedEntities(ents) {
		if e.Confidence >= min && !slices.ContainsFunc(d.Entities, func(a Entity) bool { return a.Kind == e.Kind && anyMatch(e.Names, a.Name) }) {
			res.UnexpectedEntities = append(res.UnexpectedEntities, *e)
		}
	}
	rels := uniqueRelations(p.Relations)
	for _, f := range d.Facts {
		found := Found{Fact: f}
		for _, r := range rels {
			if r.Confidence >= min && states(d, ents, r, f) {
				found.Rule = r.Rule
				break
			}
		}
		res.Facts = append(res.Facts, found)
	}
	for _, r := range rels {
		from, to := orKnown(ents, r.From, known), orKnown(ents, r.To, known)
		out := Rel{From: firstName(from, r.From), Type: string(r.Type), To: firstName(to, r.To), Rule: r.Rule,
			Confidence: r.Confidence, Quote: r.Quote, Verdict: Unexpected}
		switch {
		case slices.ContainsFunc(d.Facts, func(f [3]string) bool { return states(d, ents, r, f) }):
			out.Verdict = Right
		case implied(from, string(r.Type), to):
			out.Verdict = Implied
		}
		res.Relations = append(res.Relations, out)
	}
	return res
}

// entitiesOf gathers the proposals' entities by ID: the new ones by their name and aliases, the
// known ones by the graph's names and the text's forms of them. A mention with several candidates
// stands for each at its (low) confidence.
func entitiesOf(p ingest.Proposals, known map[string][]string) map[string]*proposed {
	ents := map[string]*proposed{}
	for _, e := range p.Entities {
		ents[e.ID] = &proposed{ID: e.ID, Kind: e.Kind, Names: append([]string{e.Name}, e.Aliases...), Confidence: e.Confidence, Rule: e.Rule}
	}
	for _, m := range p.Mentions {
		rule := "known-name"
		if m.Ambiguous() {
			rule = "known-name-ambiguous"
		}
		for _, c := range m.Candidates {
			e, ok := ents[c.ID]
			if !ok {
				e = &proposed{ID: c.ID, Kind: c.Kind, Names: append([]string{m.Text}, known[c.ID]...), Rule: rule}
				ents[c.ID] = e
			} else if !slices.Contains(e.Names, m.Text) {
				e.Names = append(e.Names, m.Text)
			}
			if m.Confidence() > e.Confidence {
				e.Confidence, e.Rule = m.Confidence(), rule
			}
		}
	}
	return ents
}

// best is the most confident entity at or above min of the kind whose names match name.
func best(ents map[string]*proposed, min float64, kind, name string) (proposed, bool) {
	var out *proposed
	for _, e := range sortedEntities(ents) {
		if e.Kind == kind && e.Confidence >= min && anyMatch(e.Names, name) && (out == nil || e.Confidence > out.Confidence) {
			out = e
		}
	}
	if out == nil {
		return proposed{}, false
	}
	return *out, true
}

// sortedEntities lists the entities by ID, so that reports come out the same each run.
func sortedEntities(ents map[string]*proposed) []*proposed {
	out := make([]*proposed, 0, len(ents))
	for _, e := range ents {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *proposed) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// uniqueRelations keeps one proposal per relationship (start, type, end): the most confident.
func uniqueRelations(rs []ingest.RelProposal) []ingest.RelProposal {
	var out []ingest.RelProposal
	for _, r := range rs {
		i := slices.IndexFunc(out, func(o ingest.RelProposal) bool { return o.From == r.From && o.Type == r.Type && o.To == r.To })
		switch {
		case i < 0:
			out = append(out, r)
		case r.Confidence > out[i].Confidence:
			out[i] = r
		}
	}
	return out
}

// states reports whether the proposed relationship is the annotated fact: the same type, from an
// entity of the fact's start's kind whose names match it, to one of its end's kind whose names
// match that.
func states(d Document, ents map[string]*proposed, r ingest.RelProposal, f [3]string) bool {
	from, to := ents[r.From], ents[r.To]
	return string(r.Type) == f[1] && from != nil && to != nil &&
		slices.Contains(d.kinds(f[0]), from.Kind) && anyMatch(from.Names, f[0]) &&
		slices.Contains(d.kinds(f[2]), to.Kind) && anyMatch(to.Names, f[2])
}

// municipalityWords mark an organisation's name as a municipality's, folded: "Община Видин",
// "Δήμος Ναυπλιέων", "Vidin Municipality", "City of Vidin", "Leeds City Council".
var municipalityWords = []string{"общин", "δημο", "municipal", "city of", "city council", "county council", "council of", "municipiul", "primaria",
	"ajuntament", "ayuntamiento", "comune", "gemeente", "kommune", "municipio", "savivaldyb", "mairie", "stadt"}

// implied reports whether a relationship is a municipality LOCATED_IN the city its name holds,
// which the README scores neither right nor wrong.
// orKnown is the proposals' entity of an ID, or the graph's when the text names it only inside
// another name (a municipality's LOCATED_IN the city its name holds).
func orKnown(ents map[string]*proposed, id string, known map[string][]string) *proposed {
	if e, ok := ents[id]; ok {
		return e
	}
	if names, ok := known[id]; ok {
		kind, _ := store.KindOfID(id)
		return &proposed{ID: id, Kind: string(kind), Names: names}
	}
	return nil
}

func implied(from *proposed, t string, to *proposed) bool {
	if from == nil || to == nil || t != "LOCATED_IN" || from.Kind != "ORGANISATION" || to.Kind != "CITY" {
		return false
	}
	for _, n := range from.Names {
		f := Fold(n)
		if !slices.ContainsFunc(municipalityWords, func(w string) bool { return strings.Contains(f, w) }) {
			continue
		}
		if slices.ContainsFunc(to.Names, func(c string) bool { return containsName(n, c) }) {
			return true
		}
	}
	return false
}

func firstName(e *proposed, id string) string {
	if e == nil || len(e.Names) == 0 {
		return id
	}
	return e.Names[0]
}
