package graph

import (
	"reflect"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"urbangraph/graph/args"
	"urbangraph/graph/generated"
)

// ListFanOut is the cost multiplier of a relationship list with no paging arguments (a city's
// organisations, say): the number of items it is assumed to hold.
const ListFanOut = 5

// Complexity returns the cost of each field, for extension.FixedComplexityLimit: fields that return
// pages, paths or subgraphs cost their children times how many items they may return, as their
// @cost directive in schema.graphqls names the arguments that say it (first, limit, maxHops, depth);
// history costs its page; other lists cost ListFanOut times their children.
func Complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	priceByDirective(&c)
	priceHistory(&c)
	fanOutUnpagedLists(&c)
	return c
}

// priceByDirective prices every field that has @cost(multipliers: [...]): (children + 1) times
// each named argument's value, or its schema default, at least 1. gqlgen's complexity function of a
// field takes the children's cost and then the field's arguments in the schema's order.
func priceByDirective(c *generated.ComplexityRoot) {
	root := reflect.ValueOf(c).Elem()
	for _, def := range Schema().Types {
		for _, f := range def.Fields {
			d := f.Directives.ForName("cost")
			if d == nil {
				continue
			}
			fn := root.FieldByName(def.Name).FieldByName(strings.ToUpper(f.Name[:1]) + f.Name[1:])
			if !fn.IsValid() {
				panic("graph: @cost on " + def.Name + "." + f.Name + ", which has no complexity function")
			}
			fn.Set(reflect.MakeFunc(fn.Type(), multiplied(def.Name, f.Name, f.Arguments, d)))
		}
	}
}

// multiplied is the complexity function of a field with @cost: its multipliers' positions among
// the arguments, and their defaults, are found once.
func multiplied(typ, field string, fieldArgs ast.ArgumentDefinitionList, d *ast.Directive) func([]reflect.Value) []reflect.Value {
	type multiplier struct{ pos, def int }
	var ms []multiplier
	for _, v := range d.Arguments.ForName("multipliers").Value.Children {
		name := v.Value.Raw
		pos := slices.IndexFunc(fieldArgs, func(a *ast.ArgumentDefinition) bool { return a.Name == name })
		if pos < 0 {
			panic("graph: @cost on " + typ + "." + field + " names " + name + ", which is not one of its arguments")
		}
		ms = append(ms, multiplier{pos + 1, args.Default(typ+"."+field, name)})
	}
	return func(in []reflect.Value) []reflect.Value {
		cost := int(in[0].Int()) + 1
		for _, m := range ms {
			n, v := m.def, in[m.pos]
			if v.Kind() == reflect.Pointer && !v.IsNil() {
				n = int(v.Elem().Int())
			} else if v.Kind() == reflect.Int {
				n = int(v.Int())
			}
			cost *= max(n, 1)
		}
		return []reflect.Value{reflect.ValueOf(cost)}
	}
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
