package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"urbangraph/internal/auth"
	"urbangraph/internal/errs"
	"urbangraph/internal/ingest"
	"urbangraph/internal/store"
)

// ingestTimeout bounds one POST /ingest: reading, proposing and storing a 10 MiB document.
const ingestTimeout = 60 * time.Second

// ingestHandler ingests the request body as a document, for editors: its Content-Type (text/plain,
// text/markdown, text/html, application/pdf), or the extension of ?name=, tells the format;
// ?title=, ?url=, ?publishedAt=, ?language= describe it. It answers with the document and its
// proposals (201 when stored now, 200 when the same text was stored before).
func ingestHandler(d Deps, readTimeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !requireRole(w, r, auth.Editor) {
			return
		}
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, ingest.MaxBytes))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			refuse(w, r, http.StatusRequestEntityTooLarge, errs.CodeBadInput, errors.New("the document is larger than 10 MiB"))
			return
		case err != nil:
			refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, errors.New("could not read the body"))
			return
		}
		q := r.URL.Query()
		ctx, cancel := context.WithTimeout(r.Context(), ingestTimeout)
		defer cancel()
		res, err := ingest.Service{Store: d.Store, ReadTimeout: readTimeout}.Ingest(ctx, ingest.Input{Name: q.Get("name"), ContentType: r.Header.Get("Content-Type"),
			Data: data, Title: q.Get("title"), URL: q.Get("url"), Published: q.Get("publishedAt"), Language: q.Get("language")},
			auth.FromContext(r.Context()).Name)
		if err != nil {
			c := errs.Classify(err)
			if c.Code == errs.CodeBadInput && c.Field == "type" {
				c.Status = http.StatusUnsupportedMediaType // a document of a type it cannot read
			}
			logClass(r.Context(), d.Logger, c, err)
			failWith(w, r, c)
			return
		}
		status := http.StatusOK
		if res.Created {
			status = http.StatusCreated
		}
		writeJSON(w, status, ingestAnswer(res))
	}
}

// ingestAnswer is the JSON of an ingested document: what it is and how many proposals of each type
// wait for review (the proposals themselves are read with GraphQL's document(id)).
func ingestAnswer(res ingest.Result) map[string]any {
	byType := map[string]int{}
	for _, p := range res.Proposals {
		if p.Status == store.Proposed {
			byType[string(p.Type)]++
		}
	}
	doc := res.Document
	return map[string]any{
		"created": res.Created,
		"document": map[string]any{"id": doc.ID, "title": doc.Title, "language": doc.Language, "format": doc.Format,
			"length": doc.Length, "url": doc.URL, "publishedAt": doc.PublishedAt},
		"proposals": map[string]any{"total": len(res.Proposals), "proposedByType": byType,
			"accepted": doc.Counts[store.Accepted], "rejected": doc.Counts[store.Rejected]},
	}
}

// requireRole answers 401 or 403 and reports false unless the request's identity has the role.
func requireRole(w http.ResponseWriter, r *http.Request, role auth.Role) bool {
	if err := auth.Require(r.Context(), role); err != nil {
		failWith(w, r, errs.Classify(err))
		return false
	}
	return true
}
