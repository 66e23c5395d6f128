package importer

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"urbangraph/internal/domain"
	"urbangraph/internal/store"
)

// externalKey is one value of an external identifier (store.ExternalIDProps).
type externalKey struct {
	prop  string
	value any // int64 or string, as domain.CheckNode leaves a property
}

// externalOf records the external identifiers of a row that passed its own checks; a value another
// row of the import carries already is a problem (two rows for one place).
func (c *checker) externalOf(w store.NodeWrite) []domain.Problem {
	var ps []domain.Problem
	var keys []externalKey
	for _, prop := range store.ExternalIDProps {
		v, ok := w.Props[prop]
		if !ok || v == nil {
			continue
		}
		k := externalKey{prop, v}
		if other, dup := c.external[k]; dup {
			at := c.firstAt[other]
			ps = append(ps, domain.Problem{Path: "properties." + prop,
				Message: fmt.Sprintf("%v is also %s's (%s:%d): one entity, two rows", v, other, at.File, at.Line)})
			continue
		}
		keys = append(keys, k)
	}
	if len(ps) == 0 {
		for _, k := range keys {
			c.external[k] = w.ID
		}
	}
	return ps
}

// join looks up which stored entities hold the import's external identifiers. A row whose
// identifier an entity of another ID holds is that entity: it is written to it (sameAs; its
// relationships follow it), or, with RefuseDuplicates, rejected naming both IDs.
func (c *checker) join(lk Lookups) error {
	if lk.External == nil || len(c.external) == 0 {
		return nil
	}
	keys := slices.SortedFunc(maps.Keys(c.external), func(a, b externalKey) int {
		return cmp.Compare(fmt.Sprint(a.prop, a.value), fmt.Sprint(b.prop, b.value))
	})
	for _, prop := range store.ExternalIDProps {
		var values []any
		for _, k := range keys {
			if k.prop == prop {
				values = append(values, k.value)
			}
		}
		for i := 0; i < len(values); i += existsChunk {
			held, err := lk.External(prop, values[i:min(i+existsChunk, len(values))])
			if err != nil {
				return err
			}
			for _, v := range values[i:min(i+existsChunk, len(values))] {
				if into, ok := held[v]; ok {
					c.sameAsStored(externalKey{prop, v}, into, lk.RefuseDuplicates)
				}
			}
		}
	}
	c.external = nil
	return nil
}

// sameAsStored joins the row that carries k to the stored entity into, or rejects it.
func (c *checker) sameAsStored(k externalKey, into string, refuse bool) {
	id := c.external[k]
	if id == into {
		return
	}
	at := c.firstAt[id]
	problem := func(format string, args ...any) {
		c.rejected = append(c.rejected, Problem{Pos: at, Path: "properties." + k.prop, Message: fmt.Sprintf(format, args...)})
		delete(c.kindOf, id)
		c.rows.Add(-1)
	}
	kind, _ := store.KindOfID(into)
	_, definedHere := c.kindOf[into]
	switch {
	case kind != c.kindOf[id]:
		problem("%v is %s's, a %s, and this row is a %s", k.value, into, kind, c.kindOf[id])
	case refuse:
		problem("%v is %s's already: %s would be a duplicate of it (import it as %s to update it)", k.value, into, id, into)
	case definedHere:
		problem("%v is %s's, which this import defines too", k.value, into)
	default:
		c.sameAs[id] = into
		c.kindOf[into] = kind
		c.joined = append(c.joined, Joined{Pos: at, ID: id, Into: into, Prop: k.prop, Value: k.value})
	}
}
