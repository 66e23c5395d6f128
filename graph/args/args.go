// Package args holds the rules for the arguments of the read API, shared by the resolvers and
// compiled reads so that both accept, refuse and default exactly alike: page sizes and cursors,
// filters and sorts, search sizes, and the defaults, which come from schema.graphqls alone.
package args

import (
	"encoding/base64"
	"strconv"
	"strings"

	"urbangraph/graph/generated"
	"urbangraph/graph/model"
	"urbangraph/internal/errs"
	"urbangraph/internal/store"
)

// List paging limits, documented in the schema.
const (
	MaxFirst       = 100
	MaxSearchFirst = 50
)

// Default is the default value schema.graphqls gives argument arg of field, a Query field ("paths")
// or another type's ("GraphStats.mostConnected"). gqlgen applies it when the argument is left out;
// the read paths use it too when a client passes null, so that defaults live in the schema alone.
func Default(field, arg string) int {
	if !strings.Contains(field, ".") {
		field = "Query." + field
	}
	n, ok := defaults[field+"."+arg]
	if !ok {
		panic("args: schema.graphqls gives " + field + "(" + arg + ") no Int default")
	}
	return n
}

// DefaultFloat is Default for a Float argument.
func DefaultFloat(field, arg string) float64 {
	if !strings.Contains(field, ".") {
		field = "Query." + field
	}
	n, ok := floatDefaults[field+"."+arg]
	if !ok {
		panic("args: schema.graphqls gives " + field + "(" + arg + ") no Float default")
	}
	return n
}

// floatDefaults are the Float defaults of every field argument of the schema, by "Type.field.arg".
var floatDefaults = func() map[string]float64 {
	m := map[string]float64{}
	for _, def := range generated.NewExecutableSchema(generated.Config{}).Schema().Types {
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				if a.DefaultValue == nil || a.Type.Name() != "Float" {
					continue
				}
				n, err := strconv.ParseFloat(a.DefaultValue.Raw, 64)
				if err != nil {
					panic("args: the default of " + def.Name + "." + f.Name + "(" + a.Name + ") is not a Float")
				}
				m[def.Name+"."+f.Name+"."+a.Name] = n
			}
		}
	}
	return m
}()

// defaults are the Int defaults of every field argument of the schema, by "Type.field.arg".
var defaults = func() map[string]int {
	m := map[string]int{}
	for _, def := range generated.NewExecutableSchema(generated.Config{}).Schema().Types {
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				if a.DefaultValue == nil || a.Type.Name() != "Int" {
					continue
				}
				n, err := strconv.Atoi(a.DefaultValue.Raw)
				if err != nil {
					panic("args: the default of " + def.Name + "." + f.Name + "(" + a.Name + ") is not an Int")
				}
				m[def.Name+"."+f.Name+"."+a.Name] = n
			}
		}
	}
	return m
}()

// First reads a list's first argument: its default from the schema (field's), within 0 and
// MaxFirst. Every list of the API but search (MaxSearchFirst) checks it here.
func First(field string, first *int) (int, error) {
	n := Or(first, Default(field, "first"))
	if n < 0 || n > MaxFirst {
		return 0, errs.BadInput("first", "must be between 0 and %d, got %d", MaxFirst, n)
	}
	return n, nil
}

// Offset reads a list's offset argument (name: offset, after...): 0 when absent, never negative.
func Offset(name string, p *int) (int, error) {
	n := Or(p, 0)
	if n < 0 {
		return 0, errs.BadInput(name, "must not be negative")
	}
	return n, nil
}

// Or is *p, or def when p is nil.
func Or(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// Kinds converts the GraphQL kinds to the store's.
func Kinds(ks []model.Kind) []store.Kind {
	out := make([]store.Kind, len(ks))
	for i, k := range ks {
		out[i] = store.Kind(k)
	}
	return out
}

// Cursors are opaque to clients; inside they are the offset of the next item.
const cursorPrefix = "o:"

// EncodeCursor is the cursor of the item at offset-1: passed as after, the page starts at offset.
func EncodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// MaxOffset is the deepest a list pages: a page further on would have Neo4j sort and skip that
// many entities first (a forged cursor could ask for millions).
const MaxOffset = 10000

// DecodeCursor is the offset an after cursor stands for.
func DecodeCursor(c string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(raw), cursorPrefix) {
		if n, err := strconv.Atoi(strings.TrimPrefix(string(raw), cursorPrefix)); err == nil && n >= 0 {
			if n > MaxOffset {
				return 0, errs.BadInput("after", "lists page through their first %d entities; narrow this one with a filter, or export the graph", MaxOffset)
			}
			return n, nil
		}
	}
	return 0, errs.BadInput("after", "not a cursor this API gave out")
}

