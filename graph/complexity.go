package graph

import (
	"reflect"
	"strings"

	"urbangraph/graph/args"
	"urbangraph/graph/generated"
	"urbangraph/graph/model"
)

// ListFanOut is the cost multiplier of a relationship list with no paging arguments (a city's
// organisations, say): the number of items it is assumed to hold.
const ListFanOut = 5

// Complexity returns the cost of each field, for extension.FixedComplexityLimit: fields that return
// pages, paths or subgraphs cost their children times how many items they may return (first,
// limit, maxHops, depth); other lists cost ListFanOut times their children.
func Complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	page := func(child int, _ *model.EntityFilter, _ *model.EntitySort, first *int, _ *string) int {
		return (child + 1) * max(args.Or(first, args.Default("cities", "first")), 1)
	}
	c.Query.Cities, c.Query.Organisations, c.Query.Centres, c.Query.Domains = page, page, page, page
	c.Query.Practices, c.Query.Events, c.Query.Programmes = page, page, page
	c.Query.Search = func(child int, _ string, _ []model.Kind, first *int) int {
		return (child + 1) * max(args.Or(first, args.Default("search", "first")), 1)
	}
	c.Query.Neighbourhood = func(child int, _ string, depth *int, _ []string, _ []model.Kind, limit *int) int {
		return (child + 1) * max(args.Or(limit, args.Default("neighbourhood", "limit")), 1) * max(args.Or(depth, args.Default("neighbourhood", "depth")), 1)
	}
	c.Query.ShortestPath = func(child int, _, _ string, maxHops *int, _ []string) int {
		return (child + 1) * max(args.Or(maxHops, args.Default("shortestPath", "maxHops")), 1)
	}
	c.Query.Paths = func(child int, _, _ string, maxHops, first *int, _ []string) int {
		return (child + 1) * max(args.Or(maxHops, args.Default("paths", "maxHops")), 1) * max(args.Or(first, args.Default("paths", "first")), 1)
	}
	c.Query.Similar = func(child int, _ string, first *int) int {
		return (child + 1) * max(args.Or(first, args.Default("similar", "first")), 1)
	}
	c.Query.Nearby = func(child int, _ string, _ *float64, _ []model.Kind, first *int) int {
		return (child + 1) * max(args.Or(first, args.Default("nearby", "first")), 1)
	}
	c.GraphStats.MostConnected = func(child int, first *int) int {
		return (child + 1) * max(args.Or(first, args.Default("GraphStats.mostConnected", "first")), 1)
	}
	c.GraphStats.ByCountry = func(child int, _ *model.Lang, first *int) int {
		return (child + 1) * max(args.Or(first, args.Default("GraphStats.byCountry", "first")), 1)
	}
	c.Query.Changes = func(child int, _ *int, first *int, _ []model.Kind, _ []string) int {
		return (child + 1) * max(args.Or(first, args.Default("changes", "first")), 1)
	}
	priceHistory(&c)
	fanOutUnpagedLists(&c)
	return c
}

// priceHistory prices every type's history field by its first argument, found in the schema, so
// that a list of entities each with its history costs what it may return.
func priceHistory(c *generated.ComplexityRoot) {
	root := reflect.ValueOf(c).Elem()
	paged := reflect.ValueOf(func(child int, first, _ *int) int {
		return (child + 1) * max(args.Or(first, args.Default("City.history", "first")), 1)
	})
	for _, def := range Schema().Types {
		holder := root.FieldByName(def.Name)
		if def.Fields.ForName("history") == nil || !holder.IsValid() || holder.Kind() != reflect.Struct {
			continue
		}
		if fn := holder.FieldByName("History"); fn.IsValid() && fn.Type() == paged.Type() {
			fn.Set(paged)
		}
	}
}

// fanOutUnpagedLists sets ListFanOut costs on every list field without arguments, found in the
// schema, so that a field added to the schema is priced without anyone remembering to. The lists
// of a connection, subgraph or path are left alone: the field returning them already multiplied by
// first or limit.
func fanOutUnpagedLists(c *generated.ComplexityRoot) {
	root := reflect.ValueOf(c).Elem()
	fanOut := reflect.ValueOf(func(child int) int { return ListFanOut * (child + 1) })
	for _, def := range Schema().Types {
		if strings.HasSuffix(def.Name, "Connection") || def.Name == "Subgraph" || def.Name == "Path" {
			continue
		}
		holder := root.FieldByName(def.Name)
		if !holder.IsValid() || holder.Kind() != reflect.Struct {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Elem == nil || len(f.Arguments) > 0 {
				continue
			}
			fn := holder.FieldByName(strings.ToUpper(f.Name[:1]) + f.Name[1:])
			if fn.IsValid() && fn.IsNil() && fn.Type() == fanOut.Type() {
				fn.Set(fanOut)
			}
		}
	}
}
