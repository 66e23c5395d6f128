package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"urbangraph/internal/errs"
)

// Geography. A city has its own location (the point of its latitude and longitude, under a point
// index); the entities that are somewhere have the location of the city they are in, reached by
// one pattern per kind (locatedThrough). Entities of other kinds (domains, programmes...) have none.

// locatedThrough binds place, the city whose location an entity n of the kind has (a city is its
// own place).
var locatedThrough = map[Kind]string{
	Organisation: "(n:Organisation)-[:LOCATED_IN]->(place:City)",
	Centre:       "(n:Centre)-[:LOCATED_IN]->(place:City)",
	Event:        "(n:Event)-[:HELD_IN]->(place:City)",
	Practice:     "(n:Practice)<-[:PRESENTED]-(:Organisation)-[:LOCATED_IN]->(place:City)",
	Unit:         "(n:Unit)<-[:HAS_UNIT]-(:Centre)-[:LOCATED_IN]->(place:City)",
}

// LocatedKinds are the kinds that have a location, in a stable order.
func LocatedKinds() []Kind {
	ks := append(slices.Collect(maps.Keys(locatedThrough)), City)
	slices.Sort(ks)
	return ks
}

// throughKinds are the kinds located through a city, in a stable order.
func throughKinds() []Kind {
	ks := slices.Collect(maps.Keys(locatedThrough))
	slices.Sort(ks)
	return ks
}

// MaxNearKm is the largest radius: half the Earth's circumference.
const MaxNearKm = 20038

// Near narrows a list to the entities within WithinKm kilometres (great-circle, WGS 84) of a point.
type Near struct {
	Latitude, Longitude, WithinKm float64
}

func (n Near) check(field string) error {
	switch {
	case n.Latitude < -90 || n.Latitude > 90:
		return errs.BadInput(field+".latitude", "must be between -90 and 90")
	case n.Longitude < -180 || n.Longitude > 180:
		return errs.BadInput(field+".longitude", "must be between -180 and 180")
	case n.WithinKm <= 0 || n.WithinKm > MaxNearKm:
		return errs.BadInput(field+".withinKm", "must be more than 0 and at most %d", MaxNearKm)
	}
	return nil
}

// nearClause makes the filter of Near for a kind: a condition on n for a city (which its point
// index answers), else a MATCH of the cities within the radius and of n through its place; and the
// distance to aggregate per entity (an entity in several cities is as near as the nearest).
func nearClause(kind Kind, near Near, params map[string]any) (match, cond, distance string, err error) {
	if err := near.check("filter.near"); err != nil {
		return "", "", "", err
	}
	pattern, ok := locatedThrough[kind]
	if !ok && kind != City {
		return "", "", "", errs.BadInput("filter.near", "%s entities have no location", strings.ToLower(string(kind)))
	}
	params["nearLatitude"], params["nearLongitude"], params["nearMeters"] = near.Latitude, near.Longitude, near.WithinKm*1000
	const origin = "point({latitude: $nearLatitude, longitude: $nearLongitude})"
	if kind == City {
		d := "point.distance(n.location, " + origin + ")"
		return "", d + " <= $nearMeters", "min(" + d + ")", nil
	}
	d := "point.distance(place.location, " + origin + ")"
	return " MATCH (place:City) WHERE " + d + " <= $nearMeters MATCH " + pattern, "", "min(" + d + ")", nil
}

// Location is where an entity is: its own point (a city), or that of the city it is in (Derived).
type Location struct {
	Latitude, Longitude float64
	Derived             bool
	City                string // the ID of the city whose point it is
}

// placesUnion is the body of a subquery that returns, for the entity n, its place: n itself for a
// city, else the city (or cities) of the pattern of its kind.
func placesUnion() string {
	parts := []string{"WITH n WHERE n:City RETURN n AS place"}
	for _, k := range throughKinds() {
		parts = append(parts, "MATCH "+locatedThrough[k]+" RETURN place")
	}
	return strings.Join(parts, "\n  UNION\n  ")
}

