package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"urbangraph/internal/errs"
)

// A Tree is a nested read: the properties to return of an entity and, for each branch, the
// entities a relationship leads to, with trees of their own. One Cypher query answers a whole tree
// (nested COLLECT subqueries), however deep and wide it is, so a GraphQL selection of entities and
// their relationships costs one round trip.
//
// On the wire each entity is a list, [id, kind (only when the query cannot know it), the properties
// in Props order (or one map of them all), the branches]: half the bytes of a map and no key strings
// to decode (a 730 × children query: 7.1–8.8 → 5.2–5.5 ms). Nodes read them in place (Node.get,
// BranchNode): no map is built.
type Tree struct {
	// Props are the properties to return besides id and kind, which always come back.
	Props []string
	// All returns every property instead.
	All bool
	// Location returns the entity's location as Locations reads it (a city's own point, else that
	// of the first city by ID its kind's path reaches): read it with Node.TreeLocation. The tree's
	// kind must be known.
	Location bool
	// Sources, when set, returns the sentences that name the entity or state its properties
	// (MENTIONED_IN), each with its source read with this tree, as Mentions orders them: read them
	// with Node.TreeSources.
	Sources *Tree
	// History, when set, returns a page of the entity's change log, newest first, as History reads
	// it: read it with Node.TreeHistory.
	History  *HistoryPage
	Branches []Branch
}

// A HistoryPage is at most First change records before sequence number Before (0: the newest).
type HistoryPage struct {
	First  int
	Before int64
}

// A Branch is one relationship below an entity. The entities it leads to come back ordered like
// Related (English name, then ID); read them with Node.BranchLen and Node.BranchNode.
type Branch struct {
	Rel  Rel // the relationship's type, direction and the kind at its other end
	One  bool
	Tree Tree
	// EdgeProps are the relationship's properties to return with each entity (a Founding's role
	// and year): read them with Node.BranchEdge. Each relationship then comes back once, even two
	// to the same entity.
	EdgeProps []string
	// Evidence, when set, returns each relationship's evidence too: its quotes and, read with this
	// tree, the sources they come from (Link.Quotes). Only with EdgeProps.
	Evidence *Tree
}

// treeProjection writes the list that returns variable v for tree t; kind is v's kind when the
// query fixes it ("" otherwise); vars numbers the variables.
func treeProjection(b *strings.Builder, v string, kind Kind, t Tree, tv *treeVars) error {
	b.WriteString("[" + v + ".id")
	if kind == "" {
		b.WriteString(", " + v + ".kind")
	}
	if t.All {
		b.WriteString(", " + v + " {.*}")
	} else {
		for _, p := range t.Props {
			if !validProperty(p) {
				return fmt.Errorf("store: property %q is not a property name", p)
			}
			if p != "id" && p != "kind" {
				b.WriteString(", " + v + ".`" + p + "`")
			}
		}
	}
	if t.Location {
		if kind == "" {
			return fmt.Errorf("store: a tree's location needs its kind")
		}
		tv.n++
		b.WriteString(", " + locationExpr(v, kind, "p"+strconv.Itoa(tv.n)))
	}
	if t.Sources != nil {
		if err := sourcesProjection(b, v, *t.Sources, tv); err != nil {
			return err
		}
	}
	if h := t.History; h != nil {
		tv.n++
		seq, first := tv.param("seq", newestFirst(h.Before)), tv.param("first", h.First)
		b.WriteString(", COLLECT { CALL (" + v + ") {\n  " + entityChangesWith("<", "DESC", v+".id", seq, first, "[]") +
			"\n} RETURN c {.*} AS c ORDER BY c.seq DESC LIMIT " + first + " }")
	}
	for _, br := range t.Branches {
		if err := branchProjection(b, v, br, tv); err != nil {
			return err
		}
	}
	b.WriteString("]")
	return nil
}

// sourcesProjection writes the mentions of the entity bound to v: each with its source (tree t),
// its quote and the properties it states, ordered as Mentions orders them.
func sourcesProjection(b *strings.Builder, v string, t Tree, tv *treeVars) error {
	tv.n++
	m, s := "e"+strconv.Itoa(tv.n), "s"+strconv.Itoa(tv.n)
	b.WriteString(", COLLECT { MATCH (" + v + ")-[" + m + ":MENTIONED_IN]->(" + s + ":Source) WITH " + s + ", " + m +
		" ORDER BY " + s + ".id, " + m + ".quote RETURN [")
	if err := treeProjection(b, s, Source, t, tv); err != nil {
		return err
	}
	b.WriteString(", " + m + ".quote, coalesce(" + m + ".properties, [])] }")
	return nil
}

