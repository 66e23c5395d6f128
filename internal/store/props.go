package store

// A property's classes: what the store does with it. Every property the store treats specially is
// declared once, here; the lists the reads, the writes and the log use are derived from it.
type PropClass uint8

const (
	Reserved PropClass = 1 << iota // managed by the store: NodeWrite.Props may not set it
	Internal                       // for the store's own use: never shown to clients
	Light                          // returned by a light projection (Projection.Light)
	Unlogged                       // left out of the change log (bookkeeping and derived values)
	Meta                           // about the entity, not a fact of it: the explorer shows it apart from its properties, or not at all
)

// propRegistry declares the special properties, in the order the light projection returns them.
// Any other property is a fact: shown, logged, written by imports and mutations.
var propRegistry = []struct {
	name  string
	class PropClass
}{
	{"id", Reserved | Light | Unlogged | Meta},
	{"kind", Reserved | Light | Meta},
	{"name_en", Reserved | Light | Meta},
	{"name_bg", Reserved | Light | Meta},
	{"name_el", Reserved | Light | Meta},
	{"aliases", Reserved | Light | Meta},
	{"unnamed", Reserved | Light},
	{"collective", Reserved | Light},
	{"category", Light},
	{"population", Light},
	{"search_latin", Reserved | Internal | Unlogged},
	{"ref_search", Reserved | Internal | Unlogged},
	{"ref_aliases", Reserved | Internal},
	{"location", Reserved | Internal | Unlogged},
	{distanceKey, Internal},
	{"createdAt", Reserved | Unlogged | Meta},
	{"createdBy", Reserved | Unlogged | Meta},
	{"updatedAt", Reserved | Unlogged | Meta},
	{"updatedBy", Reserved | Unlogged | Meta},
	{"sources", Reserved},
	{"quotes", Reserved},
	{EnglishDerivedProp, Reserved},
	{MergedIDsProp, Reserved},
}

// propsOf lists the registry's properties of a class, in its order.
func propsOf(c PropClass) []string {
	var out []string
	for _, p := range propRegistry {
		if p.class&c != 0 {
			out = append(out, p.name)
		}
	}
	return out
}

var (
	// LightProps are the properties a light projection returns.
	LightProps    = propsOf(Light)
	reserved      = propsOf(Reserved)
	internalProps = propsOf(Internal)
	unlogged      = propsOf(Unlogged)
	// MetaProps are the properties the explorer's panel leaves out of its table of facts.
	MetaProps = propsOf(Meta)
)
