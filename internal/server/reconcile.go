package server

import (
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"urbangraph/internal/errs"
	"urbangraph/internal/reconcile"
	"urbangraph/internal/store"
)

// The W3C Reconciliation Service API 0.2 at /reconcile (package reconcile): the manifest (GET),
// reconciliation and data extension (GET or POST, the queries or the extension request in the
// form field `queries` or `extend`, as OpenRefine sends them, or in a JSON body), suggest, preview
// and property proposals. Reads only, with readers' visibility and the GraphQL endpoint's body size
// and deadline. Entities are identified as in the RDF exports (urn:urbangraph:<id>).

// reconcileRoutes adds the service's routes to mux.
func reconcileRoutes(mux *http.ServeMux, d Deps, limits Limits) {
	svc := reconcile.Service{Store: d.Store}
	wrap := func(h http.HandlerFunc) http.Handler {
		return requireReadToken(d, reconcileBounds(limits, h))
	}
	mux.Handle("GET /reconcile", wrap(reconcileHandler(d, svc)))
	mux.Handle("POST /reconcile", wrap(reconcileHandler(d, svc)))
	mux.Handle("GET /reconcile/suggest/entity", wrap(func(w http.ResponseWriter, r *http.Request) {
		res, err := svc.SuggestEntities(r.Context(), r.URL.Query().Get("prefix"), r.URL.Query().Get("type"))
		answer(w, r, d.Logger, map[string]any{"result": res}, err)
	}))
	mux.Handle("GET /reconcile/suggest/type", wrap(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"result": reconcile.SuggestTypes(r.URL.Query().Get("prefix"))})
	}))
	mux.Handle("GET /reconcile/suggest/property", wrap(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"result": reconcile.SuggestProperties(r.URL.Query().Get("prefix"))})
	}))
	mux.Handle("GET /reconcile/extend/propose", wrap(func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		res, err := reconcile.ProposeProperties(r.URL.Query().Get("type"), limit)
		answer(w, r, d.Logger, res, err)
	}))
	mux.Handle("GET /reconcile/preview", wrap(previewHandler(d)))
}

// reconcileBounds applies the GraphQL endpoint's body size limit and deadline.
func reconcileBounds(l Limits, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > l.MaxBodyBytes {
			refuse(w, r, http.StatusRequestEntityTooLarge, errs.CodeBadInput,
				errors.New("the request body is larger than URBANGRAPH_MAX_BODY_BYTES"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, l.MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), l.RequestTimeout)
		defer cancel()
		next(w, r.WithContext(ctx))
	}
}

// reconcileHandler answers the manifest, a batch of queries, or a data extension request.
func reconcileHandler(d Deps, svc reconcile.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		queries, extend, err := reconcileRequest(r)
		if err != nil {
			refuse(w, r, http.StatusBadRequest, errs.CodeBadInput, err)
			return
		}
		switch {
		case queries != nil:
			res, err := svc.Reconcile(r.Context(), queries)
			answer(w, r, d.Logger, res, err)
		case extend != nil:
			res, err := svc.Extend(r.Context(), *extend)
			answer(w, r, d.Logger, res, err)
		default:
			writeJSON(w, http.StatusOK, manifest(baseURL(r), d.Version))
		}
	}
}

