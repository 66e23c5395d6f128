package compiled

import (
	"bytes"
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// A picture is the selection of a type that shows entities and the relationships among them
// (Subgraph, Path): its own fields, and the selections of its nodes (GraphNode) and edges
// (GraphEdge), by response key.
type picture struct {
	fields []leaf
	nodes  map[string]*selection
	edges  map[string][]leaf
}

// picture plans the selection of a Subgraph or Path; scalar is its own field besides __typename.
func (p planner) picture(set ast.SelectionSet, typ, scalar string) (picture, error) {
	pic := picture{nodes: map[string]*selection{}, edges: map[string][]leaf{}}
	fields, err := p.collect(set, typ)
	if err != nil {
		return pic, err
	}
	for _, f := range fields {
		pic.fields = append(pic.fields, leaf{key: f.Alias, name: f.Name})
		switch f.Name {
		case "__typename", scalar:
		case "nodes":
			if pic.nodes[f.Alias], err = p.graphNode(f); err != nil {
				return pic, err
			}
		case "edges":
			if pic.edges[f.Alias], err = p.leaves(f.Selections, "GraphEdge", "id", "type", "source", "target"); err != nil {
				return pic, err
			}
		default:
			return pic, notCovered("the field %s.%s", typ, f.Name)
		}
	}
	return pic, nil
}

// lightEntity plans the selection of an entity of type typ that a store call returns light (a
// search hit's country): light properties only, no relationships, no location.
func (p planner) lightEntity(f graphql.CollectedField, typ string) (*selection, error) {
	var t store.Tree
	sel, err := p.entity(&t, typ, f.Selections)
	if err != nil {
		return nil, err
	}
	if len(t.Branches) > 0 || t.Location || t.Sources != nil {
		return nil, notCovered("a %s's relationships, location or sources under %s", typ, f.Name)
	}
	for _, prop := range t.Props {
		if !slices.Contains(store.LightProps, prop) {
			return nil, notCovered("%s.%s reads the property %s, which the light projection leaves out", typ, f.Name, prop)
		}
	}
	return sel, nil
}

// graphNode plans a GraphNode selection: light fields only, no relationships.
func (p planner) graphNode(f graphql.CollectedField) (*selection, error) {
	var unused store.Tree
	sel, err := p.entity(&unused, "GraphNode", f.Selections)
	if err != nil {
		return nil, err
	}
	if len(unused.Branches) > 0 {
		return nil, notCovered("a GraphNode's relationships")
	}
	return sel, nil
}

// write writes a picture's object; scalar writes its own field.
func (pic picture) write(w *bytes.Buffer, typ string, nodes []store.Node, edges []store.Edge, scalar func()) error {
	return writeObject(w, typ, pic.fields, func(f leaf) error {
		switch f.name {
		case "nodes":
			return writeList(w, nodes, pic.nodes[f.key])
		case "edges":
			writeEdges(w, pic.edges[f.key], edges)
		default:
			scalar()
		}
		return nil
	})
}

// neighbourhoodRoot is a neighbourhood: light entities, relationships without their properties.
type neighbourhoodRoot struct {
	q   store.NeighbourhoodQuery
	pic picture
}

func (p planner) neighbourhoodRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	r := &neighbourhoodRoot{q: store.NeighbourhoodQuery{ID: a.str("id"), Depth: args.Or(a.int("depth"), args.Default("neighbourhood", "depth")),
		Limit: args.Or(a.int("limit"), args.Default("neighbourhood", "limit")), Types: a.relTypes(), Kinds: args.Kinds(a.kinds("kinds"))}}
	if len(r.q.Kinds) == 0 {
		r.q.Kinds = nil
	}
	if !a.ok {
		return nil, notCovered("an argument of neighbourhood is not of its type")
	}
	var err error
	if r.pic, err = p.picture(f.Selections, "Subgraph", "truncated"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *neighbourhoodRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	sg, err := s.Neighbourhood(ctx, r.q, store.Projection{Light: true})
	if err != nil {
		return nil, err
	}
	return func(w *bytes.Buffer) error {
		return r.pic.write(w, "Subgraph", sg.Nodes, sg.Edges, func() { graphql.MarshalBoolean(sg.Truncated).MarshalGQL(w) })
	}, nil
}

// pathsRoot is a shortestPath (the first path, or null) or paths root whose paths show no
// properties and no evidence.
type pathsRoot struct {
	q      store.PathsQuery
	single bool
	pic    picture
}

func (p planner) pathsRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	r := &pathsRoot{q: store.PathsQuery{From: a.str("from"), To: a.str("to"), MaxHops: args.Or(a.int("maxHops"), args.Default(f.Name, "maxHops")),
		First: args.Or(a.int("first"), args.Default("paths", "first")), Types: a.relTypes()}, single: f.Name == "shortestPath"}
	if r.single {
		r.q.First = 1
	}
	if !a.ok {
		return nil, notCovered("an argument of %s is not of its type", f.Name)
	}
	var err error
	if r.pic, err = p.picture(f.Selections, "Path", "length"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *pathsRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	paths, err := s.Paths(ctx, r.q, store.Projection{Light: true})
	if err != nil {
		return nil, err
	}
	return func(w *bytes.Buffer) error { return r.write(w, paths) }, nil
}

func (r *pathsRoot) write(w *bytes.Buffer, paths []store.Path) error {
	path := func(p store.Path) error {
		return r.pic.write(w, "Path", p.Nodes, p.Edges, func() { graphql.MarshalInt(len(p.Edges)).MarshalGQL(w) })
	}
	if r.single {
		if len(paths) == 0 {
			graphql.Null.MarshalGQL(w)
			return nil
		}
		return path(paths[0])
	}
	w.WriteByte('[')
	for j, p := range paths {
		if j > 0 {
			w.WriteByte(',')
		}
		if err := path(p); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

func writeEdges(w *bytes.Buffer, fields []leaf, edges []store.Edge) {
	w.WriteByte('[')
	for j, e := range edges {
		if j > 0 {
			w.WriteByte(',')
		}
		ge := model.NewGraphEdge(e)
		writeLeaves(w, "GraphEdge", fields, func(name string) {
			switch name {
			case "id":
				graphql.MarshalID(ge.ID()).MarshalGQL(w)
			case "type":
				graphql.MarshalString(ge.Type()).MarshalGQL(w)
			case "source":
				graphql.MarshalID(ge.Source()).MarshalGQL(w)
			case "target":
				graphql.MarshalID(ge.Target()).MarshalGQL(w)
			}
		})
	}
	w.WriteByte(']')
}
