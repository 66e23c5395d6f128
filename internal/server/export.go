package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"urbangraph/internal/errs"
	"urbangraph/internal/export"
)

// exportFiles maps the export URLs to their formats.
var exportFiles = map[string]export.Format{
	"graph.json":    export.JSON,
	"graph.graphml": export.GraphML,
	"graph.jsonld":  export.JSONLD,
	"graph.geojson": export.GeoJSON,
	"nodes.csv":     export.NodesCSV,
	"edges.csv":     export.EdgesCSV,
}

// maxExportIDs bounds ?ids=: a picture, not a graph.
const maxExportIDs = 2000

// exportHandler streams the whole graph, or with ?ids=a,b,c the part of it those entities make. Once the body has started, a failure can only cut it short
// (the status is sent); it is logged with the request ID.
func exportHandler(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		format, ok := exportFiles[file]
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]any{
				"error": "no such export; try graph.json, graph.graphml, graph.jsonld, graph.geojson, nodes.csv or edges.csv"})
			return
		}
		var opts export.Options
		if raw := r.URL.Query().Get("ids"); raw != "" {
			opts.IDs = strings.Split(raw, ",")
			if len(opts.IDs) > maxExportIDs {
				refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, fmt.Errorf("ids: at most %d entities", maxExportIDs))
				return
			}
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="urbangraph-`+file+`"`)
		w.Header().Set("Cache-Control", "no-store")
		counts, err := export.Write(r.Context(), d.Store, format, opts, w)
		var inputErr *errs.InputError
		if errors.As(err, &inputErr) && counts == (export.Counts{}) {
			// Only an ID check fails before anything is written: the status can still say so.
			w.Header().Set("Content-Type", "application/json")
			w.Header().Del("Content-Disposition")
			refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, inputErr)
			return
		}
		if err != nil {
			d.Logger.ErrorContext(r.Context(), "export failed", "file", file, "err", err, "request_id", requestID(r.Context()))
			panic(http.ErrAbortHandler) // tells the client the body is incomplete
		}
		d.Logger.InfoContext(r.Context(), "exported", "file", file, "nodes", counts.Nodes,
			"relationships", counts.Relationships, "request_id", requestID(r.Context()))
	}
}
