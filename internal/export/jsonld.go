package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"urbangraph/internal/store"
)

// JSON-LD speaks the vocabularies researchers link against: schema.org for places, events and
// works (schema:City with schema:geo and schema:containedInPlace), W3C ORG for organisations and
// their units, SKOS for domains and topics, and PROV-O with the Web Annotation vocabulary for
// evidence. Every fact keeps its sentence:
//   - an entity's evidence is a prov:qualifiedDerivation: the source (prov:entity) and the quoted
//     sentence (oa:exact, tagged with the source's language);
//   - every relationship is a direct triple, and each (source, sentence) that states it is an
//     rdf:Statement about that triple, prov:wasDerivedFrom the source, with the sentence as oa:exact.
//
// Entities are urn:urbangraph:<id>; Urbangraph's own terms (relationship types without a standard
// equivalent, properties) are under ug:.
const (
	entityIRI = "urn:urbangraph:"
	vocabIRI  = "urn:urbangraph:vocab:"
)

var jsonLDContext = map[string]any{
	"schema": "https://schema.org/",
	"org":    "http://www.w3.org/ns/org#",
	"skos":   "http://www.w3.org/2004/02/skos/core#",
	"prov":   "http://www.w3.org/ns/prov#",
	"oa":     "http://www.w3.org/ns/oa#",
	"rdf":    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"ug":     vocabIRI,
}

// types are the classes of an entity, the most specific first.
func types(n store.Node) []string {
	switch n.Kind {
	case store.City:
		return []string{"schema:City", "schema:Place"}
	case store.Country:
		return []string{"schema:Country", "schema:Place"}
	case store.Organisation:
		switch n.String("category") {
		case "MUNICIPALITY", "MINISTRY":
			return []string{"schema:GovernmentOrganization", "org:FormalOrganization"}
		}
		return []string{"schema:Organization", "org:Organization"}
	case store.Centre:
		return []string{"schema:Organization", "org:Organization"}
	case store.Unit:
		return []string{"org:OrganizationalUnit"}
	case store.Event:
		return []string{"schema:Event"}
	case store.Source:
		return []string{"schema:CreativeWork", "prov:Entity"}
	case store.Practice:
		return []string{"schema:CreativeWork"}
	case store.Programme:
		return []string{"schema:FundingScheme"}
	case store.Domain, store.Topic:
		return []string{"skos:Concept"}
	}
	return []string{"schema:Thing"}
}

// predicate names a relationship type (from a kind) with a standard term where one means it, else
// ug:<TYPE>.
func predicate(from store.Kind, t store.RelType) string {
	switch t {
	case "LOCATED_IN":
		if from == store.City {
			return "schema:containedInPlace"
		}
		return "schema:location"
	case "HELD_IN":
		return "schema:location"
	case "HAS_UNIT":
		return "org:hasUnit"
	case "PARTNER_OF":
		return "org:linkedTo"
	case "HAS_EXPERTISE_IN":
		return "schema:knowsAbout"
	case "FUNDED_BY":
		return "schema:funder"
	case "DISCUSSED", "IN_DOMAIN":
		return "schema:about"
	}
	return "ug:" + string(t)
}

// jsonldWriter writes the @graph items; it remembers each source's language to tag its sentences.
type jsonldWriter struct {
	w     *bufio.Writer
	first bool
	langs map[string]string // source ID -> language
	c     Counts
	emit  func(item map[string]any) error // writes one @graph item
}

func writeJSONLD(ctx context.Context, s *store.Store, o Options, w *bufio.Writer) (Counts, error) {
	j := &jsonldWriter{w: w, first: true, langs: map[string]string{}}
	j.emit = func(item map[string]any) error { return writeItem(j.w, &j.first, item) }
	ctxJSON, _ := json.Marshal(jsonLDContext)
	w.WriteString(`{"@context": `)
	w.Write(ctxJSON)
	w.WriteString(`, "@graph": [`)
	if err := entities(ctx, s, o.IDs, j.entity); err != nil {
		return j.c, err
	}
	w.WriteString("\n]}\n")
	return j.c, nil
}

func (j *jsonldWriter) text(v, sourceID string) map[string]string {
	if l := j.langs[sourceID]; l != "" {
		return map[string]string{"@value": v, "@language": l}
	}
	return map[string]string{"@value": v}
}

