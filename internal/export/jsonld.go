package export

import (
	"bufio"
	"context"
	"encoding/json"

	"urbangraph/internal/store"
)

// IRIs: entities are urn:urbangraph:<id>; Urbangraph's own terms live under the ug: prefix.
const (
	entityIRI = "urn:urbangraph:"
	vocabIRI  = "urn:urbangraph:vocab:"
)

var jsonLDContext = map[string]any{
	"@vocab":     "https://schema.org/",
	"ug":         vocabIRI,
	"identifier": "https://schema.org/identifier",
}

// schemaTypes maps kinds to schema.org types where one fits; every node also gets ug:<Kind>.
func schemaType(n store.Node) string {
	switch n.Kind {
	case store.City:
		return "City"
	case store.Country:
		return "Country"
	case store.Organisation:
		switch n.String("category") {
		case "MUNICIPALITY", "MINISTRY":
			return "GovernmentOrganization"
		}
		return "Organization"
	case store.Centre, store.Unit:
		return "Organization"
	case store.Event:
		return "Event"
	case store.Source, store.Practice:
		return "CreativeWork"
	case store.Programme:
		return "FundingScheme"
	case store.Domain, store.Topic:
		return "DefinedTerm"
	}
	return "Thing"
}

// relTerm names a relationship in JSON-LD: schema.org's term where one fits, else ug:<TYPE>.
func relTerm(from store.Kind, t store.RelType) string {
	switch {
	case t == "HELD_IN":
		return "location"
	case t == "LOCATED_IN" && from == store.City:
		return "containedInPlace"
	case t == "LOCATED_IN":
		return "location"
	}
	return "ug:" + string(t)
}

func writeJSONLD(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	var c Counts
	ctxJSON, _ := json.Marshal(jsonLDContext)
	w.WriteString(`{"@context": `)
	w.Write(ctxJSON)
	w.WriteString(`, "@graph": [`)
	first := true
	err := entities(ctx, s, o.IDs, func(r store.EntityRecord) error {
		c.Nodes++
		n := r.Node
		obj := map[string]any{
			"@id":        entityIRI + n.ID,
			"@type":      []string{schemaType(n), "ug:" + string(n.Kind)},
			"identifier": n.ID,
		}
		var nameValues []map[string]string
		for _, l := range store.Langs {
			if v := n.String("name_" + l); v != "" {
				nameValues = append(nameValues, map[string]string{"@value": v, "@language": l})
			}
		}
		obj["name"] = nameValues
		if a := n.Aliases(); len(a) > 0 {
			obj["alternateName"] = a
		}
		if n.Bool("unnamed") {
			obj["ug:unnamed"] = true
		}
		if n.Bool("collective") {
			obj["ug:collective"] = true
		}
		for _, k := range sortedKeys(facts(n.Props)) {
			obj["ug:"+k] = n.Props[k]
		}
		links := map[string][]map[string]string{}
		for _, e := range r.Out {
			c.Relationships++
			term := relTerm(n.Kind, e.Type)
			links[term] = append(links[term], map[string]string{"@id": entityIRI + e.To})
		}
		seen := map[string]bool{}
		for _, m := range r.Mentions {
			if !seen[m.Source.ID] {
				seen[m.Source.ID] = true
				links["subjectOf"] = append(links["subjectOf"], map[string]string{"@id": entityIRI + m.Source.ID})
			}
		}
		for term, targets := range links {
			obj[term] = targets
		}
		return writeItem(w, &first, obj)
	})
	if err != nil {
		return c, err
	}
	w.WriteString("\n]}\n")
	return c, nil
}
