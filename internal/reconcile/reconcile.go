// Package reconcile answers the W3C Reconciliation Service API (version 0.2), which OpenRefine and
// other tools speak to match a spreadsheet's names against a knowledge graph: candidates for names
// (Reconcile), suggestions (Suggest*), and data extension (Extend). Names are found as search finds
// them (store.Search: any script, inflection and accents aside); a query's properties (a country, a
// city) confirm or refute a candidate by the places the graph locates it in. The HTTP side is
// internal/server/reconcile.go.
package reconcile

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"urbangraph/internal/errs"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Limits of a request.
const (
	MaxBatch     = 50 // queries in one request (OpenRefine sends 10 by default)
	MaxLimit     = 25 // candidates per query
	DefaultLimit = 5
)

// Query is one reconciliation query.
type Query struct {
	Query      string          `json:"query"`
	Type       string          `json:"type,omitempty"` // a kind: CITY, ORGANISATION...
	Limit      int             `json:"limit,omitempty"`
	Properties []PropertyValue `json:"properties,omitempty"`
	TypeStrict string          `json:"type_strict,omitempty"` // accepted; one type per query here
	Lang       string          `json:"lang,omitempty"`        // the language of the names returned (en, bg, el); else the query's script says
}

// PropertyValue is a property a candidate should have: pid "country" or "city", and a value that
// is a name (in any script) or {"id": ...}.
type PropertyValue struct {
	PID string `json:"pid"`
	V   any    `json:"v"`
}

// Result is a query's candidates, best first.
type Result struct {
	Result []Candidate `json:"result"`
}

// Candidate is an entity that may be what a query names.
type Candidate struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Type        []TypeRef `json:"type"`
	Score       float64   `json:"score"`
	Match       bool      `json:"match"`
	Features    []Feature `json:"features"`
}

// TypeRef is a type: a kind and its name.
type TypeRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Feature is one reason of a candidate's score.
type Feature struct {
	ID    string `json:"id"`
	Value any    `json:"value"` // a number or a boolean
}

// Types are the kinds, as the API's types (every kind but SOURCE).
func Types() []TypeRef {
	var out []TypeRef
	for _, k := range store.Kinds() {
		if k != store.Source {
			out = append(out, TypeRef{ID: string(k), Name: k.Label()})
		}
	}
	return out
}

// Service answers reconciliation requests from the store.
type Service struct {
	Store *store.Store
}

// classScore is a candidate's score by how its names meet the query.
var classScore = map[string]float64{"name": 100, "alias": 90, "prefix": 60, "other": 40}

// A property that contradicts a candidate costs it this much; one the graph cannot tell, less.
const (
	mismatchCost = 50
	unknownCost  = 20
)

