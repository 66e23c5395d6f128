package reconcile

import (
	"context"
	"slices"
	"strings"

	"urbangraph/internal/errs"
	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Property is a column data extension can add.
type Property struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description,omitempty"`
	kinds       []store.Kind // the kinds that have it (nil: every kind)
}

var located = []store.Kind{store.City, store.Organisation, store.Centre}

// Properties are the columns data extension adds, in the order proposed.
var Properties = []Property{
	{ID: "name_en", Name: "Name in English"},
	{ID: "name_bg", Name: "Name in Bulgarian"},
	{ID: "name_el", Name: "Name in Greek"},
	{ID: "country", Name: "Country", Description: "the country it is located in", kinds: located},
	{ID: "city", Name: "City", Description: "the city it is located in", kinds: []store.Kind{store.Organisation, store.Centre}},
	{ID: "latitude", Name: "Latitude", kinds: []store.Kind{store.City}},
	{ID: "longitude", Name: "Longitude", kinds: []store.Kind{store.City}},
	{ID: "population", Name: "Population", kinds: []store.Kind{store.City, store.Country}},
	{ID: "geonamesId", Name: "GeoNames ID", kinds: []store.Kind{store.City, store.Country}},
	{ID: "organisations", Name: "Related organisations", Description: "organisations it has a relationship with"},
}

// Limits of data extension.
const MaxExtendIDs = 200

// ExtendQuery is a data extension request: entities and the properties wanted.
type ExtendQuery struct {
	IDs        []string      `json:"ids"`
	Properties []PropertyRef `json:"properties"`
}

// PropertyRef names a property of an extension request.
type PropertyRef struct {
	ID string `json:"id"`
}

// ExtendResponse is the properties' values, by entity and property.
type ExtendResponse struct {
	Meta []Property                             `json:"meta"`
	Rows map[string]map[string][]map[string]any `json:"rows"`
}

