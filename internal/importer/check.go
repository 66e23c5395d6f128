package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"

	"urbangraph/internal/store"
)

var (
	idPattern   = regexp.MustCompile(`^([a-z]+):[a-z0-9]+(?:-[a-z0-9]+)*$`)
	propPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)
)

// CheckNode checks one entity on its own (not against other rows or the database) and returns what
// to write. Problems carry only the path and message; callers add the position.
func CheckNode(n Node, isSource bool, defaultSource string) (store.NodeWrite, []Problem) {
	var problems []Problem
	add := func(path, format string, args ...any) {
		problems = append(problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	kind := store.Kind(n.Kind)
	if isSource {
		if n.Kind != "" && kind != store.Source {
			add("kind", "entries of sources are of kind SOURCE, not %q", n.Kind)
		}
		kind = store.Source
	}
	m := idPattern.FindStringSubmatch(n.ID)
	switch {
	case n.ID == "":
		add("id", "missing")
	case !kind.Valid():
		add("kind", "unknown kind %q (valid: %s)", n.Kind, kindList())
	case m == nil:
		add("id", "%q is not an ID of the form kind:slug (lower-case letters, digits, hyphens)", n.ID)
	case m[1] != kind.Prefix():
		add("id", "%q: an ID of kind %s starts with %q", n.ID, kind, kind.Prefix()+":")
	}
	if strings.TrimSpace(n.Names["en"]) == "" {
		add("names.en", "an English name is required")
	}
	for lang, v := range n.Names {
		if !slices.Contains(store.Langs, lang) {
			add("names."+lang, "unknown language (valid: %s)", strings.Join(store.Langs, ", "))
		}
		if len(v) > 1000 {
			add("names."+lang, "longer than 1000 bytes")
		}
	}
	props := map[string]any{}
	for k, v := range n.Properties {
		pv, err := propertyValue(v)
		switch {
		case store.IsReserved(k):
			add("properties."+k, "is managed by the store; use the entity's own field")
		case !propPattern.MatchString(k):
			add("properties."+k, "property names are camelCase letters and digits")
		case err != nil:
			add("properties."+k, "%v", err)
		default:
			props[k] = pv
		}
	}
	if kind == store.Organisation {
		if c, _ := props["category"].(string); !slices.Contains(store.OrganisationCategories, c) {
			add("properties.category", "an organisation's category is one of %s", strings.Join(store.OrganisationCategories, ", "))
		}
	}
	var evidence []store.EvidenceWrite
	stated := map[string]bool{}
	for i, e := range n.Evidence {
		ep := fmt.Sprintf("evidence[%d]", i)
		if strings.TrimSpace(e.Quote) == "" {
			add(ep+".quote", "the sentence that states the fact is required")
		}
		src := cmpOr(e.Source, defaultSource)
		if src == "" {
			add(ep+".source", "no source, and the document names no default source")
		}
		for _, p := range e.Properties {
			if _, ok := n.Properties[p]; !ok {
				add(ep+".properties", "names %q, which the entity does not have", p)
			}
			stated[p] = true
		}
		evidence = append(evidence, store.EvidenceWrite{Source: src, Quote: e.Quote, Properties: e.Properties})
	}
	if !isSource && len(n.Evidence) == 0 {
		add("evidence", "at least one sentence of a source must name the entity")
	}
	for k := range n.Properties {
		if !isSource && !stated[k] {
			add("properties."+k, "no evidence states it (list it in an evidence's properties)")
		}
	}
	slices.SortFunc(problems, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return store.NodeWrite{ID: n.ID, Kind: kind, Names: n.Names, Aliases: n.Aliases, Unnamed: n.Unnamed,
		Collective: n.Collective, Props: props, Evidence: evidence}, problems
}

// CheckRel checks one relationship given the kinds of the entities it may connect (kindOf answers
// for entities of the import and stored ones).
func CheckRel(r Rel, defaultSource string, kindOf func(id string) (store.Kind, bool)) (store.RelWrite, []Problem) {
	var problems []Problem
	add := func(path, format string, args ...any) {
		problems = append(problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	t := store.RelType(r.Type)
	from, okFrom := kindOf(r.From)
	to, okTo := kindOf(r.To)
	switch {
	case !t.Valid() || t == store.MentionedIn:
		add("type", "unknown relationship type %q (valid: %s)", r.Type, relTypeList())
	case !okFrom:
		add("from", "%q is neither imported nor stored (a dangling endpoint)", r.From)
	case !okTo:
		add("to", "%q is neither imported nor stored (a dangling endpoint)", r.To)
	case !t.Connects(from, to):
		add("type", "%s does not go from %s to %s", t, from, to)
	}
	if strings.TrimSpace(r.Quote) == "" {
		add("quote", "the sentence that states the relationship is required")
	}
	src := cmpOr(r.Source, defaultSource)
	if k, ok := kindOf(src); !ok || k != store.Source {
		add("source", "%q is not a known source", src)
	}
	props := map[string]any{}
	for k, v := range r.Properties {
		pv, err := propertyValue(v)
		switch {
		case store.IsReserved(k) || !propPattern.MatchString(k):
			add("properties."+k, "not an allowed property name")
		case err != nil:
			add("properties."+k, "%v", err)
		default:
			props[k] = pv
		}
	}
	return store.RelWrite{From: r.From, To: r.To, Type: t, Props: props, Source: src, Quote: r.Quote}, problems
}

// Plan is what an import will write, and what it rejected.
type Plan struct {
	Nodes    []store.NodeWrite // sources first
	Rels     []store.RelWrite
	Rejected []Problem
}

// Check checks all rows of an Input together (see checker) and returns what to write: for tests and
// tools that hold an import in memory. Run streams the files instead.
func Check(in *Input, exists func(ids []string) (map[string]bool, error)) (Plan, error) {
	replay := func(s sink) error {
		for _, p := range in.Problems {
			s.problem(p.Pos, p.Path, "%s", p.Message)
		}
		for _, r := range in.Sources {
			s.source(r)
		}
		for _, r := range in.Nodes {
			s.node(r)
		}
		for _, r := range in.Rels {
			s.rel(r)
		}
		return nil
	}
	c := newChecker()
	if err := c.index(replay, exists); err != nil {
		return Plan{}, err
	}
	var plan Plan
	err := c.check(replay, func(w store.NodeWrite) error { plan.Nodes = append(plan.Nodes, w); return nil },
		func(w store.RelWrite) error { plan.Rels = append(plan.Rels, w); return nil })
	plan.Rejected = c.rejected
	return plan, err
}

// A checker checks an import's rows together while holding only their IDs, in passes over the rows
// (each pass reads them again, in the same order):
//
//  1. index: each row on its own; IDs defined twice; which entities the import defines, and which IDs
//     its rows cite that must be stored already (one lookup, in chunks);
//  2. sources, then 3. the other entities: their evidence must cite known sources; the rows that pass
//     are handed on to be written, sources first so that evidence links find them (one pass for both
//     when every source is read before the entities that cite it, as in exports and generated files);
//  4. relationships: their endpoints and sources must be known (an entity rejected before does not
//     count) and of kinds the type connects.
//
// A row that breaks a rule is rejected with its file, line and path.
type checker struct {
	kindOf  map[string]store.Kind // entities of the import still accepted
	firstAt map[string]Pos        // where each accepted ID was defined
	rowOf   map[string]int        // which row (in reading order) defined it
	cited   map[string]bool       // IDs rows cite that the import may not define
	stored  map[string]bool       // which of those are stored
	early   map[string]bool       // sources cited by an entity read before them
	// sourcesFirst: every source of the import is read before the entities that cite it, so one pass
	// can hand on sources and entities in reading order (a batch writes its sources first).
	sourcesFirst bool
	rejected     []Problem
	// rows is how many rows passed so far: what may be written. The import's progress reads it from
	// the writer's goroutine.
	rows atomic.Int64
}

func newChecker() *checker {
	return &checker{kindOf: map[string]store.Kind{}, firstAt: map[string]Pos{}, rowOf: map[string]int{},
		cited: map[string]bool{}, stored: map[string]bool{}, early: map[string]bool{}}
}

func (c *checker) reject(pos Pos, path string, ps []Problem) {
	for _, p := range ps {
		p.Pos = pos
		if path != "" {
			p.Path = strings.TrimSuffix(path+"."+p.Path, ".")
		}
		c.rejected = append(c.rejected, p)
	}
}

func (c *checker) known(id string) (store.Kind, bool) {
	if k, ok := c.kindOf[id]; ok {
		return k, true
	}
	if c.stored[id] {
		return store.KindOfID(id)
	}
	return "", false
}

// passSink adapts a pass's handlers to a sink, numbering entity rows in reading order.
type passSink struct {
	onNode     func(i int, r NodeRow)
	onRel      func(r RelRow)
	onProblem  func(p Problem)
	entityRows int
}

// wantsEntities is false for a pass that reads only relationships: the readers may skip entities.
func (p *passSink) wantsEntities() bool { return p.onNode != nil }

func (p *passSink) source(r NodeRow) { p.node(r) }
func (p *passSink) node(r NodeRow) {
	if p.onNode != nil {
		p.onNode(p.entityRows, r)
	}
	p.entityRows++
}
func (p *passSink) rel(r RelRow) {
	if p.onRel != nil {
		p.onRel(r)
	}
}
func (p *passSink) problem(pos Pos, path, format string, args ...any) {
	if p.onProblem != nil {
		p.onProblem(Problem{Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)})
	}
}

// index is pass 1 over the rows each feeds; exists says which cited IDs are stored.
func (c *checker) index(each func(sink) error, exists func(ids []string) (map[string]bool, error)) error {
	pass := &passSink{
		onProblem: func(p Problem) { c.rejected = append(c.rejected, p) },
		onNode: func(i int, row NodeRow) {
			w, ps := CheckNode(row.Node, row.IsSource, row.DefaultSource)
			if at, dup := c.firstAt[row.Node.ID]; dup && row.Node.ID != "" {
				ps = append(ps, Problem{Path: "id", Message: fmt.Sprintf("%q is defined twice (first at %s:%d)", row.Node.ID, at.File, at.Line)})
			}
			if len(ps) > 0 {
				c.reject(row.Pos, row.Path, ps)
				return
			}
			c.firstAt[w.ID], c.rowOf[w.ID], c.kindOf[w.ID] = row.Pos, i, w.Kind
			for _, e := range w.Evidence {
				c.cited[e.Source] = true
				if _, seen := c.kindOf[e.Source]; !seen {
					c.early[e.Source] = true
				}
			}
			c.rows.Add(1)
		},
		onRel: func(r RelRow) {
			c.cited[r.Rel.From], c.cited[r.Rel.To], c.cited[cmpOr(r.Rel.Source, r.DefaultSource)] = true, true, true
			c.rows.Add(1)
		},
	}
	if err := each(pass); err != nil {
		return err
	}
	var outside []string
	for id := range c.cited {
		if _, ok := c.kindOf[id]; !ok && id != "" {
			outside = append(outside, id)
		}
	}
	c.cited = nil
	c.sourcesFirst = true
	for id := range c.early {
		if _, defined := c.kindOf[id]; defined {
			c.sourcesFirst = false
		}
	}
	c.early = nil
	slices.Sort(outside)
	for i := 0; i < len(outside) && exists != nil; i += existsChunk {
		found, err := exists(outside[i:min(i+existsChunk, len(outside))])
		if err != nil {
			return err
		}
		for id, ok := range found {
			if ok {
				c.stored[id] = true
			}
		}
	}
	return nil
}

// existsChunk is how many IDs one lookup asks about.
const existsChunk = 10000

// check is passes 2–4 over the rows each feeds: the rows that pass go to node and rel (nil: a dry
// run, which rejects the same rows but hands nothing on).
func (c *checker) check(each func(sink) error, node func(store.NodeWrite) error, rel func(store.RelWrite) error) error {
	var failed error
	passes := []string{"sources", "entities"}
	if c.sourcesFirst {
		passes = []string{"all"}
	}
	for _, which := range passes {
		pass := &passSink{onNode: func(i int, row NodeRow) {
			inPass := which == "all" || (which == "sources") == row.IsSource
			if failed != nil || !inPass || c.rowOf[row.Node.ID] != i {
				return
			}
			if _, ok := c.kindOf[row.Node.ID]; !ok {
				return
			}
			w, _ := CheckNode(row.Node, row.IsSource, row.DefaultSource)
			var ps []Problem
			for j, e := range w.Evidence {
				if k, ok := c.known(e.Source); e.Source != "" && (!ok || k != store.Source) {
					ps = append(ps, Problem{Path: fmt.Sprintf("evidence[%d].source", j), Message: fmt.Sprintf("%q is not a known source", e.Source)})
				}
			}
			if len(ps) > 0 {
				c.reject(row.Pos, row.Path, ps)
				delete(c.kindOf, w.ID)
				c.rows.Add(-1)
				return
			}
			if node != nil {
				failed = node(w)
			}
		}}
		if err := each(pass); err != nil {
			return err
		}
		if failed != nil {
			return failed
		}
	}
	pass := &passSink{onRel: func(r RelRow) {
		if failed != nil {
			return
		}
		w, ps := CheckRel(r.Rel, r.DefaultSource, c.known)
		if len(ps) > 0 {
			c.reject(r.Pos, r.Path, ps)
			c.rows.Add(-1)
			return
		}
		if rel != nil {
			failed = rel(w)
		}
	}}
	if err := each(pass); err != nil {
		return err
	}
	return failed
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// propertyValue turns a decoded JSON value into one Neo4j can store: a string, integer, float or
// boolean, or a list of one of those.
func propertyValue(v any) (any, error) {
	switch x := v.(type) {
	case string, bool:
		return x, nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s is out of range", x)
		}
		return f, nil
	case int64, float64:
		return x, nil
	case []any:
		if len(x) == 0 {
			return []string{}, nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			ev, err := propertyValue(e)
			if err != nil {
				return nil, err
			}
			if _, isList := ev.([]any); isList {
				return nil, errors.New("lists of lists cannot be stored")
			}
			if i > 0 && fmt.Sprintf("%T", ev) != fmt.Sprintf("%T", out[0]) {
				return nil, errors.New("a list's items must all be of one type")
			}
			out[i] = ev
		}
		return out, nil
	case nil:
		return nil, errors.New("null is not a value; leave the property out")
	default:
		return nil, fmt.Errorf("a %T cannot be stored as a property (use a string, number, boolean or a list of one of those)", v)
	}
}

func kindList() string {
	var ks []string
	for _, k := range store.Kinds() {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

func relTypeList() string {
	var ts []string
	for _, t := range store.ExplorationTypes() {
		ts = append(ts, string(t))
	}
	return strings.Join(ts, ", ")
}
