package server_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"urbangraph/internal/neo4jtest"
	"urbangraph/internal/searchquality"
	"urbangraph/internal/store"
)

// haversineKm is the great-circle distance on a sphere of the Earth's mean radius: the test's own
// computation, against which the store's (Neo4j's point.distance) is checked.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371.0088 * math.Asin(math.Sqrt(a))
}

func num(v any) float64 { f, _ := v.(float64); return f }

// With the gazetteer loaded as `make run` loads it: locations, near and nearby, with distances.
func TestGeographyAnswersWithDistances(t *testing.T) {
	s := neo4jtest.WithReference(t)
	srv := newServer(t, s)
	t.Run("Stara Zagora is about 80 km from Plovdiv as the crow flies", func(t *testing.T) { nearbyMeasuresTheDistance(t, srv, s) })
	t.Run("near filters lists through their city and sorts by distance", func(t *testing.T) { nearFiltersListsThroughTheirCity(t, srv, s) })
	t.Run("the GeoJSON export is valid GeoJSON with every located entity", func(t *testing.T) { geoJSONHasEveryLocatedEntity(t, srv, s) })
	t.Run("facets count the whole filtered list in one query, named in the asked language", func(t *testing.T) { facetsCountTheFilteredList(t, srv, s) })
	t.Run("search ranks the right city first in every script, homonyms by population, and says the country", func(t *testing.T) { searchRanksTheRightCityFirst(t, srv, s) })
	t.Run("bad geography is a clear input error", func(t *testing.T) { badGeographyIsAnInputError(t, srv, s) })
}

func nearbyMeasuresTheDistance(t *testing.T, srv *httptest.Server, s *store.Store) {
	d := must(t, gql(t, srv.URL, `{
		sz: city(id: "city:stara-zagora") { location { latitude longitude derived cityId } }
		pd: city(id: "city:plovdiv") { location { latitude longitude } }
		nearby(id: "city:stara-zagora", kinds: [CITY], withinKm: 100, first: 100) { distanceKm node { id kind } }
	}`, nil))
	if at(d, "sz", "location", "derived") != false || at(d, "sz", "location", "cityId") != "city:stara-zagora" {
		t.Errorf("Stara Zagora's location: %v", at(d, "sz", "location"))
	}
	want := haversineKm(num(at(d, "sz", "location", "latitude")), num(at(d, "sz", "location", "longitude")),
		num(at(d, "pd", "location", "latitude")), num(at(d, "pd", "location", "longitude")))
	var got float64
	last := -1.0
	for _, h := range at(d, "nearby").([]any) {
		km := num(at(h, "distanceKm"))
		if km < last || km > 100 || at(h, "node", "kind") != "CITY" || at(h, "node", "id") == "city:stara-zagora" {
			t.Errorf("nearby hit out of order, too far, not a city or the city itself: %v", h)
		}
		last = km
		if at(h, "node", "id") == "city:plovdiv" {
			got = km
		}
	}
	if math.Abs(got-80) > 2 || math.Abs(got-want) > 0.5 {
		t.Errorf("Stara Zagora to Plovdiv: %.2f km, want about 80 (%.2f by haversine)", got, want)
	}
}

func nearFiltersListsThroughTheirCity(t *testing.T, srv *httptest.Server, s *store.Store) {
	d := must(t, gql(t, srv.URL, `{
		cities(filter: {near: {latitude: 40.64361, longitude: 22.93086, withinKm: 15}}, sort: DISTANCE_ASC, first: 100) {
			totalCount edges { distanceKm node { id } } }
		organisations(filter: {near: {latitude: 40.64361, longitude: 22.93086, withinKm: 15}}, sort: DISTANCE_ASC) {
			edges { distanceKm node { id location { derived cityId } } } }
		far: organisations(filter: {near: {latitude: 48.2, longitude: 16.37, withinKm: 50}}) { totalCount }
		plain: cities(first: 1) { edges { distanceKm } }
	}`, nil))
	edges := at(d, "cities", "edges").([]any)
	if len(edges) == 0 || int(num(at(d, "cities", "totalCount"))) != len(edges) {
		t.Fatalf("%d cities near Thessaloniki, totalCount %v", len(edges), at(d, "cities", "totalCount"))
	}
	var ids []any
	for i, e := range edges {
		if i > 0 && num(at(e, "distanceKm")) < num(at(edges[i-1], "distanceKm")) || num(at(e, "distanceKm")) > 15 {
			t.Errorf("edge %d: %v", i, e)
		}
		ids = append(ids, at(e, "node", "id"))
	}
	if ids[0] != "city:thessaloniki" || !slices.Contains(ids, "city:kalamaria") {
		t.Errorf("cities near Thessaloniki: %v", ids)
	}
	org := at(d, "organisations", "edges", 0)
	if at(org, "node", "id") != "org:thessaloniki-municipality" || at(org, "node", "location", "derived") != true ||
		at(org, "node", "location", "cityId") != "city:thessaloniki" || num(at(org, "distanceKm")) > 1 {
		t.Errorf("the organisation nearest to Thessaloniki's centre: %v", org)
	}
	if num(at(d, "far", "totalCount")) != 0 || at(d, "plain", "edges", 0, "distanceKm") != nil {
		t.Errorf("near Vienna: %v organisations; an edge without near has distance %v", at(d, "far", "totalCount"), at(d, "plain", "edges", 0, "distanceKm"))
	}
}

