package ingest

import "urbangraph/internal/store"

// NewEntity is a proposed entity the graph does not know yet: its kind, its name as the document
// writes it (the head word brought back to the form a name takes: "Министерството на …" is
// "Министерство на …"), the language of that name, an ID by the usual slug rule, where it stands,
// and the rule that found it with that rule's confidence.
type NewEntity struct {
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Lang       string   `json:"lang"`
	ID         string   `json:"id"`
	Category   string   `json:"category,omitempty"` // an organisation's: MUNICIPALITY, MINISTRY, ACADEMIA, COMPANY, START_UP, OTHER
	Start      int      `json:"start"`              // its first place, in characters (runes)
	End        int      `json:"end"`
	Spans      []Span   `json:"spans"` // every place it is named (the first included)
	Rule       string   `json:"rule"`
	Confidence float64  `json:"confidence"`
	Unnamed    bool     `json:"unnamed,omitempty"`     // the text describes it without naming it
	Collective bool     `json:"collective,omitempty"`  // it stands for a group
	Ties       []Tie    `json:"ties,omitempty"`        // relationships the rule that found it states with it
	Aliases    []string `json:"aliases,omitempty"`     // other names the text gives it (an acronym in brackets)
	English    string   `json:"englishName,omitempty"` // its English name by its kind's pattern (resolve.go), which gives its ID
	Candidates []string `json:"candidates,omitempty"`  // known entities it may be (a weak match: resolve.go), for a reviewer
	Resolution string   `json:"resolution,omitempty"`  // why the candidates may be it
}

// Tie is a relationship a new entity has by the rule that found it: "Община Пловдив представи
// своите добри практики" makes the practices and says who PRESENTED them.
type Tie struct {
	Other string        `json:"other"` // the other entity's ID
	Type  store.RelType `json:"type"`  // the relationship
	Out   bool          `json:"out"`   // from the new entity to Other (else from Other to it)
}

// Span is a place in a text, in characters.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}