// branchProjection writes branch br of the entity bound to v: the entities it reaches, each with
// its tree and, when asked, the relationship's properties and evidence.
func branchProjection(b *strings.Builder, v string, br Branch, tv *treeVars) error {
	r := br.Rel
	if !r.Type.Valid() || (r.Target != "" && !r.Target.Valid()) {
		return fmt.Errorf("store: relationship %v is not in the model", r)
	}
	label := "Entity"
	if r.Target != "" {
		label = r.Target.Label()
	}
	tv.n++
	c, rv, with := "m"+strconv.Itoa(tv.n), "", ""
	if br.Evidence != nil && len(br.EdgeProps) == 0 {
		return fmt.Errorf("store: a branch's evidence needs its EdgeProps")
	}
	if len(br.EdgeProps) > 0 { // the relationship is named only when its properties are read
		rv = "r" + strconv.Itoa(tv.n)
		with = ", " + rv
	}
	arrow := "-[" + rv + ":`" + string(r.Type) + "`]->"
	if r.Dir == In {
		arrow = "<-[" + rv + ":`" + string(r.Type) + "`]-"
	}
	b.WriteString(", COLLECT { MATCH (" + v + ")" + arrow + "(" + c + ":`" + label + "`) WITH " +
		c + with + " ORDER BY " + c + ".name_en, " + c + ".id ")
	if br.One {
		b.WriteString("LIMIT 1 ")
	}
	b.WriteString("RETURN ")
	if len(br.EdgeProps) > 0 {
		b.WriteString("[")
	}
	if err := treeProjection(b, c, r.Target, br.Tree, tv); err != nil {
		return err
	}
	for _, p := range br.EdgeProps {
		if !validProperty(p) {
			return fmt.Errorf("store: property %q is not a property name", p)
		}
		b.WriteString(", " + rv + ".`" + p + "`")
	}
	if br.Evidence != nil {
		if err := evidenceProjection(b, rv, *br.Evidence, tv); err != nil {
			return err
		}
	}
	if len(br.EdgeProps) > 0 {
		b.WriteString("]")
	}
	b.WriteString(" }")
	return nil
}

// evidenceProjection writes what a relationship bound to rv returns of its evidence: its sources'
// IDs, its quotes, and the sources it names, each with tree t.
func evidenceProjection(b *strings.Builder, rv string, t Tree, tv *treeVars) error {
	tv.n++
	src := "s" + strconv.Itoa(tv.n)
	b.WriteString(", " + rv + ".sources, " + rv + ".quotes, COLLECT { UNWIND coalesce(" + rv + ".sources, []) AS " + src +
		"id MATCH (" + src + ":Entity {id: " + src + "id}) RETURN ")
	if err := treeProjection(b, src, Source, t, tv); err != nil {
		return err
	}
	b.WriteString(" }")
	return nil
}

// locationExpr is the Cypher expression of the location of the entity of kind k bound to v, as
// Locations reads it: [latitude, longitude, the city's ID], or null.
func locationExpr(v string, k Kind, place string) string {
	if k == City {
		return "CASE WHEN " + v + ".location IS NULL THEN null ELSE [toFloat(" + v + ".latitude), toFloat(" + v + ".longitude), " + v + ".id] END"
	}
	pattern, ok := locatedThrough[k]
	if !ok {
		return "null"
	}
	pattern = strings.ReplaceAll(strings.Replace(pattern, "(n:", "("+v+":", 1), "place", place)
	return "head(COLLECT { MATCH " + pattern + " WHERE " + place + ".location IS NOT NULL WITH " + place + " ORDER BY " + place +
		".id RETURN [toFloat(" + place + ".latitude), toFloat(" + place + ".longitude), " + place + ".id] })"
}

// size is how many values treeProjection returns for an entity of tree t.
func (t *Tree) size(kindIn bool) int {
	n := 1 + t.tail()
	if kindIn {
		n++
	}
	if t.All {
		return n + 1
	}
	for _, p := range t.Props {
		if p != "id" && p != "kind" {
			n++
		}
	}
	return n
}

