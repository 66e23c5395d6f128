package compiled

import (
	"bytes"
	"context"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// connectionRoot reads one page of a list (cities, organisations...), and its totalCount only when
// asked. The entities of edges and nodes share one tree.
type connectionRoot struct {
	kind      store.Kind
	typ       string // e.g. CityConnection
	page      args.Page
	tree      store.Tree
	fields    []connField
	wantNodes bool // the page's entities are read for nodes, edges or pageInfo
	wantCount bool
}

type connField struct {
	leaf              // __typename, totalCount, pageInfo, edges, nodes, facets
	info   []leaf     // pageInfo's fields
	edge   []leaf     // edges' fields: __typename, cursor, node, distanceKm
	obj    *selection // nodes, or edges' node
	objTyp string
	facets *facets
}

// connectionRoot plans a list root: its arguments, checked like the resolvers check them
// (package args), and its fields.
func (p planner) connectionRoot(f graphql.CollectedField, a *argValues) (operation, error) {
	filter, ok := filterArg(a.m["filter"])
	sort, first, after := enum[model.EntitySort](a, "sort"), a.int("first"), a.optStr("after")
	if !ok || !a.ok {
		return nil, notCovered("an argument of %s is not of its type", f.Name)
	}
	page, err := args.PageOf(f.Name, filter, sort, first, after)
	if err != nil {
		return nil, notCovered("%s: %v", f.Name, err)
	}
	r := &connectionRoot{kind: p.listRoots[f.Name], typ: f.Definition.Type.Name(), page: page}
	fields, err := p.collect(f.Selections, r.typ)
	if err != nil {
		return nil, err
	}
	entityType := p.schema.Types[r.typ].Fields.ForName("nodes").Type.Name()
	for _, cf := range fields {
		c := connField{leaf: leaf{key: cf.Alias, name: cf.Name}}
		switch cf.Name {
		case "__typename":
		case "totalCount":
			r.wantCount = true
		case "pageInfo":
			r.wantNodes = true
			c.info, err = p.leaves(cf.Selections, "PageInfo", "hasNextPage", "hasPreviousPage", "startCursor", "endCursor")
		case "nodes":
			r.wantNodes = true
			c.obj, err = p.entity(&r.tree, entityType, cf.Selections)
		case "edges":
			r.wantNodes = true
			err = p.edges(&c, &r.tree, cf, entityType)
		case "facets":
			c.facets, err = p.facets(cf, r.typ)
		default:
			err = notCovered("the field %s.%s", r.typ, cf.Name)
		}
		if err != nil {
			return nil, err
		}
		r.fields = append(r.fields, c)
	}
	return r, nil
}

// edges plans a connection's edges: cursor and node.
func (p planner) edges(c *connField, t *store.Tree, cf graphql.CollectedField, entityType string) error {
	c.objTyp = cf.Definition.Type.Name()
	efs, err := p.collect(cf.Selections, c.objTyp)
	if err != nil {
		return err
	}
	for _, ef := range efs {
		switch ef.Name {
		case "__typename", "cursor", "distanceKm":
		case "node":
			if c.obj != nil {
				return notCovered("an edge's node asked for twice")
			}
			if c.obj, err = p.entity(t, entityType, ef.Selections); err != nil {
				return err
			}
		default:
			return notCovered("the field %s.%s", c.objTyp, ef.Name)
		}
		c.edge = append(c.edge, leaf{key: ef.Alias, name: ef.Name})
	}
	return nil
}

func (r *connectionRoot) fetch(ctx context.Context, s *store.Store) (value, error) {
	var nodes []store.Node
	var more bool
	var count int
	var err error
	if r.wantNodes {
		if nodes, more, err = s.List(ctx, r.page.Query(r.kind), store.Projection{Tree: &r.tree}); err != nil {
			return nil, err
		}
	}
	if r.wantCount {
		if count, err = s.Count(ctx, r.kind, r.page.Filter); err != nil {
			return nil, err
		}
	}
	facets := map[string]*model.Facets{}
	for _, f := range r.fields {
		if f.facets != nil {
			fs, err := s.Facets(ctx, r.kind, r.page.Filter, f.facets.lang, f.facets.first)
			if err != nil {
				return nil, err
			}
			facets[f.key] = model.NewFacets(fs, f.facets.lang)
		}
	}
	return func(w *bytes.Buffer) error { return r.write(w, nodes, more, count, facets) }, nil
}

func (r *connectionRoot) write(w *bytes.Buffer, nodes []store.Node, more bool, count int, facets map[string]*model.Facets) error {
	cursors, info := args.Info(r.page.Skip, len(nodes), more)
	byKey := make(map[string]connField, len(r.fields))
	leaves := make([]leaf, len(r.fields))
	for i, f := range r.fields {
		byKey[f.key], leaves[i] = f, f.leaf
	}
	return writeObject(w, r.typ, leaves, func(l leaf) error {
		f := byKey[l.key]
		switch f.name {
		case "totalCount":
			graphql.MarshalInt(count).MarshalGQL(w)
		case "pageInfo":
			writePageInfo(w, f.info, info)
		case "facets":
			return f.facets.write(w, facets[f.key])
		case "nodes":
			return writeList(w, nodes, f.obj)
		case "edges":
			w.WriteByte('[')
			for j, n := range nodes {
				if j > 0 {
					w.WriteByte(',')
				}
				err := writeObject(w, f.objTyp, f.edge, func(e leaf) error {
					switch e.name {
					case "cursor":
						graphql.MarshalString(cursors[j]).MarshalGQL(w)
						return nil
					case "distanceKm":
						if d, ok := n.DistanceKm(); ok {
							return writeFloat(w, d)
						}
						graphql.Null.MarshalGQL(w)
						return nil
					}
					return f.obj.write(w, n)
				})
				if err != nil {
					return err
				}
			}
			w.WriteByte(']')
		}
		return nil
	})
}
