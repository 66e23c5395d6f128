package store

import (
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TierReference is the tier of a source that is a reference dataset (a gazetteer such as GeoNames):
// a Source entity whose property tier has this value. Every other source is curated.
//
// Precedence (docs/import.md): a curated fact always wins over a reference one. An entity row whose
// evidence all comes from reference sources is a reference row, and it is merged into what is
// stored instead of replacing it:
//   - names: the names of an entity that a curated source states stay, and the reference's names,
//     where they differ, become aliases (a language with no curated name gets an alias, not a name);
//     an entity only reference sources state takes the reference's names;
//   - aliases: the reference's are added (and remembered in ref_aliases, so that a curated write,
//     which sets its own aliases, keeps them: upsertNodes);
//   - properties: one that a curated source states (listed in a curated MENTIONED_IN's properties)
//     stays; the others take the reference's value;
//   - unnamed and collective stay as stored;
//   - evidence: the reference's sentence is added beside the curated ones (MENTIONED_IN), and a
//     relationship gains the (source, quote) pair, as with any second source.
const TierReference = "reference"

const referenceSourcesQuery = `
UNWIND $ids AS id
MATCH (s:Source {id: id}) WHERE s.tier = '` + TierReference + `'
RETURN collect(s.id) AS ids`

const storedForMergeQuery = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n {.name_en, .name_bg, .name_el, .aliases, .ref_aliases, .unnamed, .collective} AS old,
       [(n)-[m:MENTIONED_IN]->(s:Source) WHERE coalesce(s.tier, '') <> '` + TierReference + `' | m.properties] AS curated`

// storedEntity is what a reference row is merged with.
type storedEntity struct {
	names               map[string]string
	aliases, refAliases []string
	unnamed, collective bool
	curated             bool     // a curated source states the entity
	curatedProps        []string // the properties that a curated source states
}

// referenceSources returns which of the sources the batch's entities cite are reference sources.
func (w batchWriter) referenceSources(b writeBatch) (map[string]bool, error) {
	var ids []string
	for _, n := range b.others {
		for _, e := range n.Evidence {
			if !slices.Contains(ids, e.Source) {
				ids = append(ids, e.Source)
			}
		}
	}
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := w.s.run(w.ctx, w.tx, "write_tiers", referenceSourcesQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	rec, err := res.Single(w.ctx)
	if err != nil {
		return nil, err
	}
	list, _, _ := neo4j.GetRecordValue[[]any](rec, "ids")
	for _, id := range stringList(list) {
		out[id] = true
	}
	return out, nil
}

// isReference reports whether every sentence of evidence of n comes from a reference source.
func isReference(n NodeWrite, reference map[string]bool) bool {
	return len(n.Evidence) > 0 && !slices.ContainsFunc(n.Evidence, func(e EvidenceWrite) bool { return !reference[e.Source] })
}

// rows are the query rows of nodes: reference rows merged with what is stored.
func (w batchWriter) rows(nodes []NodeWrite, reference map[string]bool) ([]map[string]any, error) {
	var refIDs []string
	for _, n := range nodes {
		if isReference(n, reference) {
			refIDs = append(refIDs, n.ID)
		}
	}
	stored := map[string]storedEntity{}
	if len(refIDs) > 0 {
		res, err := w.s.run(w.ctx, w.tx, "write_merge_read", storedForMergeQuery, map[string]any{"ids": refIDs})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(w.ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			id, _, _ := neo4j.GetRecordValue[string](r, "id")
			old, _, err := neo4j.GetRecordValue[map[string]any](r, "old")
			if err != nil {
				return nil, fmt.Errorf("decode stored %s: %w", id, err)
			}
			curated, _, _ := neo4j.GetRecordValue[[]any](r, "curated")
			e := storedEntity{names: map[string]string{}, aliases: stringList(old["aliases"]),
				refAliases: stringList(old["ref_aliases"]), curated: len(curated) > 0}
			for _, props := range curated {
				e.curatedProps = append(e.curatedProps, stringList(props)...)
			}
			e.unnamed, _ = old["unnamed"].(bool)
			e.collective, _ = old["collective"].(bool)
			for _, l := range Langs {
				e.names[l], _ = old["name_"+l].(string)
			}
			stored[id] = e
		}
	}
	rows := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		ref := isReference(n, reference)
		var props map[string]any
		if ref {
			props = mergeReference(n, stored[n.ID]) // the zero storedEntity when it is new
		} else {
			props = n.stored()
		}
		rows[i] = map[string]any{"id": n.ID, "label": labelOf(n.Kind), "props": props, "reference": ref}
	}
	return rows, nil
}

// mergeReference is the property map that writes reference row n over the stored entity old (the
// zero value for a new one), by the precedence rule of TierReference. Its search text is the one a
// curated write would make (upsertNodes): the names and curated aliases, then ref_search.
func mergeReference(n NodeWrite, old storedEntity) map[string]any {
	props := n.stored()
	curatedAliases, refAliases, names := []string{}, []string{}, []string{}
	for _, a := range old.aliases {
		if !slices.Contains(old.refAliases, a) {
			curatedAliases = append(curatedAliases, a)
		}
	}
	for _, l := range Langs {
		name := n.Names[l]
		if old.curated {
			name = old.names[l]
			if n.Names[l] != "" && n.Names[l] != name {
				refAliases = append(refAliases, n.Names[l])
			}
		}
		if name == "" {
			props["name_"+l] = nil
			continue
		}
		props["name_"+l] = name
		names = append(names, name)
	}
	for _, a := range n.Aliases {
		if !slices.Contains(curatedAliases, a) && !slices.Contains(names, a) && !slices.Contains(refAliases, a) {
			refAliases = append(refAliases, a)
		}
	}
	props["aliases"] = slices.Concat(curatedAliases, refAliases)
	props["ref_aliases"] = refAliases
	search, refSearch := searchText(append(names, curatedAliases...)), searchText(refAliases)
	props["ref_search"] = nil
	if refSearch != "" {
		props["ref_search"] = refSearch
		search += " | " + refSearch
	}
	props["search_latin"] = search
	if old.curated {
		props["unnamed"] = old.unnamed
		props["collective"] = old.collective
	}
	for _, p := range old.curatedProps {
		delete(props, p)
	}
	return props
}
