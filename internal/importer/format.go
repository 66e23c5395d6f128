// Package importer reads graph data (the JSON document format of docs/import.md, JSON Lines, and the
// CSV files `urbangraph export` writes), checks every row against the model (known kinds and
// relationship types, IDs of the form kind:slug, names, and a source sentence for every fact), and
// writes the good rows to the store in batches. Bad rows are reported with their file and line.
package importer

// Format is the value of a JSON document's "format" field.
const Format = "urbangraph/1"

// Document is a JSON document of the import format (the shape `urbangraph export --format json`
// writes). Reading goes through Read, which streams its arrays and keeps each item's line.
type Document struct {
	Format        string `json:"format"`
	Description   string `json:"description,omitempty"`
	Source        string `json:"source,omitempty"` // default source of evidence and relationships
	Sources       []Node `json:"sources,omitempty"`
	Nodes         []Node `json:"nodes"`
	Relationships []Rel  `json:"relationships"`
}

// Node is an entity.
type Node struct {
	ID         string            `json:"id"`
	Kind       string            `json:"kind,omitempty"` // SOURCE (or empty) for entries of "sources"
	Names      map[string]string `json:"names"`
	Aliases    []string          `json:"aliases,omitempty"`
	Unnamed    bool              `json:"unnamed,omitempty"`
	Collective bool              `json:"collective,omitempty"`
	Properties map[string]any    `json:"properties,omitempty"`
	Evidence   []Evidence        `json:"evidence,omitempty"`
}

// Evidence is a sentence of a source that names the entity and states the listed properties.
type Evidence struct {
	Source     string   `json:"source,omitempty"`
	Quote      string   `json:"quote"`
	Properties []string `json:"properties,omitempty"`
}

// Rel is a relationship.
type Rel struct {
	From       string         `json:"from"`
	Type       string         `json:"type"`
	To         string         `json:"to"`
	Properties map[string]any `json:"properties,omitempty"`
	Source     string         `json:"source,omitempty"`
	Quote      string         `json:"quote"`
}