// A Page is a connection's checked arguments: how many, from which offset, filtered and sorted how.
type Page struct {
	First, Skip int
	Filter      store.Filter
	Sort        store.Sort
}

// PageOf checks a connection's arguments (field names the connection, for its default).
func PageOf(field string, filter *model.EntityFilter, sort *model.EntitySort, first *int, after *string) (Page, error) {
	n, err := First(field, first)
	if err != nil {
		return Page{}, err
	}
	p := Page{First: n, Filter: FilterOf(filter), Sort: store.Sort(model.EntitySortNameAsc)}
	if after != nil {
		if p.Skip, err = DecodeCursor(*after); err != nil {
			return Page{}, err
		}
	}
	if sort != nil {
		p.Sort = store.Sort(*sort)
	}
	if p.Sort == store.Sort(model.EntitySortDistanceAsc) && p.Filter.Near == nil {
		return Page{}, errs.BadInput("sort", "DISTANCE_ASC needs filter.near")
	}
	return p, nil
}

// Query is the store's list query for this page of entities of kind.
func (p Page) Query(kind store.Kind) store.ListQuery {
	return store.ListQuery{Kind: kind, Filter: p.Filter, Sort: p.Sort, Skip: p.Skip, Limit: p.First}
}

// RelTypes checks the relationshipTypes argument (nil or empty: every type exploration walks).
func RelTypes(names []string) ([]store.RelType, error) {
	types, err := store.ParseRelTypes(names)
	if err != nil {
		return nil, errs.BadInput("relationshipTypes", "%v", err)
	}
	return types, nil
}

// Info is the page information of a page of n items after skip, and each item's cursor.
func Info(skip, n int, more bool) ([]string, *model.PageInfo) {
	cursors := make([]string, n)
	for i := range cursors {
		cursors[i] = EncodeCursor(skip + i + 1)
	}
	info := &model.PageInfo{HasNextPage: more, HasPreviousPage: skip > 0}
	if n > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[n-1]
	}
	return cursors, info
}

// Search checks search's arguments: the kinds (nil: all) and how many hits.
func Search(kinds []model.Kind, first *int) ([]store.Kind, int, error) {
	n := Or(first, Default("search", "first"))
	if n < 0 || n > MaxSearchFirst {
		return nil, 0, errs.BadInput("first", "must be between 0 and %d, got %d", MaxSearchFirst, n)
	}
	if kinds == nil {
		return nil, n, nil
	}
	return Kinds(kinds), n, nil
}

// FilterOf is the store's filter for an EntityFilter argument.
func FilterOf(f *model.EntityFilter) store.Filter {
	if f == nil {
		return store.Filter{}
	}
	str := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	sf := store.Filter{NameContains: str(f.NameContains), Country: str(f.Country), City: str(f.City), Domain: str(f.Domain)}
	if f.Category != nil {
		sf.Category = string(*f.Category)
	}
	if n := f.Near; n != nil {
		sf.Near = &store.Near{Latitude: n.Latitude, Longitude: n.Longitude, WithinKm: n.WithinKm}
	}
	return sf
}

// Nearby checks nearby's arguments.
func Nearby(id string, withinKm *float64, kinds []model.Kind, first *int) (store.NearbyQuery, error) {
	q := store.NearbyQuery{ID: id, WithinKm: DefaultFloat("nearby", "withinKm")}
	if withinKm != nil {
		q.WithinKm = *withinKm
	}
	var err error
	if q.First, err = First("nearby", first); err != nil {
		return q, err
	}
	if kinds != nil {
		q.Kinds = Kinds(kinds)
	}
	return q, nil
}

// History checks history's arguments: first within the list limit (default from the schema's
// field, e.g. "City.history"), after a sequence number or nothing; before is 0 without after.
func History(field string, first, after *int) (n int, before int64, err error) {
	if n, err = First(field, first); err != nil {
		return 0, 0, err
	}
	if after != nil {
		if *after < 1 {
			return 0, 0, errs.BadInput("after", "is a change's seq (1 or more)")
		}
		before = int64(*after)
	}
	return n, before, nil
}
