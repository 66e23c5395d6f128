package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph/model"
	"urbangraph/internal/metrics"
	"urbangraph/internal/store"
)

// Compiled reads.
//
// Most read traffic asks for entities, their names and flags, and the entities their relationships
// lead to, nested a few levels deep. gqlgen answers such a query object by object (a goroutine and
// a field context per list element, a batch of Cypher per level), which costs far more than Neo4j's
// own work (docs/benchmarks.md). CompiledReads answers these operations the way the Neo4j GraphQL
// Library does: each root field becomes one Cypher query that returns the whole selection nested
// (store.Tree), and the response is written from it directly.
//
// It covers, and only covers: query operations whose root fields are city/organisation/centre/
// event(id), the list connections (cities, organisations...), and search, neighbourhood, shortestPath
// and paths without properties or evidence, and whose selections below are
// __typename, id, kind, name(lang), names, aliases, unnamed, collective, the scalar fields of each
// type (typedFields: category, foundedYear, aims, website...), the connections' fields and the plain
// relationship fields of the relations table, with fragments, aliases and @skip/@include. Anything
// else (properties, sources, founders, node(id), introspection, mutations...), and
// anything unexpected on the way (an entity not found, a bad argument, a Neo4j error), is answered
// by the resolvers, which report errors the one usual way. A differential test checks that both
// paths give byte-identical responses.

// CompiledReads is the gqlgen extension that answers the operations it covers (see above). It must
// be registered after the extensions that observe responses, so that it runs inside them.
type CompiledReads struct {
	Store  *store.Store
	Schema *ast.Schema
}

var (
	_ graphql.HandlerExtension    = CompiledReads{}
	_ graphql.ResponseInterceptor = CompiledReads{}
)

func (CompiledReads) ExtensionName() string                   { return "CompiledReads" }
func (CompiledReads) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse answers a covered operation itself; otherwise it lets the resolvers answer.
func (c CompiledReads) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	// gqlgen also sends refused operations (parse, validation, complexity...) through the response
	// interceptors, with their errors already in the response context: those are not ours to answer.
	if !graphql.HasOperationContext(ctx) || len(graphql.GetErrors(ctx)) > 0 {
		return next(ctx)
	}
	p, ok := plan(c.Schema, graphql.GetOperationContext(ctx))
	if !ok {
		metrics.CompiledReads.WithLabelValues("resolvers").Inc()
		return next(ctx)
	}
	res, err := p.Fetch(ctx, c.Store)
	if err != nil {
		metrics.CompiledReads.WithLabelValues("fallback").Inc()
		return next(ctx)
	}
	var buf bytes.Buffer
	if err := p.write(&buf, res); err != nil {
		metrics.CompiledReads.WithLabelValues("fallback").Inc()
		return next(ctx)
	}
	metrics.CompiledReads.WithLabelValues("compiled").Inc()
	return &graphql.Response{Data: buf.Bytes()}
}

// Prepare plans a query document for compiled reads, for tools that run the same Cypher without
// HTTP or GraphQL (the benchmark's limit). It fails when compiled reads do not cover the query.
func Prepare(query string, vars map[string]any) (*Plan, error) {
	schema := Schema()
	doc, errs := gqlparser.LoadQueryWithRules(schema, query, nil) // nil: the default rules
	if errs != nil {
		return nil, errs
	}
	if len(doc.Operations) != 1 {
		return nil, fmt.Errorf("prepare: want one operation, got %d", len(doc.Operations))
	}
	oc := &graphql.OperationContext{RawQuery: query, Variables: vars, Doc: doc, Operation: doc.Operations[0]}
	p, ok := plan(schema, oc)
	if !ok {
		return nil, fmt.Errorf("prepare: compiled reads do not cover this query")
	}
	return p, nil
}

// A Plan is a covered operation: one read per root field.
type Plan struct{ roots []rootRead }

type rootRead struct {
	key      string
	typename bool // __typename of Query
	kind     store.Kind
	id       string     // entity(id) roots
	obj      *selection // entity(id) roots
	tree     store.Tree
	page     *pageRead // connection roots
	hood     *hoodRead // neighbourhood
	search   *searchRead
	paths    *pathsRead
}

// pathsRead is a shortestPath or paths root whose paths show no properties and no evidence.
type pathsRead struct {
	from, to       string
	maxHops, first int
	types          []store.RelType
	single         bool // shortestPath: the first path or null
	pic            picture
}

