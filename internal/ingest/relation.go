package ingest

import "urbangraph/internal/store"

// RelProposal is a proposed relationship, stated by one sentence (its Quote, with its place).
type RelProposal struct {
	From       string         `json:"from"`
	To         string         `json:"to"`
	Type       store.RelType  `json:"type"`
	Props      map[string]any `json:"properties,omitempty"`
	Quote      string         `json:"quote"`
	Start      int            `json:"start"`
	End        int            `json:"end"`
	Rule       string         `json:"rule"`
	Confidence float64        `json:"confidence"`
}
