package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Exploration limits: the caps of the exploration API (its defaults are in schema.graphqls).
const (
	MaxDepth          = 3
	MaxNeighbourLimit = 500
	MaxHops           = 10
	MaxPaths          = 50
	MaxSimilar        = 50
)

// ExplorationTypes are the relationship types exploration walks: all but MENTIONED_IN, which ties
// every entity to its source and would make every source a shortcut between unrelated entities.
func ExplorationTypes() []RelType {
	return slices.DeleteFunc(RelTypes(), func(t RelType) bool { return t == MentionedIn })
}

// ParseRelTypes checks relationship type names from a client against ExplorationTypes. nil or empty
// means all of them. The error names the valid types; callers say which input held them.
func ParseRelTypes(names []string) ([]RelType, error) {
	all := ExplorationTypes()
	if len(names) == 0 {
		return all, nil
	}
	out := make([]RelType, 0, len(names))
	for _, n := range names {
		t := RelType(n)
		if !slices.Contains(all, t) {
			valid := make([]string, len(all))
			for i, v := range all {
				valid[i] = string(v)
			}
			return nil, fmt.Errorf("unknown relationship type %q; valid types are %s", n, strings.Join(valid, ", "))
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// typeAlternation renders checked types as a Cypher relationship type expression: `A`|`B`.
func typeAlternation(types []RelType) string {
	parts := make([]string, len(types))
	for i, t := range types {
		if !t.Valid() {
			panic("store: unchecked relationship type " + string(t))
		}
		parts[i] = "`" + string(t) + "`"
	}
	return strings.Join(parts, "|")
}

// Edge is a relationship seen generically.
type Edge struct {
	ID       string // the relationship's element ID
	Type     RelType
	From, To string // entity IDs
	Props    map[string]any
}

// Evidence reads the (source, quote) pairs of the relationship.
func (e Edge) Evidence() (sources, quotes []string) {
	return stringList(e.Props["sources"]), stringList(e.Props["quotes"])
}

// Subgraph is a set of entities and the relationships among them.
type Subgraph struct {
	Nodes     []Node
	Edges     []Edge
	Truncated bool // the limit left out entities that matched
}

// Path is a walk from one entity to another; len(Edges) == len(Nodes)-1.
type Path struct {
	Nodes []Node
	Edges []Edge
}

// A Projection says what a read returns of each entity and relationship: clients that draw a graph
// ask for IDs, names and types, and the rest is work for nothing. The zero value returns every
// property of each entity, and relationships without their properties.
type Projection struct {
	Light     bool  // entities: only the light ones (LightProps)
	EdgeProps bool  // relationships: their properties too, evidence sentences included
	Tree      *Tree // entities: the tree's properties and the entities its branches lead to (List)
}

// Full returns everything: for tools and exports.
var Full = Projection{EdgeProps: true}

// edgeProjection returns relationship r with its properties, edgeIdentity without; decodeEdges
// reads both.
const (
	edgeProjection = `{id: elementId(r), type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}`
	edgeIdentity   = `{id: elementId(r), type: type(r), from: startNode(r).id, to: endNode(r).id}`
)

func (p Projection) edgeProjection() string {
	if p.EdgeProps {
		return edgeProjection
	}
	return edgeIdentity
}

func decodeNodes(rec *neo4j.Record, key string) ([]Node, error) {
	raw, _, err := neo4j.GetRecordValue[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]Node, 0, len(raw))
	for _, v := range raw {
		props, _ := v.(map[string]any)
		id, _ := props["id"].(string)
		kind, _ := props["kind"].(string)
		if id == "" || !Kind(kind).Valid() {
			return nil, fmt.Errorf("decode %s: node without id or kind", key)
		}
		out = append(out, Node{ID: id, Kind: Kind(kind), Props: props})
	}
	return out, nil
}

func decodeEdges(rec *neo4j.Record, key string) ([]Edge, error) {
	raw, _, err := neo4j.GetRecordValue[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]Edge, 0, len(raw))
	for _, v := range raw {
		m, _ := v.(map[string]any)
		out = append(out, edgeFromMap(m))
	}
	return out, nil
}

// edgeFromMap decodes one edgeProjection.
func edgeFromMap(m map[string]any) Edge {
	e := Edge{Props: map[string]any{}}
	e.ID, _ = m["id"].(string)
	t, _ := m["type"].(string)
	e.Type = RelType(t)
	e.From, _ = m["from"].(string)
	e.To, _ = m["to"].(string)
	if p, ok := m["props"].(map[string]any); ok {
		e.Props = p
	}
	return e
}

// neighbourLevel adds one ring of neighbours to `seen`, keeping at most $limit entities in all:
// cities last, so that a ring cut short keeps a country's organisations, units and events before the
// hundred towns of the gazetteer (ordering by degree did the same at four times the database hits).
// It is repeated depth times; the text is fixed, only $TYPES comes from the checked list.
const neighbourLevel = `
CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[:$TYPES]-(m:Entity)
  WHERE NOT m IN seen AND ($kinds IS NULL OR m.kind IN $kinds)
  WITH DISTINCT m ORDER BY m:City, m.id
  RETURN collect(m) AS next
}
WITH centre, seen + next[0..($limit - size(seen))] AS seen, next[0..($limit - size(seen))] AS frontier,
     truncated OR size(next) > $limit - size(seen) AS truncated`

// A NeighbourhoodQuery asks for the entities within Depth hops of ID, walking only Types and keeping
// only Kinds (nil: all), at most Limit of them counting ID itself.
type NeighbourhoodQuery struct {
	ID           string
	Depth, Limit int
	Types        []RelType
	Kinds        []Kind
}

// Neighbourhood returns the entities q asks for, nearer ones first, cities last in a ring, and every relationship of its
// types among them. errs.ErrNotFound if the entity does not exist.
func (s *Store) Neighbourhood(ctx context.Context, q NeighbourhoodQuery, p Projection) (Subgraph, error) {
	id, depth, limit := q.ID, q.Depth, q.Limit
	if err := checkIDs("id", id); err != nil {
		return Subgraph{}, err
	}
	if depth < 1 || depth > MaxDepth {
		return Subgraph{}, errs.BadInput("depth", "must be between 1 and %d, got %d", MaxDepth, depth)
	}
	if limit < 1 || limit > MaxNeighbourLimit {
		return Subgraph{}, errs.BadInput("limit", "must be between 1 and %d, got %d", MaxNeighbourLimit, limit)
	}
	params := map[string]any{"id": id, "limit": limit, "kinds": kindStrings(q.Kinds)}
	recs, err := s.read(ctx, "neighbourhood", NeighbourhoodCypher(depth, q.Types, p), params)
	if err != nil {
		return Subgraph{}, mapErr("neighbourhood", err)
	}
	if len(recs) == 0 {
		return Subgraph{}, fmt.Errorf("neighbourhood of %q: %w", id, errs.ErrNotFound)
	}
	nodes, err := decodeNodes(recs[0], "nodes")
	if err != nil {
		return Subgraph{}, err
	}
	edges, err := decodeEdges(recs[0], "edges")
	if err != nil {
		return Subgraph{}, err
	}
	truncated, _, _ := neo4j.GetRecordValue[bool](recs[0], "truncated")
	return Subgraph{Nodes: nodes, Edges: edges, Truncated: truncated}, nil
}

// NeighbourhoodCypher is the Cypher text of Neighbourhood (parameters $id, $limit, $kinds); the
// benchmark's peer runs the same text.
func NeighbourhoodCypher(depth int, types []RelType, p Projection) string {
	alt := typeAlternation(types)
	var b strings.Builder
	b.WriteString("MATCH (centre:Entity {id: $id}) WITH centre, [centre] AS seen, [centre] AS frontier, false AS truncated")
	for range depth {
		b.WriteString(strings.ReplaceAll(neighbourLevel, "$TYPES", alt))
	}
	b.WriteString(`
WITH seen, truncated
CALL (seen) {
  UNWIND seen AS a
  MATCH (a)-[r:` + alt + `]->(z)
  WHERE z IN seen
  WITH r ORDER BY a.id, type(r), z.id
  RETURN collect(` + p.edgeProjection() + `) AS edges
}
RETURN [n IN seen | ` + projection("n", p.Light) + `] AS nodes, edges, truncated`)
	return b.String()
}

func kindStrings(kinds []Kind) any {
	if len(kinds) == 0 {
		return nil
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// quantifier renders a hop bound checked against MaxHops. Cypher does not take parameters for path
// lengths or SHORTEST k, so these come from this closed range of integers, never from text.
func quantifier(maxHops int) string {
	if maxHops < 1 || maxHops > MaxHops {
		panic("store: unchecked hop count")
	}
	return "{1," + strconv.Itoa(maxHops) + "}"
}

// pathsCandidates is how many shortest trails Paths considers before keeping the simple ones.
const pathsCandidates = "64"

// A PathsQuery asks for up to First distinct simple paths between From and To (direction ignored)
// of at most MaxHops relationships of Types.
type PathsQuery struct {
	From, To       string
	MaxHops, First int
	Types          []RelType
}

// Paths returns the paths q asks for, shortest first. errs.ErrNotFound if either entity does not exist.
func (s *Store) Paths(ctx context.Context, q PathsQuery, p Projection) ([]Path, error) {
	from, to, maxHops, first, types := q.From, q.To, q.MaxHops, q.First, q.Types
	if err := checkIDs("from/to", from, to); err != nil {
		return nil, err
	}
	if maxHops < 1 || maxHops > MaxHops {
		return nil, errs.BadInput("maxHops", "must be between 1 and %d, got %d", MaxHops, maxHops)
	}
	if first < 1 || first > MaxPaths {
		return nil, errs.BadInput("first", "must be between 1 and %d, got %d", MaxPaths, first)
	}
	if from == to {
		n, err := s.Node(ctx, from)
		if errors.Is(err, errs.ErrNotFound) {
			return nil, fmt.Errorf("path end %q: %w", from, errs.ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		return []Path{{Nodes: []Node{n}}}, nil
	}
	k := pathsCandidates
	if first == 1 {
		k = "1"
	}
	cypher := `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST ` + k + ` (a)-[:` + typeAlternation(types) + `]-` + quantifier(maxHops) + `(b)
WITH p, nodes(p) AS ns
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
WITH p, ns ORDER BY length(p) LIMIT $first
RETURN [n IN ns | ` + projection("n", p.Light) + `] AS nodes, [r IN relationships(p) | ` + p.edgeProjection() + `] AS edges`
	recs, err := s.read(ctx, "paths", cypher, map[string]any{"from": from, "to": to, "first": first})
	if err != nil {
		return nil, mapErr("paths", err)
	}
	if len(recs) == 0 { // no path, or no such entity: only now ask which (one query in the usual case)
		found, err := s.ExistingIDs(ctx, []string{from, to})
		if err != nil {
			return nil, err
		}
		for _, id := range []string{from, to} {
			if !found[id] {
				return nil, fmt.Errorf("path end %q: %w", id, errs.ErrNotFound)
			}
		}
	}
	out := make([]Path, 0, len(recs))
	for _, r := range recs {
		nodes, err := decodeNodes(r, "nodes")
		if err != nil {
			return nil, err
		}
		edges, err := decodeEdges(r, "edges")
		if err != nil {
			return nil, err
		}
		out = append(out, Path{Nodes: nodes, Edges: edges})
	}
	return out, nil
}

func decodeNodeRecords(recs []*neo4j.Record, key string) ([]Node, error) {
	out := make([]Node, 0, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, key)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Equal reports whether two Stats count the same entities and relationships.
func (st Stats) Equal(o Stats) bool {
	for _, k := range Kinds() {
		if st.ByKind[k] != o.ByKind[k] {
			return false
		}
	}
	for _, t := range RelTypes() {
		if st.ByType[t] != o.ByType[t] {
			return false
		}
	}
	return true
}
