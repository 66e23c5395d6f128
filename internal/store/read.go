package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Node is a stored entity: its ID, kind and every stored property (names included). A Node read
// with a Tree holds only the properties the tree asked for, as the list the query returned (its
// methods read them the same way), and its branches (BranchLen, BranchNode).
type Node struct {
	ID    string
	Kind  Kind
	Props map[string]any
	vals  []any // a tree's list: [id, kind if kindIn, Props in tree order, branches]
	tree  *Tree
	// kindIn says the list holds the kind after the ID.
	kindIn bool
}

// get returns a property's value, nil when absent.
func (n Node) get(p string) any {
	if n.tree == nil || n.tree.All {
		return n.Props[p]
	}
	if i := n.tree.propIndex(p, n.kindIn); i >= 0 {
		return n.vals[i]
	}
	return nil
}

// Name is the entity's name in lang (en, bg or el), falling back to English.
func (n Node) Name(lang string) string {
	if v, ok := n.get("name_" + lang).(string); ok && v != "" {
		return v
	}
	v, _ := n.get("name_en").(string)
	return v
}

// Aliases are the entity's other names.
func (n Node) Aliases() []string { return stringList(n.get("aliases")) }

// String returns a string property, "" when absent.
func (n Node) String(prop string) string { v, _ := n.get(prop).(string); return v }

// Int returns an integer property.
func (n Node) Int(prop string) (int, bool) { v, ok := n.get(prop).(int64); return int(v), ok }

// Bool returns a boolean property, false when absent.
func (n Node) Bool(prop string) bool { v, _ := n.get(prop).(bool); return v }

// Strings returns a list-of-strings property.
func (n Node) Strings(prop string) []string { return stringList(n.get(prop)) }

// distanceKey holds, in a node read by a list with Filter.Near, its distance in kilometres.
const distanceKey = "_distanceKm"

// DistanceKm is the distance of a node read by a list with Filter.Near.
func (n Node) DistanceKm() (float64, bool) { v, ok := n.Props[distanceKey].(float64); return v, ok }

// Public is every stored property a client may see: all but the internal ones.
func (n Node) Public() map[string]any {
	out := make(map[string]any, len(n.Props))
	for k, v := range n.Props {
		if !slices.Contains(internalProps, k) {
			out[k] = v
		}
	}
	return out
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// nodeFrom decodes a map projection (n {.*}) into a Node.
func nodeFrom(rec *neo4j.Record, key string) (Node, error) {
	props, isNil, err := neo4j.GetRecordValue[map[string]any](rec, key)
	if err != nil || isNil {
		return Node{}, fmt.Errorf("decode %s: missing node (%v)", key, err)
	}
	return nodeFromMap(props)
}

// nodeFromMap decodes the properties of a map projection (n {.*}) into a Node.
func nodeFromMap(props map[string]any) (Node, error) {
	id, _ := props["id"].(string)
	kind, _ := props["kind"].(string)
	if id == "" || !Kind(kind).Valid() {
		return Node{}, fmt.Errorf("decode: stored node without id or with unknown kind %q", kind)
	}
	return Node{ID: id, Kind: Kind(kind), Props: props}, nil
}

// NodesByID returns the stored entities among ids, keyed by ID. Missing IDs are absent from the map.
func (s *Store) NodesByID(ctx context.Context, ids []string) (map[string]Node, error) {
	if err := checkIDs("id", ids...); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "nodes_by_id", `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n {.*} AS node`, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("nodes by id", err)
	}
	out := make(map[string]Node, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, err
		}
		out[n.ID] = n
	}
	return out, nil
}

// Node returns one entity, or an error wrapping errs.ErrNotFound.
func (s *Store) Node(ctx context.Context, id string) (Node, error) {
	nodes, err := s.NodesByID(ctx, []string{id})
	if err != nil {
		return Node{}, err
	}
	n, ok := nodes[id]
	if !ok {
		return Node{}, fmt.Errorf("node %q: %w", id, errs.ErrNotFound)
	}
	return n, nil
}

