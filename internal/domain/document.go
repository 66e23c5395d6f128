// Package domain is the graph's facts as documents carry them (entities, relationships, the
// evidence that states them: the import format of docs/import.md) and the rules every write obeys,
// whichever way it comes in: a row of an import (internal/importer) or a mutation (graph). A fact
// that breaks a rule is a Problem, with the path of the field and a message written for people.
package domain

// Format is the value of a JSON document's "format" field.
const Format = "urbangraph/1"

// Document is a JSON document of the import format (the shape `urbangraph export --format json`
// writes). internal/importer reads it, streaming its arrays and keeping each item's line.
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
