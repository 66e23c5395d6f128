package ingest

import "urbangraph/internal/store"

// NewEntity is a proposed entity the graph does not know yet: its kind, its name as the document
// writes it (the head word brought back to the form a name takes: "Министерството на …" is
// "Министерство на …"), the language of that name, an ID by the usual slug rule, where it stands,
// and the rule that found it with that rule's confidence.
type NewEntity struct {
	Kind, Name, Lang, ID string
	Category             string // an organisation's: MUNICIPALITY, MINISTRY, ACADEMIA, COMPANY, START_UP, OTHER
	Start, End           int    // its first place, in characters (runes)
	Spans                []Span // every place it is named (the first included)
	Rule                 string
	Confidence           float64
	Unnamed, Collective  bool     // the text describes it without naming it; it stands for a group
	Ties                 []Tie    // relationships the rule that found it states with it
	Aliases              []string // other names the text gives it (an acronym in brackets)
	English              string   // its English name by its kind's pattern (resolve.go), which gives its ID
	Candidates           []string // known entities it may be (a weak match: resolve.go), for a reviewer
	Resolution           string   // why the candidates may be it
}

// Tie is a relationship a new entity has by the rule that found it: "Община Пловдив представи
// своите добри практики" makes the practices and says who PRESENTED them.
type Tie struct {
	Other string        // the other entity's ID
	Type  store.RelType // the relationship
	Out   bool          // from the new entity to Other (else from Other to it)
}

// Span is a place in a text, in characters.
type Span struct{ Start, End int }