// Direction of a relationship as seen from the entity asked about.
type Direction int

const (
	Out Direction = iota // (entity)-[r]->(other)
	In                   // (entity)<-[r]-(other)
)

// Rel names one relationship field: the type, the direction and the kind of entity at the other
// end ("" for any kind). What a read returns of the entities and relationships it reaches is its
// Projection's to say.
type Rel struct {
	Type   RelType
	Dir    Direction
	Target Kind
}

// projection is the map projection of variable v: every property, or the light ones.
func projection(v string, light bool) string {
	if !light {
		return v + " {.*}"
	}
	parts := make([]string, len(LightProps))
	for i, p := range LightProps {
		parts[i] = "." + p
	}
	return v + " {" + strings.Join(parts, ", ") + "}"
}

// Link is one related entity and the relationship that leads to it.
type Link struct {
	Node  Node
	Props map[string]any // the relationship's properties, with sources and quotes (only with Projection.EdgeProps)
	// Quotes are the relationship's evidence with its sources, when a tree's Branch.Evidence read it.
	Quotes []Mention
}

// Evidence reads the (source, quote) pairs of a relationship's properties.
func (l Link) Evidence() (sources, quotes []string) {
	return stringList(l.Props["sources"]), stringList(l.Props["quotes"])
}

// relQueries caches the query text of each relationship and projection (a Tree is not used here).
var relQueries sync.Map // relQueryKey -> query text

type relQueryKey struct {
	rel              Rel
	light, edgeProps bool
}

// relatedQuery builds the query for a Rel from the closed lists of types and kinds, once.
func relatedQuery(r Rel, p Projection) (string, error) {
	key := relQueryKey{r, p.Light, p.EdgeProps}
	if q, ok := relQueries.Load(key); ok {
		return q.(string), nil
	}
	if !r.Type.Valid() || (r.Target != "" && !r.Target.Valid()) {
		return "", fmt.Errorf("store: relationship %v is not in the model", r)
	}
	label := "Entity"
	if r.Target != "" {
		label = r.Target.Label()
	}
	pattern := "(n)-[r:`" + string(r.Type) + "`]->(m:`" + label + "`)"
	if r.Dir == In {
		pattern = "(n)<-[r:`" + string(r.Type) + "`]-(m:`" + label + "`)"
	}
	rel := "{}"
	if p.EdgeProps {
		rel = "r {.*}"
	}
	// One record per parent, its related entities collected in order: far fewer records to send and
	// decode than one per related entity.
	q := "UNWIND $ids AS id MATCH (n:Entity {id: id}) CALL (n) { MATCH " + pattern +
		" WITH m, r ORDER BY m.name_en, m.id RETURN collect({node: " + projection("m", p.Light) + ", rel: " + rel + "}) AS links }" +
		" RETURN id, links"
	relQueries.Store(key, q)
	return q, nil
}

// Related returns, for each of ids, the entities reached by rel, as p projects them (the entities
// light or whole, the relationships with their properties or not): one query for all ids.
func (s *Store) Related(ctx context.Context, rel Rel, p Projection, ids []string) (map[string][]Link, error) {
	q, err := relatedQuery(rel, p)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "related", q, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("related "+string(rel.Type), err)
	}
	out := make(map[string][]Link, len(ids))
	for _, r := range recs {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, err
		}
		raw, _, err := neo4j.GetRecordValue[[]any](r, "links")
		if err != nil {
			return nil, err
		}
		if len(raw) == 0 {
			continue
		}
		links := make([]Link, 0, len(raw))
		for _, v := range raw {
			m, _ := v.(map[string]any)
			props, _ := m["node"].(map[string]any)
			n, err := nodeFromMap(props)
			if err != nil {
				return nil, fmt.Errorf("related %s: %w", rel.Type, err)
			}
			relProps, _ := m["rel"].(map[string]any)
			links = append(links, Link{Node: n, Props: relProps})
		}
		out[id] = links
	}
	return out, nil
}