// searchRead is a search root whose hits show no properties and no evidence.
type searchRead struct {
	query  string
	kinds  []store.Kind
	first  int
	fields []leaf
	nodes  map[string]*selection // by response key
}

// hoodRead is a neighbourhood root: one store.Neighbourhood query, light entities, relationships
// without their properties.
type hoodRead struct {
	id           string
	depth, limit int
	types        []store.RelType
	kinds        []store.Kind
	pic          picture
}

// picture is the selection of a type that shows entities and the relationships among them
// (Subgraph, Path): its own fields, and the selections of its nodes (GraphNode) and edges
// (GraphEdge), by response key.
type picture struct {
	fields []leaf
	nodes  map[string]*selection
	edges  map[string][]leaf
}

// pageRead is a connection root: one page of a list.
type pageRead struct {
	typ       string // e.g. CityConnection
	f         store.Filter
	sort      store.Sort
	n, skip   int
	fields    []connField
	wantNodes bool // the page's entities are read for nodes, edges or pageInfo
	wantCount bool
}

type connField struct {
	leaf              // __typename, totalCount, pageInfo, edges, nodes
	info   []leaf     // pageInfo's fields
	edge   []leaf     // edges' fields: __typename, cursor, node
	obj    *selection // nodes, or edges' node
	objTyp string
}

type leaf struct{ key, name string }

// selection is what is asked of one entity: fields in response order.
type selection struct {
	typ    string
	fields []entityField
}

type entityField struct {
	key    string
	name   string // the schema field (or __typename)
	lang   *model.Lang
	names  []leaf
	branch int // relationship fields: the tree branch
	one    bool
	sub    *selection
	typed  func(w *bytes.Buffer, n store.Node) // a field of one type only (typedFields)
}

// A typedField is a scalar field of one entity type: the properties it reads and how it is written,
// through the model's own method.
type typedField struct {
	props []string
	write func(w *bytes.Buffer, n store.Node)
}

// typedFields are the scalar fields of one entity type each that compiled reads answer.
var typedFields = map[typeField]typedField{
	{"Organisation", "category"}: {[]string{"category"}, func(w *bytes.Buffer, n store.Node) {
		model.As[*model.Organisation](n).Category().MarshalGQL(w)
	}},
	{"Centre", "foundedYear"}: {[]string{"foundedYear"}, func(w *bytes.Buffer, n store.Node) {
		writeOptionalInt(w, model.As[*model.Centre](n).FoundedYear())
	}},
	{"Centre", "aims"}: {[]string{"aims"}, func(w *bytes.Buffer, n store.Node) { writeStrings(w, model.As[*model.Centre](n).Aims()) }},
	{"Unit", "unitType"}: {[]string{"unitType"}, func(w *bytes.Buffer, n store.Node) {
		writeOptional(w, model.As[*model.Unit](n).UnitType())
	}},
	{"Unit", "website"}: {[]string{"website"}, func(w *bytes.Buffer, n store.Node) { writeOptional(w, model.As[*model.Unit](n).Website()) }},
	{"Unit", "aim"}:     {[]string{"aim"}, func(w *bytes.Buffer, n store.Node) { writeOptional(w, model.As[*model.Unit](n).Aim()) }},
	{"Unit", "scope"}:   {[]string{"scope"}, func(w *bytes.Buffer, n store.Node) { writeOptional(w, model.As[*model.Unit](n).Scope()) }},
	{"Unit", "audiences"}: {[]string{"audiences"}, func(w *bytes.Buffer, n store.Node) {
		writeStrings(w, model.As[*model.Unit](n).Audiences())
	}},
	{"Unit", "activities"}: {[]string{"activities"}, func(w *bytes.Buffer, n store.Node) {
		writeStrings(w, model.As[*model.Unit](n).Activities())
	}},
	{"Event", "eventType"}: {[]string{"eventType"}, func(w *bytes.Buffer, n store.Node) {
		writeOptional(w, model.As[*model.Event](n).EventType())
	}},
	{"Programme", "programmeType"}: {[]string{"programmeType"}, func(w *bytes.Buffer, n store.Node) {
		writeOptional(w, model.As[*model.Programme](n).ProgrammeType())
	}},
	{"Programme", "period"}: {[]string{"period"}, func(w *bytes.Buffer, n store.Node) {
		writeOptional(w, model.As[*model.Programme](n).Period())
	}},
}

