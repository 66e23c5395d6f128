// Package export writes the whole graph in the formats researchers and tools take: the import format
// (JSON, which `urbangraph import` reads back), GraphML (Gephi, Cytoscape), CSV (nodes and edges),
// JSON-LD (linked-data vocabularies, with provenance) and GeoJSON (the located entities, for maps). Every writer streams from Neo4j: memory does not grow with the graph.
package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// Format is an export format.
type Format string

const (
	JSON     Format = "json"
	GraphML  Format = "graphml"
	JSONLD   Format = "jsonld"
	GeoJSON  Format = "geojson"
	NQuads   Format = "nquads"
	NodesCSV Format = "nodes.csv"
	EdgesCSV Format = "edges.csv"
)

// ContentType is the HTTP media type of a format.
func (f Format) ContentType() string {
	switch f {
	case JSON:
		return "application/json"
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case JSONLD:
		return "application/ld+json"
	case GeoJSON:
		return "application/geo+json"
	case NQuads:
		return "application/n-quads"
	default:
		return "text/csv; charset=utf-8"
	}
}

// Options narrow an export.
type Options struct {
	// IDs, when not nil, exports only these entities, the relationships among them, and the sources
	// their facts cite (the picture a web client shows).
	IDs []string
}

// Counts say how much an export wrote.
type Counts struct{ Nodes, Relationships int }

// Write streams the graph in format f to w.
func Write(ctx context.Context, s *store.Store, f Format, o Options, w io.Writer) (Counts, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var c Counts
	var err error
	switch f {
	case JSON:
		c, err = writeJSON(ctx, s, o, bw)
	case GraphML:
		c, err = writeGraphML(ctx, s, o, bw)
	case JSONLD:
		c, err = writeJSONLD(ctx, s, o, bw)
	case GeoJSON:
		c, err = writeGeoJSON(ctx, s, o, bw)
	case NQuads:
		c, err = writeNQuads(ctx, s, o, bw)
	case NodesCSV:
		c, err = writeNodesCSV(ctx, s, o, bw)
	case EdgesCSV:
		c, err = writeEdgesCSV(ctx, s, o, bw)
	default:
		return Counts{}, fmt.Errorf("unknown export format %q (json, graphml, jsonld, nquads, geojson, nodes.csv, edges.csv)", f)
	}
	if err != nil {
		return c, err
	}
	return c, bw.Flush()
}

// entities streams sources first, then every other entity.
func entities(ctx context.Context, s *store.Store, ids []string, f func(store.EntityRecord) error) error {
	if err := s.StreamEntities(ctx, true, ids, f); err != nil {
		return err
	}
	return s.StreamEntities(ctx, false, ids, f)
}

// facts are the properties a document states: all stored ones but those the store manages.
func facts(props map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		if !store.IsReserved(k) {
			out[k] = v
		}
	}
	return out
}

func names(n store.Node) map[string]string {
	out := map[string]string{}
	for _, l := range store.Langs {
		if v := n.String("name_" + l); v != "" {
			out[l] = v
		}
	}
	return out
}

// documentNode is an entity in the import format.
func documentNode(r store.EntityRecord) domain.Node {
	n := domain.Node{ID: r.Node.ID, Names: names(r.Node), Aliases: r.Node.Aliases(),
		Unnamed: r.Node.Bool("unnamed"), Collective: r.Node.Bool("collective"), Properties: facts(r.Node.Props)}
	if r.Node.Kind != store.Source {
		n.Kind = string(r.Node.Kind)
	}
	for _, m := range r.Mentions {
		n.Evidence = append(n.Evidence, domain.Evidence{Source: m.Source.ID, Quote: m.Quote, Properties: m.Properties})
	}
	if len(n.Properties) == 0 {
		n.Properties = nil
	}
	return n
}

// writeJSON writes one document of the import format, so that `urbangraph import` reads it back.
func writeJSON(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	fmt.Fprintf(w, "{\n\"format\": %q,\n\"description\": \"Export of the Urbangraph knowledge graph.\",\n\"sources\": [", domain.Format)
	section := func(sources bool) error {
		first := true
		return s.StreamEntities(ctx, sources, o.IDs, func(r store.EntityRecord) error {
			c.Nodes++
			return writeItem(w, &first, documentNode(r))
		})
	}
	if err := section(true); err != nil {
		return c, err
	}
	w.WriteString("\n],\n\"nodes\": [")
	if err := section(false); err != nil {
		return c, err
	}
	w.WriteString("\n],\n\"relationships\": [")
	first := true
	err := s.StreamEdges(ctx, false, o.IDs, func(e store.Edge) error {
		c.Relationships++
		props := facts(e.Props)
		sources, quotes := e.Evidence()
		for i := range sources {
			if i >= len(quotes) {
				break
			}
			rel := domain.Rel{From: e.From, Type: string(e.Type), To: e.To, Properties: props, Source: sources[i], Quote: quotes[i]}
			if len(props) == 0 {
				rel.Properties = nil
			}
			if err := writeItem(w, &first, rel); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	w.WriteString("\n]\n}\n")
	return c, nil
}

func writeItem(w *bufio.Writer, first *bool, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if !*first {
		w.WriteByte(',')
	}
	*first = false
	w.WriteString("\n  ")
	_, err = w.Write(b)
	return err
}

// sortedKeys makes attribute order stable.
func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
