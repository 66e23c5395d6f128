package store

import (
	"fmt"
	"slices"
	"strings"
)

//go:generate go run ./modeldoc ../../docs/model.md ../../web/src/model.gen.ts

// The generated tables of docs/model.md, each between its markers: "<!-- generated: NAME (go
// generate ./internal/store): do not edit -->" and "<!-- end: NAME -->".
func modelDocTables() map[string]string {
	var kinds strings.Builder
	kinds.WriteString("| kind | label | ID prefix |\n| --- | --- | --- |\n")
	for _, k := range Kinds() {
		fmt.Fprintf(&kinds, "| `%s` | `%s` | `%s` |\n", k, k.Label(), k.IDPrefix())
	}
	var rels strings.Builder
	rels.WriteString("| type | from | to | meaning (properties) |\n| --- | --- | --- | --- |\n")
	types := RelTypes()
	slices.SortStableFunc(types, func(a, b RelType) int { // provenance last
		return boolCompare(a == MentionedIn, b == MentionedIn)
	})
	for _, t := range types {
		from, to := t.Ends()
		meaning := t.Meaning()
		if ps := t.Props(); len(ps) > 0 {
			meaning += " (`" + strings.Join(ps, "`, `") + "`)"
		}
		fmt.Fprintf(&rels, "| `%s` | %s | %s | %s |\n", t, docKinds(from), docKinds(to), meaning)
	}
	return map[string]string{"kinds": kinds.String(), "relationships": rels.String()}
}

func docKinds(ks []Kind) string {
	if len(ks) == len(allKinds) {
		return "any entity"
	}
	labels := make([]string, len(ks))
	for i, k := range ks {
		labels[i] = k.Label()
	}
	return strings.Join(labels, ", ")
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// ReplaceModelDocTables returns the document with each generated table written anew between its
// markers.
func ReplaceModelDocTables(doc string) (string, error) {
	for name, table := range modelDocTables() {
		begin := "<!-- generated: " + name + " (go generate ./internal/store): do not edit -->"
		end := "<!-- end: " + name + " -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			return "", fmt.Errorf("the document lacks the markers %q ... %q", begin, end)
		}
		doc = doc[:i+len(begin)] + "\n\n" + table + "\n" + doc[j:]
	}
	return doc, nil
}

// ModelTypeScript is web/src/model.gen.ts: the kinds, their labels and the languages for the
// explorer, written from the same lists.
func ModelTypeScript() string {
	var b strings.Builder
	b.WriteString("// Written by go generate ./internal/store (internal/store/modeldoc.go) from internal/store/model.go: do not edit.\n")
	b.WriteString("export const KINDS = [")
	for i, k := range Kinds() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%s'", k)
	}
	b.WriteString("] as const;\nexport type Kind = (typeof KINDS)[number];\n\nexport const KIND_LABELS: Record<Kind, string> = {\n")
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "  %s: '%s',\n", k, k.Label())
	}
	b.WriteString("};\n\nexport const LANGS = [")
	for i, l := range Langs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%s'", l)
	}
	b.WriteString("] as const;\n\n// The properties the entity panel leaves out of its table of facts (store.MetaProps).\nexport const META_PROPS: ReadonlySet<string> = new Set([")
	for i, p := range MetaProps {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%s'", p)
	}
	b.WriteString("]);\n")
	return b.String()
}
