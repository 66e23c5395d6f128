package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"urbangraph/internal/errs"
	"urbangraph/internal/export"
	"urbangraph/internal/store"
)

// exportFiles maps the export URLs to their formats.
var exportFiles = map[string]export.Format{
	"graph.json":    export.JSON,
	"graph.graphml": export.GraphML,
	"graph.jsonld":  export.JSONLD,
	"graph.geojson": export.GeoJSON,
	"graph.nq":      export.NQuads,
	"nodes.csv":     export.NodesCSV,
	"edges.csv":     export.EdgesCSV,
}

// maxExportIDs bounds ?ids=: a picture, not a graph.
const maxExportIDs = 2000

// exportSlots bound the exports served at once: each holds a Neo4j connection for as long as its
// client reads, so they may take at most half of the store's pool and leave the rest to queries.
type exportSlots chan struct{}

func newExportSlots(s *store.Store, l Limits) exportSlots {
	n := l.MaxExports
	if s != nil {
		n = min(n, max(1, s.PoolSize()/2))
	}
	return make(exportSlots, n)
}

// exportRetryAfter is the Retry-After of an export refused for want of a slot, in seconds.
const exportRetryAfter = "10"

// exportHandler streams the whole graph, or with ?ids=a,b,c the part of it those entities make. Once the body has started, a failure can only cut it short
// (the status is sent); it is logged with the request ID. At most len(slots) run at once (429
// beyond), and one whose client takes nothing for writeTimeout is ended.
func exportHandler(d Deps, slots exportSlots, writeTimeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		format, ok := exportFiles[file]
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]any{
				"error": "no such export; try graph.json, graph.graphml, graph.jsonld, graph.nq, graph.geojson, nodes.csv or edges.csv"})
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
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			w.Header().Set("Retry-After", exportRetryAfter)
			refuse(w, r, http.StatusTooManyRequests, errs.CodeBusy,
				fmt.Errorf("%d exports are running, the most at once (URBANGRAPH_MAX_EXPORTS); try again in %s s", cap(slots), exportRetryAfter))
			return
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="urbangraph-`+file+`"`)
		w.Header().Set("Cache-Control", "no-store")
		counts, err := export.Write(r.Context(), d.Store, format, opts, deadlineWriter{w, http.NewResponseController(w), writeTimeout})
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

// deadlineWriter gives every write to the client its own deadline: a client that stops reading
// fails the next write once its socket's buffers are full, and the export ends, its transaction and
// connection with it.
type deadlineWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

func (dw deadlineWriter) Write(p []byte) (int, error) {
	_ = dw.rc.SetWriteDeadline(time.Now().Add(dw.d)) // a writer without deadlines (a test's recorder) just writes
	return dw.w.Write(p)
}