// ProposeProperties lists the properties of a type (every property without one), at most limit.
func ProposeProperties(typ string, limit int) (map[string]any, error) {
	if typ != "" && !store.Kind(typ).Valid() {
		return nil, errs.BadInput("type", "%q is not a type of this service", typ)
	}
	var out []Property
	for _, p := range Properties {
		if typ == "" || p.kinds == nil || slices.Contains(p.kinds, store.Kind(typ)) {
			out = append(out, p)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	res := map[string]any{"properties": out}
	if typ != "" {
		res["type"] = typ
	}
	if limit > 0 {
		res["limit"] = limit
	}
	return res, nil
}

// Extend answers a data extension request.
func (s Service) Extend(ctx context.Context, q ExtendQuery) (ExtendResponse, error) {
	if len(q.IDs) == 0 || len(q.IDs) > MaxExtendIDs {
		return ExtendResponse{}, errs.BadInput("extend.ids", "holds %d IDs; from 1 to %d are served", len(q.IDs), MaxExtendIDs)
	}
	if len(q.Properties) == 0 || len(q.Properties) > len(Properties) {
		return ExtendResponse{}, errs.BadInput("extend.properties", "holds %d properties; from 1 to %d are served", len(q.Properties), len(Properties))
	}
	resp := ExtendResponse{Rows: map[string]map[string][]map[string]any{}}
	for _, p := range q.Properties {
		i := slices.IndexFunc(Properties, func(x Property) bool { return x.ID == p.ID })
		if i < 0 {
			return ExtendResponse{}, errs.BadInput("extend.properties", "%q is not a property of this service (GET /reconcile/extend/propose lists them)", p.ID)
		}
		resp.Meta = append(resp.Meta, Properties[i])
	}
	nodes, err := s.Store.NodesByID(ctx, q.IDs)
	if err != nil {
		return ExtendResponse{}, err
	}
	// Only the reads the columns asked for need.
	asked := func(ids ...string) bool {
		return slices.ContainsFunc(resp.Meta, func(p Property) bool { return slices.Contains(ids, p.ID) })
	}
	var places map[string][]place
	if asked("country", "city") {
		if places, err = s.places(ctx, q.IDs); err != nil {
			return ExtendResponse{}, err
		}
	}
	var orgs map[string][]store.Node
	if asked("organisations") {
		if orgs, err = s.organisations(ctx, q.IDs); err != nil {
			return ExtendResponse{}, err
		}
	}
	for _, id := range q.IDs {
		row := map[string][]map[string]any{}
		n, ok := nodes[id]
		for _, p := range resp.Meta {
			row[p.ID] = []map[string]any{}
			if ok {
				row[p.ID] = values(n, p.ID, places[id], orgs[id])
			}
		}
		resp.Rows[id] = row
	}
	return resp, nil
}

// values are an entity's values of a property.
func values(n store.Node, prop string, places []place, orgs []store.Node) []map[string]any {
	out := []map[string]any{}
	switch prop {
	case "name_en", "name_bg", "name_el":
		if v := n.String(prop); v != "" {
			out = append(out, map[string]any{"str": v})
		}
	case "country", "city":
		kind := store.City
		if prop == "country" {
			kind = store.Country
		}
		for _, p := range places {
			if p.Kind == kind {
				out = append(out, map[string]any{"id": p.ID, "name": p.Name("en")})
			}
		}
	case "latitude", "longitude":
		if v, ok := n.Props[prop].(float64); ok {
			out = append(out, map[string]any{"float": v})
		}
	case "population", "geonamesId":
		if v, ok := n.Int(prop); ok {
			out = append(out, map[string]any{"int": v})
		}
	case "organisations":
		for _, o := range orgs {
			out = append(out, map[string]any{"id": o.ID, "name": o.Name("en")})
		}
	}
	return out
}

// organisations returns the organisations each entity has a relationship with.
func (s Service) organisations(ctx context.Context, ids []string) (map[string][]store.Node, error) {
	edges, err := s.Store.EdgesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	others := map[string][]string{}
	var all []string
	for id, es := range edges {
		for _, e := range es {
			other := e.To
			if other == id {
				other = e.From
			}
			if strings.HasPrefix(other, store.Organisation.IDPrefix()) && !slices.Contains(others[id], other) {
				others[id] = append(others[id], other)
				all = append(all, other)
			}
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	nodes, err := s.Store.NodesByID(ctx, unique(all))
	if err != nil {
		return nil, err
	}
	out := map[string][]store.Node{}
	for id, os := range others {
		for _, o := range os {
			if n, ok := nodes[o]; ok {
				out[id] = append(out[id], n)
			}
		}
	}
	return out, nil
}

// Suggestion is an entry of a suggest response.
type Suggestion struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Notable     []TypeRef `json:"notable,omitempty"`
}

// SuggestEntities completes a prefix to entities (of a type, if given).
func (s Service) SuggestEntities(ctx context.Context, prefix, typ string) ([]Suggestion, error) {
	kinds := typeKinds()
	if typ != "" {
		if !store.Kind(typ).Valid() || store.Kind(typ) == store.Source {
			return nil, errs.BadInput("type", "%q is not a type of this service", typ)
		}
		kinds = []store.Kind{store.Kind(typ)}
	}
	hits, err := s.Store.Search(ctx, prefix, kinds, 10, store.Projection{Light: true})
	if err != nil {
		return nil, err
	}
	lang := translit.ScriptLang(prefix)
	out := []Suggestion{}
	for _, h := range hits {
		out = append(out, Suggestion{ID: h.Node.ID, Name: h.Node.Name(lang), Description: h.Node.Kind.Label(),
			Notable: []TypeRef{{ID: string(h.Node.Kind), Name: h.Node.Kind.Label()}}})
	}
	return out, nil
}

// SuggestTypes completes a prefix to types.
func SuggestTypes(prefix string) []Suggestion {
	out := []Suggestion{}
	for _, t := range Types() {
		if matchesPrefix(prefix, t.ID, t.Name) {
			out = append(out, Suggestion{ID: t.ID, Name: t.Name})
		}
	}
	return out
}

// SuggestProperties completes a prefix to properties.
func SuggestProperties(prefix string) []Suggestion {
	out := []Suggestion{}
	for _, p := range Properties {
		if matchesPrefix(prefix, p.ID, p.Name) {
			out = append(out, Suggestion{ID: p.ID, Name: p.Name, Description: p.Description})
		}
	}
	return out
}

// matchesPrefix: a word of one of the names starts with the prefix (folded).
func matchesPrefix(prefix string, names ...string) bool {
	f := translit.Fold(prefix)
	for _, n := range names {
		for _, w := range strings.Fields(translit.Fold(strings.ReplaceAll(n, "_", " "))) {
			if strings.HasPrefix(w, f) {
				return true
			}
		}
	}
	return f == ""
}
