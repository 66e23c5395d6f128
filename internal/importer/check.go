package importer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// Plan is what an import will write, and what it rejected.
type Plan struct {
	Nodes    []store.NodeWrite // sources first
	Rels     []store.RelWrite
	Rejected []Problem
	Joined   []Joined
}

// Joined is a row written to the stored entity that holds its external identifier, under that
// entity's ID instead of its own.
type Joined struct {
	Pos
	ID, Into string // the row's ID, and the stored entity's
	Prop     string // the external identifier
	Value    any
}

func (j Joined) String() string {
	return fmt.Sprintf("%s:%d: %s is %s (the same %s, %v): written to it", j.File, j.Line, j.ID, j.Into, j.Prop, j.Value)
}

// Lookups answer what checking an import needs of the stored graph; a nil function means the graph
// holds nothing.
type Lookups struct {
	// Exists answers which IDs are stored.
	Exists func(ids []string) (map[string]bool, error)
	// External answers which stored entity holds each value of an external identifier
	// (store.ExternalIDProps): a row carrying one is that entity, whatever its ID.
	External func(prop string, values []any) (map[any]string, error)
	// RefuseDuplicates rejects such a row, naming both IDs, instead of updating that entity.
	RefuseDuplicates bool
}

// StoreLookups are the lookups of a store.
func StoreLookups(ctx context.Context, s *store.Store, refuseDuplicates bool) Lookups {
	return Lookups{Exists: func(ids []string) (map[string]bool, error) { return s.ExistingIDs(ctx, ids) },
		External:         func(prop string, values []any) (map[any]string, error) { return s.ByExternalID(ctx, prop, values) },
		RefuseDuplicates: refuseDuplicates}
}

// Preview reads and checks the files at paths as Run does, and returns what Run would write and
// what it would reject, writing nothing (`urbangraph import --dry-run`).
func Preview(paths []string, lk Lookups) (Plan, error) {
	files, err := Files(paths)
	if err != nil {
		return Plan{}, err
	}
	return plan(func(s sink) error { _, err := ReadEach(files, s); return err }, lk)
}

// plan checks the rows each hands on, collecting what to write.
func plan(each func(sink) error, lk Lookups) (Plan, error) {
	c := newChecker()
	if err := c.index(each, lk); err != nil {
		return Plan{}, err
	}
	var p Plan
	err := c.check(each, func(w store.NodeWrite) error { p.Nodes = append(p.Nodes, w); return nil },
		func(w store.RelWrite) error { p.Rels = append(p.Rels, w); return nil })
	p.Rejected, p.Joined = c.rejected, c.joined
	return p, err
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
	// external: each external identifier's value a row carries → the row's ID; sameAs: a row's ID →
	// the stored entity's that holds its external identifier (external.go).
	external map[externalKey]string
	sameAs   map[string]string
	joined   []Joined
}

func newChecker() *checker {
	return &checker{kindOf: map[string]store.Kind{}, firstAt: map[string]Pos{}, rowOf: map[string]int{},
		cited: map[string]bool{}, stored: map[string]bool{}, early: map[string]bool{},
		external: map[externalKey]string{}, sameAs: map[string]string{}}
}

// reject records the problems of the row read at pos (path: where in its file, e.g. nodes[3]).
func (c *checker) reject(pos Pos, path string, ps []domain.Problem) {
	for _, p := range ps {
		if path != "" {
			p.Path = strings.TrimSuffix(path+"."+p.Path, ".")
		}
		c.rejected = append(c.rejected, Problem{Pos: pos, Path: p.Path, Message: p.Message})
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

// index is pass 1 over the rows each feeds; lk says which cited IDs are stored, and which stored
// entities hold the rows' external identifiers.
func (c *checker) index(each func(sink) error, lk Lookups) error {
	pass := &passSink{
		onProblem: func(p Problem) { c.rejected = append(c.rejected, p) },
		onNode: func(i int, row NodeRow) {
			w, ps := domain.CheckNode(row.Node, row.IsSource, row.DefaultSource)
			if at, dup := c.firstAt[row.Node.ID]; dup && row.Node.ID != "" {
				ps = append(ps, domain.Problem{Path: "id", Message: fmt.Sprintf("%q is defined twice (first at %s:%d)", row.Node.ID, at.File, at.Line)})
			}
			if len(ps) == 0 {
				ps = c.externalOf(w)
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
			c.cited[r.Rel.From], c.cited[r.Rel.To], c.cited[cmp.Or(r.Rel.Source, r.DefaultSource)] = true, true, true
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
	for i := 0; i < len(outside) && lk.Exists != nil; i += existsChunk {
		found, err := lk.Exists(outside[i:min(i+existsChunk, len(outside))])
		if err != nil {
			return err
		}
		for id, ok := range found {
			if ok {
				c.stored[id] = true
			}
		}
	}
	return c.join(lk)
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
			w, _ := domain.CheckNode(row.Node, row.IsSource, row.DefaultSource)
			var ps []domain.Problem
			for j, e := range w.Evidence {
				if k, ok := c.known(e.Source); e.Source != "" && (!ok || k != store.Source) {
					ps = append(ps, domain.Problem{Path: fmt.Sprintf("evidence[%d].source", j), Message: fmt.Sprintf("%q is not a known source", e.Source)})
				}
			}
			if len(ps) > 0 {
				c.reject(row.Pos, row.Path, ps)
				delete(c.kindOf, w.ID)
				c.rows.Add(-1)
				return
			}
			w.ID = cmp.Or(c.sameAs[w.ID], w.ID) // the stored entity that holds its external identifier
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
		r.Rel.From, r.Rel.To = cmp.Or(c.sameAs[r.Rel.From], r.Rel.From), cmp.Or(c.sameAs[r.Rel.To], r.Rel.To)
		w, ps := domain.CheckRel(r.Rel, r.DefaultSource, c.known)
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