// Filter narrows a list. Empty fields do not filter.
type Filter struct {
	NameContains string // any name or alias, in any script (folded like search)
	Category     string // organisations
	Country      string // entity located (directly or through its city) in this country ID
	City         string // located in, or held in, this city ID
	Domain       string // with expertise in, or in, this domain ID
	Near         *Near  // within a radius of a point (by the entity's location: geo.go)
}

// Sort orders a list. The values are the GraphQL enum's.
type Sort string

// sorts is the allow-list of ORDER BY clauses.
var sorts = map[Sort]string{
	"NAME_ASC":  "n.name_en ASC, n.id ASC",
	"NAME_DESC": "n.name_en DESC, n.id DESC",
	"ID_ASC":    "n.id ASC",
	"ID_DESC":   "n.id DESC",
	// Read from the node's degree (a few database hits each, whatever the degree), less a
	// document's link to its source, which is no relationship of the graph.
	"DEGREE_DESC": "COUNT { (n)--() } - COUNT { (n)<-[:DOCUMENT_OF]-() } DESC, n.id ASC",
	// Only with Filter.Near, which binds distance.
	"DISTANCE_ASC": "distance ASC, n.id ASC",
}

// filterClause builds, from fixed fragments, the extra MATCH (anchored on the city or domain asked
// for, so Neo4j starts from that one node's index entry instead of scanning the kind) and the WHERE
// clause for the filters that are set; values go in as parameters. With Near, distance is the
// aggregate expression of each entity's distance in metres (else "").
func filterClause(kind Kind, f Filter, params map[string]any) (clause, distance string, err error) {
	if err := checkIDs("filter", f.Country, f.City, f.Domain); err != nil {
		return "", "", err
	}
	if len(f.NameContains) > MaxSearchLength*4 {
		return "", "", errs.BadInput("filter.nameContains", "is longer than %d characters", MaxSearchLength)
	}
	var match, where []string
	if f.NameContains != "" {
		where = append(where, "n.search_latin CONTAINS $nameContains")
		params["nameContains"] = foldForContains(f.NameContains)
	}
	if f.Category != "" {
		where = append(where, "n.category = $category")
		params["category"] = f.Category
	}
	if f.Country != "" {
		where = append(where, "EXISTS { (n)-[:LOCATED_IN*1..2]->(:Country {id: $country}) }")
		params["country"] = f.Country
	}
	if f.City != "" {
		match = append(match, " MATCH (:City {id: $city})<-[:LOCATED_IN|HELD_IN]-(n)")
		params["city"] = f.City
	}
	if f.Domain != "" {
		match = append(match, " MATCH (:Domain {id: $domain})<-[:HAS_EXPERTISE_IN|IN_DOMAIN]-(n)")
		params["domain"] = f.Domain
	}
	var near string
	if f.Near != nil {
		var cond string
		if near, cond, distance, err = nearClause(kind, *f.Near, params); err != nil {
			return "", "", err
		}
		if cond != "" {
			where = append(where, cond)
		}
	}
	clause = strings.Join(match, "")
	if len(where) > 0 {
		clause += " WHERE " + strings.Join(where, " AND ")
	}
	return clause + near, distance, nil
}

// A ListQuery asks for one page of entities of a kind: up to Limit, after skipping Skip, filtered
// and sorted.
type ListQuery struct {
	Kind        Kind
	Filter      Filter
	Sort        Sort
	Skip, Limit int
}

