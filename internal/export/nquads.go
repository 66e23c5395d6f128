package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/piprate/json-gold/ld"

	"urbangraph/internal/store"
)

// N-Quads are the JSON-LD export's statements (the same items, provenance and quotes included) as
// RDF, for triple stores and SPARQL engines. Each @graph item is turned into RDF by a JSON-LD
// processor (json-gold) as it is written, so the export streams like the others; the blank nodes of
// an item (an entity's derivations, its coordinates) are labelled by the item's number, so that no
// two items share one.
type nquadsWriter struct {
	w    *bufio.Writer
	proc *ld.JsonLdProcessor
	opts *ld.JsonLdOptions
	item int
}

func writeNQuads(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	n := &nquadsWriter{w: w, proc: ld.NewJsonLdProcessor(), opts: ld.NewJsonLdOptions("")}
	j := &jsonldWriter{w: w, langs: map[string]string{}, emit: n.write}
	err := entities(ctx, s, o.IDs, j.entity)
	return j.c, err
}

// write writes one JSON-LD item's quads.
func (n *nquadsWriter) write(item map[string]any) error {
	// The processor reads JSON's own types (maps of any, lists of any), as the JSON-LD export writes.
	b, err := json.Marshal(item)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	doc["@context"] = jsonLDContext
	out, err := n.proc.ToRDF(doc, n.opts)
	if err != nil {
		return fmt.Errorf("n-quads of %v: %w", item["@id"], err)
	}
	ds, ok := out.(*ld.RDFDataset)
	if !ok {
		return fmt.Errorf("n-quads of %v: the processor returned %T", item["@id"], out)
	}
	n.item++
	for _, quads := range ds.Graphs {
		for _, q := range quads {
			q.Subject, q.Object, q.Graph = n.label(q.Subject), n.label(q.Object), n.label(q.Graph)
		}
	}
	return (&ld.NQuadRDFSerializer{}).SerializeTo(n.w, ds)
}

// label gives a blank node a label of its own item's.
func (n *nquadsWriter) label(node ld.Node) ld.Node {
	if b, ok := node.(ld.BlankNode); ok {
		return ld.NewBlankNode(fmt.Sprintf("_:i%d%s", n.item, b.Attribute[2:]))
	}
	return node
}
