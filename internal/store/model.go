package store

import (
	"slices"
	"strings"
)

// Kind is an entity kind. The GraphQL enum Kind has the same values.
type Kind string

// The node kinds of the model (docs/model.md). Each has a label of its own plus :Entity.
const (
	City         Kind = "CITY"
	Country      Kind = "COUNTRY"
	Organisation Kind = "ORGANISATION"
	Centre       Kind = "CENTRE"
	Unit         Kind = "UNIT"
	Domain       Kind = "DOMAIN"
	Practice     Kind = "PRACTICE"
	Event        Kind = "EVENT"
	Programme    Kind = "PROGRAMME"
	Topic        Kind = "TOPIC"
	Source       Kind = "SOURCE"
)

// kinds maps each kind to its label and ID prefix: the closed list labels are taken from.
var kinds = map[Kind]struct{ label, prefix string }{
	City:         {"City", "city"},
	Country:      {"Country", "country"},
	Organisation: {"Organisation", "org"},
	Centre:       {"Centre", "centre"},
	Unit:         {"Unit", "unit"},
	Domain:       {"Domain", "domain"},
	Practice:     {"Practice", "practice"},
	Event:        {"Event", "event"},
	Programme:    {"Programme", "programme"},
	Topic:        {"Topic", "topic"},
	Source:       {"Source", "source"},
}

// Kinds lists every kind, in a stable order.
func Kinds() []Kind {
	ks := make([]Kind, 0, len(kinds))
	for k := range kinds {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Valid reports whether k is a kind of the model.
func (k Kind) Valid() bool { _, ok := kinds[k]; return ok }

// Label is the Neo4j label of the kind.
func (k Kind) Label() string { return kinds[k].label }

// Prefix is the part of an ID before the colon, e.g. "city" in "city:thessaloniki".
func (k Kind) Prefix() string { return kinds[k].prefix }

// IDPrefix is how every ID of the kind starts: its prefix and a colon ("city:"). IDs themselves are
// minted by domain.ID alone.
func (k Kind) IDPrefix() string { return kinds[k].prefix + ":" }

// KindOfLabel returns the kind whose node label (and GraphQL type) is label.
func KindOfLabel(label string) (Kind, bool) {
	for k, v := range kinds {
		if v.label == label {
			return k, true
		}
	}
	return "", false
}

// KindOfID returns the kind an ID's prefix names.
func KindOfID(id string) (Kind, bool) {
	prefix, _, ok := strings.Cut(id, ":")
	if !ok {
		return "", false
	}
	for k, v := range kinds {
		if v.prefix == prefix {
			return k, true
		}
	}
	return "", false
}

// RelType is a relationship type of the model.
type RelType string

// MentionedIn ties an entity to the Source that names it; its `properties` list says which of the
// entity's properties the quoted sentence states.
const MentionedIn RelType = "MENTIONED_IN"

// relTypes is the closed list of relationship types: the kinds each may connect, what it means,
// and the properties it may carry besides its evidence. docs/model.md's table of relationships is
// written from it (go generate ./internal/store).
var relTypes = map[RelType]struct {
	from, to []Kind
	meaning  string
	props    []string
}{
	"LOCATED_IN":       {[]Kind{City, Organisation, Centre}, []Kind{City, Country}, "is located in", nil},
	"FOUNDED":          {[]Kind{Organisation}, []Kind{Centre}, "created or co-created (`role` says which: creator, cooperation partner)", []string{"role", "year"}},
	"SUPPORTS":         {[]Kind{Organisation, Programme}, []Kind{Centre, Programme}, "supports the work or implementation of", []string{"role"}},
	"PARTNER_OF":       {[]Kind{Organisation}, []Kind{Organisation}, "is a partner of", nil},
	"PARTICIPATED_IN":  {[]Kind{Organisation}, []Kind{Event}, "took part in", []string{"role"}},
	"PRESENTED":        {[]Kind{Organisation}, []Kind{Practice}, "presented a good practice", nil},
	"PRESENTED_AT":     {[]Kind{Practice}, []Kind{Event}, "was presented at", nil},
	"HELD_IN":          {[]Kind{Event}, []Kind{City}, "took place in", nil},
	"FUNDED_BY":        {[]Kind{Event, Practice, Centre, Programme}, []Kind{Programme}, "was financed or supported by", []string{"role"}},
	"BENEFITS":         {[]Kind{Programme}, []Kind{Organisation}, "is carried out for", nil},
	"HAS_UNIT":         {[]Kind{Centre}, []Kind{Unit}, "has the department, academy or team", nil},
	"HAS_EXPERTISE_IN": {[]Kind{Centre}, []Kind{Domain}, "has expertise in", nil},
	"IN_DOMAIN":        {[]Kind{Practice}, []Kind{Domain}, "belongs to the domain", nil},
	"DISCUSSED":        {[]Kind{Event}, []Kind{Topic}, "discussed the topic", []string{"note"}},
	"VISITED":          {[]Kind{Event}, []Kind{Centre}, "included a visit to", []string{"note"}},
	"INTRODUCED_TO":    {[]Kind{Organisation}, []Kind{Centre}, "was introduced to the expertise of", []string{"about"}},
	"WORKS_IN":         {[]Kind{Unit}, []Kind{Country}, "works on matters of", nil},
	"CONTRIBUTES_TO":   {[]Kind{Centre, Practice}, []Kind{Topic}, "contributes to", []string{"where"}},
	MentionedIn:        {allKinds, []Kind{Source}, "provenance: the entity is named in the source (the sentence, and which of its properties it states)", []string{"quote", "properties"}},
}

var allKinds = []Kind{City, Country, Organisation, Centre, Unit, Domain, Practice, Event, Programme, Topic}

// RelTypes lists the relationship types of the model, sorted.
func RelTypes() []RelType {
	ts := make([]RelType, 0, len(relTypes))
	for t := range relTypes {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Valid reports whether t is a relationship type of the model.
func (t RelType) Valid() bool { _, ok := relTypes[t]; return ok }

// Connects reports whether t may go from a `from` entity to a `to` entity.
func (t RelType) Connects(from, to Kind) bool {
	r, ok := relTypes[t]
	return ok && slices.Contains(r.from, from) && slices.Contains(r.to, to)
}

// CanStart reports whether a relationship of type t may go from an entity of kind k.
func (t RelType) CanStart(k Kind) bool {
	r, ok := relTypes[t]
	return ok && slices.Contains(r.from, k)
}

// Meaning is a short description of the relationship type, for documentation and errors.
func (t RelType) Meaning() string { return relTypes[t].meaning }

// Ends are the kinds a relationship of type t may go from and to.
func (t RelType) Ends() (from, to []Kind) { return relTypes[t].from, relTypes[t].to }

// Props are the properties a relationship of type t may carry besides its evidence.
func (t RelType) Props() []string { return relTypes[t].props }

// Categories of organisations.
var OrganisationCategories = []string{"MUNICIPALITY", "COMPANY", "MINISTRY", "ACADEMIA", "START_UP", "OTHER"}