// Reconcile answers a batch of queries, by key.
func (s Service) Reconcile(ctx context.Context, queries map[string]Query) (map[string]Result, error) {
	if len(queries) > MaxBatch {
		return nil, errs.BadInput("queries", "holds %d queries; the limit is %d", len(queries), MaxBatch)
	}
	keys := make([]string, 0, len(queries))
	for k, q := range queries {
		if err := q.check(k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Each query's search, then where all their candidates are, in one read for the batch.
	hits := make(map[string][]store.Hit, len(keys))
	var ids []string
	for _, k := range keys {
		h, err := s.search(ctx, queries[k])
		if err != nil {
			return nil, err
		}
		hits[k] = h
		for _, x := range h {
			ids = append(ids, x.Node.ID)
		}
	}
	places, err := s.places(ctx, unique(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]Result, len(queries))
	for _, k := range keys {
		out[k] = rank(queries[k], hits[k], places)
	}
	return out, nil
}

func (q Query) check(key string) error {
	if strings.TrimSpace(q.Query) == "" {
		return errs.BadInput(key+".query", "is empty")
	}
	if q.Type != "" && (!store.Kind(q.Type).Valid() || store.Kind(q.Type) == store.Source) {
		return errs.BadInput(key+".type", "%q is not a type of this service (GET /reconcile lists them)", q.Type)
	}
	if q.Limit < 0 || q.Limit > MaxLimit {
		return errs.BadInput(key+".limit", "is %d; it must be between 1 and %d", q.Limit, MaxLimit)
	}
	if q.Lang != "" && !slices.Contains(store.Langs, q.Lang) {
		return errs.BadInput(key+".lang", "%q is not one of en, bg, el", q.Lang)
	}
	for _, p := range q.Properties {
		if !slices.Contains(placeProperties, p.PID) {
			return errs.BadInput(key+".properties", "%q is not a property a query can match on (country, city)", p.PID)
		}
		if valueText(p.V) == "" {
			return errs.BadInput(key+".properties", "%s has no value (a name, or {\"id\": ...})", p.PID)
		}
	}
	return nil
}

// placeProperties are the properties a query may give to tell candidates apart.
var placeProperties = []string{"country", "city"}

// search finds a query's candidates: more than its limit, as its properties may reorder them.
func (s Service) search(ctx context.Context, q Query) ([]store.Hit, error) {
	kinds := typeKinds()
	if q.Type != "" {
		kinds = []store.Kind{store.Kind(q.Type)}
	}
	return s.Store.Search(ctx, q.Query, kinds, cmp.Or(q.Limit, DefaultLimit)+5, store.Projection{Light: true})
}

// rank scores a query's candidates, best first, at most its limit; the first is a match when its
// name or an alias is the query, what the query says of it holds, and no other scores as high.
func rank(q Query, hits []store.Hit, places map[string][]place) Result {
	limit := cmp.Or(q.Limit, DefaultLimit)
	lang := cmp.Or(q.Lang, translit.ScriptLang(q.Query))
	cands := make([]Candidate, 0, len(hits))
	for _, h := range hits {
		cands = append(cands, candidate(h, q, lang, places[h.Node.ID]))
	}
	slices.SortStableFunc(cands, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	if len(cands) > limit {
		cands = cands[:limit]
	}
	if len(cands) > 0 && cands[0].Score >= classScore["alias"] && (len(cands) == 1 || cands[1].Score < cands[0].Score) {
		cands[0].Match = true
	}
	return Result{Result: cands}
}

// candidate scores one hit: its match class, less what its places contradict.
func candidate(h store.Hit, q Query, lang string, places []place) Candidate {
	class := h.MatchClass()
	score := classScore[class]
	matched := 0
	for _, p := range q.Properties {
		switch placeMatches(places, p) {
		case 1:
			matched++
		case 0:
			score -= unknownCost
		default:
			score -= mismatchCost
		}
	}
	n := h.Node
	c := Candidate{
		ID: n.ID, Name: n.Name(lang), Type: []TypeRef{{ID: string(n.Kind), Name: n.Kind.Label()}}, Score: score,
		Description: describe(n, places),
		Features: []Feature{
			{ID: "name_exact", Value: class == "name"},
			{ID: "alias_exact", Value: class == "alias"},
			{ID: "name_prefix", Value: class == "prefix"},
			{ID: "same_script", Value: h.Matched != "" && translit.ScriptLang(h.Matched) == translit.ScriptLang(q.Query)},
			{ID: "properties_matched", Value: matched},
		},
	}
	if pop, ok := n.Int("population"); ok {
		c.Features = append(c.Features, Feature{ID: "population", Value: pop})
	}
	return c
}

// placeMatches is 1 when one of the places is the property's value (by ID or by any name, folded),
// -1 when the entity has places of that kind and none is, 0 when it has none.
func placeMatches(places []place, p PropertyValue) int {
	kind := store.City
	if p.PID == "country" {
		kind = store.Country
	}
	want := valueText(p.V)
	seen := false
	for _, pl := range places {
		if pl.Kind != kind {
			continue
		}
		seen = true
		if pl.ID == want || slices.ContainsFunc(pl.AllNames(), func(n string) bool { return translit.Fold(n) == translit.Fold(want) }) {
			return 1
		}
	}
	if seen {
		return -1
	}
	return 0
}

// valueText is a property value's text: a string, or an object's id (else its name).
func valueText(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case map[string]any:
		if id, ok := v["id"].(string); ok && id != "" {
			return id
		}
		name, _ := v["name"].(string)
		return strings.TrimSpace(name)
	}
	return ""
}

// describe says what a candidate is and where: "City in Greece", "Organisation in Sofia, Bulgaria".
func describe(n store.Node, places []place) string {
	var where []string
	for _, k := range []store.Kind{store.City, store.Country} {
		for _, p := range places {
			if p.Kind == k && !slices.Contains(where, p.Name("en")) {
				where = append(where, p.Name("en"))
			}
		}
	}
	if len(where) == 0 {
		return n.Kind.Label()
	}
	return n.Kind.Label() + " in " + strings.Join(where, ", ")
}

func typeKinds() []store.Kind {
	var ks []store.Kind
	for _, t := range Types() {
		ks = append(ks, store.Kind(t.ID))
	}
	return ks
}
