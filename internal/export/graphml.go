package export

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"strconv"

	"urbangraph/internal/store"
)

// GraphML keys: declared once, with types, so Gephi and Cytoscape show them as columns. Lists and
// the remaining properties are JSON text.
var graphMLKeys = []struct{ id, target, name, typ string }{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"name_en", "node", "name_en", "string"},
	{"name_bg", "node", "name_bg", "string"},
	{"name_el", "node", "name_el", "string"},
	{"aliases", "node", "aliases", "string"},
	{"unnamed", "node", "unnamed", "boolean"},
	{"collective", "node", "collective", "boolean"},
	{"properties", "node", "properties", "string"},
	{"type", "edge", "label", "string"},
	{"eproperties", "edge", "properties", "string"},
	{"sources", "edge", "sources", "string"},
	{"quotes", "edge", "quotes", "string"},
}

func writeGraphML(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphMLKeys {
		w.WriteString(`  <key id="` + k.id + `" for="` + k.target + `" attr.name="` + k.name + `" attr.type="` + k.typ + `"/>` + "\n")
	}
	w.WriteString(`  <graph id="urbangraph" edgedefault="directed">` + "\n")
	err := entities(ctx, s, o.IDs, func(r store.EntityRecord) error {
		c.Nodes++
		n := r.Node
		w.WriteString(`    <node id="` + attr(n.ID) + `">`)
		data(w, "label", n.Name("en"))
		data(w, "kind", string(n.Kind))
		for _, l := range store.Langs {
			if v := n.String("name_" + l); v != "" {
				data(w, "name_"+l, v)
			}
		}
		data(w, "aliases", jsonText(n.Aliases()))
		data(w, "unnamed", strconv.FormatBool(n.Bool("unnamed")))
		data(w, "collective", strconv.FormatBool(n.Bool("collective")))
		data(w, "properties", jsonText(facts(n.Props)))
		_, err := w.WriteString("</node>\n")
		return err
	})
	if err != nil {
		return c, err
	}
	err = s.StreamEdges(ctx, true, o.IDs, func(e store.Edge) error {
		c.Relationships++
		w.WriteString(`    <edge id="` + attr(e.ID) + `" source="` + attr(e.From) + `" target="` + attr(e.To) + `">`)
		data(w, "type", string(e.Type))
		data(w, "eproperties", jsonText(facts(e.Props)))
		if e.Type != store.MentionedIn {
			sources, quotes := e.Evidence()
			data(w, "sources", jsonText(sources))
			data(w, "quotes", jsonText(quotes))
		}
		_, err := w.WriteString("</edge>\n")
		return err
	})
	if err != nil {
		return c, err
	}
	w.WriteString("  </graph>\n</graphml>\n")
	return c, nil
}

func data(w *bufio.Writer, key, value string) {
	w.WriteString(`<data key="` + key + `">`)
	xml.EscapeText(w, []byte(value))
	w.WriteString(`</data>`)
}

func attr(s string) string {
	var b []byte
	buf := &byteWriter{&b}
	xml.EscapeText(buf, []byte(s))
	return string(b)
}

type byteWriter struct{ b *[]byte }

func (w *byteWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}