func writeOptionalInt(w io.Writer, v *int) {
	if v == nil {
		graphql.Null.MarshalGQL(w)
		return
	}
	graphql.MarshalInt(*v).MarshalGQL(w)
}

// entityFields are the fields a selection may hold besides relationship fields, with the properties
// each reads.
var entityFields = map[string][]string{
	"__typename": nil, "id": nil, "kind": nil,
	"name": {"name_en"}, "names": {"name_en", "name_bg", "name_el"},
	"aliases": {"aliases"}, "unnamed": {"unnamed"}, "collective": {"collective"},
}

// entityRoots and listRoots are the root fields compiled reads cover.
var (
	entityRoots = map[string]store.Kind{"city": store.City, "organisation": store.Organisation, "centre": store.Centre, "event": store.Event}
	listRoots   = map[string]store.Kind{"cities": store.City, "organisations": store.Organisation, "centres": store.Centre,
		"domains": store.Domain, "practices": store.Practice, "events": store.Event, "programmes": store.Programme}
)

// planner builds a Plan; ok turns false at the first thing compiled reads do not cover.
type planner struct {
	schema *ast.Schema
	oc     *graphql.OperationContext
}

var implementorsCache sync.Map // type name -> []string

// implementors are the type conditions an object of type typ satisfies: its name and interfaces.
func (p planner) implementors(typ string) []string {
	if v, ok := implementorsCache.Load(typ); ok {
		return v.([]string)
	}
	out := []string{typ}
	if def := p.schema.Types[typ]; def != nil {
		out = append(out, def.Interfaces...)
	}
	implementorsCache.Store(typ, out)
	return out
}

// collect is gqlgen's own field collection (fragments, aliases merged, @skip/@include), refusing
// deferred fragments, and fields whose schema definition carries a directive (such as @hasRole):
// only the resolvers run schema directives.
func (p planner) collect(set ast.SelectionSet, typ string) ([]graphql.CollectedField, bool) {
	fields := graphql.CollectFields(p.oc, set, p.implementors(typ))
	for _, f := range fields {
		if len(f.Deferrables) > 0 || (f.Definition != nil && len(f.Definition.Directives) > 0) {
			return nil, false
		}
	}
	return fields, true
}

