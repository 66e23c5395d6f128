package server

import (
	"net/http"

	"urbangraph/internal/export"
)

// exportFiles maps the export URLs to their formats.
var exportFiles = map[string]export.Format{
	"graph.json":    export.JSON,
	"graph.graphml": export.GraphML,
	"graph.jsonld":  export.JSONLD,
	"nodes.csv":     export.NodesCSV,
	"edges.csv":     export.EdgesCSV,
}

// exportHandler streams the whole graph. Once the body has started, a failure can only cut it short
// (the status is sent); it is logged with the request ID.
func exportHandler(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		format, ok := exportFiles[file]
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]any{
				"error": "no such export; try graph.json, graph.graphml, graph.jsonld, nodes.csv or edges.csv"})
			return
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="urbangraph-`+file+`"`)
		w.Header().Set("Cache-Control", "no-store")
		counts, err := export.Write(r.Context(), d.Store, format, w)
		if err != nil {
			d.Logger.ErrorContext(r.Context(), "export failed", "file", file, "err", err, "request_id", requestID(r.Context()))
			panic(http.ErrAbortHandler) // tells the client the body is incomplete
		}
		d.Logger.InfoContext(r.Context(), "exported", "file", file, "nodes", counts.Nodes,
			"relationships", counts.Relationships, "request_id", requestID(r.Context()))
	}
}
