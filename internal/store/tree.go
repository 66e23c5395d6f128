package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A Tree is a nested read: the properties to return of an entity and, for each branch, the
// entities a relationship leads to, with trees of their own. One Cypher query answers a whole tree
// (nested COLLECT subqueries), however deep and wide it is, so a GraphQL selection of entities and
// their relationships costs one round trip.
type Tree struct {
	// Props are the properties to return besides id and kind, which always come back.
	Props []string
	// All returns every property instead.
	All      bool
	Branches []Branch
}

// A Branch is one relationship below an entity. The entities it leads to come back, ordered like
// Related (English name, then ID), as a list under the key BranchKey(i) of the parent's map.
type Branch struct {
	Rel  Rel // Type, Dir and Target; Props and Light are not used
	One  bool
	Tree Tree
}

// BranchKey is the key of a tree's i-th branch in a returned map. Property names never start with
// an underscore, so it cannot hide one.
func BranchKey(i int) string { return "_b" + strconv.Itoa(i) }

// treeProjection writes the map projection of variable v for tree t; vars numbers the variables.
func treeProjection(b *strings.Builder, v string, t Tree, vars *int) error {
	b.WriteString(v)
	b.WriteString(" {")
	if t.All {
		b.WriteString(".*")
	} else {
		b.WriteString(".id, .kind")
		for _, p := range t.Props {
			if !validProperty(p) {
				return fmt.Errorf("store: property %q is not a property name", p)
			}
			if p == "id" || p == "kind" {
				continue
			}
			b.WriteString(", .`" + p + "`")
		}
	}
	for i, br := range t.Branches {
		r := br.Rel
		if !r.Type.Valid() || (r.Target != "" && !r.Target.Valid()) {
			return fmt.Errorf("store: relationship %v is not in the model", r)
		}
		label := "Entity"
		if r.Target != "" {
			label = r.Target.Label()
		}
		*vars++
		c := "m" + strconv.Itoa(*vars)
		arrow := "-[:`" + string(r.Type) + "`]->"
		if r.Dir == In {
			arrow = "<-[:`" + string(r.Type) + "`]-"
		}
		b.WriteString(", `" + BranchKey(i) + "`: COLLECT { MATCH (" + v + ")" + arrow + "(" + c + ":`" + label + "`) WITH " +
			c + " ORDER BY " + c + ".name_en, " + c + ".id ")
		if br.One {
			b.WriteString("LIMIT 1 ")
		}
		b.WriteString("RETURN ")
		if err := treeProjection(b, c, br.Tree, vars); err != nil {
			return err
		}
		b.WriteString(" }")
	}
	b.WriteString("}")
	return nil
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

// TreeQuery is the Cypher text that returns tree t for the entity bound to n.
func TreeQuery(t Tree) (string, error) {
	var b strings.Builder
	vars := 0
	if err := treeProjection(&b, "n", t, &vars); err != nil {
		return "", err
	}
	return b.String(), nil
}

// TreeByID returns tree t of the entity id when it exists and is of kind k (found false otherwise):
// the entity's projected properties, and its branches under BranchKey keys.
func (s *Store) TreeByID(ctx context.Context, k Kind, id string, t Tree) (map[string]any, bool, error) {
	if !k.Valid() {
		return nil, false, BadInput("kind", "unknown kind %q", k)
	}
	if err := checkIDs("id", id); err != nil {
		return nil, false, err
	}
	proj, err := TreeQuery(t)
	if err != nil {
		return nil, false, err
	}
	recs, err := s.read(ctx, "tree", "MATCH (n:`"+k.Label()+"` {id: $id}) RETURN "+proj+" AS node", map[string]any{"id": id})
	if err != nil {
		return nil, false, mapErr("tree", err)
	}
	if len(recs) == 0 {
		return nil, false, nil
	}
	m, _, err := neo4j.GetRecordValue[map[string]any](recs[0], "node")
	return m, err == nil, err
}

// TreeList is ListProjected returning tree t for each entity of the page.
func (s *Store) TreeList(ctx context.Context, kind Kind, f Filter, sort Sort, skip, limit int, t Tree) ([]map[string]any, bool, error) {
	q, params, err := pageQuery(kind, f, sort, skip, limit)
	if err != nil {
		return nil, false, err
	}
	proj, err := TreeQuery(t)
	if err != nil {
		return nil, false, err
	}
	recs, err := s.read(ctx, "tree_list", q+proj+" AS node", params)
	if err != nil {
		return nil, false, mapErr("tree list "+string(kind), err)
	}
	out := make([]map[string]any, 0, len(recs))
	for _, r := range recs {
		m, _, err := neo4j.GetRecordValue[map[string]any](r, "node")
		if err != nil {
			return nil, false, err
		}
		out = append(out, m)
	}
	if len(out) > limit {
		return out[:limit], true, nil
	}
	return out, false, nil
}
