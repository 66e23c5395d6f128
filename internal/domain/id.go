package domain

import "urbangraph/internal/store"

// ID is the ID of an entity of kind whose English name is name: the kind's prefix and the slug of
// the name ("" when the name has no letter or digit to make one from). Every ID the program makes
// comes from here (mutations and imports without an id, ingestion and review edits, the reference
// gazetteer), so that one name meets one ID whoever writes it; TestIDsAreMintedInOnePlace checks
// that no other code builds one.
func ID(kind store.Kind, name string) string {
	slug := Slug(name)
	if slug == "" {
		return ""
	}
	return kind.IDPrefix() + slug
}