func ref(id string) map[string]string { return map[string]string{"@id": entityIRI + id} }

func (j *jsonldWriter) entity(r store.EntityRecord) error {
	j.c.Nodes++
	n := r.Node
	if n.Kind == store.Source {
		j.langs[n.ID] = n.String("language")
	}
	obj := map[string]any{"@id": entityIRI + n.ID, "@type": types(n), "schema:identifier": n.ID}
	var labels []map[string]string
	for _, l := range store.Langs {
		if v := n.String("name_" + l); v != "" {
			labels = append(labels, map[string]string{"@value": v, "@language": l})
		}
	}
	obj["schema:name"] = labels
	aliases := n.Aliases()
	if len(aliases) > 0 {
		obj["schema:alternateName"] = aliases
	}
	if n.Kind == store.Domain || n.Kind == store.Topic {
		obj["skos:prefLabel"] = labels
		if len(aliases) > 0 {
			obj["skos:altLabel"] = aliases
		}
	}
	j.facts(obj, n)
	for _, e := range r.Out {
		term := predicate(n.Kind, e.Type)
		list, _ := obj[term].([]map[string]string)
		obj[term] = append(list, ref(e.To))
	}
	var derivations []map[string]any
	var from []map[string]string
	for _, m := range r.Mentions {
		derivations = append(derivations, map[string]any{"@type": "prov:Derivation", "prov:entity": ref(m.Source.ID),
			"oa:exact": j.text(m.Quote, m.Source.ID), "ug:states": m.Properties})
		from = append(from, ref(m.Source.ID))
	}
	if len(derivations) > 0 {
		obj["prov:qualifiedDerivation"] = derivations
		obj["prov:wasDerivedFrom"] = from
	}
	if err := j.emit(obj); err != nil {
		return err
	}
	for _, e := range r.Out {
		if err := j.statements(n.Kind, e); err != nil {
			return err
		}
	}
	return nil
}

// facts writes an entity's properties: coordinates as schema:geo, a GeoNames ID as schema:sameAs
// its GeoNames IRI, the rest (and those two too) as ug:<name>; a source's language, URL and licence
// with schema.org's terms.
func (j *jsonldWriter) facts(obj map[string]any, n store.Node) {
	props := facts(n.Props)
	for _, k := range sortedKeys(props) {
		obj["ug:"+k] = props[k]
	}
	lat, okLat := number(props["latitude"])
	lon, okLon := number(props["longitude"])
	if okLat && okLon {
		obj["schema:geo"] = map[string]any{"@type": "schema:GeoCoordinates", "schema:latitude": lat, "schema:longitude": lon}
	}
	if id, ok := props["geonamesId"].(int64); ok {
		obj["schema:sameAs"] = map[string]string{"@id": "https://sws.geonames.org/" + strconv.FormatInt(id, 10) + "/"}
	}
	for k, term := range map[string]string{"language": "schema:inLanguage", "url": "schema:url", "licence": "schema:license", "publisher": "schema:publisher"} {
		if v, ok := props[k].(string); ok && n.Kind == store.Source {
			obj[term] = v
		}
	}
}

// statements writes one rdf:Statement per (source, sentence) that states relationship e.
func (j *jsonldWriter) statements(from store.Kind, e store.Edge) error {
	j.c.Relationships++
	sources, quotes := e.Evidence()
	props := facts(e.Props)
	for i := range min(len(sources), len(quotes)) {
		st := map[string]any{
			"@id":                 fmt.Sprintf("%sstatement:%s/%s/%s/%d", entityIRI, e.From, e.Type, e.To, i+1),
			"@type":               []string{"rdf:Statement", "prov:Entity"},
			"rdf:subject":         ref(e.From),
			"rdf:predicate":       map[string]string{"@id": predicate(from, e.Type)},
			"rdf:object":          ref(e.To),
			"ug:relationshipType": string(e.Type),
			"prov:wasDerivedFrom": ref(sources[i]),
			"oa:exact":            j.text(quotes[i], sources[i]),
		}
		for _, k := range sortedKeys(props) {
			st["ug:"+k] = props[k]
		}
		if err := j.emit(st); err != nil {
			return err
		}
	}
	return nil
}

// number reads a stored number, integer or not (JSON 42 is stored as an integer).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	return 0, false
}