// locatedTail finds, for each entity n, its place (the first by ID) and returns the location.
var locatedTail = `
CALL (n) {
  ` + placesUnion() + `
}
WITH n, place WHERE place.location IS NOT NULL
WITH n, place ORDER BY n.id, place.id
WITH n, head(collect(place)) AS place
RETURN n {.id, .kind, .name_en, .name_bg, .name_el} AS node, place.id AS city,
       toFloat(place.latitude) AS latitude, toFloat(place.longitude) AS longitude`

var locationsQuery = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})` + locatedTail

// streamLocationsQuery streams, in ID order, every located entity (or those of $ids).
var streamLocationsQuery = `
MATCH (n:Entity) WHERE n.id IS NOT NULL AND n.kind IN ` + kindList(LocatedKinds()) + ` AND ($ids IS NULL OR n.id IN $ids)
WITH n ORDER BY n.id` + locatedTail

func kindList(ks []Kind) string {
	quoted := make([]string, len(ks))
	for i, k := range ks {
		quoted[i] = "'" + string(k) + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func locationFrom(r *neo4j.Record, id string) Location {
	city, _, _ := neo4j.GetRecordValue[string](r, "city")
	lat, _, _ := neo4j.GetRecordValue[float64](r, "latitude")
	lon, _, _ := neo4j.GetRecordValue[float64](r, "longitude")
	return Location{Latitude: lat, Longitude: lon, City: city, Derived: city != id}
}

// StreamLocations calls f for every located entity (with ids, not nil, only those), in ID order,
// with its names, kind and location.
func (s *Store) StreamLocations(ctx context.Context, ids []string, f func(Node, Location) error) error {
	return s.stream(ctx, "stream_locations", streamLocationsQuery, ids, func(r *neo4j.Record) error {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return err
		}
		return f(n, locationFrom(r, n.ID))
	})
}

// Locations returns the location of each of ids that has one (one query for all). An entity in
// several cities is placed at the first by ID.
func (s *Store) Locations(ctx context.Context, ids []string) (map[string]Location, error) {
	if err := checkIDs("id", ids...); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "locations", locationsQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("locations", err)
	}
	out := make(map[string]Location, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, fmt.Errorf("locations: %w", err)
		}
		out[n.ID] = locationFrom(r, n.ID)
	}
	return out, nil
}

// NearbyQuery asks for the located entities within WithinKm of entity ID's location, nearest
// first: up to First, of Kinds (nil: every located kind), the entity itself excepted.
type NearbyQuery struct {
	ID       string
	WithinKm float64
	Kinds    []Kind
	First    int
}

// NearbyHit is an entity and its distance.
type NearbyHit struct {
	Node       Node
	DistanceKm float64
}

func nearbyQuery(light bool) string {
	around := []string{"RETURN place AS n"}
	var nearer []string // n has a place before this row's: the row is not n's first
	for _, k := range throughKinds() {
		around = append(around, "MATCH "+locatedThrough[k]+" RETURN n")
		nearer = append(nearer, "EXISTS { MATCH "+strings.Replace(locatedThrough[k], "place:City", "other:City", 1)+
			" WHERE point.distance(other.location, origin) < meters OR point.distance(other.location, origin) = meters AND other.id < place.id }")
	}
	// The origin is the entity's location, which Nearby has read (Locations) to tell a missing
	// entity from one without a place. The places are read nearest first, at most MaxNearbyPlaces,
	// and their entities in that order until the page is full (those of one place, at the same
	// distance, as the graph holds them: sorting them by ID would read every entity of a city that
	// has thousands): an entity's first row is at its nearest place, and Neo4j reads no further
	// than the page needs, whatever the radius.
	return `
WITH point({latitude: $latitude, longitude: $longitude}) AS origin
MATCH (place:City WHERE point.distance(place.location, origin) <= $meters)
WITH origin, place, point.distance(place.location, origin) AS meters ORDER BY meters, place.id LIMIT ` + strconv.Itoa(MaxNearbyPlaces) + `
CALL (place) {
  ` + strings.Join(around, "\n  UNION\n  ") + `
}
WITH origin, place, meters, n WHERE n.id <> $id AND ($kinds IS NULL OR n.kind IN $kinds)
  AND NOT (` + strings.Join(nearer, "\n    OR ") + `)
