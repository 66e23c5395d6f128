package ingest

import (
	"slices"
	"strings"

	"urbangraph/internal/translit"
)

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
	p.Entities = namedAgain(text, ProposeEntities(text, p.Mentions))
	p.Mentions = withoutHeads(p.Mentions, p.Entities)
	var named []Entity
	for _, m := range p.Mentions {
		if !m.Ambiguous() {
			named = append(named, Entity{ID: m.Candidates[0].ID, Kind: m.Candidates[0].Kind, Start: m.Start, End: m.End})
		}
	}
	for i, e := range p.Entities {
		slices.SortFunc(e.Spans, func(a, b Span) int { return a.Start - b.Start })
		p.Entities[i].Spans = slices.Compact(e.Spans)
		for _, sp := range p.Entities[i].Spans {
			named = append(named, Entity{ID: e.ID, Kind: e.Kind, Start: sp.Start, End: sp.End, New: true, Category: categories[e.Rule]})
		}
	}
	slices.SortStableFunc(named, func(a, b Entity) int { return a.Start - b.Start })
	p.Relations = tied(p.Sentences, p.Entities, ProposeRelationships(p.Sentences, named))
	return p
}

// namedAgain adds to each new entity the other places the text names it, in inflected forms too
// (the linker's matching), and by its aliases: "градско развитие", proposed from an enumeration, is
// also named in "добри практики за градско развитие"; "ERDF" after "European Regional Development
// Fund (ERDF)" is that fund.
func namedAgain(text string, es []NewEntity) []NewEntity {
	var names []Name
	for _, e := range es {
		if !e.Unnamed {
			names = append(names, Name{ID: e.ID, Kind: e.Kind, Text: e.Name})
			for _, a := range e.Aliases {
				names = append(names, Name{ID: e.ID, Kind: e.Kind, Text: a})
			}
		}
	}
	for _, m := range NewLinker(names).Find(text) {
		for _, c := range m.Candidates {
			i := slices.IndexFunc(es, func(e NewEntity) bool { return e.ID == c.ID })
			if i >= 0 && !slices.ContainsFunc(es[i].Spans, func(sp Span) bool { return sp.Start < m.End && m.Start < sp.End }) {
				es[i].Spans = append(es[i].Spans, Span{m.Start, m.End})
			}
		}
	}
	return es
}

// tied adds the relationships the rules that found new entities state (their ties), and drops the
// ones cue words propose against a tie: "X, Y и Z представиха своите добри практики" ties each set
// of practices to its presenter, so X did not present Y's.
func tied(sentences []Sentence, es []NewEntity, rels []RelProposal) []RelProposal {
	owner := map[string]Tie{} // entity ID + type -> its tie
	var out []RelProposal
	for _, e := range es {
		for _, t := range e.Ties {
			owner[e.ID+" "+string(t.Type)] = t
			from, to := t.Other, e.ID
			if t.Out {
				from, to = e.ID, t.Other
			}
			s := sentenceOf(sentences, e.Start)
			out = append(out, RelProposal{From: from, To: to, Type: t.Type, Quote: s.Text, Start: s.Start, End: s.End,
				Rule: e.Rule, Confidence: e.Confidence})
		}
	}
	for _, r := range rels {
		if t, ok := owner[r.To+" "+string(r.Type)]; ok && !t.Out && t.Other != r.From {
			continue
		}
		if t, ok := owner[r.From+" "+string(r.Type)]; ok && t.Out && t.Other != r.To {
			continue
		}
		if !has(out, r.From, r.Type, r.To) || !slices.ContainsFunc(out, func(o RelProposal) bool {
			return o.From == r.From && o.Type == r.Type && o.To == r.To && o.Start == r.Start
		}) {
			out = append(out, r)
		}
	}
	return out
}

// sentenceOf is the sentence holding the character at pos.
func sentenceOf(sentences []Sentence, pos int) Sentence {
	for _, s := range sentences {
		if s.Start <= pos && pos < s.End {
			return s
		}
	}
	return Sentence{}
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

// withoutHeads drops the one-word mentions that are the head word of a new entity named there ("Το
// Κέντρο", the centre the text spoke of, is not the district of Kentron).
func withoutHeads(ms []Mention, es []NewEntity) []Mention {
	return slices.DeleteFunc(ms, func(m Mention) bool {
		if strings.Contains(strings.TrimSpace(m.Text), " ") {
			return false
		}
		mw := stem(translit.Fold(m.Text))
		return slices.ContainsFunc(es, func(e NewEntity) bool {
			if e.Kind == "ORGANISATION" { // "Varna Municipality" and "Община Пловдив" name their city
				return false
			}
			head, _, _ := strings.Cut(translit.Fold(e.Name), " ")
			return stem(head) == mw && slices.ContainsFunc(e.Spans, func(sp Span) bool { return sp.Start <= m.Start && m.End <= sp.End })
		})
	})
}
