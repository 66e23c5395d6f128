package domain

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"urbangraph/internal/store"
	"urbangraph/internal/translit"
)

// Problem is one rule a fact breaks: the field's path (e.g. names.en, properties.year) and why.
type Problem struct {
	Path, Message string
}

var (
	idPattern   = regexp.MustCompile(`^([a-z]+):[a-z0-9]+(?:-[a-z0-9]+)*$`)
	propPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)
)

// CheckNode checks one entity on its own (not against other rows or the database) and returns what
// to write. Problems carry only the path and message; callers add the position.
func CheckNode(n Node, isSource bool, defaultSource string) (store.NodeWrite, []Problem) {
	var ps problems
	kind := ps.identity(n, isSource)
	ps.names(n.Names)
	props := ps.properties(n.Properties, kind)
	evidence := ps.evidence(n, isSource, defaultSource)
	slices.SortFunc(ps, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return store.NodeWrite{ID: n.ID, Kind: kind, Names: n.Names, Aliases: n.Aliases, Unnamed: n.Unnamed,
		Collective: n.Collective, Props: props, Evidence: evidence}, ps
}

// problems collects the problems of one fact.
type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// identity checks the entity's kind and ID, and returns its kind (SOURCE for entries of sources).
func (ps *problems) identity(n Node, isSource bool) store.Kind {
	kind := store.Kind(n.Kind)
	if isSource {
		if n.Kind != "" && kind != store.Source {
			ps.add("kind", "entries of sources are of kind SOURCE, not %q", n.Kind)
		}
		kind = store.Source
	}
	m := idPattern.FindStringSubmatch(n.ID)
	switch {
	case n.ID == "":
		ps.add("id", "missing")
	case !kind.Valid():
		ps.add("kind", "unknown kind %q (valid: %s)", n.Kind, kindList())
	case m == nil:
		ps.add("id", "%q is not an ID of the form kind:slug (lower-case letters, digits, hyphens)", n.ID)
	case m[1] != kind.Prefix():
		ps.add("id", "%q: an ID of kind %s starts with %q", n.ID, kind, kind.IDPrefix())
	}
	return kind
}

// names checks that there is an English name and that every name is in a known language.
func (ps *problems) names(names map[string]string) {
	if strings.TrimSpace(names["en"]) == "" {
		ps.add("names.en", "an English name is required")
	}
	for lang, v := range names {
		if !slices.Contains(store.Langs, lang) {
			ps.add("names."+lang, "unknown language (valid: %s)", strings.Join(store.Langs, ", "))
		}
		if len(v) > 1000 {
			ps.add("names."+lang, "longer than 1000 bytes")
		}
	}
}

// properties checks the names and values of an entity's properties and returns the storable ones.
func (ps *problems) properties(in map[string]any, kind store.Kind) map[string]any {
	props := map[string]any{}
	for k, v := range in {
		pv, err := propertyValue(v)
		switch {
		case store.IsReserved(k):
			ps.add("properties."+k, "is managed by the store; use the entity's own field")
		case !propPattern.MatchString(k):
			ps.add("properties."+k, "property names are camelCase letters and digits")
		case err != nil:
			ps.add("properties."+k, "%v", err)
		default:
			props[k] = pv
		}
	}
	if kind == store.Organisation {
		if c, _ := props["category"].(string); !slices.Contains(store.OrganisationCategories, c) {
			ps.add("properties.category", "an organisation's category is one of %s", strings.Join(store.OrganisationCategories, ", "))
		}
	}
	return props
}

// evidence checks that a sentence of a source names the entity (sources aside) and that every
// property is stated by one.
func (ps *problems) evidence(n Node, isSource bool, defaultSource string) []store.EvidenceWrite {
	var evidence []store.EvidenceWrite
	stated := map[string]bool{}
	for i, e := range n.Evidence {
		ep := fmt.Sprintf("evidence[%d]", i)
		if strings.TrimSpace(e.Quote) == "" {
			ps.add(ep+".quote", "the sentence that states the fact is required")
		}
		src := cmp.Or(e.Source, defaultSource)
		if src == "" {
			ps.add(ep+".source", "no source, and the document names no default source")
		}
		for _, p := range e.Properties {
			if _, ok := n.Properties[p]; !ok {
				ps.add(ep+".properties", "names %q, which the entity does not have", p)
			}
			stated[p] = true
		}
		evidence = append(evidence, store.EvidenceWrite{Source: src, Quote: e.Quote, Properties: e.Properties})
	}
	if !isSource && len(n.Evidence) == 0 {
		ps.add("evidence", "at least one sentence of a source must name the entity")
	}
	for k := range n.Properties {
		if !isSource && !stated[k] {
			ps.add("properties."+k, "no evidence states it (list it in an evidence's properties)")
		}
	}
	return evidence
}

// CheckRel checks one relationship given the kinds of the entities it may connect (kindOf answers
// for entities of the import and stored ones).
func CheckRel(r Rel, defaultSource string, kindOf func(id string) (store.Kind, bool)) (store.RelWrite, []Problem) {
	var ps problems
	add := ps.add
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
	src := cmp.Or(r.Source, defaultSource)
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
	return store.RelWrite{From: r.From, To: r.To, Type: t, Props: props, Source: src, Quote: r.Quote}, ps
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

// Slug makes the slug of an ID from a name: folded to Latin (package translit), words joined by
// hyphens. Mutations that create an entity from its English name and the reference dataset
// (internal/reference) both use it, so that "Thessaloníki" and "Thessaloniki" meet at city:thessaloniki.
func Slug(name string) string {
	var words []string
	for _, w := range translit.Tokens(name) {
		var b strings.Builder
		for _, r := range w {
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			words = append(words, b.String())
		}
	}
	return strings.Join(words, "-")
}