// reconcileRequest reads `queries` or `extend` from the form (a query string or a form-encoded body)
// or from a JSON body ({"queries": {...}} or {"extend": {...}}); neither is a manifest request.
func reconcileRequest(r *http.Request) (map[string]reconcile.Query, *reconcile.ExtendQuery, error) {
	var rawQueries, rawExtend string
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); r.Method == http.MethodPost && mt == "application/json" {
		var body struct {
			Queries json.RawMessage `json:"queries"`
			Extend  json.RawMessage `json:"extend"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			return nil, nil, errors.New("the body is not a JSON object with queries or extend")
		}
		rawQueries, rawExtend = string(body.Queries), string(body.Extend)
	} else {
		if err := r.ParseForm(); err != nil {
			return nil, nil, errors.New("the form could not be read")
		}
		rawQueries, rawExtend = r.Form.Get("queries"), r.Form.Get("extend")
	}
	switch {
	case rawQueries != "":
		var q map[string]reconcile.Query
		if err := json.Unmarshal([]byte(rawQueries), &q); err != nil {
			return nil, nil, errors.New(`queries is not a JSON object of queries ({"q0": {"query": "Sofia", "type": "CITY"}})`)
		}
		if q == nil {
			q = map[string]reconcile.Query{}
		}
		return q, nil, nil
	case rawExtend != "":
		var e reconcile.ExtendQuery
		if err := json.Unmarshal([]byte(rawExtend), &e); err != nil {
			return nil, nil, errors.New(`extend is not a JSON data extension request ({"ids": [...], "properties": [{"id": "country"}]})`)
		}
		return nil, &e, nil
	}
	return nil, nil, nil
}

// answer writes a result, or the error as every route does (fail).
func answer(w http.ResponseWriter, r *http.Request, log *slog.Logger, v any, err error) {
	if err != nil {
		fail(w, r, log, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// baseURL is the server's URL as the client reached it (X-Forwarded-Proto from a proxy: http or https).
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// manifest is the service's description (GET /reconcile).
func manifest(base, version string) map[string]any {
	service := func(path string) map[string]string {
		return map[string]string{"service_url": base, "service_path": path}
	}
	return map[string]any{
		"versions":        []string{"0.1", "0.2"},
		"name":            "Urbangraph",
		"identifierSpace": "urn:urbangraph:",
		"schemaSpace":     "urn:urbangraph:vocab:",
		"documentation":   base + "/playground",
		"serviceVersion":  version,
		"defaultTypes":    reconcile.Types(),
		"view":            map[string]string{"url": base + "/?show={{id}}"},
		"preview":         map[string]any{"url": base + "/reconcile/preview?id={{id}}", "width": 420, "height": 220},
		"suggest": map[string]any{
			"entity":   service("/reconcile/suggest/entity"),
			"type":     service("/reconcile/suggest/type"),
			"property": service("/reconcile/suggest/property"),
		},
		"extend": map[string]any{"propose_properties": service("/reconcile/extend/propose"), "property_settings": []any{}},
	}
}

// previewCard is the preview's HTML: names in three languages, kind, place, a quote.
var previewCard = template.Must(template.New("preview").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Name}}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:8px}h1{font-size:16px;margin:0 0 4px}
.kind{color:#555}.names{margin:4px 0}blockquote{margin:6px 0;padding-left:8px;border-left:3px solid #ccc;color:#333}</style>
</head><body>
<h1>{{.Name}}</h1>
<div class="kind">{{.Kind}}{{if .Place}} · {{.Place}}{{end}} · <code>{{.ID}}</code></div>
<div class="names">{{range .Names}}<div lang="{{.Lang}}"><b>{{.Lang}}</b> {{.Text}}</div>{{end}}</div>
{{if .Quote}}<blockquote>{{.Quote}}</blockquote><div class="kind">{{.Source}}</div>{{end}}
</body></html>
`))

// previewHandler answers GET /reconcile/preview?id=…: the entity's card, or 404.
func previewHandler(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		n, err := d.Store.Node(r.Context(), id)
		if err != nil {
			fail(w, r, d.Logger, err)
			return
		}
		card := struct {
			ID, Name, Kind, Place, Quote, Source string
			Names                                []struct{ Lang, Text string }
		}{ID: n.ID, Name: n.Name("en"), Kind: n.Kind.Label()}
		for _, l := range store.Langs {
			if v := n.String("name_" + l); v != "" {
				card.Names = append(card.Names, struct{ Lang, Text string }{l, v})
			}
		}
		card.Quote, card.Source = quoteOf(r.Context(), d.Store, n.ID)
		card.Place = placeOf(r.Context(), d.Store, n.ID)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_ = previewCard.Execute(w, card)
	}
}

// quoteOf is a sentence that states the entity and its source's name: a document's rather than a
// reference dataset's record, when it has both.
func quoteOf(ctx context.Context, s *store.Store, id string) (quote, source string) {
	ms, err := s.Mentions(ctx, []string{id})
	if err != nil || len(ms[id]) == 0 {
		return "", ""
	}
	best := ms[id][0]
	for _, m := range ms[id] {
		if m.Source.String("tier") != store.TierReference {
			best = m
			break
		}
	}
	return best.Quote, best.Source.Name("en")
}

// placeOf names what an entity is located in ("Thessaloniki, Greece"), or "".
func placeOf(ctx context.Context, s *store.Store, id string) string {
	res, err := reconcile.Service{Store: s}.Extend(ctx, reconcile.ExtendQuery{IDs: []string{id},
		Properties: []reconcile.PropertyRef{{ID: "city"}, {ID: "country"}}})
	if err != nil {
		return ""
	}
	var names []string
	for _, p := range []string{"city", "country"} {
		for _, v := range res.Rows[id][p] {
			if name, _ := v["name"].(string); name != "" {
				names = append(names, name)
			}
		}
	}
	return strings.Join(names, ", ")
}
