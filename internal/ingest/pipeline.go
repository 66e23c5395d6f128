package ingest

import "slices"

// Proposals are what a document yields: its sentences, the mentions of known entities, the new
// entities it names, and the relationships its sentences state.
type Proposals struct {
	Sentences []Sentence
	Mentions  []Mention
	Entities  []NewEntity
	Relations []RelProposal
}

// Propose runs the pipeline on a text with the names the graph knows (l). Ambiguous mentions take
// no part in relationships: a reviewer picks their entity first.
func Propose(text string, l *Linker) Proposals {
	p := Proposals{Sentences: Split(text), Mentions: l.Find(text)}
	p.Entities = ProposeEntities(text, p.Mentions)
	var named []Entity
	for _, m := range p.Mentions {
		if !m.Ambiguous() {
			named = append(named, Entity{ID: m.Candidates[0].ID, Kind: m.Candidates[0].Kind, Start: m.Start, End: m.End})
		}
	}
	for _, e := range p.Entities {
		for _, sp := range e.Spans {
			named = append(named, Entity{ID: e.ID, Kind: e.Kind, Start: sp.Start, End: sp.End, New: true})
		}
	}
	slices.SortStableFunc(named, func(a, b Entity) int { return a.Start - b.Start })
	p.Relations = ProposeRelationships(p.Sentences, named)
	return p
}

// outermost drops the entities named inside another's name ("Cisco" in "Центърът Cisco", the
// centre): the longest name is what the text speaks of there.
func outermost(es []Entity) []Entity {
	var out []Entity
	for _, e := range es {
		inside := false
		for _, o := range es {
			if o.ID != e.ID && o.Start <= e.Start && e.End <= o.End && o.End-o.Start > e.End-e.Start {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, e)
		}
	}
	return out
}