WITH n, meters LIMIT $first
RETURN ` + projection("n", light) + ` AS node, round(meters) / 1000.0 AS km`
}

// MaxNearbyPlaces is the most cities nearby reads the entities of, nearest first.
const MaxNearbyPlaces = 2000

var nearbyQueries = map[bool]string{false: nearbyQuery(false), true: nearbyQuery(true)}

// Nearby returns the entities near q.ID. NOT_FOUND when it does not exist; an input error when it
// has no location.
func (s *Store) Nearby(ctx context.Context, q NearbyQuery, p Projection) ([]NearbyHit, error) {
	if err := checkIDs("id", q.ID); err != nil {
		return nil, err
	}
	if err := (Near{WithinKm: q.WithinKm}).check("nearby"); err != nil {
		return nil, err
	}
	var kinds any // nil: every kind
	if q.Kinds != nil {
		names := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			if !slices.Contains(LocatedKinds(), k) {
				return nil, errs.BadInput("kinds", "%s entities have no location", strings.ToLower(string(k)))
			}
			names[i] = string(k)
		}
		kinds = names
	}
	locs, err := s.Locations(ctx, []string{q.ID})
	if err != nil {
		return nil, err
	}
	origin, ok := locs[q.ID]
	if !ok {
		found, err := s.ExistingIDs(ctx, []string{q.ID})
		switch {
		case err != nil:
			return nil, err
		case !found[q.ID]:
			return nil, fmt.Errorf("%s: %w", q.ID, errs.ErrNotFound)
		}
		return nil, errs.BadInput("id", "%s has no location: no city with coordinates is known for it", q.ID)
	}
	recs, err := s.read(ctx, "nearby", nearbyQueries[p.Light], map[string]any{"id": q.ID, "latitude": origin.Latitude,
		"longitude": origin.Longitude, "meters": q.WithinKm * 1000, "kinds": kinds, "first": q.First})
	if err != nil {
		return nil, mapErr("nearby", err)
	}
	hits := make([]NearbyHit, 0, len(recs))
	for _, r := range recs {
		n, err := nodeFrom(r, "node")
		if err != nil {
			return nil, err
		}
		km, _, _ := neo4j.GetRecordValue[float64](r, "km")
		hits = append(hits, NearbyHit{Node: n, DistanceKm: km})
	}
	return hits, nil
}

// placesOf is placesUnion for entities of one kind: the one pattern of the kind ("" for a kind
// that has no location).
func placesOf(kind Kind) string {
	if kind == City {
		return "WITH n RETURN n AS place"
	}
	if pattern, ok := locatedThrough[kind]; ok {
		return "MATCH " + pattern + " RETURN place"
	}
	return ""
}

// countryOfPlaces is a subquery that binds c, the country of the entity n: the country its place
// (bound by the subquery body places) is LOCATED_IN, or the one n is LOCATED_IN directly.
func countryOfPlaces(places string) string {
	if places == "" {
		return "CALL (n) {\n  MATCH (n)-[:LOCATED_IN]->(c:Country) RETURN c\n}"
	}
	return `CALL (n) {
  CALL (n) {
    ` + places + `
  }
  MATCH (place)-[:LOCATED_IN]->(c:Country) RETURN c
  UNION
  MATCH (n)-[:LOCATED_IN]->(c:Country) RETURN c
}`
}

// countryOf binds c, the country of an entity n of any kind.
var countryOf = countryOfPlaces(placesUnion())

var countriesQuery = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
` + countryOf + `
WITH n, c ORDER BY c.id
WITH n, head(collect(c)) AS c
RETURN n.id AS id, ` + projection("c", true) + ` AS country`

// Countries returns the country each of ids is in (the country of its place, or the one it is
// LOCATED_IN directly; the first by ID if several), light, in one query.
func (s *Store) Countries(ctx context.Context, ids []string) (map[string]Node, error) {
	if err := checkIDs("id", ids...); err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "countries", countriesQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, mapErr("countries", err)
	}
	out := make(map[string]Node, len(recs))
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		c, err := nodeFrom(r, "country")
		if err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, nil
}