func geoJSONHasEveryLocatedEntity(t *testing.T, srv *httptest.Server, s *store.Store) {
	resp, err := http.Get(srv.URL + "/export/graph.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatalf("not GeoJSON: %v", err)
	}
	byID := map[string]*geojson.Feature{}
	for _, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok || p.Lon() < -180 || p.Lon() > 180 || p.Lat() < -90 || p.Lat() > 90 || f.ID != f.Properties["id"] {
			t.Fatalf("bad feature %v %v", f.ID, f.Geometry)
		}
		byID[f.Properties.MustString("id")] = f
	}
	d := must(t, gql(t, srv.URL, `{ stats { byKind { kind count } } }`, nil))
	for _, kc := range at(d, "stats", "byKind").([]any) {
		if at(kc, "kind") == "CITY" && int(num(at(kc, "count"))) > len(byID) {
			t.Errorf("%d features for %v cities", len(byID), at(kc, "count"))
		}
	}
	sz := byID["city:stara-zagora"]
	if sz == nil || sz.Geometry.(orb.Point) != (orb.Point{25.64262, 42.43205}) || sz.Properties["derived"] != false ||
		sz.Properties["kind"] != "CITY" || sz.Properties.MustString("name") != "Stara Zagora" {
		t.Errorf("Stara Zagora's feature: %+v", sz)
	}
	org := byID["org:thessaloniki-municipality"]
	if org == nil || org.Properties["derived"] != true || org.Properties["city"] != "city:thessaloniki" ||
		org.Geometry.(orb.Point) != byID["city:thessaloniki"].Geometry.(orb.Point) {
		t.Errorf("Thessaloniki Municipality's feature: %+v", org)
	}
	if byID["domain:agriculture"] != nil || byID["country:greece"] != nil {
		t.Error("a domain or a country has a feature")
	}
}

func facetsCountTheFilteredList(t *testing.T, srv *httptest.Server, s *store.Store) {
	before := s.RoundTrips()
	d := must(t, gql(t, srv.URL, `{ organisations(first: 1) { totalCount facets(lang: BG) {
		countries { key name count } cities { key name count } categories { key name count } years { key name count } } } }`, nil))
	if trips := s.RoundTrips() - before; trips != 2 { // totalCount, facets (compiled reads read no page nobody asked for)
		t.Errorf("%d round trips, want 2", trips)
	}
	f := at(d, "organisations", "facets")
	buckets := func(facet string) map[string]string {
		out := map[string]string{}
		for _, b := range at(f, facet).([]any) {
			out[at(b, "key").(string)] = fmt.Sprintf("%v %v", at(b, "name"), at(b, "count"))
		}
		return out
	}
	want := map[string]map[string]string{
		"countries":  {"country:bulgaria": "България 2", "country:greece": "Гърция 1"},
		"cities":     {"city:plovdiv": "Пловдив 1", "city:stara-zagora": "Стара Загора 1", "city:thessaloniki": "Солун 1"},
		"categories": {"MUNICIPALITY": "Община 3", "MINISTRY": "Министерство 2", "ACADEMIA": "Академична общност 1", "COMPANY": "Компания 1", "OTHER": "Друга 1", "START_UP": "Стартъп 1"},
	}
	for facet, w := range want {
		if got := buckets(facet); !maps.Equal(got, w) {
			t.Errorf("%s: %v, want %v", facet, got, w)
		}
	}
	// The four founders of the centre founded it in 2020.
	if got := buckets("years"); got["2020"] != "2020 4" {
		t.Errorf("years: %v", got)
	}

	d = must(t, gql(t, srv.URL, `{
		cities(first: 2, filter: {near: {latitude: 42.69751, longitude: 23.32415, withinKm: 150}}) { totalCount facets(first: 100) { countries { key count } } }
		stats { byCountry(first: 3) { key name count } } }`, nil))
	sum := 0
	for _, b := range at(d, "cities", "facets", "countries").([]any) {
		sum += int(num(at(b, "count")))
	}
	if total := int(num(at(d, "cities", "totalCount"))); sum != total || total < 10 {
		t.Errorf("cities within 150 km of Sofia: %d by country, %d in all", sum, total)
	}
	if top := at(d, "stats", "byCountry", 0); at(top, "key") != "country:germany" || num(at(top, "count")) != 1139 || at(top, "name") != "Germany" {
		t.Errorf("the country with most entities: %v", top)
	}
}