// List returns the page q asks for, each entity as p projects it (a Tree: the tree's properties and
// branches), and whether more follow.
func (s *Store) List(ctx context.Context, q ListQuery, p Projection) ([]Node, bool, error) {
	cypher, params, err := pageQuery(q.Kind, q.Filter, q.Sort, q.Skip, q.Limit)
	if err != nil {
		return nil, false, err
	}
	decode := func(r *neo4j.Record) (Node, error) { return nodeFrom(r, "node") }
	if p.Tree != nil {
		proj, tparams, err := treeQuery(q.Kind, *p.Tree)
		maps.Copy(params, tparams)
		if err != nil {
			return nil, false, err
		}
		cypher += proj
		decode = func(r *neo4j.Record) (Node, error) { v, _ := r.Get("node"); return treeNode(v, q.Kind, p.Tree) }
	} else {
		cypher += projection("n", p.Light)
	}
	cypher += " AS node"
	switch {
	case q.Filter.Near != nil && p.Tree != nil: // a column of its own, put in the node's map
		cypher += ", round(distance) / 1000.0 AS distanceKm"
		tree := decode
		decode = func(r *neo4j.Record) (Node, error) {
			n, err := tree(r)
			if err != nil {
				return n, err
			}
			if n.Props == nil {
				n.Props = map[string]any{}
			}
			n.Props[distanceKey], _ = r.Get("distanceKm")
			return n, nil
		}
	case q.Filter.Near != nil: // the distance rides along in the node's map, read by Node.DistanceKm
		cypher = strings.TrimSuffix(cypher, "} AS node") + ", " + distanceKey + ": round(distance) / 1000.0} AS node"
	}
	recs, err := s.read(ctx, "list", cypher, params)
	if err != nil {
		return nil, false, mapErr("list "+string(q.Kind), err)
	}
	nodes := make([]Node, 0, len(recs))
	for _, r := range recs {
		n, err := decode(r)
		if err != nil {
			return nil, false, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) > q.Limit {
		return nodes[:q.Limit], true, nil
	}
	return nodes, false, nil
}

// pageQuery is a list query up to its RETURN: limit+1 entities (the extra one tells whether more
// follow), bound to n, after skip, in the sort's order.
func pageQuery(kind Kind, f Filter, sort Sort, skip, limit int) (string, map[string]any, error) {
	order, ok := sorts[sort]
	if !ok {
		return "", nil, errs.BadInput("sort", "unknown sort %q", sort)
	}
	if !kind.Valid() {
		return "", nil, errs.BadInput("kind", "unknown kind %q", kind)
	}
	params := map[string]any{"skip": skip, "limit": limit + 1}
	where, distance, err := filterClause(kind, f, params)
	if err != nil {
		return "", nil, err
	}
	with := " WITH DISTINCT n"
	if distance != "" {
		with = " WITH n, " + distance + " AS distance"
	} else if sort == "DISTANCE_ASC" {
		return "", nil, errs.BadInput("sort", "DISTANCE_ASC needs filter.near")
	}
	return "MATCH (n:`" + kind.Label() + "`)" + where + with + " ORDER BY " + order + " SKIP $skip LIMIT $limit RETURN ", params, nil
}

// Count is how many entities of a kind the filter lets through.
func (s *Store) Count(ctx context.Context, kind Kind, f Filter) (int, error) {
	if !kind.Valid() {
		return 0, errs.BadInput("kind", "unknown kind %q", kind)
	}
	params := map[string]any{}
	where, _, err := filterClause(kind, f, params)
	if err != nil {
		return 0, err
	}
	q := "MATCH (n:`" + kind.Label() + "`)" + where + " RETURN count(DISTINCT n) AS n"
	recs, err := s.read(ctx, "count", q, params)
	if err != nil {
		return 0, mapErr("count "+string(kind), err)
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("count %s: %d records", kind, len(recs))
	}
	n, _, err := neo4j.GetRecordValue[int64](recs[0], "n")
	return int(n), err
}

// MaxIDLength bounds an ID from a client. IDs are short slugs; a longer one is not an ID, and is
// refused before it reaches Neo4j (whose index keys are bounded too).
const MaxIDLength = 256

// checkIDs refuses strings that cannot be IDs: too long, not UTF-8, or with control characters.
func checkIDs(field string, ids ...string) error {
	for _, id := range ids {
		if len(id) > MaxIDLength || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl) {
			return errs.BadInput(field, "is not an ID (IDs look like city:thessaloniki, at most %d bytes)", MaxIDLength)
		}
	}
	return nil
}