// tail is how many values follow an entity's properties: its location, sources and history (when
// asked) and its branches.
func (t *Tree) tail() int {
	n := len(t.Branches)
	if t.Location {
		n++
	}
	if t.Sources != nil {
		n++
	}
	if t.History != nil {
		n++
	}
	return n
}

// propIndex is the position of property p in an entity's list, -1 when the tree does not return it.
func (t *Tree) propIndex(p string, kindIn bool) int {
	i := 1
	if kindIn {
		i++
	}
	for _, q := range t.Props {
		if q == "id" || q == "kind" {
			continue
		}
		if q == p {
			return i
		}
		i++
	}
	return -1
}

// treeNode reads the list treeProjection returned for an entity of kind k ("" when the list holds
// the kind) of tree t.
func treeNode(v any, k Kind, t *Tree) (Node, error) {
	list, ok := v.([]any)
	kindIn := k == ""
	if !ok || len(list) != t.size(kindIn) {
		return Node{}, fmt.Errorf("store: a tree entity does not have the tree's shape (%T)", v)
	}
	n := Node{vals: list, tree: t, kindIn: kindIn, Kind: k}
	n.ID, _ = list[0].(string)
	if kindIn {
		kind, _ := list[1].(string)
		n.Kind = Kind(kind)
	}
	if n.ID == "" || !n.Kind.Valid() {
		return Node{}, fmt.Errorf("store: tree entity without id or with unknown kind %q", n.Kind)
	}
	if t.All {
		props, _ := list[len(list)-t.tail()-1].(map[string]any)
		n.Props, n.tree = props, nil
		if n.Props == nil {
			n.Props = map[string]any{}
		}
		n.Props["id"], n.Props["kind"] = n.ID, string(n.Kind)
		n.vals, n.tree = list, t // branches stay readable
	}
	return n, nil
}

// TreeLocation is the location a tree with Location read for the node, if it has one.
func (n Node) TreeLocation() (Location, bool) {
	if n.tree == nil || !n.tree.Location {
		return Location{}, false
	}
	l, _ := n.vals[n.slot(1+n.extras(true, true))].([]any)
	if len(l) != 3 {
		return Location{}, false
	}
	lat, _ := l[0].(float64)
	lon, _ := l[1].(float64)
	city, _ := l[2].(string)
	return Location{Latitude: lat, Longitude: lon, City: city, Derived: city != n.ID}, true
}

// slot is the position of the value k places before an entity's branches.
func (n Node) slot(k int) int { return len(n.vals) - len(n.tree.Branches) - k }

// extras counts the values that stand after an entity's location (sources and history, when
// asked), or after its sources (history).
func (n Node) extras(sources, history bool) int {
	k := 0
	if sources && n.tree.Sources != nil {
		k++
	}
	if history && n.tree.History != nil {
		k++
	}
	return k
}

// TreeHistory is the page of change records a tree with History read for the node.
func (n Node) TreeHistory() []Change {
	if n.tree == nil || n.tree.History == nil {
		return nil
	}
	list, _ := n.vals[n.slot(1)].([]any)
	out := make([]Change, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		out = append(out, changeFrom(m))
	}
	return out
}

// TreeSources are the mentions a tree with Sources read for the node.
func (n Node) TreeSources() ([]Mention, error) {
	if n.tree == nil || n.tree.Sources == nil {
		return nil, nil
	}
	list, _ := n.vals[n.slot(1+n.extras(false, true))].([]any)
	out := make([]Mention, 0, len(list))
	for _, v := range list {
		m, _ := v.([]any)
		if len(m) != 3 {
			return nil, fmt.Errorf("store: a tree mention does not have its shape (%T)", v)
		}
		src, err := treeNode(m[0], Source, n.tree.Sources)
		if err != nil {
			return nil, err
		}
		quote, _ := m[1].(string)
		out = append(out, Mention{Source: src, Quote: quote, Properties: stringList(m[2])})
	}
	return out, nil
}

// BranchLen is how many entities the i-th branch of a tree node's tree reached.
func (n Node) BranchLen(i int) int {
	l, _ := n.branch(i)
	return len(l)
}