func plan(schema *ast.Schema, oc *graphql.OperationContext) (*Plan, bool) {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || schema == nil {
		return nil, false
	}
	p := planner{schema: schema, oc: oc}
	fields, ok := p.collect(oc.Operation.SelectionSet, "Query")
	if !ok {
		return nil, false
	}
	out := &Plan{}
	for _, f := range fields {
		r := rootRead{key: f.Alias}
		args := argsOf(f, oc.Variables)
		switch {
		case f.Name == "__typename":
			r.typename = true
		case entityRoots[f.Name] != "":
			r.kind, r.id = entityRoots[f.Name], args.str("id")
			if !args.ok {
				return nil, false
			}
			if r.obj, ok = p.entity(&r.tree, f.Definition.Type.Name(), f.Selections); !ok {
				return nil, false
			}
		case f.Name == "shortestPath" || f.Name == "paths":
			if r.paths, ok = p.pathsRoot(f, args); !ok {
				return nil, false
			}
		case f.Name == "search":
			if r.search, ok = p.searchRoot(f, args); !ok {
				return nil, false
			}
		case f.Name == "neighbourhood":
			if r.hood, ok = p.neighbourhood(f, args); !ok {
				return nil, false
			}
		case listRoots[f.Name] != "":
			r.kind = listRoots[f.Name]
			if r.page, ok = p.connection(&r.tree, f, args); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		out.roots = append(out.roots, r)
	}
	return out, true
}

// entity plans the selection of an entity of type typ, adding what it reads to t.
func (p planner) entity(t *store.Tree, typ string, set ast.SelectionSet) (*selection, bool) {
	fields, ok := p.collect(set, typ)
	if !ok {
		return nil, false
	}
	sel := &selection{typ: typ}
	for _, f := range fields {
		ef := entityField{key: f.Alias, name: f.Name}
		props, plain := entityFields[f.Name]
		switch {
		case plain:
			addProps(t, props...)
			if f.Name == "name" {
				a := argsOf(f, p.oc.Variables)
				if ef.lang = enum[model.Lang](a, "lang"); !a.ok {
					return nil, false
				}
				addProps(t, "name_"+model.LangCode(ef.lang))
			}
			if f.Name == "names" {
				names, ok := p.leaves(f.Selections, "Names", "en", "bg", "el")
				if !ok {
					return nil, false
				}
				ef.names = names
			}
		case typedFields[typeField{typ, f.Name}].write != nil:
			tf := typedFields[typeField{typ, f.Name}]
			addProps(t, tf.props...)
			ef.typed = tf.write
		default:
			r, ok := relations.Of(typ, f.Name)
			if !ok {
				return nil, false
			}
			var child store.Tree
			if ef.sub, ok = p.entity(&child, f.Definition.Type.Name(), f.Selections); !ok {
				return nil, false
			}
			ef.branch, ef.one = len(t.Branches), r.One
			t.Branches = append(t.Branches, store.Branch{Rel: r.Rel, One: r.One, Tree: child})
		}
		sel.fields = append(sel.fields, ef)
	}
	return sel, true
}

func addProps(t *store.Tree, props ...string) {
	for _, p := range props {
		found := false
		for _, q := range t.Props {
			if q == p {
				found = true
				break
			}
		}
		if !found {
			t.Props = append(t.Props, p)
		}
	}
}

// leaves plans a selection of scalar fields (and __typename) of type typ.
func (p planner) leaves(set ast.SelectionSet, typ string, names ...string) ([]leaf, bool) {
	fields, ok := p.collect(set, typ)
	if !ok {
		return nil, false
	}
	out := make([]leaf, 0, len(fields))
	for _, f := range fields {
		known := f.Name == "__typename"
		for _, n := range names {
			known = known || f.Name == n
		}
		if !known {
			return nil, false
		}
		out = append(out, leaf{key: f.Alias, name: f.Name})
	}
	return out, true
}

// connection plans a list root: its arguments, checked like the resolvers check them, and its
// fields. The entities of edges and nodes share one tree.
func (p planner) connection(t *store.Tree, f graphql.CollectedField, args *args) (*pageRead, bool) {
	filter, ok := filterArg(args.m["filter"])
	sort, first, after := enum[model.EntitySort](args, "sort"), args.int("first"), args.optStr("after")
	if !ok || !args.ok {
		return nil, false
	}
	n, skip, sf, ss, err := pageArgs(filter, sort, first, after)
	if err != nil {
		return nil, false
	}
	pr := &pageRead{typ: f.Definition.Type.Name(), f: sf, sort: ss, n: n, skip: skip}
	fields, ok := p.collect(f.Selections, pr.typ)
	if !ok {
		return nil, false
	}
	entityType := ""
	if def := p.schema.Types[pr.typ]; def != nil {
		if nodes := def.Fields.ForName("nodes"); nodes != nil {
			entityType = nodes.Type.Name()
		}
	}
	for _, cf := range fields {
		c := connField{leaf: leaf{key: cf.Alias, name: cf.Name}}
		switch cf.Name {
		case "__typename":
		case "totalCount":
			pr.wantCount = true
		case "pageInfo":
			pr.wantNodes = true
			if c.info, ok = p.leaves(cf.Selections, "PageInfo", "hasNextPage", "hasPreviousPage", "startCursor", "endCursor"); !ok {
				return nil, false
			}
		case "nodes":
			pr.wantNodes = true
			if c.obj, ok = p.entity(t, entityType, cf.Selections); !ok {
				return nil, false
			}
		case "edges":
			pr.wantNodes = true
			edgeType := cf.Definition.Type.Name()
			efs, ok := p.collect(cf.Selections, edgeType)
			if !ok {
				return nil, false
			}
			for _, ef := range efs {
				switch ef.Name {
				case "__typename", "cursor":
				case "node":
					if c.obj != nil { // node twice, under two aliases: left to the resolvers
						return nil, false
					}
					if c.obj, ok = p.entity(t, entityType, ef.Selections); !ok {
						return nil, false
					}
				default:
					return nil, false
				}
				c.edge = append(c.edge, leaf{key: ef.Alias, name: ef.Name})
			}
			c.objTyp = edgeType
		default:
			return nil, false
		}
		pr.fields = append(pr.fields, c)
	}
	return pr, true
}

// neighbourhood plans a neighbourhood root whose selection shows no properties and no evidence.
func (p planner) neighbourhood(f graphql.CollectedField, args *args) (*hoodRead, bool) {
	h := &hoodRead{id: args.str("id"), depth: intOr(args.int("depth"), 1), limit: intOr(args.int("limit"), store.DefaultNeighbourLimit),
		types: args.relTypes(), kinds: kindsOf(args.kinds("kinds"))}
	if len(h.kinds) == 0 {
		h.kinds = nil
	}
	var ok bool
	if h.pic, ok = p.picture(f.Selections, "Subgraph", "truncated"); !ok || !args.ok {
		return nil, false
	}
	return h, true
}

// picture plans the selection of a Subgraph or Path; scalar is its own field besides __typename.
func (p planner) picture(set ast.SelectionSet, typ, scalar string) (picture, bool) {
	pic := picture{nodes: map[string]*selection{}, edges: map[string][]leaf{}}
	fields, ok := p.collect(set, typ)
	if !ok {
		return pic, false
	}
	for _, f := range fields {
		pic.fields = append(pic.fields, leaf{key: f.Alias, name: f.Name})
		switch f.Name {
		case "__typename", scalar:
		case "nodes":
			var unused store.Tree
			sel, ok := p.entity(&unused, "GraphNode", f.Selections)
			if !ok || len(unused.Branches) > 0 {
				return pic, false
			}
			pic.nodes[f.Alias] = sel
		case "edges":
			edge, ok := p.leaves(f.Selections, "GraphEdge", "id", "type", "source", "target")
			if !ok {
				return pic, false
			}
			pic.edges[f.Alias] = edge
		default:
			return pic, false
		}
	}
	return pic, true
}

// pathsRoot plans a shortestPath or paths root, with the resolvers' defaults.
func (p planner) pathsRoot(f graphql.CollectedField, args *args) (*pathsRead, bool) {
	pr := &pathsRead{from: args.str("from"), to: args.str("to"), maxHops: intOr(args.int("maxHops"), 4),
		first: intOr(args.int("first"), 10), types: args.relTypes(), single: f.Name == "shortestPath"}
	if pr.single {
		pr.first = 1
	}
	var ok bool
	if pr.pic, ok = p.picture(f.Selections, "Path", "length"); !ok || !args.ok {
		return nil, false
	}
	return pr, true
}

// searchRoot plans a search root.
func (p planner) searchRoot(f graphql.CollectedField, args *args) (*searchRead, bool) {
	query, kinds, first := args.str("query"), args.kinds("kinds"), args.int("first")
	if !args.ok {
		return nil, false
	}
	ks, n, err := searchArgs(kinds, first)
	if err != nil {
		return nil, false
	}
	sr := &searchRead{query: query, kinds: ks, first: n, nodes: map[string]*selection{}}
	fields, ok := p.collect(f.Selections, "SearchHit")
	if !ok {
		return nil, false
	}
	for _, hf := range fields {
		sr.fields = append(sr.fields, leaf{key: hf.Alias, name: hf.Name})
		switch hf.Name {
		case "__typename", "score", "matched":
		case "node":
			var unused store.Tree
			sel, ok := p.entity(&unused, "GraphNode", hf.Selections)
			if !ok || len(unused.Branches) > 0 {
				return nil, false
			}
			sr.nodes[hf.Alias] = sel
		default:
			return nil, false
		}
	}
	return sr, true
}

// args reads a field's arguments as gqlgen collected them (defaults applied, variables resolved).
// ok turns false at the first value not of the type asked for: the plan is then given up.
type args struct {
	m  map[string]any
	ok bool
}

func argsOf(f graphql.CollectedField, vars map[string]any) *args {
	return &args{m: f.ArgumentMap(vars), ok: true}
}

// str reads a String or ID argument that must be there.
func (a *args) str(name string) string {
	s, ok := a.m[name].(string)
	a.ok = a.ok && ok
	return s
}

// optStr reads a nullable String argument.
func (a *args) optStr(name string) *string {
	if a.m[name] == nil {
		return nil
	}
	s := a.str(name)
	return &s
}

// int reads a nullable Int argument, however the variables' decoder typed it.
func (a *args) int(name string) *int {
	var n int64
	switch x := a.m[name].(type) {
	case nil:
		return nil
	case int:
		n = int64(x)
	case int64:
		n = x
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			a.ok = false
			return nil
		}
		n = i
	default:
		a.ok = false
		return nil
	}
	if n != int64(int32(n)) {
		a.ok = false
		return nil
	}
	i := int(n)
	return &i
}