func searchRanksTheRightCityFirst(t *testing.T, srv *httptest.Server, s *store.Store) {
	d := must(t, gql(t, srv.URL, `{
		dimitrovgrad: search(query: "Dimitrovgrad", kinds: [CITY], first: 2) { node { id } country { id } }
		solun: search(query: "Солун", first: 1) { node { id } matched country { id name(lang: BG) } }
		sz: search(query: "Стара Загора", first: 1) { node { id } country { id } }
		athens: search(query: "Αθήνα", first: 1) { node { id } country { id } }
	}`, nil))
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"dimitrovgrad", 0, "node", "id"}, "city:dimitrovgrad"}, {[]any{"dimitrovgrad", 0, "country", "id"}, "country:russian-federation"},
		{[]any{"dimitrovgrad", 1, "node", "id"}, "city:dimitrovgrad-bg"}, {[]any{"dimitrovgrad", 1, "country", "id"}, "country:bulgaria"},
		{[]any{"solun", 0, "node", "id"}, "city:thessaloniki"}, {[]any{"solun", 0, "country", "name"}, "Гърция"},
		{[]any{"sz", 0, "node", "id"}, "city:stara-zagora"}, {[]any{"sz", 0, "country", "id"}, "country:bulgaria"},
		{[]any{"athens", 0, "node", "id"}, "city:athens"}, {[]any{"athens", 0, "country", "id"}, "country:greece"},
	} {
		if got := at(d, c.path...); got != c.want {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
	// Every tenth city of the gazetteer, each of its names: the full run is make search-report.
	cases, err := searchquality.Cases(filepath.Join(neo4jtest.RepoRoot(), "data", "reference"), 10)
	if err != nil {
		t.Fatal(err)
	}
	r, err := searchquality.Run(context.Background(), s, cases)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rate() < 0.98 || r.Cases < 800 {
		t.Errorf("%d of %d names find their city first (%.2f %%), want 98 %%; misses: %v", r.RuleHits, r.Cases, 100*r.Rate(), r.Misses)
	}
}

func badGeographyIsAnInputError(t *testing.T, srv *httptest.Server, s *store.Store) {
	for q, code := range map[string]string{
		`{ domains(filter: {near: {latitude: 40, longitude: 22, withinKm: 5}}) { totalCount } }`: "BAD_USER_INPUT",
		`{ cities(sort: DISTANCE_ASC) { totalCount } }`:                                          "BAD_USER_INPUT",
		`{ cities(filter: {near: {latitude: 91, longitude: 22, withinKm: 5}}) { totalCount } }`:  "BAD_USER_INPUT",
		`{ cities(filter: {near: {latitude: 40, longitude: 22, withinKm: 0}}) { totalCount } }`:  "BAD_USER_INPUT",
		`{ nearby(id: "domain:agriculture") { distanceKm } }`:                                    "BAD_USER_INPUT",
		`{ nearby(id: "city:atlantis") { distanceKm } }`:                                         "NOT_FOUND",
		`{ nearby(id: "city:sofia", kinds: [DOMAIN]) { distanceKm } }`:                           "BAD_USER_INPUT",
		`{ nearby(id: "city:sofia", first: 101) { distanceKm } }`:                                "BAD_USER_INPUT",
	} {
		if got := gql(t, srv.URL, q, nil).codes(); !slices.Equal(got, []string{code}) {
			t.Errorf("%s: codes %v, want %s", q, got, code)
		}
	}
}
