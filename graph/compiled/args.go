package compiled

import (
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"

	"urbangraph/graph/args"
	"urbangraph/graph/model"
	"urbangraph/internal/store"
)

// argValues reads a field's arguments as gqlgen collected them (defaults applied, variables
// resolved). ok turns false at the first value not of the type asked for: the plan is then given
// up. What the values mean (ranges, cursors, defaults for null) is package args' to say.
type argValues struct {
	m  map[string]any
	ok bool
}

func argsOf(f graphql.CollectedField, vars map[string]any) *argValues {
	return &argValues{m: f.ArgumentMap(vars), ok: true}
}

// str reads a String or ID argument that must be there.
func (a *argValues) str(name string) string {
	s, ok := a.m[name].(string)
	a.ok = a.ok && ok
	return s
}

// optStr reads a nullable String argument.
func (a *argValues) optStr(name string) *string {
	if a.m[name] == nil {
		return nil
	}
	s := a.str(name)
	return &s
}

// int reads a nullable Int argument, however the variables' decoder typed it.
func (a *argValues) int(name string) *int {
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
func (a *argValues) strs(name string) []string {
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
}](a *argValues, name string) *E {
	s := a.optStr(name)
	if s == nil {
		return nil
	}
	e := E(*s)
	a.ok = a.ok && e.IsValid()
	return &e
}

// kinds reads a nullable list of kinds.
func (a *argValues) kinds(name string) []model.Kind {
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
func (a *argValues) relTypes() []store.RelType {
	types, err := args.RelTypes(a.strs("relationshipTypes"))
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
		if k == "near" {
			if f.Near, ok = nearArg(val); !ok {
				return nil, false
			}
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

// nearArg reads a NearInput argument: three Floats, all required.
func nearArg(v any) (*model.NearInput, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 3 {
		return nil, false
	}
	var n model.NearInput
	for k, val := range m {
		f, ok := floatOf(val)
		if !ok {
			return nil, false
		}
		switch k {
		case "latitude":
			n.Latitude = f
		case "longitude":
			n.Longitude = f
		case "withinKm":
			n.WithinKm = f
		default:
			return nil, false
		}
	}
	return &n, true
}