// strs reads a nullable list of strings (enums included).
func (a *args) strs(name string) []string {
	if a.m[name] == nil {
		return nil
	}
	list, ok := a.m[name].([]any)
	if !ok {
		a.ok = false
		return nil
	}
	out := make([]string, len(list))
	for i, e := range list {
		if out[i], ok = e.(string); !ok {
			a.ok = false
		}
	}
	return out
}

// enum reads a nullable enum argument of type E.
func enum[E interface {
	~string
	IsValid() bool
}](a *args, name string) *E {
	s := a.optStr(name)
	if s == nil {
		return nil
	}
	e := E(*s)
	a.ok = a.ok && e.IsValid()
	return &e
}

// kinds reads a nullable list of kinds.
func (a *args) kinds(name string) []model.Kind {
	names := a.strs(name)
	if names == nil {
		return nil
	}
	out := make([]model.Kind, len(names))
	for i, n := range names {
		out[i] = model.Kind(n)
		a.ok = a.ok && out[i].IsValid()
	}
	return out
}

// relTypes reads the relationshipTypes argument, checked like the resolvers check it.
func (a *args) relTypes() []store.RelType {
	types, err := store.ParseRelTypes("relationshipTypes", a.strs("relationshipTypes"))
	a.ok = a.ok && err == nil
	return types
}

