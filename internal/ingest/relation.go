package ingest

import "urbangraph/internal/store"

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
