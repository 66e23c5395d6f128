package server

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"

	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/importer"
)

// DefaultMaxImportBytes bounds an HTTP import's body.
const DefaultMaxImportBytes = 64 << 20

// importTypes maps the accepted media types to the file endings the importer reads.
var importTypes = map[string]string{
	"application/json":     ".json",
	"application/x-ndjson": ".jsonl",
	"application/jsonl":    ".jsonl",
	"text/csv":             ".csv",
}

// importHandler runs `urbangraph import` on the request body, for admins. ?strict=true writes
// nothing if any row is bad; ?duplicates=refuse rejects a row whose geonamesId an entity of another
// ID holds (by default the row is written to that entity). It answers with the summary, every
// rejected row and every row joined to a stored entity.
func importHandler(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !requireRole(w, r, auth.Admin) {
			return
		}
		mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		ext, ok := importTypes[mediaType]
		if !ok {
			refuse(w, r, http.StatusUnsupportedMediaType, errs.CodeBadInput,
				errors.New("send application/json (a document), application/x-ndjson (JSON Lines) or text/csv (nodes.csv or edges.csv)"))
			return
		}
		limit := d.MaxImportBytes
		if limit <= 0 {
			limit = DefaultMaxImportBytes
		}
		dir, err := os.MkdirTemp("", "urbangraph-import-")
		if err != nil {
			refuse(w, r, http.StatusInternalServerError, errs.CodeInternal, errors.New("internal error"))
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "upload"+ext)
		f, err := os.Create(path)
		if err == nil {
			_, err = io.Copy(f, http.MaxBytesReader(w, r.Body, limit))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse(w, r, http.StatusRequestEntityTooLarge, errs.CodeBadInput, errors.New("the body is larger than the import limit"))
			return
		}
		if err != nil {
			refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, errors.New("could not read the body"))
			return
		}
		// Every entity and relationship an HTTP import writes has its own record, as a mutation's
		// has: feeds and subscriptions filtered by ids or kinds see it, and asOf reads before it.
		sum, err := importer.Run(r.Context(), d.Store, []string{path}, importer.Options{
			Strict: r.URL.Query().Get("strict") == "true", RefuseDuplicates: r.URL.Query().Get("duplicates") == "refuse",
			Actor: auth.FromContext(r.Context()).Name, LogEntities: true})
		rejected := make([]map[string]any, 0, len(sum.Rejected))
		for _, p := range sum.Rejected {
			rejected = append(rejected, map[string]any{"line": p.Line, "path": p.Path, "message": p.Message})
		}
		var problems importer.ProblemsError
		switch {
		case errors.As(err, &problems):
			writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"written": false, "rejected": rejected})
			return
		case err != nil && !errors.Is(err, importer.ErrRejected):
			c := errs.Classify(err)
			if c.Status >= http.StatusInternalServerError {
				c.Message += ": the import was not written past its last whole batch"
			}
			logClass(r.Context(), d.Logger, c, err)
			failWith(w, r, c)
			return
		}
		c := sum.Counts
		joined := make([]map[string]any, 0, len(sum.Joined))
		for _, j := range sum.Joined {
			joined = append(joined, map[string]any{"line": j.Line, "id": j.ID, "into": j.Into, "property": j.Prop, "value": j.Value})
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"written":       true,
			"nodes":         map[string]int{"created": c.NodesCreated, "updated": c.NodesUpdated, "unchanged": c.NodesUnchanged},
			"relationships": map[string]int{"created": c.RelsCreated, "updated": c.RelsUpdated, "unchanged": c.RelsUnchanged},
			"rejected":      rejected,
			"joined":        joined,
		})
	}
}