// filterArg reads an EntityFilter argument.
func filterArg(v any) (*model.EntityFilter, bool) {
	if v == nil {
		return nil, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	f := &model.EntityFilter{}
	for k, val := range m {
		if val == nil {
			continue
		}
		s, ok := val.(string)
		if !ok {
			return nil, false
		}
		switch k {
		case "nameContains":
			f.NameContains = &s
		case "category":
			c := model.OrganisationCategory(s)
			if !c.IsValid() {
				return nil, false
			}
			f.Category = &c
		case "country":
			f.Country = &s
		case "city":
			f.City = &s
		case "domain":
			f.Domain = &s
		default:
			return nil, false
		}
	}
	return f, true
}

// Results are what the reads of a plan returned, one per root field.
type Results []rootResult

type rootResult struct {
	paths []store.Path
	hits  []store.Hit
	hood  store.Subgraph
	node  store.Node
	nodes []store.Node
	more  bool
	count int
}

// Fetch runs the plan's Cypher: one query per root field (and one more for a totalCount). An entity
// that is not there is an error: the resolvers answer with the usual NOT_FOUND.
func (p *Plan) Fetch(ctx context.Context, s *store.Store) (Results, error) {
	out := make(Results, len(p.roots))
	for i, r := range p.roots {
		switch {
		case r.obj != nil:
			m, found, err := s.TreeByID(ctx, r.kind, r.id, r.tree)
			if err != nil {
				return nil, err
			}
			if !found {
				return nil, fmt.Errorf("compiled read: %q: %w", r.id, store.ErrNotFound)
			}
			out[i].node = m
		case r.paths != nil:
			pr := r.paths
			ps, err := s.Paths(ctx, pr.from, pr.to, pr.maxHops, pr.types, pr.first, store.Shape{Light: true})
			if err != nil {
				return nil, err
			}
			out[i].paths = ps
		case r.search != nil:
			sr := r.search
			hits, err := s.Search(ctx, sr.query, sr.kinds, sr.first, true)
			if err != nil {
				return nil, err
			}
			out[i].hits = hits
		case r.hood != nil:
			h := r.hood
			sg, err := s.Neighbourhood(ctx, h.id, h.depth, h.types, h.kinds, h.limit, store.Shape{Light: true})
			if err != nil {
				return nil, err
			}
			out[i].hood = sg
		case r.page != nil:
			pr := r.page
			if pr.wantNodes {
				nodes, more, err := s.TreeList(ctx, r.kind, pr.f, pr.sort, pr.skip, pr.n, r.tree)
				if err != nil {
					return nil, err
				}
				out[i].nodes, out[i].more = nodes, more
			}
			if pr.wantCount {
				n, err := s.Count(ctx, r.kind, pr.f)
				if err != nil {
					return nil, err
				}
				out[i].count = n
			}
		}
	}
	return out, nil
}

// write writes the response's data, as gqlgen would: fields in selection order, gqlgen's marshalers.
func (p *Plan) write(w *bytes.Buffer, res Results) error {
	w.WriteByte('{')
	for i, r := range p.roots {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, r.key)
		var err error
		switch {
		case r.typename:
			graphql.MarshalString("Query").MarshalGQL(w)
		case r.obj != nil:
			err = r.obj.write(w, res[i].node)
		case r.page != nil:
			err = r.page.write(w, res[i])
		case r.hood != nil:
			err = r.hood.write(w, res[i].hood)
		case r.search != nil:
			err = r.search.write(w, res[i].hits)
		case r.paths != nil:
			err = r.paths.write(w, res[i].paths)
		}
		if err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return nil
}

func writeKey(w *bytes.Buffer, key string) {
	graphql.MarshalString(key).MarshalGQL(w)
	w.WriteByte(':')
}

func (pr *pageRead) write(w *bytes.Buffer, r rootResult) error {
	cursors, info := pageInfo(pr.skip, len(r.nodes), r.more)
	byKey := make(map[string]connField, len(pr.fields))
	leaves := make([]leaf, len(pr.fields))
	for i, f := range pr.fields {
		byKey[f.key], leaves[i] = f, f.leaf
	}
	return writeObject(w, pr.typ, leaves, func(l leaf) error {
		f := byKey[l.key]
		switch f.name {
		case "totalCount":
			graphql.MarshalInt(r.count).MarshalGQL(w)
		case "pageInfo":
			writePageInfo(w, f.info, info)
		case "nodes":
			return writeList(w, r.nodes, f.obj)
		case "edges":
			w.WriteByte('[')
			for j, n := range r.nodes {
				if j > 0 {
					w.WriteByte(',')
				}
				err := writeObject(w, f.objTyp, f.edge, func(e leaf) error {
					if e.name == "cursor" {
						graphql.MarshalString(cursors[j]).MarshalGQL(w)
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

func (pr *pathsRead) write(w *bytes.Buffer, paths []store.Path) error {
	if pr.single {
		if len(paths) == 0 {
			graphql.Null.MarshalGQL(w)
			return nil
		}
		return pr.writePath(w, paths[0])
	}
	w.WriteByte('[')
	for j, p := range paths {
		if j > 0 {
			w.WriteByte(',')
		}
		if err := pr.writePath(w, p); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

func (pr *pathsRead) writePath(w *bytes.Buffer, p store.Path) error {
	return pr.pic.write(w, "Path", p.Nodes, p.Edges, func(string) { graphql.MarshalInt(len(p.Edges)).MarshalGQL(w) })
}

// write writes a picture's object; scalar writes its own field.
func (pic picture) write(w *bytes.Buffer, typ string, nodes []store.Node, edges []store.Edge, scalar func(name string)) error {
	return writeObject(w, typ, pic.fields, func(f leaf) error {
		switch f.name {
		case "nodes":
			return writeList(w, nodes, pic.nodes[f.key])
		case "edges":
			writeEdges(w, pic.edges[f.key], edges)
		default:
			scalar(f.name)
		}
		return nil
	})
}

func (sr *searchRead) write(w *bytes.Buffer, hits []store.Hit) error {
	w.WriteByte('[')
	for j, h := range hits {
		if j > 0 {
			w.WriteByte(',')
		}
		err := writeObject(w, "SearchHit", sr.fields, func(f leaf) error {
			switch f.name {
			case "score":
				return graphql.MarshalFloatContext(h.Score).MarshalGQLContext(context.Background(), w)
			case "matched":
				graphql.MarshalString(h.Matched).MarshalGQL(w)
			case "node":
				return sr.nodes[f.key].write(w, h.Node)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

func (h *hoodRead) write(w *bytes.Buffer, sg store.Subgraph) error {
	return h.pic.write(w, "Subgraph", sg.Nodes, sg.Edges, func(string) { graphql.MarshalBoolean(sg.Truncated).MarshalGQL(w) })
}

func writeEdges(w *bytes.Buffer, fields []leaf, edges []store.Edge) {
	w.WriteByte('[')
	for j, e := range edges {
		if j > 0 {
			w.WriteByte(',')
		}
		writeEdge(w, fields, model.NewGraphEdge(e))
	}
	w.WriteByte(']')
}

func writeEdge(w *bytes.Buffer, fields []leaf, e *model.GraphEdge) {
	writeLeaves(w, "GraphEdge", fields, func(name string) {
		switch name {
		case "id":
			graphql.MarshalID(e.ID()).MarshalGQL(w)
		case "type":
			graphql.MarshalString(e.Type()).MarshalGQL(w)
		case "source":
			graphql.MarshalID(e.Source()).MarshalGQL(w)
		case "target":
			graphql.MarshalID(e.Target()).MarshalGQL(w)
		}
	})
}

// writeLeaves writes an object of scalar fields of type typ; value writes the one called name.
func writeLeaves(w *bytes.Buffer, typ string, fields []leaf, value func(name string)) {
	_ = writeObject(w, typ, fields, func(f leaf) error { value(f.name); return nil })
}

// writeObject writes an object of type typ as gqlgen does: the fields in order, each key, then
// __typename or what value writes for it.
func writeObject(w *bytes.Buffer, typ string, fields []leaf, value func(f leaf) error) error {
	w.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, f.key)
		if f.name == "__typename" {
			graphql.MarshalString(typ).MarshalGQL(w)
			continue
		}
		if err := value(f); err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return nil
}

func writePageInfo(w *bytes.Buffer, fields []leaf, info *model.PageInfo) {
	writeLeaves(w, "PageInfo", fields, func(name string) {
		switch name {
		case "hasNextPage":
			graphql.MarshalBoolean(info.HasNextPage).MarshalGQL(w)
		case "hasPreviousPage":
			graphql.MarshalBoolean(info.HasPreviousPage).MarshalGQL(w)
		case "startCursor":
			writeOptional(w, info.StartCursor)
		case "endCursor":
			writeOptional(w, info.EndCursor)
		}
	})
}

func writeOptional(w io.Writer, s *string) {
	if s == nil {
		graphql.Null.MarshalGQL(w)
		return
	}
	graphql.MarshalString(*s).MarshalGQL(w)
}

func writeList(w *bytes.Buffer, nodes []store.Node, sel *selection) error {
	w.WriteByte('[')
	for j, n := range nodes {
		if j > 0 {
			w.WriteByte(',')
		}
		if err := sel.write(w, n); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

// entityView is what the model's entity types answer; the response uses their methods, so a field
// reads the same here as through its resolver.
type entityView interface {
	ID() string
	Kind() model.Kind
	Name(*model.Lang) string
	Names() *model.Names
	Aliases() []string
	Unnamed() bool
	Collective() bool
}

// write writes one entity, read with its tree.
func (s *selection) write(w *bytes.Buffer, n store.Node) error {
	e, ok := model.Wrap(n).(entityView)
	if !ok {
		return fmt.Errorf("compiled read: %s has no view", n.Kind)
	}
	w.WriteByte('{')
	for i, f := range s.fields {
		if i > 0 {
			w.WriteByte(',')
		}
		writeKey(w, f.key)
		switch f.name {
		case "__typename":
			graphql.MarshalString(s.typ).MarshalGQL(w)
		case "id":
			graphql.MarshalID(e.ID()).MarshalGQL(w)
		case "kind":
			e.Kind().MarshalGQL(w)
		case "name":
			graphql.MarshalString(e.Name(f.lang)).MarshalGQL(w)
		case "names":
			writeNames(w, f.names, e.Names())
		case "aliases":
			writeStrings(w, e.Aliases())
		case "unnamed":
			graphql.MarshalBoolean(e.Unnamed()).MarshalGQL(w)
		case "collective":
			graphql.MarshalBoolean(e.Collective()).MarshalGQL(w)
		default:
			if f.typed != nil {
				f.typed(w, n)
			} else if err := f.writeBranch(w, n); err != nil {
				return err
			}
		}
	}
	w.WriteByte('}')
	return nil
}

// writeBranch writes the entities n's branch of field f reached: a list, or the first (or null).
func (f entityField) writeBranch(w *bytes.Buffer, n store.Node) error {
	count := n.BranchLen(f.branch)
	if f.one && count == 0 {
		graphql.Null.MarshalGQL(w)
		return nil
	}
	if f.one {
		count = 1
	} else {
		w.WriteByte('[')
	}
	for j := range count {
		if j > 0 {
			w.WriteByte(',')
		}
		c, err := n.BranchNode(f.branch, j)
		if err != nil {
			return err
		}
		if err := f.sub.write(w, c); err != nil {
			return err
		}
	}
	if !f.one {
		w.WriteByte(']')
	}
	return nil
}

func writeNames(w *bytes.Buffer, fields []leaf, names *model.Names) {
	writeLeaves(w, "Names", fields, func(name string) {
		switch name {
		case "en":
			graphql.MarshalString(names.En).MarshalGQL(w)
		case "bg":
			writeOptional(w, names.Bg)
		case "el":
			writeOptional(w, names.El)
		}
	})
}

func writeStrings(w *bytes.Buffer, list []string) {
	w.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			w.WriteByte(',')
		}
		graphql.MarshalString(s).MarshalGQL(w)
	}
	w.WriteByte(']')
}