// BranchNode is the j-th entity of the i-th branch of a node read with a tree.
func (n Node) BranchNode(i, j int) (Node, error) {
	l, br := n.branch(i)
	if j >= len(l) {
		return Node{}, fmt.Errorf("store: branch %d has %d entities, not %d", i, len(l), j+1)
	}
	v := l[j]
	if len(br.EdgeProps) > 0 {
		pair, _ := v.([]any)
		if len(pair) != br.edgeSize() {
			return Node{}, fmt.Errorf("store: a tree relationship does not have the branch's shape (%T)", v)
		}
		v = pair[0]
	}
	return treeNode(v, br.Rel.Target, &br.Tree)
}

// BranchEdge is the relationship that reached the j-th entity of the i-th branch, with the
// properties the branch asked for (EdgeProps), as a Link.
func (n Node) BranchEdge(i, j int) (Link, error) {
	node, err := n.BranchNode(i, j)
	if err != nil {
		return Link{}, err
	}
	l, br := n.branch(i)
	if len(br.EdgeProps) == 0 {
		return Link{Node: node}, nil
	}
	pair, _ := l[j].([]any)
	props := make(map[string]any, len(br.EdgeProps))
	for k, p := range br.EdgeProps {
		if pair[k+1] != nil {
			props[p] = pair[k+1]
		}
	}
	link := Link{Node: node, Props: props}
	if br.Evidence != nil {
		ev := pair[1+len(br.EdgeProps):]
		sources, _ := ev[2].([]any)
		byID := make(map[string]Node, len(sources))
		for _, v := range sources {
			src, err := treeNode(v, Source, br.Evidence)
			if err != nil {
				return Link{}, err
			}
			byID[src.ID] = src
		}
		link.Quotes = SourcedQuotes(stringList(ev[0]), stringList(ev[1]), byID)
	}
	return link, nil
}

// edgeSize is how many values a branch with EdgeProps returns for each relationship.
func (br *Branch) edgeSize() int {
	if br.Evidence != nil {
		return 1 + len(br.EdgeProps) + 3
	}
	return 1 + len(br.EdgeProps)
}

func (n Node) branch(i int) ([]any, *Branch) {
	if n.tree == nil || i < 0 || i >= len(n.tree.Branches) {
		return nil, nil
	}
	l, _ := n.vals[len(n.vals)-len(n.tree.Branches)+i].([]any)
	return l, &n.tree.Branches[i]
}

// validProperty accepts the property names of the model: letters, digits and underscores.
func validProperty(p string) bool {
	if p == "" || len(p) > 64 {
		return false
	}
	for _, c := range p {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// treeVars numbers a tree query's variables and holds the parameters its parts take.
type treeVars struct {
	n      int
	params map[string]any
}

// param adds a parameter of the tree query and returns its name in Cypher ($name).
func (tv *treeVars) param(name string, v any) string {
	key := name + strconv.Itoa(tv.n)
	if tv.params == nil {
		tv.params = map[string]any{}
	}
	tv.params[key] = v
	return "$" + key
}

// treeQuery is the Cypher text that returns tree t for the entity of kind k bound to n, and the
// parameters it takes (to add to the query's own).
func treeQuery(k Kind, t Tree) (string, map[string]any, error) {
	var b strings.Builder
	tv := &treeVars{}
	if err := treeProjection(&b, "n", k, t, tv); err != nil {
		return "", nil, err
	}
	return b.String(), tv.params, nil
}

// TreeByID returns tree t of the entity id when it exists and is of kind k (found false otherwise):
// a Node with the properties the tree asked for, and its branches.
func (s *Store) TreeByID(ctx context.Context, k Kind, id string, t Tree) (Node, bool, error) {
	if !k.Valid() {
		return Node{}, false, errs.BadInput("kind", "unknown kind %q", k)
	}
	if err := checkIDs("id", id); err != nil {
		return Node{}, false, err
	}
	proj, params, err := treeQuery(k, t)
	if err != nil {
		return Node{}, false, err
	}
	if params == nil {
		params = map[string]any{}
	}
	params["id"] = id
	recs, err := s.read(ctx, "tree", "MATCH (n:`"+k.Label()+"` {id: $id}) RETURN "+proj+" AS node", params)
	if err != nil {
		return Node{}, false, mapErr("tree", err)
	}
	if len(recs) == 0 {
		return Node{}, false, nil
	}
	v, _ := recs[0].Get("node")
	n, err := treeNode(v, k, &t)
	return n, err == nil, err
}
