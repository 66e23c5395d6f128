package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"strconv"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// NodeColumns and EdgeColumns are the CSV headers; lists and objects are JSON text in one cell.
var (
	NodeColumns = []string{"id", "kind", "name_en", "name_bg", "name_el", "aliases", "unnamed", "collective", "properties", "evidence"}
	EdgeColumns = []string{"from", "type", "to", "properties", "sources", "quotes"}
)

// writeNodesCSV writes one row per entity, sources first (RFC 4180 quoting by encoding/csv).
func writeNodesCSV(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	cw := csv.NewWriter(w)
	if err := cw.Write(NodeColumns); err != nil {
		return c, err
	}
	err := entities(ctx, s, o.IDs, func(r store.EntityRecord) error {
		c.Nodes++
		doc := documentNode(r)
		n := r.Node
		return cw.Write([]string{n.ID, string(n.Kind), n.String("name_en"), n.String("name_bg"), n.String("name_el"),
			jsonText(n.Aliases()), strconv.FormatBool(n.Bool("unnamed")), strconv.FormatBool(n.Bool("collective")),
			jsonText(facts(n.Props)), jsonText(evidenceOrEmpty(doc.Evidence))})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return c, err
}

// writeEdgesCSV writes one row per relationship; entity evidence is in nodes.csv, not here.
func writeEdgesCSV(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	cw := csv.NewWriter(w)
	if err := cw.Write(EdgeColumns); err != nil {
		return c, err
	}
	err := s.StreamEdges(ctx, false, o.IDs, func(e store.Edge) error {
		c.Relationships++
		sources, quotes := e.Evidence()
		return cw.Write([]string{e.From, string(e.Type), e.To, jsonText(facts(e.Props)), jsonText(sources), jsonText(quotes)})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return c, err
}

func evidenceOrEmpty(e []domain.Evidence) []domain.Evidence {
	if e == nil {
		return []domain.Evidence{}
	}
	return e
}
